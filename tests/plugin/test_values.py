"""Wire values ↔ the shared implementation's bags: names, unknowns, secrets and problem paths."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from pulumi.provider.experimental.property_value import Computed, PropertyValue
from pulumi.runtime import rpc

from pulumi_workspaces_instances.plugin import description
from pulumi_workspaces_instances.plugin.values import (
    rename_python,
    to_core,
    to_python,
    to_wire,
    unknown_names,
    wire_path,
)

INSTANCE = description.resource("workspacesinstances:index:WorkspaceInstance").record()


def _wire_inputs() -> dict[str, PropertyValue]:
    return {
        "managedInstance": PropertyValue(
            {
                "imageId": PropertyValue("ami-0123456789abcdef0"),
                "instanceType": PropertyValue(Computed()),
                "userData": PropertyValue("c2VjcmV0", is_secret=True),
                "blockDeviceMappings": PropertyValue(
                    [PropertyValue({"ebs": PropertyValue({"volumeSize": PropertyValue(80.0)})})]
                ),
            }
        ),
        "tags": PropertyValue({"cost_center": PropertyValue("cc-1", is_secret=True)}),
        "billingMode": PropertyValue("MONTHLY"),
        "__defaults": PropertyValue([PropertyValue("region")]),
    }


def test_wire_names_become_the_implementations_and_back() -> None:
    core, secret = to_core(_wire_inputs(), INSTANCE)
    assert core["managed_instance"]["ImageId"] == "ami-0123456789abcdef0"
    assert core["managed_instance"]["InstanceType"] == rpc.UNKNOWN
    assert core["managed_instance"]["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"] == 80.0
    assert core["tags"] == {"cost_center": "cc-1"}  # map keys are the user's: never renamed
    assert core["billing_mode"] == "MONTHLY"
    assert core["__defaults"] == ["region"]
    assert secret == {("managed_instance", "UserData"), ("tags", "cost_center")}

    wire = to_wire({**core, "adopt_id": None}, INSTANCE, secret)
    assert "adoptId" not in wire and "adopt_id" not in wire  # not part of this face
    managed = wire["managedInstance"].value
    assert isinstance(managed, Mapping)
    assert not wire["managedInstance"].is_secret
    assert managed["userData"].is_secret and managed["userData"].value == "c2VjcmV0"
    assert not managed["imageId"].is_secret
    assert managed["instanceType"].value == rpc.UNKNOWN
    tags = wire["tags"].value
    assert isinstance(tags, Mapping) and tags["cost_center"].is_secret
    assert wire["billingMode"].value == "MONTHLY"


def test_described_secrets_are_secret_even_when_they_came_in_plain() -> None:
    wire = to_wire({"client_token": "token", "__seed": "abc", "region": "us-east-1"}, INSTANCE)
    assert wire["clientToken"].is_secret
    assert wire["__seed"].is_secret
    assert not wire["region"].is_secret


def test_unknown_names_are_found() -> None:
    assert unknown_names({"biling": PropertyValue("x"), "__seed": PropertyValue("s")}, INSTANCE) == ["biling"]


def test_problem_paths_are_given_in_wire_names() -> None:
    assert (
        wire_path("managed_instance.MetadataOptions.HttpTokens", INSTANCE)
        == "managedInstance.metadataOptions.httpTokens"
    )
    assert (
        wire_path("managed_instance.BlockDeviceMappings[0].Ebs.VolumeSize", INSTANCE)
        == "managedInstance.blockDeviceMappings[0].ebs.volumeSize"
    )
    assert wire_path("tags.aws:x.y", INSTANCE) == "tags.aws:x.y"
    assert wire_path("timeouts.create", INSTANCE) == "timeouts.create"
    assert wire_path("", INSTANCE) == ""


def test_python_values_are_renamed_both_ways_and_map_keys_stay() -> None:
    record = description.resource("workspacesinstances:index:WorkspaceInstance").record()
    field = record.field_of("managed_instance")
    assert field is not None
    python = {
        "ImageId": "ami-1",
        "MetadataOptions": {"HttpTokens": "required"},
        "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "a_b", "Value": "c"}]}],
    }
    wire = rename_python(python, field.type, to_wire=True)
    assert wire == {
        "imageId": "ami-1",
        "metadataOptions": {"httpTokens": "required"},
        "tagSpecifications": [{"resourceType": "instance", "tags": [{"key": "a_b", "value": "c"}]}],
    }
    assert rename_python(wire, field.type, to_wire=False) == python
    tags = record.field_of("tags")
    assert tags is not None
    assert rename_python({"cost_center": "x"}, tags.type, to_wire=True) == {"cost_center": "x"}


def test_construct_inputs_become_python_arguments_with_outputs_where_needed() -> None:
    component = description.component()

    async def convert() -> tuple[dict[str, Any], bool, bool, Any]:
        arguments = to_python(
            {
                "imageId": PropertyValue("ami-0123456789abcdef0"),
                "rootVolume": PropertyValue({"volumeSize": PropertyValue(100.0)}),
                "userData": PropertyValue("c2VjcmV0", is_secret=True),
                "instanceType": PropertyValue(Computed()),
            },
            component.inputs,
        )
        user_data = arguments["user_data"]
        instance_type = arguments["instance_type"]
        return (
            arguments,
            await user_data.is_secret(),
            await instance_type.is_known(),
            await user_data.future(),
        )

    loop = asyncio.new_event_loop()
    try:
        arguments, secret, known, user_data = loop.run_until_complete(convert())
    finally:
        loop.close()
    assert arguments["image_id"] == "ami-0123456789abcdef0"
    assert arguments["root_volume"] == {"volume_size": 100} and isinstance(
        arguments["root_volume"]["volume_size"], int
    )
    assert secret and user_data == "c2VjcmV0"
    assert not known
