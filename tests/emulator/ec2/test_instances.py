"""The EC2 instance behind a workspace instance, as a real boto3 ``ec2`` client sees and changes it."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core.model import ec2_service_model
from pulumi_workspaces_instances.emulator.core.store import SqliteStore
from pulumi_workspaces_instances.emulator.ec2.instances import describe_instances
from pulumi_workspaces_instances.emulator.workspaces_instances.behaviour import Behaviour
from pulumi_workspaces_instances.emulator.workspaces_instances.context import INSTANCE
from pulumi_workspaces_instances.emulator.workspaces_instances.ec2_launch import DEFAULT_METADATA_OPTIONS
from pulumi_workspaces_instances.emulator.workspaces_instances.ec2_network import default_subnet, named_subnet
from tests.conftest import settled, wait_for
from tests.emulator.conftest import (
    LINUX_AMI,
    REGION,
    WINDOWS_AMI,
    client_for,
    create_instance,
    ec2_client_for,
    unmodeled,
)

SUBNET = "subnet-0a1b2c3d4e5f67890"
GROUPS = ["sg-0123456789abcdef0", "sg-0fedcba9876543210"]


def _code(call: Callable[[], Any]) -> str:
    with pytest.raises(ClientError) as excinfo:
        call()
    return str(excinfo.value.response["Error"]["Code"])


def _create(client: Any, **managed: Any) -> str:
    """Create a workspace instance with ``managed`` over a Windows m5.large; its id."""
    return create_instance(
        client, ManagedInstance={"ImageId": WINDOWS_AMI, "InstanceType": "m5.large", **managed}
    )


def _ec2_id(client: Any, workspace_id: str) -> str:
    """The EC2 instance id of an ALLOCATED workspace instance."""
    got = client.get_workspace_instance(WorkspaceInstanceId=workspace_id)
    return str(got["EC2ManagedInstance"]["InstanceId"])


def _launch(client: Any, **managed: Any) -> tuple[str, str]:
    """Create a workspace instance and wait until it is ALLOCATED; (workspace id, EC2 id)."""
    workspace_id = _create(client, **managed)
    assert settled(client, workspace_id)["ProvisionState"] == "ALLOCATED"
    return workspace_id, _ec2_id(client, workspace_id)


def _allocated(client: Any, *workspace_ids: str) -> None:
    """Wait until every one of ``workspace_ids`` is ALLOCATED."""
    assert {settled(client, made)["ProvisionState"] for made in workspace_ids} == {"ALLOCATED"}


def _instance(ec2: Any, instance_id: str) -> dict[str, Any]:
    (reservation,) = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    (instance,) = reservation["Instances"]
    return dict(instance)


def test_describe_instances_shows_what_the_managed_instance_asked_for(client: Any, ec2: Any) -> None:
    workspace_id, instance_id = _launch(
        client,
        SubnetId=SUBNET,
        SecurityGroupIds=GROUPS,
        Placement={"AvailabilityZone": "us-east-1b"},
        MetadataOptions={
            "HttpTokens": "required",
            "HttpPutResponseHopLimit": 2,
            "InstanceMetadataTags": "enabled",
        },
        EbsOptimized=True,
        Monitoring={"Enabled": True},
        KeyName="desk-key",
        BlockDeviceMappings=[
            {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 80, "Encrypted": True, "VolumeType": "gp3"}},
            {"DeviceName": "/dev/xvdb", "Ebs": {"VolumeSize": 20}},
        ],
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "desk"}]}],
    )
    data = client.create_volume(AvailabilityZone="us-east-1b", SizeInGB=50, Encrypted=True)["VolumeId"]
    client.associate_volume(WorkspaceInstanceId=workspace_id, VolumeId=data, Device="/dev/sdf")

    instance = _instance(ec2, instance_id)

    assert (instance["InstanceId"], instance["InstanceType"], instance["ImageId"]) == (
        instance_id,
        "m5.large",
        WINDOWS_AMI,
    )
    assert instance["State"] == {"Code": 16, "Name": "running"}
    assert instance["Placement"]["AvailabilityZone"] == "us-east-1b"
    subnet = named_subnet(SUBNET)
    assert (instance["SubnetId"], instance["VpcId"]) == (SUBNET, subnet.vpc_id)
    assert ipaddress.ip_address(instance["PrivateIpAddress"]) in subnet.cidr
    assert instance["PrivateDnsName"] == f"ip-{instance['PrivateIpAddress'].replace('.', '-')}.ec2.internal"
    assert "PublicIpAddress" not in instance and instance["PublicDnsName"] == ""
    assert [g["GroupId"] for g in instance["SecurityGroups"]] == GROUPS
    (interface,) = instance["NetworkInterfaces"]
    assert [g["GroupId"] for g in interface["Groups"]] == GROUPS
    assert (interface["SubnetId"], interface["PrivateIpAddress"]) == (SUBNET, instance["PrivateIpAddress"])
    assert instance["MetadataOptions"] == {
        "State": "applied",
        "HttpTokens": "required",
        "HttpPutResponseHopLimit": 2,
        "HttpEndpoint": "enabled",
        "HttpProtocolIpv6": "disabled",
        "InstanceMetadataTags": "enabled",
    }
    assert (instance["EbsOptimized"], instance["Monitoring"]["State"], instance["KeyName"]) == (
        True,
        "enabled",
        "desk-key",
    )
    assert (instance["Platform"], instance["PlatformDetails"]) == ("windows", "Windows")
    assert instance["Tags"] == [{"Key": "Name", "Value": "desk"}]
    assert instance["LaunchTime"].tzinfo is not None
    assert abs(instance["LaunchTime"].timestamp() - time.time()) < 30

    assert instance["RootDeviceName"] == "/dev/sda1"
    devices = {m["DeviceName"]: m["Ebs"] for m in instance["BlockDeviceMappings"]}
    assert list(devices) == ["/dev/sda1", "/dev/xvdb", "/dev/sdf"]
    assert all(e["Status"] == "attached" and e["AttachTime"].tzinfo for e in devices.values())
    assert (devices["/dev/sda1"]["DeleteOnTermination"], devices["/dev/sdf"]["DeleteOnTermination"]) == (
        True,
        False,
    )
    assert devices["/dev/sdf"]["VolumeId"] == data
    # Encryption, size and attachment are visible through the volumes themselves.
    volumes = {v["VolumeId"]: v for v in ec2.describe_volumes()["Volumes"]}
    root = volumes[devices["/dev/sda1"]["VolumeId"]]
    assert (root["Size"], root["Encrypted"], root["State"], root["AvailabilityZone"]) == (
        80,
        True,
        "in-use",
        "us-east-1b",
    )
    assert root["Attachments"][0]["InstanceId"] == instance_id
    second = volumes[devices["/dev/xvdb"]["VolumeId"]]
    assert (second["Size"], second["Encrypted"]) == (20, False)
    assert volumes[data]["Encrypted"] is True


def test_without_a_network_the_instance_is_in_the_default_vpc(client: Any, ec2: Any, emu: Emulator) -> None:
    # Two instances in one default subnet (each with its own address) need one zone: EC2's choice
    # would spread them, so this test places everything in the region's first zone.
    emu.set_behaviour(zone_choice="first")
    created = [
        _create(client),
        _create(client, ImageId=LINUX_AMI, NetworkInterfaces=[{"DeviceIndex": 0, "Groups": GROUPS[:1]}]),
        _create(
            client,
            NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": SUBNET, "AssociatePublicIpAddress": True}],
        ),
    ]
    _allocated(client, *created)
    first, second, public = (_ec2_id(client, w) for w in created)

    one, two, three = (_instance(ec2, i) for i in (first, second, public))

    zone_a = default_subnet(REGION, "us-east-1a")
    assert (
        (one["SubnetId"], one["VpcId"])
        == (zone_a.subnet_id, zone_a.vpc_id)
        == (two["SubnetId"], two["VpcId"])
    )
    assert one["Placement"]["AvailabilityZone"] == "us-east-1a"
    addresses = {one["PrivateIpAddress"], two["PrivateIpAddress"]}
    assert len(addresses) == 2, "each instance of a subnet gets its own address"
    assert all(ipaddress.ip_address(a) in ipaddress.ip_network("172.31.0.0/16") for a in addresses)
    assert one["SecurityGroups"] == [{"GroupId": one["SecurityGroups"][0]["GroupId"], "GroupName": "default"}]
    assert one["MetadataOptions"] == {"State": "applied", **DEFAULT_METADATA_OPTIONS}
    assert (one["EbsOptimized"], one["Monitoring"]["State"]) == (False, "disabled")
    assert (one["RootDeviceName"], two["RootDeviceName"]) == ("/dev/sda1", "/dev/xvda")
    assert "Platform" not in two and two["PlatformDetails"] == "Linux/UNIX"
    # The primary network interface's groups and subnet stand in for the instance's own.
    assert [g["GroupId"] for g in two["SecurityGroups"]] == GROUPS[:1]
    assert three["SubnetId"] == SUBNET and three["VpcId"] == named_subnet(SUBNET).vpc_id
    assert ipaddress.ip_address(three["PublicIpAddress"]).is_global
    assert three["NetworkInterfaces"][0]["Association"]["PublicIp"] == three["PublicIpAddress"]
    assert three["PublicDnsName"].startswith("ec2-") and three["PublicDnsName"].endswith(
        ".compute-1.amazonaws.com"
    )
    # Reading again shows the same derived network.
    assert _instance(ec2, first) == one


def test_filters_select_instances_and_pages_follow_max_results(client: Any, ec2: Any) -> None:
    created = [_create(client)] + [_create(client, InstanceType="t3.large") for _ in range(5)]
    created.append(_create(client, SubnetId=SUBNET))
    _allocated(client, *created)
    made = [_ec2_id(client, w) for w in created]
    stopped = made[-1]
    ec2.stop_instances(InstanceIds=[stopped])

    def ids(**kwargs: Any) -> list[str]:
        answer = ec2.describe_instances(**kwargs)
        return [i["InstanceId"] for r in answer["Reservations"] for i in r["Instances"]]

    assert ids() == made
    assert ids(InstanceIds=[made[2], made[0], made[2]]) == [made[2], made[0]]
    assert ids(Filters=[{"Name": "instance-id", "Values": [made[3]]}]) == [made[3]]
    assert ids(Filters=[{"Name": "instance-state-name", "Values": ["stopped"]}]) == [stopped]
    assert ids(Filters=[{"Name": "instance-state-name", "Values": ["running", "pending"]}]) == made[:-1]
    assert ids(Filters=[{"Name": "instance-type", "Values": ["t3.*"]}]) == made[1:6]
    assert ids(
        Filters=[{"Name": "subnet-id", "Values": [SUBNET]}, {"Name": "instance-state-code", "Values": ["80"]}]
    ) == [stopped]
    pages = list(ec2.get_paginator("describe_instances").paginate(PaginationConfig={"PageSize": 5}))
    assert [len(p["Reservations"]) for p in pages] == [5, 2]
    assert [i["InstanceId"] for p in pages for r in p["Reservations"] for i in r["Instances"]] == made
    assert _code(lambda: ec2.describe_instances(MaxResults=4)) == "InvalidParameterValue"
    assert (
        _code(lambda: ec2.describe_instances(MaxResults=5, InstanceIds=made[:1]))
        == "InvalidParameterCombination"
    )
    assert _code(lambda: ec2.describe_instances(Filters=[{"Name": "colour", "Values": ["red"]}])) == (
        "InvalidParameterValue"
    )


def test_tag_filters_select_by_key_by_value_or_by_both(client: Any, ec2: Any) -> None:
    def tagged(key: str, value: str) -> list[dict[str, Any]]:
        return [{"ResourceType": "instance", "Tags": [{"Key": key, "Value": value}]}]

    owned = _create(client, TagSpecifications=tagged("Owner", "my-team"))
    team = _create(client, TagSpecifications=tagged("Team", "my-team"))
    other = _create(client, TagSpecifications=tagged("Owner", "ops"))
    _allocated(client, owned, team, other)
    owned, team, other = (_ec2_id(client, w) for w in (owned, team, other))

    def ids(name: str, *values: str) -> set[str]:
        answer = ec2.describe_instances(Filters=[{"Name": name, "Values": list(values)}])
        return {i["InstanceId"] for r in answer["Reservations"] for i in r["Instances"]}

    assert ids("tag-key", "Owner") == {owned, other}
    assert ids("tag-value", "my-team") == {owned, team}
    assert ids("tag-value", "my-*", "op?") == {owned, team, other}
    assert ids("tag:Owner", "my-team") == {owned}


def test_unknown_malformed_and_not_yet_allocated_ids(allocating: Emulator, client: Any, ec2: Any) -> None:
    # Not yet allocated: its EC2 instance does not exist. Read where allocation lasts an hour (on the
    # session's emulator a loaded machine can reach the Get after the 0.2 s allocation ended).
    held = client_for(allocating.endpoint_url)
    not_yet = create_instance(held)
    assert "EC2ManagedInstance" not in held.get_workspace_instance(WorkspaceInstanceId=not_yet)
    assert ec2_client_for(allocating.endpoint_url).describe_instances()["Reservations"] == []

    _, known = _launch(client)

    with pytest.raises(ClientError) as excinfo:
        ec2.describe_instances(InstanceIds=[known, "i-0123456789abcdef0"])
    error = excinfo.value.response
    assert error["Error"]["Code"] == "InvalidInstanceID.NotFound"
    assert "i-0123456789abcdef0" in error["Error"]["Message"] and known not in error["Error"]["Message"]
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert _code(lambda: ec2.describe_instances(InstanceIds=["instance-1"])) == "InvalidInstanceID.Malformed"
    for call in (
        lambda: ec2.stop_instances(InstanceIds=["i-0123456789abcdef0"]),
        lambda: ec2.start_instances(InstanceIds=[known, "i-0123456789abcdef0"]),
        lambda: ec2.modify_instance_metadata_options(InstanceId="i-0123456789abcdef0", HttpTokens="required"),
        lambda: ec2.modify_instance_attribute(InstanceId="i-0123456789abcdef0", EbsOptimized={"Value": True}),
    ):
        assert _code(call) == "InvalidInstanceID.NotFound"
    # A refused StartInstances changed nothing.
    assert _instance(ec2, known)["State"]["Name"] == "running"
    assert _code(lambda: ec2.describe_instances(DryRun=True)) == "DryRunOperation"


#: Lets ModifyInstanceAttribute and ModifyInstanceMetadataOptions through: AWS itself refuses them on a
#: managed instance, so the tests that use them stand in for drift AWS would cause.
ALLOW_CHANGES = Behaviour(managed_instance_ec2_changes="allow")


def test_stop_modify_and_start(emu: Emulator, client: Any, ec2: Any) -> None:
    emu.set_behaviour(managed_instance_ec2_changes="allow")  # AWS refuses the Modify* calls (ALLOW_CHANGES)
    _, instance_id = _launch(client, SecurityGroupIds=GROUPS[:1])
    launched = _instance(ec2, instance_id)

    # The instance type changes only while stopped, as on EC2.
    with pytest.raises(ClientError) as excinfo:
        ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": "m5.xlarge"})
    assert excinfo.value.response["Error"]["Code"] == "IncorrectInstanceState"
    assert "stopped" in excinfo.value.response["Error"]["Message"]

    stopping = ec2.stop_instances(InstanceIds=[instance_id])["StoppingInstances"]
    assert stopping == [
        {
            "InstanceId": instance_id,
            "CurrentState": {"Code": 64, "Name": "stopping"},
            "PreviousState": {"Code": 16, "Name": "running"},
        }
    ]
    stopped = _instance(ec2, instance_id)
    assert stopped["State"] == {"Code": 80, "Name": "stopped"}
    assert stopped["StateReason"]["Code"] == "Client.UserInitiatedShutdown"
    assert stopped["StateTransitionReason"].startswith("User initiated (")
    again = ec2.stop_instances(InstanceIds=[instance_id])["StoppingInstances"][0]
    assert (again["PreviousState"]["Name"], again["CurrentState"]["Name"]) == ("stopped", "stopped")

    ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": "m5.xlarge"})
    ec2.modify_instance_attribute(InstanceId=instance_id, Groups=[GROUPS[1], GROUPS[0]])
    ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="ebsOptimized", Value="true")
    answer = ec2.modify_instance_metadata_options(
        InstanceId=instance_id, HttpTokens="required", HttpEndpoint="enabled"
    )
    assert answer["InstanceId"] == instance_id
    assert (answer["InstanceMetadataOptions"]["State"], answer["InstanceMetadataOptions"]["HttpTokens"]) == (
        "pending",
        "required",
    )

    starting = ec2.start_instances(InstanceIds=[instance_id])["StartingInstances"][0]
    assert (starting["PreviousState"], starting["CurrentState"]) == (
        {"Code": 80, "Name": "stopped"},
        {"Code": 0, "Name": "pending"},
    )
    running = _instance(ec2, instance_id)
    assert running["State"]["Name"] == "running" and "StateReason" not in running
    assert running["InstanceType"] == "m5.xlarge"
    assert [g["GroupId"] for g in running["SecurityGroups"]] == [GROUPS[1], GROUPS[0]]
    assert [g["GroupId"] for g in running["NetworkInterfaces"][0]["Groups"]] == [GROUPS[1], GROUPS[0]]
    assert running["EbsOptimized"] is True
    assert (running["MetadataOptions"]["State"], running["MetadataOptions"]["HttpTokens"]) == (
        "applied",
        "required",
    )
    assert running["LaunchTime"] > launched["LaunchTime"]
    # What did not change stays as launched.
    assert (running["PrivateIpAddress"], running["SubnetId"]) == (
        launched["PrivateIpAddress"],
        launched["SubnetId"],
    )
    # Metadata options change whatever the state; the hop limit stays within 1 to 64.
    ec2.modify_instance_metadata_options(InstanceId=instance_id, HttpPutResponseHopLimit=3)
    assert _instance(ec2, instance_id)["MetadataOptions"]["HttpPutResponseHopLimit"] == 3
    # The workspace instance behind it is unaffected.
    assert client.list_workspace_instances()["WorkspaceInstances"][0]["ProvisionState"] == "ALLOCATED"


def test_modify_refuses_what_ec2_refuses(emu: Emulator, client: Any, ec2: Any) -> None:
    emu.set_behaviour(managed_instance_ec2_changes="allow")  # AWS refuses the Modify* calls (ALLOW_CHANGES)
    _, instance_id = _launch(client, DisableApiStop=True)

    assert _code(lambda: ec2.stop_instances(InstanceIds=[instance_id])) == "OperationNotPermitted"
    ec2.modify_instance_attribute(InstanceId=instance_id, DisableApiStop={"Value": False})
    ec2.stop_instances(InstanceIds=[instance_id])
    assert _code(
        lambda: ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": "m5.huge"})
    ) == ("InvalidParameterValue")
    assert _code(
        lambda: ec2.modify_instance_attribute(
            InstanceId=instance_id, InstanceType={"Value": "m5.xlarge"}, EbsOptimized={"Value": True}
        )
    ) == ("InvalidParameterCombination")
    assert (
        _code(lambda: ec2.modify_instance_attribute(InstanceId=instance_id)) == "InvalidParameterCombination"
    )
    assert _code(lambda: ec2.modify_instance_attribute(InstanceId=instance_id, Groups=["group-1"])) == (
        "InvalidGroupId.Malformed"
    )
    assert _code(
        lambda: ec2.modify_instance_attribute(InstanceId=instance_id, SourceDestCheck={"Value": False})
    ) == ("UnsupportedOperation")
    assert _code(
        lambda: ec2.modify_instance_metadata_options(InstanceId=instance_id, HttpTokens="sometimes")
    ) == ("InvalidParameterValue")
    assert _code(
        lambda: ec2.modify_instance_metadata_options(InstanceId=instance_id, HttpPutResponseHopLimit=65)
    ) == ("InvalidParameterValue")
    # Nothing refused changed the instance.
    instance = _instance(ec2, instance_id)
    assert (instance["InstanceType"], instance["EbsOptimized"]) == ("m5.large", False)
    assert instance["MetadataOptions"]["HttpTokens"] == "optional"
    # Attribute=instanceType with a Value is EC2's other spelling of the same change.
    ec2.modify_instance_attribute(InstanceId=instance_id, Attribute="instanceType", Value="m5.2xlarge")
    assert _instance(ec2, instance_id)["InstanceType"] == "m5.2xlarge"


def test_a_deleted_workspace_takes_its_ec2_instance_and_root_volume_with_it(
    deallocating: Emulator, client: Any, ec2: Any
) -> None:
    # While the deletion runs, the EC2 instance is shutting down and can neither stop nor start: read where
    # deallocation lasts an hour (a loaded machine once reached the read after a 0.6 s one ended).
    held, held_ec2 = client_for(deallocating.endpoint_url), ec2_client_for(deallocating.endpoint_url)
    deleting, shutting_down = _launch(held)
    held.delete_workspace_instance(WorkspaceInstanceId=deleting)
    assert _instance(held_ec2, shutting_down)["State"] == {"Code": 32, "Name": "shutting-down"}
    assert _code(lambda: held_ec2.stop_instances(InstanceIds=[shutting_down])) == "IncorrectInstanceState"
    assert _code(lambda: held_ec2.start_instances(InstanceIds=[shutting_down])) == "IncorrectInstanceState"

    # Once it ended (on the session's emulator): what went with it, and what stayed.
    workspace_id, instance_id = _launch(client)
    _, kept = _launch(client)
    # EC2 chose the instance's zone: the volume goes where the instance is.
    zone = _instance(ec2, instance_id)["Placement"]["AvailabilityZone"]
    data = client.create_volume(AvailabilityZone=zone, SizeInGB=10)["VolumeId"]
    client.associate_volume(WorkspaceInstanceId=workspace_id, VolumeId=data, Device="/dev/sdf")
    assert len(ec2.describe_volumes()["Volumes"]) == 3

    client.delete_workspace_instance(WorkspaceInstanceId=workspace_id)

    assert settled(client, workspace_id)["ProvisionState"] == "DEALLOCATED"
    # Gone at once when the deletion completes (EC2 would show it terminated for a while).
    assert _code(lambda: _instance(ec2, instance_id)) == "InvalidInstanceID.NotFound"
    listed = [i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]]
    assert listed == [kept]
    # The root volume went with it; the associated volume was detached and stays.
    volumes = {v["VolumeId"]: v for v in ec2.describe_volumes()["Volumes"]}
    assert len(volumes) == 2 and volumes[data]["State"] == "available"
    assert [v["Attachments"][0]["InstanceId"] for k, v in volumes.items() if k != data] == [kept]


def test_ec2_state_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    # AWS refuses the Modify* calls below on a managed instance (ALLOW_CHANGES).
    with Emulator(allocate_seconds=0.05, state_path=state, behaviour=ALLOW_CHANGES) as first:
        client, ec2 = client_for(first.endpoint_url), ec2_client_for(first.endpoint_url)
        _, changed = _launch(client, SubnetId=SUBNET)
        _, untouched = _launch(client, SubnetId=SUBNET)
        ec2.stop_instances(InstanceIds=[changed])
        ec2.modify_instance_attribute(InstanceId=changed, InstanceType={"Value": "m5.4xlarge"})
        ec2.modify_instance_metadata_options(InstanceId=changed, HttpTokens="required")
        ec2.create_tags(Resources=[changed], Tags=[{"Key": "team", "Value": "desktops"}])
        before = {i: _instance(ec2, i) for i in (changed, untouched)}
    with Emulator(allocate_seconds=0.05, state_path=state) as second:
        ec2 = ec2_client_for(second.endpoint_url)
        after = {i: _instance(ec2, i) for i in (changed, untouched)}
    assert after == before
    assert after[changed]["State"]["Name"] == "stopped"
    assert (after[changed]["InstanceType"], after[changed]["MetadataOptions"]["HttpTokens"]) == (
        "m5.4xlarge",
        "required",
    )
    assert after[changed]["Tags"] == [{"Key": "team", "Value": "desktops"}]
    assert after[untouched]["PrivateIpAddress"] != after[changed]["PrivateIpAddress"]


def test_a_state_file_from_before_ec2_instances_still_loads(tmp_path: Path) -> None:
    state = tmp_path / "old.sqlite"
    old = SqliteStore(state)
    with old.transaction():
        old.put(
            REGION,
            INSTANCE,
            "wsinst-0123456789abcdef0",
            {
                "WorkspaceInstanceId": "wsinst-0123456789abcdef0",
                "created": 1_700_000_000.0,
                "state": "ALLOCATING",
                "since": 1_700_000_000.0,
                "was_allocated": False,
                "failure": None,
                "billing_mode": "HOURLY",
                "ec2_instance_id": "i-0123456789abcdef0",
                "availability_zone": "us-east-1a",
                "managed_instance": {"ImageId": WINDOWS_AMI, "InstanceType": "m5.large"},
                "tags": [],
            },
        )
    old.close()
    with Emulator(state_path=state) as emu:
        ec2 = ec2_client_for(emu.endpoint_url)
        instance = _instance(ec2, "i-0123456789abcdef0")
        assert (instance["State"]["Name"], instance["InstanceType"]) == ("running", "m5.large")
        assert instance["LaunchTime"].timestamp() == 1_700_000_000.0
        ec2.stop_instances(InstanceIds=["i-0123456789abcdef0"])
        assert _instance(ec2, "i-0123456789abcdef0")["State"]["Name"] == "stopped"


def test_every_member_answered_is_one_the_ec2_model_has(emu: Emulator, client: Any, ec2: Any) -> None:
    _create(
        client,
        NetworkInterfaces=[{"DeviceIndex": 0, "AssociatePublicIpAddress": True}],
        IamInstanceProfile={"Name": "desk-profile"},
        CpuOptions={"CoreCount": 2, "ThreadsPerCore": 1},
        Placement={"AvailabilityZone": "us-east-1a", "Tenancy": "default", "GroupName": "spread"},
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "k", "Value": "v"}]}],
    )
    _, stopped = _launch(client)
    ec2.stop_instances(InstanceIds=[stopped])
    ctx = emu.service.context(REGION)
    with emu.service.store.transaction():
        answer = describe_instances(ctx, {})
    output = ec2_service_model().operation_model("DescribeInstances").output_shape
    assert output is not None
    assert len(answer["Reservations"]) == 2
    assert unmodeled(answer, output, "DescribeInstances") == []


def test_ec2_instance_calls_are_logged_and_take_faults(emu: Emulator, client: Any, ec2: Any) -> None:
    emu.set_behaviour(managed_instance_ec2_changes="allow")  # AWS refuses the Modify* call (ALLOW_CHANGES)
    _, instance_id = _launch(client)
    emu.add_faults([{"operation": "StopInstances", "action": "error", "error": "RequestLimitExceeded"}])
    assert _code(lambda: ec2.stop_instances(InstanceIds=[instance_id])) == "RequestLimitExceeded"
    assert _instance(ec2, instance_id)["State"]["Name"] == "running", "a faulted call changes nothing"
    ec2.stop_instances(InstanceIds=[instance_id])
    ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": "m5.xlarge"})
    ec2.start_instances(InstanceIds=[instance_id])

    calls = [
        (c["operation"], c["status"], c["error"], c["params"]) for c in emu.calls() if c["protocol"] == "ec2"
    ]
    # A call refused by a fault is logged as it came, before its form was read.
    assert calls[0][:3] == ("StopInstances", 503, "RequestLimitExceeded")
    assert calls[0][3]["InstanceId.1"] == instance_id
    assert [c[:3] for c in calls[1:]] == [
        ("DescribeInstances", 200, None),
        ("StopInstances", 200, None),
        ("ModifyInstanceAttribute", 200, None),
        ("StartInstances", 200, None),
    ]
    assert calls[3][3] == {"InstanceId": instance_id, "InstanceType": {"Value": "m5.xlarge"}}


def test_the_ec2_instance_of_a_new_desktop_lags_behind_its_allocation(emu: Emulator) -> None:
    # The lag of an EC2 instance runs from its allocation: the workspace instance is already ALLOCATED
    # (its lag is over) while EC2 does not know the instance behind it yet.
    lag = 0.3  # past the 0.2 s allocation: the desktop is ALLOCATED by the time its own lag is over
    emu.set_behaviour(visibility_lag_seconds=lag)
    client, ec2 = client_for(emu.endpoint_url), ec2_client_for(emu.endpoint_url)
    workspace_id = _create(client)

    def allocated_and_known() -> bool:
        try:
            return bool(settled(client, workspace_id)["ProvisionState"] == "ALLOCATED")
        except client.exceptions.ResourceNotFoundException:
            return False  # still inside its own lag

    wait_for(allocated_and_known, f"{workspace_id} known and ALLOCATED")
    ec2_id = _ec2_id(client, workspace_id)
    emu.set_behaviour(visibility_lag_seconds=30.0)  # from here on, the EC2 instance is inside its lag
    assert _code(lambda: ec2.describe_instances(InstanceIds=[ec2_id])) == "InvalidInstanceID.NotFound"
    assert ec2.describe_instances()["Reservations"] == []
    attached = [{"Name": "attachment.instance-id", "Values": [ec2_id]}]
    assert ec2.describe_volumes(Filters=attached)["Volumes"] == [], "its root volume lags with it"
    emu.set_behaviour(visibility_lag_seconds=0)
    [reservation] = ec2.describe_instances(InstanceIds=[ec2_id])["Reservations"]
    assert reservation["Instances"][0]["InstanceId"] == ec2_id
