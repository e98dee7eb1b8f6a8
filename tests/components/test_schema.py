"""The component's schema as the Pulumi SDK infers it (``pulumi.provider.experimental``).

That inference is how a Python component is served to programs in other languages: it reads the
annotations of ``Workspace.__init__``'s ``args`` and of the class's Outputs at runtime. These tests
run the SDK's own analyzer and component provider, not a reimplementation.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

import pytest
from pulumi.provider.experimental.analyzer import Analyzer, AnalyzeResult, PropertyType
from pulumi.provider.experimental.component import ComponentProvider

from pulumi_workspaces_instances.components import Workspace, WorkspaceArgs, use_instance_type_lookup
from pulumi_workspaces_instances.components import args as args_module
from pulumi_workspaces_instances.components.workspace import TYPE_TOKEN
from tests.components.conftest import ProgramRunner

#: The package name that makes the served type token the component's own.
PACKAGE, _, COMPONENT = TYPE_TOKEN.partition(":index:")
IMAGE = "ami-0a1b2c3d4e5f60001"


def ref(name: str) -> str:
    return f"#/types/{PACKAGE}:index:{name}"


@pytest.fixture(scope="module")
def analyzed() -> AnalyzeResult:
    return Analyzer(PACKAGE).analyze([Workspace])


def test_the_inferred_component_has_the_components_type_token(analyzed: AnalyzeResult) -> None:
    assert list(analyzed["component_definitions"]) == [COMPONENT]


def test_inputs_are_the_arguments_with_their_types(analyzed: AnalyzeResult) -> None:
    inputs = analyzed["component_definitions"][COMPONENT].inputs

    image_id = inputs["imageId"]
    assert (image_id.type, image_id.optional, image_id.ref) == (PropertyType.STRING, False, None)
    assert image_id.description == "AMI ID (``ami-…``). Required."
    assert (inputs["instanceType"].type, inputs["instanceType"].optional) == (PropertyType.STRING, False)
    assert (inputs["billingMode"].type, inputs["billingMode"].optional) == (PropertyType.STRING, True)
    assert inputs["validateInstanceType"].type == PropertyType.BOOLEAN
    assert inputs["validateInstanceType"].plain is True  # a plain bool, not an Input
    assert inputs["ipv6AddressCount"].type == PropertyType.INTEGER

    root_volume = inputs["rootVolume"]
    assert (root_volume.ref, root_volume.optional) == (ref("RootVolumeArgs"), True)
    extra_volumes = inputs["extraVolumes"]
    assert extra_volumes.type == PropertyType.ARRAY
    assert extra_volumes.items is not None and extra_volumes.items.ref == ref("BlockDeviceArgs")
    groups = inputs["securityGroupIds"]
    assert groups.type == PropertyType.ARRAY
    assert groups.items is not None and groups.items.type == PropertyType.STRING
    tags = inputs["tags"]
    assert tags.type == PropertyType.OBJECT
    assert tags.additional_properties is not None and tags.additional_properties.type == PropertyType.STRING
    overrides = inputs["managedInstanceOverrides"]
    assert overrides.additional_properties is not None
    assert overrides.additional_properties.ref == "pulumi.json#/Any"
    # Every argument, and nothing else (the test seam and the child are not inputs).
    assert len(inputs) == len(analyzed["component_definitions"][COMPONENT].inputs_mapping) == 44
    assert (inputs["adoptId"].type, inputs["adoptId"].optional) == (PropertyType.STRING, True)


def test_nested_args_are_types_with_their_fields(analyzed: AnalyzeResult) -> None:
    types = analyzed["type_definitions"]
    root = types["RootVolumeArgs"].properties
    # Inherited from EbsArgs, plus its own device name.
    assert {"volumeSize", "volumeType", "kmsKeyId", "encrypted", "iops", "throughput", "deviceName"} == set(
        root
    )
    assert root["volumeSize"].type == PropertyType.INTEGER
    block_device = types["BlockDeviceArgs"].properties
    assert (block_device["deviceName"].type, block_device["deviceName"].optional) == (
        PropertyType.STRING,
        False,
    )
    assert block_device["ebs"].ref == ref("EbsArgs")
    spot = types["SpotOptionsArgs"].properties
    assert spot["validUntilUtc"].type == PropertyType.STRING  # a datetime is sent as ISO 8601
    interface = types["NetworkInterfaceArgs"].properties
    assert interface["privateIpAddresses"].items is not None
    assert interface["privateIpAddresses"].items.ref == ref("PrivateIpAddressArgs")


def test_an_argument_is_required_in_the_schema_exactly_when_python_requires_it(
    analyzed: AnalyzeResult,
) -> None:
    # The analyzer reads only annotations: a field with a default must say "| None" to be optional,
    # or programs in other languages would have to pass it.
    component = analyzed["component_definitions"][COMPONENT]
    definitions = [(WorkspaceArgs, component.inputs, component.inputs_mapping)] + [
        (getattr(args_module, name), d.properties, d.properties_mapping)
        for name, d in analyzed["type_definitions"].items()
    ]
    for cls, properties, mapping in definitions:
        by_name = {f.name: f for f in fields(cls)}
        for schema_name, prop in properties.items():
            f = by_name[mapping[schema_name]]
            has_default = f.default is not MISSING or f.default_factory is not MISSING
            assert prop.optional == has_default, f"{cls.__name__}.{f.name}"


def test_outputs_are_exactly_the_components_outputs(analyzed: AnalyzeResult) -> None:
    outputs = analyzed["component_definitions"][COMPONENT].outputs
    assert {name: (prop.type, prop.optional) for name, prop in outputs.items()} == {
        "workspaceInstanceId": (PropertyType.STRING, False),
        "ec2InstanceId": (PropertyType.STRING, True),
        "provisionState": (PropertyType.STRING, False),
        "billingMode": (PropertyType.STRING, True),
        "managedInstance": (PropertyType.OBJECT, False),
        # The EC2 view (read at create and refresh).
        "privateIp": (PropertyType.STRING, True),
        "publicIp": (PropertyType.STRING, True),
        "availabilityZone": (PropertyType.STRING, True),
        "ec2Instance": (PropertyType.OBJECT, True),
    }


def test_the_served_component_builds_the_same_child(run_program: ProgramRunner) -> None:
    """What another language's program would do: construct by type token with camelCase inputs."""
    provider = ComponentProvider([Workspace], PACKAGE)
    inputs = {
        "imageId": IMAGE,
        "instanceType": "m5.large",
        "rootVolume": {"volumeSize": 80.0, "volumeType": "gp3"},
        "extraVolumes": [{"deviceName": "/dev/xvdf", "ebs": {"volumeSize": 10.0}}],
        "tags": {"team": "desktops"},
        "validateInstanceType": False,
    }

    def program() -> dict[str, Any]:
        with use_instance_type_lookup(lambda **_: []):
            result = provider.construct("desk", TYPE_TOKEN, inputs)
        return {"urn": result.urn, **result.state}

    run = run_program(program)

    managed = run.outputs["managedInstance"].value
    assert managed["BlockDeviceMappings"] == [
        {"DeviceName": "/dev/sda1", "Ebs": {"Encrypted": True, "VolumeSize": 80, "VolumeType": "gp3"}},
        {"DeviceName": "/dev/xvdf", "Ebs": {"Encrypted": True, "VolumeSize": 10}},
    ]
    assert run.child().name == "desk"
    assert run.outputs["urn"].value == run.urn_of(run.registration(TYPE_TOKEN))
