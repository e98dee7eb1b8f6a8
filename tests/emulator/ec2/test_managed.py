"""Managed resources through a real boto3 ``ec2`` client: Operator, hiding, and the changes EC2 refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.ec2.managed import PRINCIPAL
from tests.conftest import settled
from tests.emulator.conftest import WINDOWS_AMI, create_instance

ZONE = "us-east-1a"


def _error(call: Callable[[], Any]) -> dict[str, Any]:
    with pytest.raises(ClientError) as excinfo:
        call()
    return dict(excinfo.value.response)


def _launched(client: Any) -> tuple[str, str]:
    """An ALLOCATED workspace instance in ZONE and the id of its EC2 instance."""
    workspace_id = create_instance(
        client,
        ManagedInstance={
            "ImageId": WINDOWS_AMI,
            "InstanceType": "m5.large",
            "Placement": {"AvailabilityZone": ZONE},
        },
    )
    got = settled(client, workspace_id)
    return workspace_id, str(got["EC2ManagedInstance"]["InstanceId"])


def _instance(ec2: Any, instance_id: str) -> dict[str, Any]:
    (reservation,) = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return dict(reservation["Instances"][0])


def _instance_ids(answer: dict[str, Any]) -> list[str]:
    return [i["InstanceId"] for r in answer["Reservations"] for i in r["Instances"]]


# --- changes to a managed instance ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "change"),
    [
        (
            "ModifyInstanceMetadataOptions",
            lambda ec2, i: ec2.modify_instance_metadata_options(InstanceId=i, HttpTokens="required"),
        ),
        (
            "ModifyInstanceAttribute",
            lambda ec2, i: ec2.modify_instance_attribute(InstanceId=i, Groups=["sg-0ffffffffffffffff"]),
        ),
        (
            "ModifyInstanceAttribute",
            lambda ec2, i: ec2.modify_instance_attribute(InstanceId=i, DisableApiStop={"Value": True}),
        ),
    ],
    ids=["metadata-options", "groups", "disable-api-stop"],
)
def test_a_change_to_a_managed_instance_is_refused_and_changes_nothing(
    client: Any, ec2: Any, action: str, change: Callable[[Any, str], Any]
) -> None:
    _, instance_id = _launched(client)
    before = _instance(ec2, instance_id)

    response = _error(lambda: change(ec2, instance_id))

    assert response["Error"]["Code"] == "UnauthorizedOperation"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    message = response["Error"]["Message"]
    assert message.startswith("You are not authorized to perform this operation.")
    assert f"ec2:{action}" in message and f"instance/{instance_id}" in message and PRINCIPAL in message
    after = _instance(ec2, instance_id)
    assert (after["MetadataOptions"], after["SecurityGroups"]) == (
        before["MetadataOptions"],
        before["SecurityGroups"],
    )


def test_dry_run_answers_the_refusal_and_unknown_ids_are_still_not_found(client: Any, ec2: Any) -> None:
    _, instance_id = _launched(client)
    # DryRun: "If you have the required permissions, the error response is DryRunOperation.
    # Otherwise, it is UnauthorizedOperation."
    dry = _error(
        lambda: ec2.modify_instance_metadata_options(
            InstanceId=instance_id, HttpTokens="required", DryRun=True
        )
    )
    assert dry["Error"]["Code"] == "UnauthorizedOperation"
    unknown = _error(
        lambda: ec2.modify_instance_attribute(InstanceId="i-0123456789abcdef0", EbsOptimized={"Value": True})
    )
    assert unknown["Error"]["Code"] == "InvalidInstanceID.NotFound"


def test_stop_start_and_tags_are_served_on_a_managed_instance(client: Any, ec2: Any) -> None:
    _, instance_id = _launched(client)

    ec2.stop_instances(InstanceIds=[instance_id])
    assert _instance(ec2, instance_id)["State"]["Name"] == "stopped"
    ec2.start_instances(InstanceIds=[instance_id])
    assert _instance(ec2, instance_id)["State"]["Name"] == "running"
    ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "team", "Value": "desktops"}])
    assert _instance(ec2, instance_id)["Tags"] == [{"Key": "team", "Value": "desktops"}]
    ec2.delete_tags(Resources=[instance_id], Tags=[{"Key": "team"}])
    assert "Tags" not in _instance(ec2, instance_id)


def test_allow_lets_the_changes_through(emu: Emulator, client: Any, ec2: Any) -> None:
    emu.set_behaviour(managed_instance_ec2_changes="allow")
    _, instance_id = _launched(client)

    ec2.modify_instance_metadata_options(InstanceId=instance_id, HttpTokens="required")
    ec2.modify_instance_attribute(InstanceId=instance_id, Groups=["sg-0ffffffffffffffff"])

    after = _instance(ec2, instance_id)
    assert after["MetadataOptions"]["HttpTokens"] == "required"
    assert [g["GroupId"] for g in after["SecurityGroups"]] == ["sg-0ffffffffffffffff"]


# --- Operator and visibility ---------------------------------------------------------------------


def test_every_instance_volume_and_modification_carries_operator(client: Any, ec2: Any) -> None:
    workspace_id, instance_id = _launched(client)
    volume_id = client.create_volume(AvailabilityZone=ZONE, SizeInGB=20)["VolumeId"]
    client.associate_volume(WorkspaceInstanceId=workspace_id, VolumeId=volume_id, Device="/dev/sdf")
    client.modify_volume(VolumeId=volume_id, SizeInGB=30)
    operator = {"Managed": True, "Principal": PRINCIPAL, "HiddenByDefault": False}

    instance = _instance(ec2, instance_id)
    assert instance["Operator"] == operator
    assert all(m["Ebs"]["Operator"] == operator for m in instance["BlockDeviceMappings"])
    assert instance["NetworkInterfaces"][0]["Operator"] == operator
    volumes = ec2.describe_volumes()["Volumes"]
    assert len(volumes) == 2 and all(v["Operator"] == operator for v in volumes)
    (modification,) = ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"]
    assert modification["Operator"] == operator


def test_hidden_leaves_managed_resources_out_unless_the_call_includes_them(
    emu: Emulator, client: Any, ec2: Any
) -> None:
    _, instance_id = _launched(client)
    volume_id = client.create_volume(AvailabilityZone=ZONE, SizeInGB=20)["VolumeId"]
    client.modify_volume(VolumeId=volume_id, SizeInGB=30)
    emu.set_behaviour(managed_resource_visibility="hidden")

    # Left out, listed or named (a named one must still exist).
    assert ec2.describe_instances()["Reservations"] == []
    assert ec2.describe_instances(InstanceIds=[instance_id])["Reservations"] == []
    assert ec2.describe_volumes()["Volumes"] == []
    assert ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"] == []
    assert ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"] == []
    unknown = _error(lambda: ec2.describe_instances(InstanceIds=["i-0123456789abcdef0"]))
    assert unknown["Error"]["Code"] == "InvalidInstanceID.NotFound"

    # IncludeManagedResources shows them, marked hidden by default.
    included = ec2.describe_instances(InstanceIds=[instance_id], IncludeManagedResources=True)
    assert _instance_ids(included) == [instance_id]
    assert included["Reservations"][0]["Instances"][0]["Operator"]["HiddenByDefault"] is True
    listed = ec2.describe_volumes(IncludeManagedResources=True)["Volumes"]
    assert volume_id in [v["VolumeId"] for v in listed] and len(listed) == 2
    assert ec2.describe_volumes_modifications(VolumeIds=[volume_id], IncludeManagedResources=True)[
        "VolumesModifications"
    ]
    # Hidden resources remain fully operational: tags and stops still work on them.
    ec2.create_tags(Resources=[instance_id, volume_id], Tags=[{"Key": "team", "Value": "desktops"}])
    ec2.stop_instances(InstanceIds=[instance_id])
    shown = ec2.describe_instances(InstanceIds=[instance_id], IncludeManagedResources=True)
    assert shown["Reservations"][0]["Instances"][0]["State"]["Name"] == "stopped"
