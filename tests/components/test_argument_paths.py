"""API member paths named by the argument that set them, and the argument check's wording."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_workspaces_instances.components import (
    BlockDeviceArgs,
    EbsArgs,
    NetworkInterfaceArgs,
    PlacementArgs,
    PrivateIpAddressArgs,
    RootVolumeArgs,
    TagSpecificationArgs,
    WorkspaceArgs,
)
from pulumi_workspaces_instances.components.argument_paths import argument_path, parse, render

IMAGE = "ami-0a1b2c3d4e5f60001"


def args(**settings: Any) -> WorkspaceArgs:
    return WorkspaceArgs(image_id=IMAGE, instance_type="m5.large", **settings)


@pytest.mark.parametrize(
    ("settings", "api_path", "expected"),
    [
        ({}, "ImageId", "image_id"),
        ({}, "MetadataOptions.HttpTokens", "metadata_options.http_tokens"),
        ({}, "BlockDeviceMappings[0].Ebs.Encrypted", "root_volume.encrypted"),
        ({}, "BlockDeviceMappings[0].DeviceName", "root_volume.device_name"),
        ({}, "BlockDeviceMappings[0]", "root_volume"),
        (
            {"extra_volumes": [BlockDeviceArgs(device_name="/dev/xvdf", ebs=EbsArgs(iops=3))]},
            "BlockDeviceMappings[1].Ebs.Iops",
            "extra_volumes[0].ebs.iops",
        ),
        # Without a root mapping the extra volumes start at 0.
        (
            {"root_volume": None, "extra_volumes": [BlockDeviceArgs(device_name="/dev/xvdf")]},
            "BlockDeviceMappings[0].DeviceName",
            "extra_volumes[0].device_name",
        ),
        # A root volume that changes nothing is not sent, so it does not take index 0.
        (
            {
                "root_volume": RootVolumeArgs(encrypted=None),
                "extra_volumes": [BlockDeviceArgs(device_name="/dev/xvdf")],
            },
            "BlockDeviceMappings[0].DeviceName",
            "extra_volumes[0].device_name",
        ),
        # An element that maps to nothing is dropped by the mapping: the next one takes its index.
        (
            {
                "network_interfaces": [
                    NetworkInterfaceArgs(),
                    NetworkInterfaceArgs(private_ip_addresses=[PrivateIpAddressArgs(primary=True)]),
                ]
            },
            "NetworkInterfaces[0].PrivateIpAddresses[0].Primary",
            "network_interfaces[1].private_ip_addresses[0].primary",
        ),
        # Unset structures are still named by the argument that would set the member.
        ({}, "CpuOptions.ThreadsPerCore", "cpu_options.threads_per_core"),
        ({}, "InstanceMarketOptions.SpotOptions.MaxPrice", "instance_market_options.spot_options.max_price"),
        # Plain lists keep the API's index below the argument.
        ({"security_group_ids": ["sg-1", "bad"]}, "SecurityGroupIds[1]", "security_group_ids[1]"),
        # Tag dicts are sent as Key/Value lists in the dict's order.
        (
            {"tag_specifications": [TagSpecificationArgs(tags={"a": "1", "team": "x"})]},
            "TagSpecifications[0].Tags[1].Value",
            "tag_specifications[0].tags.team",
        ),
        ({"tenancy": "DEDICATED"}, "Placement.Tenancy", "tenancy"),
        (
            {"tenancy": "DEDICATED", "placement": PlacementArgs(tenancy="host")},
            "Placement.Tenancy",
            "placement.tenancy",
        ),
        # Overrides are merged last: whatever they set is theirs.
        (
            {"managed_instance_overrides": {"CpuOptions": {"CoreCount": 3}}},
            "CpuOptions.CoreCount",
            "managed_instance_overrides.CpuOptions.CoreCount",
        ),
        (
            {"managed_instance_overrides": {"BlockDeviceMappings": [{"DeviceName": "/dev/sdz"}]}},
            "BlockDeviceMappings[0].DeviceName",
            "managed_instance_overrides.BlockDeviceMappings[0].DeviceName",
        ),
        # ...and nothing else: a sibling the overrides did not touch is still the argument's.
        (
            {"managed_instance_overrides": {"CpuOptions": {"CoreCount": 3}}},
            "CpuOptions.ThreadsPerCore",
            "cpu_options.threads_per_core",
        ),
    ],
)
def test_api_path_to_argument(settings: dict[str, Any], api_path: str, expected: str) -> None:
    assert argument_path(args(**settings), api_path) == expected


def test_a_member_no_argument_sets_has_no_argument_path() -> None:
    assert argument_path(args(), "NotAMember") is None
    assert argument_path(args(), "BlockDeviceMappings[5].DeviceName") is None


def test_paths_round_trip() -> None:
    path = "NetworkInterfaces[0].PrivateIpAddresses[10].Primary"
    assert parse(path) == ["NetworkInterfaces", 0, "PrivateIpAddresses", 10, "Primary"]
    assert render(parse(path)) == path
    assert render([2, "Key"], "tags") == "tags[2].Key"
