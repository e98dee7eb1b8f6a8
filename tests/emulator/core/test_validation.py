"""Invalid requests that botocore's client lets through are rejected by the service, naming the member."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from tests.emulator.conftest import WINDOWS_AMI, create_instance, raw_call

_GOOD_INSTANCE = {"ImageId": WINDOWS_AMI, "InstanceType": "m5.large"}
_FILTER = {"BillingMode": "HOURLY", "PlatformType": "Windows", "Tenancy": "SHARED"}


def _instance(**members: Any) -> dict[str, Any]:
    return {"ManagedInstance": {**_GOOD_INSTANCE, **members}}


# (operation, request body, the member path the error must name)
INVALID_REQUESTS: list[tuple[str, dict[str, Any], str]] = [
    ("CreateWorkspaceInstance", {}, "ManagedInstance"),
    ("CreateWorkspaceInstance", _instance(ImageId="windows-2022"), "ManagedInstance.ImageId"),
    ("CreateWorkspaceInstance", _instance(InstanceType="M5LARGE"), "ManagedInstance.InstanceType"),
    ("CreateWorkspaceInstance", _instance(InstanceType="m5." + "x" * 62), "ManagedInstance.InstanceType"),
    (
        "CreateWorkspaceInstance",
        _instance(BlockDeviceMappings=[{"DeviceName": "/dev/sda1", "Ebs": {"VolumeType": "gp9"}}]),
        "ManagedInstance.BlockDeviceMappings[0].Ebs.VolumeType",
    ),
    (
        "CreateWorkspaceInstance",
        {**_instance(), "BillingConfiguration": {"BillingMode": "WEEKLY"}},
        "BillingConfiguration.BillingMode",
    ),
    (
        "CreateWorkspaceInstance",
        {**_instance(), "BillingConfiguration": {}},
        "BillingConfiguration.BillingMode",
    ),
    ("CreateWorkspaceInstance", {**_instance(), "ClientToken": ""}, "ClientToken"),
    ("CreateWorkspaceInstance", {**_instance(), "ClientToken": "t" * 65}, "ClientToken"),
    (
        "CreateWorkspaceInstance",
        {**_instance(), "Tags": [{"Key": f"k{i}", "Value": "v"} for i in range(51)]},
        "Tags",
    ),
    ("CreateWorkspaceInstance", {**_instance(), "Tags": [{"Key": "", "Value": "v"}]}, "Tags[0].Key"),
    ("CreateWorkspaceInstance", {**_instance(), "Tags": [{"Key": "cost#centre"}]}, "Tags[0].Key"),
    ("CreateWorkspaceInstance", {**_instance(), "Tags": [{"Key": "k", "Value": "v" * 257}]}, "Tags[0].Value"),
    (
        "CreateWorkspaceInstance",
        _instance(MetadataOptions={"HttpPutResponseHopLimit": 65}),
        "ManagedInstance.MetadataOptions.HttpPutResponseHopLimit",
    ),
    (
        "CreateWorkspaceInstance",
        _instance(CpuOptions={"CoreCount": -1}),
        "ManagedInstance.CpuOptions.CoreCount",
    ),
    (
        "CreateWorkspaceInstance",
        _instance(CpuOptions={"NestedVirtualization": "on"}),
        "ManagedInstance.CpuOptions.NestedVirtualization",
    ),
    (
        "CreateWorkspaceInstance",
        _instance(Placement={"Tenancy": "shared"}),
        "ManagedInstance.Placement.Tenancy",
    ),
    (
        "CreateWorkspaceInstance",
        _instance(Placement={"AvailabilityZone": "useast1a"}),
        "ManagedInstance.Placement.AvailabilityZone",
    ),
    ("CreateWorkspaceInstance", _instance(SubnetId="subnet_0123"), "ManagedInstance.SubnetId"),
    (
        "CreateWorkspaceInstance",
        _instance(SecurityGroupIds=["sg-0123abcd", "default"]),
        "ManagedInstance.SecurityGroupIds[1]",
    ),
    (
        "CreateWorkspaceInstance",
        _instance(NetworkInterfaces=[{"DeviceIndex": 0, "PrivateIpAddress": "999.1.1.1"}]),
        "ManagedInstance.NetworkInterfaces[0].PrivateIpAddress",
    ),
    ("CreateWorkspaceInstance", _instance(UserData="x" * 16001), "ManagedInstance.UserData"),
    ("CreateWorkspaceInstance", _instance(EbsOptimized="yes"), "ManagedInstance.EbsOptimized"),
    ("CreateWorkspaceInstance", _instance(Color="blue"), "ManagedInstance.Color"),
    (
        "CreateWorkspaceInstance",
        _instance(TagSpecifications=[{"ResourceType": "bucket", "Tags": []}]),
        "ManagedInstance.TagSpecifications[0].ResourceType",
    ),
    (
        "CreateWorkspaceInstance",
        _instance(BlockDeviceMappings=[{"DeviceName": "/dev/sdb", "VirtualName": "eph0"}]),
        "ManagedInstance.BlockDeviceMappings[0].VirtualName",
    ),
    ("GetWorkspaceInstance", {"WorkspaceInstanceId": "i-0123456789abcdef0"}, "WorkspaceInstanceId"),
    ("GetWorkspaceInstance", {}, "WorkspaceInstanceId"),
    ("DeleteWorkspaceInstance", {"WorkspaceInstanceId": 42}, "WorkspaceInstanceId"),
    ("ListInstanceTypes", {"MaxResults": 0}, "MaxResults"),
    ("ListInstanceTypes", {"MaxResults": 601}, "MaxResults"),
    (
        "ListInstanceTypes",
        {"InstanceConfigurationFilter": {"BillingMode": "HOURLY", "PlatformType": "Windows"}},
        "InstanceConfigurationFilter.Tenancy",
    ),
    (
        "ListInstanceTypes",
        {"InstanceConfigurationFilter": {**_FILTER, "PlatformType": "Windows 11"}},
        "InstanceConfigurationFilter.PlatformType",
    ),
    ("ListInstanceTypes", {"NextToken": ""}, "NextToken"),
    ("ListRegions", {"MaxResults": 26}, "MaxResults"),
    ("ListWorkspaceInstances", {"ProvisionStates": ["RUNNING"]}, "ProvisionStates[0]"),
    ("ListWorkspaceInstances", {"Filter": "all"}, "Filter"),
    ("UntagResource", {"WorkspaceInstanceId": "wsinst-abcdef1234", "TagKeys": []}, "TagKeys"),
    ("TagResource", {"WorkspaceInstanceId": "wsinst-abcdef1234", "Tags": ["env=dev"]}, "Tags[0]"),
    ("TagResource", {"WorkspaceInstanceId": "wsinst-abcdef1234"}, "Tags"),
    ("ListTagsForResource", {"WorkspaceInstanceId": "wsinst-short"}, "WorkspaceInstanceId"),
    ("CreateVolume", {"SizeInGB": 10}, "AvailabilityZone"),
    ("CreateVolume", {"AvailabilityZone": "us-east-1a", "SizeInGB": 16385}, "SizeInGB"),
    ("CreateVolume", {"AvailabilityZone": "us-east-1a", "SnapshotId": "snapshot-1"}, "SnapshotId"),
    ("CreateVolume", {"AvailabilityZone": "us-east-1a", "SizeInGB": 10, "Iops": 1.5}, "Iops"),
    (
        "AssociateVolume",
        {"WorkspaceInstanceId": "wsinst-abcdef1234", "VolumeId": "volume-1", "Device": "/dev/sdf"},
        "VolumeId",
    ),
    (
        "AssociateVolume",
        {"WorkspaceInstanceId": "wsinst-abcdef1234", "VolumeId": "vol-0123", "Device": "/dev/" + "x" * 30},
        "Device",
    ),
    (
        "DisassociateVolume",
        {"WorkspaceInstanceId": "wsinst-abcdef1234", "VolumeId": "vol-0123", "DisassociateMode": "SOFT"},
        "DisassociateMode",
    ),
    ("ModifyVolume", {"VolumeId": "vol-0123", "VolumeType": "gp4"}, "VolumeType"),
    ("DeleteVolume", {"VolumeId": ["vol-0123"]}, "VolumeId"),
]


@pytest.mark.parametrize(("operation", "body", "member"), INVALID_REQUESTS, ids=lambda v: str(v)[:60])
def test_invalid_request_is_rejected_naming_the_member(
    emu: Emulator, operation: str, body: dict[str, Any], member: str
) -> None:
    answer = raw_call(emu.endpoint_url, operation, body)
    assert answer.status == 400
    assert answer.body["__type"].endswith("#ValidationException")
    assert answer.body["Reason"] == "FIELD_VALIDATION_FAILED"
    assert f"'{member}'" in answer.body["Message"]
    assert member in [field["Name"] for field in answer.body["FieldList"]]


def test_there_are_at_least_25_invalid_request_cases() -> None:
    assert len(INVALID_REQUESTS) >= 25


def test_invalid_request_creates_nothing(emu: Emulator, loose_client: Any) -> None:
    with pytest.raises(loose_client.exceptions.ValidationException) as excinfo:
        loose_client.create_workspace_instance(
            ManagedInstance={**_GOOD_INSTANCE, "Placement": {"Tenancy": "shared"}}
        )
    assert "ManagedInstance.Placement.Tenancy" in excinfo.value.response["Error"]["Message"]
    assert excinfo.value.response["Reason"] == "FIELD_VALIDATION_FAILED"
    assert loose_client.list_workspace_instances()["WorkspaceInstances"] == []


def test_sensitive_values_are_not_echoed(emu: Emulator) -> None:
    secret = "s3cr3t-" + "x" * 16000
    answer = raw_call(emu.endpoint_url, "CreateWorkspaceInstance", _instance(UserData=secret))
    assert answer.status == 400
    assert "s3cr3t" not in answer.body["Message"]


def test_every_violation_is_reported(emu: Emulator) -> None:
    body = _instance(ImageId="bad", InstanceType="BAD", Placement={"Tenancy": "x"})
    answer = raw_call(emu.endpoint_url, "CreateWorkspaceInstance", body)
    names = {field["Name"] for field in answer.body["FieldList"]}
    assert names == {
        "ManagedInstance.ImageId",
        "ManagedInstance.InstanceType",
        "ManagedInstance.Placement.Tenancy",
    }
    assert answer.body["Message"].startswith("3 validation errors detected")


def test_unicode_letters_are_valid_in_tag_keys(client: Any) -> None:
    instance_id = create_instance(client, Tags=[{"Key": "Kostenstelle-Zürich", "Value": "Ünïcode 42"}])
    assert client.list_tags_for_resource(WorkspaceInstanceId=instance_id)["Tags"] == [
        {"Key": "Kostenstelle-Zürich", "Value": "Ünïcode 42"}
    ]
