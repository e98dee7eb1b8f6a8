"""The volumes a launch makes from the AMI and its mappings; RunInstances refuses one without a size."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import settled
from tests.emulator.conftest import LINUX_AMI, WINDOWS_AMI, create_instance

#: RunInstances' answer to a new EBS volume with neither VolumeSize nor SnapshotId (see block_devices).
MISSING_SIZE = {
    "EC2ErrorCode": "MissingParameter",
    "EC2ExceptionType": "ClientError",
    "EC2ErrorMessage": "The request must contain the parameter size or snapshotId",
}


def _create(client: Any, image_id: str, mappings: list[dict[str, Any]]) -> str:
    return create_instance(
        client,
        ManagedInstance={"ImageId": image_id, "InstanceType": "m5.large", "BlockDeviceMappings": mappings},
    )


def _devices(ec2: Any, got: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The launched instance's volumes by device."""
    instance_id = got["EC2ManagedInstance"]["InstanceId"]
    volumes = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}])
    return {v["Attachments"][0]["Device"]: v for v in volumes["Volumes"]}


@pytest.mark.parametrize(
    ("image_id", "mappings"),
    [
        (WINDOWS_AMI, [{"DeviceName": "/dev/xvdb", "Ebs": {"Encrypted": True}}]),
        (WINDOWS_AMI, [{"DeviceName": "/dev/sdf", "Ebs": {}}]),
        # Meant as the root, but Amazon Linux's root is /dev/xvda: a new volume, with no size.
        (LINUX_AMI, [{"DeviceName": "/dev/sda1", "Ebs": {"Encrypted": True}}]),
    ],
    ids=["windows-data-disk", "empty-ebs", "linux-root-under-the-wrong-name"],
)
def test_a_new_volume_without_a_size_ends_in_error_allocating(
    client: Any, ec2: Any, image_id: str, mappings: list[dict[str, Any]]
) -> None:
    got = settled(client, _create(client, image_id, mappings))

    assert got["ProvisionState"] == "ERROR_ALLOCATING"
    assert got["EC2InstanceErrors"] == [MISSING_SIZE]
    assert "EC2ManagedInstance" not in got
    assert ec2.describe_instances()["Reservations"] == []


def test_the_root_device_needs_no_size_and_other_devices_are_new_volumes(client: Any, ec2: Any) -> None:
    windows = settled(
        client,
        _create(
            client,
            WINDOWS_AMI,
            [{"DeviceName": "/dev/sda1", "Ebs": {"Encrypted": True, "VolumeType": "gp2"}}],
        ),
    )
    linux = settled(
        client,
        _create(client, LINUX_AMI, [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 50}}]),
    )
    assert (windows["ProvisionState"], linux["ProvisionState"]) == ("ALLOCATED", "ALLOCATED")

    # The root keeps the AMI's snapshot size when the mapping names no size; its other members apply.
    windows_root = _devices(ec2, windows)["/dev/sda1"]
    assert (windows_root["Size"], windows_root["Encrypted"], windows_root["VolumeType"]) == (30, True, "gp2")
    assert windows_root["SnapshotId"].startswith("snap-")
    # /dev/sda1 on Amazon Linux is an extra volume; the root stays /dev/xvda as the AMI has it.
    linux_devices = _devices(ec2, linux)
    assert set(linux_devices) == {"/dev/xvda", "/dev/sda1"}
    assert (linux_devices["/dev/xvda"]["Size"], linux_devices["/dev/sda1"]["Size"]) == (8, 50)
    assert linux_devices["/dev/sda1"]["SnapshotId"] == ""


def test_no_device_and_mappings_without_ebs_make_no_volume(client: Any, ec2: Any) -> None:
    got = settled(
        client,
        _create(
            client,
            WINDOWS_AMI,
            [
                {"DeviceName": "/dev/xvdb", "NoDevice": "", "Ebs": {}},
                {"DeviceName": "/dev/xvdc", "VirtualName": "ephemeral0"},
            ],
        ),
    )
    assert got["ProvisionState"] == "ALLOCATED"
    assert list(_devices(ec2, got)) == ["/dev/sda1"]


def test_with_the_switch_off_a_volume_without_a_size_gets_8_gib(emu: Emulator, client: Any, ec2: Any) -> None:
    emu.set_behaviour(require_mapping_size=False)
    got = settled(client, _create(client, WINDOWS_AMI, [{"DeviceName": "/dev/xvdb", "Ebs": {}}]))

    assert got["ProvisionState"] == "ALLOCATED"
    assert _devices(ec2, got)["/dev/xvdb"]["Size"] == 8
