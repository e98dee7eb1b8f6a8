"""The zones of each region: where an instance can be placed and a volume created."""

from __future__ import annotations

import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator.workspaces_instances.catalogue import load_catalogue
from tests.emulator.conftest import (
    REGION,
    SETTLE_SECONDS,
    create_instance,
)

US_EAST_1_ZONES = ("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f")


def test_the_catalogue_lists_each_regions_zones_as_aws_names_them() -> None:
    catalogue = load_catalogue()
    assert catalogue.zones_of("us-east-1") == US_EAST_1_ZONES
    assert catalogue.zones_of("ca-central-1") == ("ca-central-1a", "ca-central-1b", "ca-central-1d")
    assert catalogue.zones_of("ap-northeast-1") == ("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d")
    assert set(catalogue.zones) == set(catalogue.regions)
    assert all(len(zones) >= 3 for zones in catalogue.zones.values()), "AWS gives every region three or more"
    # A region the catalogue does not list still has AWS's minimum of three.
    assert catalogue.zones_of("eu-north-1") == ("eu-north-1a", "eu-north-1b", "eu-north-1c")


@pytest.mark.parametrize("zone", ["us-east-1g", "eu-west-1a"])
def test_a_placement_zone_outside_the_regions_zones_fails_the_allocation(client: Any, zone: str) -> None:
    workspace_id = create_instance(
        client,
        ManagedInstance={
            "ImageId": "ami-0a1b2c3d4e5f60001",
            "InstanceType": "m5.large",
            "Placement": {"AvailabilityZone": zone},
        },
    )
    time.sleep(SETTLE_SECONDS)
    got = client.get_workspace_instance(WorkspaceInstanceId=workspace_id)
    assert got["ProvisionState"] == "ERROR_ALLOCATING"
    assert got["EC2InstanceErrors"][0]["EC2ErrorCode"] == "InvalidParameterValue"
    assert zone in got["EC2InstanceErrors"][0]["EC2ErrorMessage"]


@pytest.mark.parametrize("zone", ["us-east-1g", "eu-west-1a", "us-east-1"])
def test_create_volume_takes_only_a_zone_of_the_region(client: Any, zone: str) -> None:
    with pytest.raises(ClientError) as raised:
        client.create_volume(AvailabilityZone=zone, SizeInGB=8)
    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert f"'{zone}' is not a zone of region {REGION}" in error["Message"]
    assert "us-east-1f" in error["Message"], "the message lists the region's zones"
    assert all(client.create_volume(AvailabilityZone=ok, SizeInGB=8)["VolumeId"] for ok in US_EAST_1_ZONES)


def test_create_volume_refuses_a_zone_letter_the_region_lacks(make_client: Any) -> None:
    client = make_client(region="ca-central-1")
    with pytest.raises(ClientError) as raised:
        client.create_volume(AvailabilityZone="ca-central-1c", SizeInGB=8)
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert client.create_volume(AvailabilityZone="ca-central-1d", SizeInGB=8)["VolumeId"]
