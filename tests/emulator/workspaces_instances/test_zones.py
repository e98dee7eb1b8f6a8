"""Where instances land: EC2's choice by default, a subnet's fixed zone, Placement's zone, or the first."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.workspaces_instances.behaviour import Behaviour
from pulumi_workspaces_instances.emulator.workspaces_instances.catalogue import load_catalogue
from pulumi_workspaces_instances.emulator.workspaces_instances.ec2_network import subnet_zone
from tests.conftest import settled
from tests.emulator.conftest import (
    REGION,
    client_for,
    control,
    create_instance,
    ec2_client_for,
)

US_EAST_1_ZONES = ("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f")
SUBNET = "subnet-0a1b2c3d4e5f67890"


def _zone(client: Any, ec2: Any, workspace_id: str) -> str:
    """The zone EC2 shows for an ALLOCATED workspace instance."""
    instance_id = client.get_workspace_instance(WorkspaceInstanceId=workspace_id)["EC2ManagedInstance"][
        "InstanceId"
    ]
    (reservation,) = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return str(reservation["Instances"][0]["Placement"]["AvailabilityZone"])


def _zones_of_new_instances(client: Any, ec2: Any, count: int, **managed: Any) -> list[str]:
    """Create ``count`` instances with ``managed`` over the defaults; the zone of each once ALLOCATED."""
    made = [
        create_instance(
            client,
            ManagedInstance={"ImageId": "ami-0a1b2c3d4e5f60001", "InstanceType": "m5.large", **managed},
        )
        for _ in range(count)
    ]
    assert {settled(client, workspace_id)["ProvisionState"] for workspace_id in made} == {"ALLOCATED"}
    return [_zone(client, ec2, workspace_id) for workspace_id in made]


def test_the_catalogue_lists_each_regions_zones_as_aws_names_them() -> None:
    catalogue = load_catalogue()
    assert catalogue.zones_of("us-east-1") == US_EAST_1_ZONES
    assert catalogue.zones_of("ca-central-1") == ("ca-central-1a", "ca-central-1b", "ca-central-1d")
    assert catalogue.zones_of("ap-northeast-1") == ("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d")
    assert set(catalogue.zones) == set(catalogue.regions)
    assert all(len(zones) >= 3 for zones in catalogue.zones.values()), "AWS gives every region three or more"
    # A region the catalogue does not list still has AWS's minimum of three.
    assert catalogue.zones_of("eu-north-1") == ("eu-north-1a", "eu-north-1b", "eu-north-1c")


def test_ec2_spreads_instances_placed_nowhere_over_the_regions_zones(client: Any, ec2: Any) -> None:
    assert Behaviour().zone_choice == "ec2", "EC2's choice is the default"
    zones = _zones_of_new_instances(client, ec2, len(US_EAST_1_ZONES))
    # The least-used zone each time: one instance per zone, in an order nobody can count on.
    assert Counter(zones) == Counter(US_EAST_1_ZONES)
    assert len(set(zones)) > 1


def test_ec2_chooses_among_the_zones_of_the_callers_region(make_client: Any, emu: Emulator) -> None:
    client = make_client(region="ca-central-1")
    ec2 = ec2_client_for(emu.endpoint_url, region="ca-central-1")
    zones = _zones_of_new_instances(client, ec2, 3)
    assert sorted(zones) == ["ca-central-1a", "ca-central-1b", "ca-central-1d"]


def test_a_subnet_lies_in_one_zone_whichever_interface_names_it(client: Any, ec2: Any, emu: Emulator) -> None:
    by_id = _zones_of_new_instances(client, ec2, 2, SubnetId=SUBNET)
    by_interface = _zones_of_new_instances(
        client, ec2, 1, NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": SUBNET}]
    )
    assert by_id == [by_id[0]] * 2 == [by_interface[0]] * 2
    assert by_id[0] == subnet_zone(SUBNET, US_EAST_1_ZONES)
    # Derived from the id alone: a new emulator, with nothing stored, puts the subnet in the same zone.
    with Emulator() as other:
        assert _zones_of_new_instances(
            client_for(other.endpoint_url), ec2_client_for(other.endpoint_url), 1, SubnetId=SUBNET
        ) == [by_id[0]]
    # Subnets differ in zone: the zone is not one fixed answer for every subnet.
    assert len({subnet_zone(f"subnet-{n:017x}", US_EAST_1_ZONES) for n in range(20)}) > 1


@pytest.mark.parametrize("choice", ["ec2", "first"])
def test_a_zone_given_in_placement_is_honoured(client: Any, ec2: Any, emu: Emulator, choice: str) -> None:
    emu.set_behaviour(zone_choice=choice)
    zones = _zones_of_new_instances(
        client, ec2, 2, Placement={"AvailabilityZone": "us-east-1e"}, SubnetId=SUBNET
    )
    assert zones == ["us-east-1e", "us-east-1e"]


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
    got = settled(client, workspace_id)
    assert got["ProvisionState"] == "ERROR_ALLOCATING"
    assert got["EC2InstanceErrors"][0]["EC2ErrorCode"] == "InvalidParameterValue"
    assert zone in got["EC2InstanceErrors"][0]["EC2ErrorMessage"]


def test_first_puts_every_instance_in_the_regions_first_zone(client: Any, ec2: Any, emu: Emulator) -> None:
    # The switch's own test: the behaviour of the emulator before EC2's choice existed.
    emu.set_behaviour(zone_choice="first")
    assert _zones_of_new_instances(client, ec2, 3) == [f"{REGION}a"] * 3
    assert _zones_of_new_instances(client, ec2, 1, SubnetId=SUBNET) == [f"{REGION}a"]


def test_the_control_plane_switches_the_choice_for_the_next_instances(
    client: Any, ec2: Any, emu: Emulator
) -> None:
    status, _ = control(emu.endpoint_url, "POST", "/_emulator/behaviour", {"zone_choice": "first"})
    assert status == 200
    assert _zones_of_new_instances(client, ec2, 2) == [f"{REGION}a"] * 2
    control(emu.endpoint_url, "POST", "/_emulator/behaviour", {"zone_choice": "ec2"})
    # Two instances already in the first zone: EC2 balances the next ones over the others.
    assert f"{REGION}a" not in _zones_of_new_instances(client, ec2, len(US_EAST_1_ZONES) - 1)


def test_the_zone_chosen_is_kept_across_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "zones.sqlite"
    with Emulator(allocate_seconds=0.1, state_path=state) as first:
        client, ec2 = client_for(first.endpoint_url), ec2_client_for(first.endpoint_url)
        made = [create_instance(client) for _ in range(3)]
        assert {settled(client, workspace_id)["ProvisionState"] for workspace_id in made} == {"ALLOCATED"}
        before = [_zone(client, ec2, workspace_id) for workspace_id in made]
    with Emulator(allocate_seconds=0.1, state_path=state) as second:
        client, ec2 = client_for(second.endpoint_url), ec2_client_for(second.endpoint_url)
        assert [_zone(client, ec2, workspace_id) for workspace_id in made] == before


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


def test_a_volume_in_another_zone_than_ec2_chose_is_not_associated(client: Any, ec2: Any) -> None:
    (workspace_id,) = [create_instance(client)]
    assert settled(client, workspace_id)["ProvisionState"] == "ALLOCATED"
    chosen = _zone(client, ec2, workspace_id)
    elsewhere = next(zone for zone in US_EAST_1_ZONES if zone != chosen)
    volume_id = client.create_volume(AvailabilityZone=elsewhere, SizeInGB=8)["VolumeId"]
    with pytest.raises(ClientError) as raised:
        client.associate_volume(WorkspaceInstanceId=workspace_id, VolumeId=volume_id, Device="/dev/sdf")
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert (
        f"is in {elsewhere} but instance {workspace_id} is in {chosen}"
        in raised.value.response["Error"]["Message"]
    )
    # In the zone the instance shows, it is.
    here = client.create_volume(AvailabilityZone=chosen, SizeInGB=8)["VolumeId"]
    client.associate_volume(WorkspaceInstanceId=workspace_id, VolumeId=here, Device="/dev/sdf")
    (volume,) = ec2.describe_volumes(VolumeIds=[here])["Volumes"]
    assert volume["State"] == "in-use"
