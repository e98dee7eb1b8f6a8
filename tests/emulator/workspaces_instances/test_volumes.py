"""Volumes: create, associate, modify, disassociate, delete, and the state rules between them."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import settled
from tests.emulator.conftest import WINDOWS_AMI, client_for, create_instance


@pytest.fixture
def instance_id(client: Any) -> str:
    """An ALLOCATED instance in us-east-1a."""
    created = create_instance(
        client,
        ManagedInstance={
            "ImageId": WINDOWS_AMI,
            "InstanceType": "m5.large",
            "Placement": {"AvailabilityZone": "us-east-1a"},
        },
    )
    assert settled(client, created)["ProvisionState"] == "ALLOCATED"
    return created


def _volume(client: Any, zone: str = "us-east-1a", **extra: Any) -> str:
    return str(client.create_volume(AvailabilityZone=zone, SizeInGB=20, **extra)["VolumeId"])


def test_volume_round_trip(client: Any, instance_id: str) -> None:
    volume_id = _volume(
        client, TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "a", "Value": "b"}]}]
    )
    assert volume_id.startswith("vol-")
    client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id, Device="/dev/sdf")
    with pytest.raises(client.exceptions.ConflictException):
        client.delete_volume(VolumeId=volume_id)
    client.disassociate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id, Device="/dev/sdf")
    client.delete_volume(VolumeId=volume_id)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_volume(VolumeId=volume_id)


def test_create_volume_rules(client: Any) -> None:
    with pytest.raises(client.exceptions.ValidationException, match="AvailabilityZone"):
        _volume(client, zone="eu-west-1a")
    with pytest.raises(client.exceptions.ValidationException, match="SizeInGB"):
        client.create_volume(AvailabilityZone="us-east-1a")
    with pytest.raises(client.exceptions.ValidationException, match="Iops"):
        _volume(client, VolumeType="io2")
    assert client.create_volume(AvailabilityZone="us-east-1b", SnapshotId="snap-0abc")["VolumeId"]


def test_create_volume_is_idempotent_with_a_client_token(client: Any) -> None:
    first = _volume(client, ClientToken="vol-token-1")
    assert _volume(client, ClientToken="vol-token-1") == first
    with pytest.raises(client.exceptions.ConflictException):
        client.create_volume(AvailabilityZone="us-east-1a", SizeInGB=30, ClientToken="vol-token-1")


def test_association_needs_an_allocated_instance_in_the_same_zone(client: Any, instance_id: str) -> None:
    failed = create_instance(client, ManagedInstance={"ImageId": WINDOWS_AMI, "InstanceType": "x9.none"})
    assert settled(client, failed)["ProvisionState"] == "ERROR_ALLOCATING"
    volume_id = _volume(client)
    with pytest.raises(client.exceptions.ConflictException, match="ERROR_ALLOCATING"):
        client.associate_volume(WorkspaceInstanceId=failed, VolumeId=volume_id, Device="/dev/sdf")
    elsewhere = _volume(client, zone="us-east-1c")
    with pytest.raises(client.exceptions.ValidationException, match="us-east-1c"):
        client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=elsewhere, Device="/dev/sdf")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId="vol-0000000", Device="/dev/sdf")


def test_volume_and_device_can_be_used_once(client: Any, instance_id: str) -> None:
    first, second = _volume(client), _volume(client)
    client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=first, Device="/dev/sdf")
    with pytest.raises(client.exceptions.ConflictException, match="in use"):
        client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=first, Device="/dev/sdg")
    with pytest.raises(client.exceptions.ConflictException, match="/dev/sdf"):
        client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=second, Device="/dev/sdf")
    with pytest.raises(client.exceptions.ConflictException, match="not associated"):
        client.disassociate_volume(WorkspaceInstanceId=instance_id, VolumeId=second)


def test_a_device_of_a_volume_the_instance_was_launched_with_is_taken(client: Any) -> None:
    """The root device and the BlockDeviceMappings devices hold volumes from the launch on."""
    launched = create_instance(
        client,
        ManagedInstance={
            "ImageId": WINDOWS_AMI,  # boots from /dev/sda1
            "InstanceType": "m5.large",
            "Placement": {"AvailabilityZone": "us-east-1a"},
            "BlockDeviceMappings": [{"DeviceName": "/dev/xvdb", "Ebs": {"VolumeSize": 10}}],
        },
    )
    assert settled(client, launched)["ProvisionState"] == "ALLOCATED"
    volume_id = _volume(client)
    for device in ("/dev/sda1", "/dev/xvdb"):
        with pytest.raises(client.exceptions.ConflictException, match=f"{device} is already used"):
            client.associate_volume(WorkspaceInstanceId=launched, VolumeId=volume_id, Device=device)
    client.associate_volume(WorkspaceInstanceId=launched, VolumeId=volume_id, Device="/dev/sdf")


def test_deleting_the_instance_frees_its_volumes(client: Any, instance_id: str) -> None:
    volume_id = _volume(client)
    client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id, Device="/dev/sdf")
    client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    client.delete_volume(VolumeId=volume_id)


def test_modify_volume_grows_one_modification_at_a_time(modifying: Emulator) -> None:
    # Where a modification stays `modifying`: the one after it is surely refused while in progress.
    client = client_for(modifying.endpoint_url)
    volume_id = _volume(client)
    with pytest.raises(client.exceptions.ValidationException, match="grow"):
        client.modify_volume(VolumeId=volume_id, SizeInGB=10)
    answer = client.modify_volume(VolumeId=volume_id, VolumeType="io2", Iops=4000, ClientToken="grow-1")
    assert (answer["TargetSize"], answer["TargetVolumeType"], answer["TargetIops"]) == (20, "io2", 4000)
    repeated = client.modify_volume(VolumeId=volume_id, VolumeType="io2", Iops=4000, ClientToken="grow-1")
    assert repeated["TargetIops"] == 4000
    with pytest.raises(client.exceptions.VolumeModificationRateExceededException):
        client.modify_volume(VolumeId=volume_id, SizeInGB=40)


def test_a_new_volume_is_unknown_to_both_services_during_the_lag(
    emu: Emulator, client: Any, ec2: Any, instance_id: str
) -> None:
    emu.set_behaviour(visibility_lag_seconds=30.0)
    volume_id = _volume(client)
    attach = {"WorkspaceInstanceId": instance_id, "VolumeId": volume_id, "Device": "/dev/sdf"}
    for call in (
        lambda: client.associate_volume(**attach),
        lambda: client.delete_volume(VolumeId=volume_id),
        lambda: client.modify_volume(VolumeId=volume_id, SizeInGB=30),
    ):
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            call()
    with pytest.raises(ClientError) as raised:
        ec2.describe_volumes(VolumeIds=[volume_id])
    assert raised.value.response["Error"]["Code"] == "InvalidVolume.NotFound"
    assert volume_id not in {v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]}
    emu.set_behaviour(visibility_lag_seconds=0)
    [shown] = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"]
    assert shown["State"] == "available"
