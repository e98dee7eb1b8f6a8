"""EC2's CreateTags and DeleteTags on the emulator's volumes and EC2 instances, through boto3."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import settled
from tests.emulator.conftest import (
    WINDOWS_AMI,
    client_for,
    create_instance,
    ec2_client_for,
)


def _code(call: Callable[[], Any]) -> str:
    with pytest.raises(ClientError) as excinfo:
        call()
    return str(excinfo.value.response["Error"]["Code"])


def _volume(client: Any, **extra: Any) -> str:
    return str(client.create_volume(AvailabilityZone="us-east-1a", SizeInGB=20, **extra)["VolumeId"])


def _tags(ec2: Any, volume_id: str) -> list[dict[str, str]]:
    (volume,) = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"]
    assert volume["VolumeId"] == volume_id
    return list(volume.get("Tags", []))


def test_tags_change_in_place_on_a_volume(client: Any, ec2: Any) -> None:
    volume_id = _volume(
        client, TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "team", "Value": "desktops"}]}]
    )

    ec2.create_tags(
        Resources=[volume_id], Tags=[{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "ops"}]
    )
    assert _tags(ec2, volume_id) == [{"Key": "team", "Value": "ops"}, {"Key": "env", "Value": "dev"}]
    ec2.create_tags(
        Resources=[volume_id], Tags=[{"Key": "empty", "Value": ""}, {"Key": "cost", "Value": "42"}]
    )

    ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": "env"}])  # a key alone: whatever its value
    ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": "team", "Value": "desktops"}])  # not its value: kept
    ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": "cost", "Value": ""}])  # "" matches only ""
    ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": "empty", "Value": ""}])
    ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": "never-set"}])
    assert _tags(ec2, volume_id) == [{"Key": "team", "Value": "ops"}, {"Key": "cost", "Value": "42"}]
    assert [
        v["VolumeId"]
        for v in ec2.describe_volumes(Filters=[{"Name": "tag:team", "Values": ["ops"]}])["Volumes"]
    ] == [volume_id]

    ec2.delete_tags(Resources=[volume_id])  # no Tag.N: every tag goes
    assert _tags(ec2, volume_id) == []
    # The volume is the same one, otherwise untouched.
    (volume,) = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"]
    assert (volume["Size"], volume["State"]) == (20, "available")


def test_tags_on_an_instance_and_the_volumes_it_was_launched_with(client: Any, ec2: Any) -> None:
    workspace_id = create_instance(
        client,
        ManagedInstance={
            "ImageId": WINDOWS_AMI,
            "InstanceType": "m5.large",
            "TagSpecifications": [{"ResourceType": "volume", "Tags": [{"Key": "disk", "Value": "root"}]}],
        },
    )
    data = _volume(client)
    instance_id = settled(client, workspace_id)["EC2ManagedInstance"]["InstanceId"]
    instance = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    root = instance["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
    assert _tags(ec2, root) == [{"Key": "disk", "Value": "root"}]

    ec2.create_tags(Resources=[instance_id, root, data], Tags=[{"Key": "owner", "Value": "ana"}])

    described = ec2.describe_instances(Filters=[{"Name": "tag:owner", "Values": ["ana"]}])["Reservations"]
    assert described[0]["Instances"][0]["Tags"] == [{"Key": "owner", "Value": "ana"}]
    assert _tags(ec2, root) == [{"Key": "disk", "Value": "root"}, {"Key": "owner", "Value": "ana"}]
    assert _tags(ec2, data) == [{"Key": "owner", "Value": "ana"}]
    ec2.delete_tags(Resources=[root, instance_id], Tags=[{"Key": "owner"}])
    assert "Tags" not in ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    assert _tags(ec2, root) == [{"Key": "disk", "Value": "root"}]
    assert _tags(ec2, data) == [{"Key": "owner", "Value": "ana"}]


def test_tags_are_validated_like_ec2_does(client: Any, ec2: Any) -> None:
    volume_id = _volume(
        client, TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "kept", "Value": "1"}]}]
    )
    deleted = _volume(client)
    client.delete_volume(VolumeId=deleted)

    def create(tags: list[dict[str, str]], resources: list[str] | None = None) -> str:
        return _code(lambda: ec2.create_tags(Resources=resources or [volume_id], Tags=tags))

    assert create([{"Key": "aws:cloudformation:stack-name", "Value": "x"}]) == "InvalidParameterValue"
    assert create([{"Key": "AWS:Mine", "Value": "x"}]) == "InvalidParameterValue"
    assert create([{"Key": "k" * 129, "Value": "x"}]) == "InvalidParameterValue"
    assert create([{"Key": "", "Value": "x"}]) == "InvalidParameterValue"
    assert create([{"Key": "k", "Value": "v" * 257}]) == "InvalidParameterValue"
    assert create([{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]) == "InvalidParameterValue"
    assert create([{"Key": f"k{i}", "Value": ""} for i in range(50)]) == "TagLimitExceeded"  # 1 + 50
    ec2.create_tags(Resources=[volume_id], Tags=[{"Key": "k" * 128, "Value": "v" * 256}])
    ec2.create_tags(
        Resources=[volume_id], Tags=[{"Key": f"k{i}", "Value": ""} for i in range(48)]
    )  # 50 in all
    assert (
        _code(lambda: ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": "aws:x"}]))
        == "InvalidParameterValue"
    )

    # Every id is checked before any resource changes.
    assert (
        create([{"Key": "new", "Value": "x"}], [volume_id, "vol-0123456789abcdef0"])
        == "InvalidVolume.NotFound"
    )
    assert create([{"Key": "new", "Value": "x"}], [volume_id, deleted]) == "InvalidVolume.NotFound"
    assert (
        create([{"Key": "new", "Value": "x"}], [volume_id, "i-0123456789abcdef0"])
        == "InvalidInstanceID.NotFound"
    )
    assert create([{"Key": "new", "Value": "x"}], [volume_id, "sg-0123456789abcdef0"]) == "InvalidID"
    assert create([{"Key": "new", "Value": "x"}], ["vol-nothex"]) == "InvalidID"
    assert _code(lambda: ec2.delete_tags(Resources=["vol-0123456789abcdef0"])) == "InvalidVolume.NotFound"
    tags = _tags(ec2, volume_id)
    assert len(tags) == 50 and "new" not in {t["Key"] for t in tags}
    assert (
        _code(lambda: ec2.create_tags(Resources=[volume_id], Tags=[{"Key": "x"}], DryRun=True))
        == "DryRunOperation"
    )


def test_a_tag_call_without_its_required_members_is_refused(emu: Emulator, client: Any) -> None:
    volume_id = _volume(client)
    unchecked = ec2_client_for(emu.endpoint_url, validate=False)
    with pytest.raises(ClientError) as excinfo:
        unchecked.create_tags(Resources=[volume_id], Tags=[])
    assert excinfo.value.response["Error"]["Code"] == "MissingParameter"
    assert "Tag" in excinfo.value.response["Error"]["Message"]
    assert _code(lambda: unchecked.delete_tags(Resources=[])) == "MissingParameter"


def test_volume_tags_survive_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with Emulator(state_path=state) as first:
        client, ec2 = client_for(first.endpoint_url), ec2_client_for(first.endpoint_url)
        volume_id = _volume(client)
        ec2.create_tags(Resources=[volume_id], Tags=[{"Key": "team", "Value": "desktops"}])
    with Emulator(state_path=state) as second:
        ec2 = ec2_client_for(second.endpoint_url)
        assert _tags(ec2, volume_id) == [{"Key": "team", "Value": "desktops"}]
        ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": "team", "Value": "desktops"}])
        assert _tags(ec2, volume_id) == []


def test_tag_calls_are_logged(emu: Emulator, client: Any, ec2: Any) -> None:
    volume_id = _volume(client)
    ec2.create_tags(Resources=[volume_id], Tags=[{"Key": "a", "Value": "b"}])
    ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": "a"}])

    calls = [(c["operation"], c["params"], c["status"]) for c in emu.calls() if c["protocol"] == "ec2"]
    assert calls == [
        ("CreateTags", {"Resources": [volume_id], "Tags": [{"Key": "a", "Value": "b"}]}, 200),
        ("DeleteTags", {"Resources": [volume_id], "Tags": [{"Key": "a"}]}, 200),
    ]
