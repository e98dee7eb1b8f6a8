"""Drift inside a desktop: which declared members are compared with EC2, and the one line each makes."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_workspaces_instances.provider.aws.model import managed_instance_shape
from pulumi_workspaces_instances.provider.instances.drift import (
    MANAGED_INSTANCE_NOTE,
    ROOT_VOLUME_MEMBERS,
    RULES,
    Observed,
    drift_line,
    find_drift,
    replace_target,
    show,
    state_line,
)
from pulumi_workspaces_instances.provider.instances.secrets import LIST_ITEM, managed_instance_secret_paths

EC2_ID = "i-0123456789abcdef0"
SUBJECT = "desk (wsinst-abc12345)"
TOP_LEVEL = "organization::proj::dev::desk"
CHILD = "organization::proj::dev::workspacesinstances:index:Workspace$desk::desk"
TYPE = "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance"


def ec2_instance(**overrides: Any) -> dict[str, Any]:
    """A DescribeInstances entry as botocore parses it, running and as declared by DECLARED."""
    instance: dict[str, Any] = {
        "InstanceId": EC2_ID,
        "InstanceType": "t3.medium",
        "ImageId": "ami-0a1b2c3d4e5f60001",
        "State": {"Code": 16, "Name": "running"},
        "SubnetId": "subnet-0abc",
        "VpcId": "vpc-0abc",
        "Placement": {"AvailabilityZone": "us-east-1a", "Tenancy": "default"},
        "SecurityGroups": [{"GroupId": "sg-0001", "GroupName": "web"}],
        "MetadataOptions": {"State": "applied", "HttpTokens": "required", "HttpPutResponseHopLimit": 2},
        "EbsOptimized": True,
        "Monitoring": {"State": "disabled"},
        "RootDeviceName": "/dev/sda1",
        "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeId": "vol-0root"}}],
    }
    instance.update(overrides)
    return instance


ROOT_VOLUME = {"VolumeId": "vol-0root", "Size": 80, "VolumeType": "gp3", "Encrypted": True}
DECLARED: dict[str, Any] = {
    "ImageId": "ami-0a1b2c3d4e5f60001",
    "InstanceType": "t3.medium",
    "SubnetId": "subnet-0abc",
    "SecurityGroupIds": ["sg-0001"],
    # Numbers arrive from the engine as floats.
    "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2.0},
    "EbsOptimized": True,
    "BlockDeviceMappings": [
        {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 80.0, "VolumeType": "gp3", "Encrypted": True}}
    ],
}


def test_an_instance_as_declared_has_no_drift() -> None:
    assert find_drift(DECLARED, Observed(ec2_instance(), ROOT_VOLUME)) == []


def test_members_left_unset_are_the_services_choice_and_never_drift() -> None:
    observed = Observed(ec2_instance(InstanceType="m5.large", Monitoring={"State": "enabled"}), ROOT_VOLUME)
    assert find_drift({"ImageId": "ami-0a1b2c3d4e5f60001"}, observed) == []


def test_each_difference_is_one_line_with_field_declared_actual_and_what_to_do() -> None:
    observed = Observed(
        ec2_instance(
            MetadataOptions={"HttpTokens": "optional", "HttpPutResponseHopLimit": 2},
            SecurityGroups=[{"GroupId": "sg-0002", "GroupName": "other"}],
        ),
        ROOT_VOLUME,
    )

    drifts = find_drift(DECLARED, observed)
    lines = [drift_line(SUBJECT, EC2_ID, drift, TOP_LEVEL) for drift in drifts]

    urn = f"urn:pulumi:dev::proj::{TYPE}::desk"
    assert lines == [
        f"desk (wsinst-abc12345): managed_instance.SecurityGroupIds differs on EC2 instance {EC2_ID}: "
        "declared [sg-0001] → actual [sg-0002]; EC2 does not let a managed instance's settings be changed "
        f"directly: rebuild the desktop as declared with `pulumi up --replace '{urn}'` (a new instance: its "
        "disks are lost); Pulumi changes nothing by itself",
        "desk (wsinst-abc12345): managed_instance.MetadataOptions.HttpTokens differs on EC2 instance "
        f"{EC2_ID}: declared 'required' → actual 'optional'; EC2 does not let a managed instance's settings "
        f"be changed directly: rebuild the desktop as declared with `pulumi up --replace '{urn}'` (a new "
        "instance: its disks are lost); Pulumi changes nothing by itself",
    ]


def test_what_ec2_cannot_change_only_a_rebuild_converges() -> None:
    (drift,) = find_drift(DECLARED, Observed(ec2_instance(ImageId="ami-0ffffffffffffffff"), ROOT_VOLUME))

    assert (drift.field, drift.fix) == ("ImageId", None)
    line = drift_line(SUBJECT, EC2_ID, drift, TOP_LEVEL)
    assert "declared 'ami-0a1b2c3d4e5f60001' → actual 'ami-0ffffffffffffffff'; EC2 does not let" in line
    assert ": rebuild the desktop as declared" in line and "aws ec2" not in line


@pytest.mark.parametrize(
    "drifted",
    [
        {"InstanceType": "t3.large"},
        {"MetadataOptions": {"HttpTokens": "optional", "HttpPutResponseHopLimit": 2}},
        {"SecurityGroups": [{"GroupId": "sg-0002", "GroupName": "other"}]},
    ],
)
def test_no_ec2_command_is_offered_for_a_managed_instance(drifted: dict[str, Any]) -> None:
    # EC2 User Guide: "You can't directly modify the settings of a managed instance." A command that EC2
    # refuses would send the user after a fix that cannot work.
    (drift,) = find_drift(DECLARED, Observed(ec2_instance(**drifted), ROOT_VOLUME))

    assert drift.fix is None
    line = drift_line(SUBJECT, EC2_ID, drift, TOP_LEVEL)
    assert f"{MANAGED_INSTANCE_NOTE}: rebuild the desktop as declared" in line
    assert "aws ec2" not in line


def test_monitoring_compares_the_declared_switch_with_the_monitoring_state() -> None:
    declared = {"Monitoring": {"Enabled": True}}
    assert find_drift(declared, Observed(ec2_instance(Monitoring={"State": "pending"}))) == []

    (drift,) = find_drift(declared, Observed(ec2_instance(Monitoring={"State": "disabled"})))
    assert (drift.declared, drift.actual, drift.fix) == (True, False, None)


def test_groups_and_subnet_declared_on_the_primary_interface_are_compared_there() -> None:
    declared = {"NetworkInterfaces": [{"DeviceIndex": 0.0, "SubnetId": "subnet-0abc", "Groups": ["sg-0009"]}]}

    (drift,) = find_drift(declared, Observed(ec2_instance()))

    assert (drift.field, drift.declared, drift.actual) == (
        "NetworkInterfaces[0].Groups",
        ["sg-0009"],
        ["sg-0001"],
    )


def test_the_order_of_security_groups_is_not_drift() -> None:
    groups = [{"GroupId": "sg-0002", "GroupName": "b"}, {"GroupId": "sg-0001", "GroupName": "a"}]
    declared = {"SecurityGroupIds": ["sg-0001", "sg-0002"], "SecurityGroups": ["a", "b"]}
    assert find_drift(declared, Observed(ec2_instance(SecurityGroups=groups))) == []


def test_the_root_volume_is_compared_with_describe_volumes() -> None:
    grown = {**ROOT_VOLUME, "Size": 120, "VolumeType": "gp2", "Encrypted": False}

    drifts = {d.field: d for d in find_drift(DECLARED, Observed(ec2_instance(), grown))}

    assert set(drifts) == {
        "BlockDeviceMappings[0].Ebs.Encrypted",
        "BlockDeviceMappings[0].Ebs.VolumeSize",
        "BlockDeviceMappings[0].Ebs.VolumeType",
    }
    # A volume cannot shrink, and encryption cannot be turned off or on: only a rebuild.
    assert drifts["BlockDeviceMappings[0].Ebs.VolumeSize"].fix is None
    assert drifts["BlockDeviceMappings[0].Ebs.Encrypted"].fix is None
    # The service's own ModifyVolume, not EC2's: EC2 does not modify a managed volume either.
    assert drifts["BlockDeviceMappings[0].Ebs.VolumeType"].fix == (
        "`aws workspaces-instances modify-volume --volume-id vol-0root --volume-type gp3`"
    )
    line = drift_line(SUBJECT, EC2_ID, drifts["BlockDeviceMappings[0].Ebs.VolumeType"], TOP_LEVEL)
    assert "the service may put it back: `aws workspaces-instances modify-volume" in line
    # Without DescribeVolumes' answer nothing about the root volume is claimed.
    assert find_drift(DECLARED, Observed(ec2_instance(), None)) == []


def test_a_child_of_a_component_gets_a_urn_pattern_that_replace_accepts() -> None:
    assert replace_target(TOP_LEVEL) == f"urn:pulumi:dev::proj::{TYPE}::desk"
    assert (
        replace_target(CHILD) == f"urn:pulumi:dev::proj::**workspacesinstances:index:Workspace${TYPE}::desk"
    )
    assert replace_target("organization/project/stack::web") is None


def test_without_a_urn_the_line_says_where_to_find_it() -> None:
    (drift,) = find_drift(DECLARED, Observed(ec2_instance(ImageId="ami-0ffffffffffffffff")))
    assert "`pulumi up --replace <its URN>` (`pulumi stack --show-urns` lists it)" in drift_line(
        SUBJECT, EC2_ID, drift, "not-an-identity"
    )


@pytest.mark.parametrize("ec2_state", ["stopped", "stopping"])
def test_a_stopped_instance_is_reported_as_stopped_not_gone(ec2_state: str) -> None:
    assert state_line(SUBJECT, EC2_ID, ec2_state, TOP_LEVEL) == (
        f"desk (wsinst-abc12345): EC2 instance {EC2_ID} is {ec2_state}, not gone: the desktop stays in the "
        f"stack; start it with `aws ec2 start-instances --instance-ids {EC2_ID}` if that was not meant"
    )


@pytest.mark.parametrize("ec2_state", ["running", "pending"])
def test_a_running_or_starting_instance_needs_no_line(ec2_state: str) -> None:
    assert state_line(SUBJECT, EC2_ID, ec2_state, TOP_LEVEL) is None


@pytest.mark.parametrize(("ec2_state", "shown"), [("terminated", "terminated"), (None, "unknown to EC2")])
def test_an_instance_ec2_ended_or_does_not_know_is_reported(ec2_state: str | None, shown: str) -> None:
    line = state_line(SUBJECT, EC2_ID, ec2_state, TOP_LEVEL)
    assert line is not None
    assert line.startswith(f"desk (wsinst-abc12345): EC2 instance {EC2_ID} is {shown} while WorkSpaces")
    assert "pulumi up --replace" in line


def test_values_are_shown_as_ec2_writes_them() -> None:
    assert [show(v) for v in ("required", True, False, 2.0, ["sg-1", "sg-2"], None)] == [
        "'required'",
        "true",
        "false",
        "2",
        "[sg-1, sg-2]",
        "none",
    ]


def _members(path: str) -> list[str]:
    return path.split(".")


def test_every_compared_member_is_in_the_model_and_none_is_sensitive() -> None:
    """The lines quote declared values: no compared member may be one the model marks sensitive."""
    shape = managed_instance_shape()
    secret = {tuple(p for p in path if p != LIST_ITEM) for path in managed_instance_secret_paths()}
    compared = [rule.field for rule in RULES] + [
        f"BlockDeviceMappings.Ebs.{member}" for member, _, _ in ROOT_VOLUME_MEMBERS
    ]
    for field in compared:
        current: Any = shape
        for member in _members(field):
            if current.type_name == "list":
                current = current.member
            assert member in current.members, field
            current = current.members[member]
        assert tuple(_members(field)) not in secret, field
