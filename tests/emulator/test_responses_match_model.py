"""Every operation in each wire protocol, each raw response checked against the model's output shape."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pulumi_workspaces_instances.emulator.core import cbor
from pulumi_workspaces_instances.emulator.core.model import operation, operation_names
from pulumi_workspaces_instances.emulator.core.validation import violations
from tests.conftest import settled
from tests.emulator.conftest import WINDOWS_AMI, ClientFactory


def test_all_operations_answer_what_the_model_describes(make_client: ClientFactory, protocol: str) -> None:
    client = make_client(protocol=protocol)
    bodies: dict[str, Any] = {}
    read = json.loads if protocol == "json" else cbor.decode

    def capture(operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
        if response_dict["status_code"] == 200:
            bodies[operation_model.name] = read(response_dict["body"]) if response_dict["body"] else {}

    client.meta.events.register("before-parse.workspaces-instances.*", capture)

    regions = client.list_regions(MaxResults=5)
    assert regions["Regions"][0]["RegionName"]
    types = client.list_instance_types(
        InstanceConfigurationFilter={"BillingMode": "MONTHLY", "PlatformType": "Windows", "Tenancy": "SHARED"}
    )
    assert types["InstanceTypes"]
    created = client.create_workspace_instance(
        ManagedInstance={
            "ImageId": WINDOWS_AMI,
            "InstanceType": "m5.large",
            "Placement": {"AvailabilityZone": "us-east-1a"},
        },
        BillingConfiguration={"BillingMode": "MONTHLY"},
        Tags=[{"Key": "team", "Value": "desktops"}],
    )
    instance_id = created["WorkspaceInstanceId"]
    got = settled(client, instance_id)
    assert got["ProvisionState"] == "ALLOCATED"
    assert client.list_workspace_instances()["WorkspaceInstances"][0]["WorkspaceInstanceId"] == instance_id
    client.tag_resource(WorkspaceInstanceId=instance_id, Tags=[{"Key": "env", "Value": "dev"}])
    client.untag_resource(WorkspaceInstanceId=instance_id, TagKeys=["team"])
    assert client.list_tags_for_resource(WorkspaceInstanceId=instance_id)["Tags"] == [
        {"Key": "env", "Value": "dev"}
    ]
    volume_id = client.create_volume(AvailabilityZone="us-east-1a", SizeInGB=50, VolumeType="gp3")["VolumeId"]
    client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id, Device="/dev/sdf")
    modified = client.modify_volume(VolumeId=volume_id, SizeInGB=100)
    assert modified["TargetSize"] == 100
    client.disassociate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id)
    client.delete_volume(VolumeId=volume_id)
    client.delete_workspace_instance(WorkspaceInstanceId=instance_id)

    assert sorted(bodies) == sorted(operation_names())
    for name, body in bodies.items():
        output_shape = operation(name).output_shape
        assert violations(body, output_shape) == [], name


@pytest.mark.parametrize("name", operation_names())
def test_every_operation_is_served(name: str) -> None:
    from pulumi_workspaces_instances.emulator.operations import HANDLERS

    assert name in HANDLERS


def test_every_ec2_action_served_is_one_of_ec2s_model() -> None:
    from pulumi_workspaces_instances.emulator.core.model import ec2_service_model
    from pulumi_workspaces_instances.emulator.operations import EC2_HANDLERS

    assert set(EC2_HANDLERS) <= set(ec2_service_model().operation_names)
    assert {"DescribeImages", "GetManagedResourceVisibility", "ModifyManagedResourceVisibility"} <= set(
        EC2_HANDLERS
    )
