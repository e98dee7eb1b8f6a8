"""EC2's DescribeImages of the catalogue's AMIs, as a real boto3 ``ec2`` client sees them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core.model import ec2_service_model
from pulumi_workspaces_instances.emulator.ec2.account import ACCOUNT_ID
from pulumi_workspaces_instances.emulator.ec2.images import describe_images
from pulumi_workspaces_instances.emulator.workspaces_instances.catalogue import load_catalogue
from tests.conftest import settled
from tests.emulator.conftest import LINUX_AMI, REGION, WINDOWS_AMI, create_instance, unmodeled

UBUNTU_AMI = "ami-0a1b2c3d4e5f60004"


def _code(call: Callable[[], Any]) -> str:
    with pytest.raises(ClientError) as excinfo:
        call()
    return str(excinfo.value.response["Error"]["Code"])


def _ids(answer: dict[str, Any]) -> list[str]:
    return [image["ImageId"] for image in answer["Images"]]


def test_each_catalogue_ami_is_an_image_with_its_root_device(ec2: Any) -> None:
    images = {image["ImageId"]: image for image in ec2.describe_images()["Images"]}

    assert list(images) == list(load_catalogue().images)
    windows, linux, ubuntu = images[WINDOWS_AMI], images[LINUX_AMI], images[UBUNTU_AMI]
    assert (windows["RootDeviceName"], linux["RootDeviceName"], ubuntu["RootDeviceName"]) == (
        "/dev/sda1",
        "/dev/xvda",
        "/dev/sda1",
    )
    (root,) = windows["BlockDeviceMappings"]
    assert root["DeviceName"] == "/dev/sda1"
    assert (root["Ebs"]["VolumeSize"], root["Ebs"]["DeleteOnTermination"]) == (30, True)
    assert root["Ebs"]["SnapshotId"].startswith("snap-")
    assert linux["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"] == 8
    # EC2's billing fields, and its lowercase "windows" platform for Windows AMIs only.
    assert (windows["PlatformDetails"], windows["UsageOperation"], windows["Platform"]) == (
        "Windows",
        "RunInstances:0002",
        "windows",
    )
    assert (ubuntu["PlatformDetails"], ubuntu["UsageOperation"]) == ("Ubuntu Pro", "RunInstances:0g00")
    assert "Platform" not in linux
    assert all(
        (i["State"], i["RootDeviceType"], i["OwnerId"], i["Public"], i["Architecture"])
        == ("available", "ebs", ACCOUNT_ID, False, "x86_64")
        for i in images.values()
    )


def test_a_launch_boots_from_the_images_root_device_and_snapshot(client: Any, ec2: Any) -> None:
    workspace_id = create_instance(client, ManagedInstance={"ImageId": LINUX_AMI, "InstanceType": "m5.large"})
    instance_id = settled(client, workspace_id)["EC2ManagedInstance"]["InstanceId"]
    (image,) = ec2.describe_images(ImageIds=[LINUX_AMI])["Images"]
    instance = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]

    assert instance["RootDeviceName"] == image["RootDeviceName"] == "/dev/xvda"
    assert (instance["PlatformDetails"], instance["UsageOperation"]) == (
        image["PlatformDetails"],
        image["UsageOperation"],
    )
    (root,) = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}])[
        "Volumes"
    ]
    image_root = image["BlockDeviceMappings"][0]["Ebs"]
    assert (root["SnapshotId"], root["Size"]) == (image_root["SnapshotId"], image_root["VolumeSize"])


def test_ids_must_be_well_formed_and_known(ec2: Any) -> None:
    assert _ids(ec2.describe_images(ImageIds=[UBUNTU_AMI, WINDOWS_AMI, UBUNTU_AMI])) == [
        WINDOWS_AMI,
        UBUNTU_AMI,
    ]
    with pytest.raises(ClientError) as excinfo:
        ec2.describe_images(ImageIds=[WINDOWS_AMI, "ami-0123456789abcdef0"])
    error = excinfo.value.response["Error"]
    assert error["Code"] == "InvalidAMIID.NotFound"
    assert error["Message"] == "The image id '[ami-0123456789abcdef0]' does not exist"
    assert _code(lambda: ec2.describe_images(ImageIds=["image-1"])) == "InvalidAMIID.Malformed"
    assert _code(lambda: ec2.describe_images(DryRun=True)) == "DryRunOperation"


def test_owners_launch_permissions_filters_and_pages(ec2: Any) -> None:
    every = _ids(ec2.describe_images())
    assert _ids(ec2.describe_images(Owners=["self"])) == every
    assert _ids(ec2.describe_images(Owners=[ACCOUNT_ID, "amazon"])) == every
    assert _ids(ec2.describe_images(Owners=["amazon"])) == []
    assert _ids(ec2.describe_images(Owners=["111122223333"])) == []
    # Private and shared with no one: no image is executable by all, or shared with the account.
    assert _ids(ec2.describe_images(ExecutableUsers=["all"])) == []
    assert _ids(ec2.describe_images(ExecutableUsers=["self"])) == []

    def filtered(name: str, *values: str) -> list[str]:
        return _ids(ec2.describe_images(Filters=[{"Name": name, "Values": list(values)}]))

    assert filtered("image-id", LINUX_AMI) == [LINUX_AMI]
    assert filtered("name", "Windows*") == [WINDOWS_AMI, "ami-0a1b2c3d4e5f60002"]
    assert filtered("platform-details", "Ubuntu Pro") == [UBUNTU_AMI]
    assert filtered("root-device-name", "/dev/xvda") == [LINUX_AMI]
    assert filtered("platform", "windows") == [WINDOWS_AMI, "ami-0a1b2c3d4e5f60002"]
    assert filtered("block-device-mapping.volume-size", "30") == [WINDOWS_AMI, "ami-0a1b2c3d4e5f60002"]
    assert filtered("is-public", "true") == []
    assert _code(lambda: ec2.describe_images(Filters=[{"Name": "colour", "Values": ["red"]}])) == (
        "InvalidParameterValue"
    )
    pages = list(ec2.get_paginator("describe_images").paginate(PaginationConfig={"PageSize": 5}))
    assert [len(page["Images"]) for page in pages] == [5, 1]
    assert [i for page in pages for i in _ids(page)] == every
    assert _code(lambda: ec2.describe_images(MaxResults=4)) == "InvalidParameterValue"


def test_every_member_answered_is_one_the_ec2_model_has(emu: Emulator) -> None:
    ctx = emu.service.context(REGION)
    answer = describe_images(ctx, {})
    output = ec2_service_model().operation_model("DescribeImages").output_shape
    assert output is not None
    assert len(answer["Images"]) == 6
    assert unmodeled(answer, output, "DescribeImages") == []
