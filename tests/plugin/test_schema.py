"""The plugin's schema: generated from the one description, checked in, and covering the model."""

from __future__ import annotations

import json
from typing import Any

from botocore.model import ListShape, Shape, StringShape, StructureShape

from pulumi_workspaces_instances.plugin import description, schema
from pulumi_workspaces_instances.provider.aws.model import managed_instance_shape, member_shape

PREFIX = "workspacesinstances:index:"


def _schema() -> dict[str, Any]:
    return json.loads(schema.render())


def _type(document: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    while "items" in ref:
        ref = ref["items"]
    return dict(document["types"][ref["$ref"].removeprefix("#/types/")])


def test_regenerating_the_checked_in_schema_changes_nothing() -> None:
    assert schema.SCHEMA_FILE.read_text() == schema.render(), (
        "plugin/schema.json is out of date: run python -m pulumi_workspaces_instances.plugin.schema"
    )
    assert schema.main(["--check"]) == 0


def test_every_managed_instance_member_of_the_installed_model_is_in_the_schema() -> None:
    document = _schema()
    seen: list[str] = []

    def walk(shape: Shape, spec: dict[str, Any], path: str) -> None:
        if isinstance(shape, ListShape):
            walk(shape.member, spec, path + "[]")
            return
        if not isinstance(shape, StructureShape):
            return
        properties = spec["properties"]
        for name, member in shape.members.items():
            wire = description.camel(name)
            assert wire in properties, f"{path}.{name} is missing from the schema"
            seen.append(f"{path}.{wire}")
            if isinstance(member, StructureShape | ListShape) and "$ref" in json.dumps(properties[wire]):
                walk(member, _type(document, properties[wire]), f"{path}.{wire}")

    walk(managed_instance_shape(), document["types"][PREFIX + "ManagedInstance"], "managedInstance")
    # Members CloudFormation's resource lacks are here too (cloudformation-coverage-roadmap#2471).
    assert "managedInstance.networkInterfaces[].associatePublicIpAddress" in seen
    assert len(seen) > 100


def test_secret_members_are_marked_in_the_schema() -> None:
    document = _schema()
    instance = document["resources"][PREFIX + "WorkspaceInstance"]
    assert instance["inputProperties"]["clientToken"]["secret"] is True
    assert document["types"][PREFIX + "ManagedInstance"]["properties"]["userData"]["secret"] is True
    assert document["types"][PREFIX + "EbsBlockDevice"]["properties"]["kmsKeyId"]["secret"] is True
    volume = document["resources"][PREFIX + "Volume"]
    assert volume["inputProperties"]["kmsKeyId"]["secret"] is True


def test_enums_and_required_inputs_come_from_the_model_and_the_python_face() -> None:
    document = _schema()
    billing = document["types"][PREFIX + "BillingMode"]
    shape = member_shape("CreateWorkspaceInstance", "BillingConfiguration.BillingMode")
    assert isinstance(shape, StringShape)
    expected = list(shape.enum)
    assert [value["value"] for value in billing["enum"]] == expected
    assert document["resources"][PREFIX + "WorkspaceInstance"]["requiredInputs"] == ["managedInstance"]
    assert document["resources"][PREFIX + "VolumeAttachment"]["requiredInputs"] == [
        "device",
        "volumeId",
        "workspaceInstanceId",
    ]
    function = document["functions"][PREFIX + "getInstanceTypes"]
    assert set(function["inputs"]["properties"]) == {"billingMode", "platformType", "tenancy", "region"}
    assert set(function["outputs"]["properties"]) == {"instanceTypes", "names"}


def test_descriptions_name_the_wire_properties_not_the_python_ones() -> None:
    text = schema.render()
    for python_name in ("`size_in_gb`", "`workspace_instance_id`", "`managed_instance`"):
        assert python_name not in text


def test_enum_value_names_are_identifiers() -> None:
    assert schema.enum_value_name("NO_FORCE") == "NoForce"
    assert schema.enum_value_name("Linux/UNIX") == "LinuxUnix"
    assert schema.enum_value_name("gp3") == "Gp3"
