"""The read-only listing: desktops with their tags and EC2 instance, volumes with their attachments."""

from __future__ import annotations

from typing import Any

from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.cli.inventory import read_inventory
from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import settled, wait_for


def test_the_inventory_lists_desktops_and_volumes_with_read_only_calls(
    wsi_client: WorkspacesInstancesClient, aws_env: Emulator
) -> None:
    instance_id = wsi_client.create_workspace_instance(
        ManagedInstance={"ImageId": "ami-0a1b2c3d4e5f60001", "InstanceType": "t3.medium"},
        Tags=[{"Key": "Name", "Value": "alice"}],
    )["WorkspaceInstanceId"]
    ec2_instance = settled(wsi_client, instance_id)["EC2ManagedInstance"]["InstanceId"]
    volume_id = wsi_client.create_volume(AvailabilityZone="us-east-1a", SizeInGB=10)["VolumeId"]
    before = len(aws_env.calls())

    inventory = wait_for(lambda: _with_volume(volume_id), f"{volume_id} listed")

    [desktop] = inventory.desktops
    assert (desktop.instance_id, desktop.state, desktop.ec2_instance_id) == (
        instance_id,
        "ALLOCATED",
        ec2_instance,
    )
    assert desktop.tags == {"Name": "alice"}
    roots = [v for v in inventory.volumes if v.attachments]
    assert [(a.ec2_instance_id, a.delete_on_termination) for v in roots for a in v.attachments] == [
        (ec2_instance, True)
    ]
    operations = {call["operation"] for call in aws_env.calls()[before:]}
    assert operations == {"ListWorkspaceInstances", "ListTagsForResource", "DescribeVolumes"}


def _with_volume(volume_id: str) -> Any:
    inventory = read_inventory("us-east-1")
    return inventory if volume_id in {v.volume_id for v in inventory.volumes} else None
