"""What a change does to a Volume or a VolumeAttachment: nothing, a change in place, or a replacement."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_workspaces_instances.provider.attachment_provider import VolumeAttachmentProvider
from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from pulumi_workspaces_instances.provider.volumes import state as vs

VOLUME_ID = "vol-0a1b2c3d4e5f60001"
# As DescribeVolumes shows a 100 GiB gp3 volume created without IOPS or throughput.
LIVE = {
    "VolumeId": VOLUME_ID,
    "Size": 100,
    "VolumeType": "gp3",
    "Iops": 3000,
    "Throughput": 125,
    "State": "in-use",
}


def checked(**overrides: Any) -> dict[str, Any]:
    """Inputs as check returns them (region filled in), with overrides (None removes an input)."""
    props: dict[str, Any] = {
        "availability_zone": "us-east-1a",
        "size_in_gb": 100.0,  # numbers arrive as doubles
        "volume_type": "gp3",
        "region": "us-east-1",
        "__defaults": ["region"],
        "__identity": "organization::project::stack::data",
        "__seed": "5eed",
    }
    props.update(overrides)
    return {key: value for key, value in props.items() if value is not None}


def outputs(**overrides: Any) -> dict[str, Any]:
    """The outputs a create of ``checked(**overrides)`` stored, EC2 showing LIVE."""
    inputs = checked(**overrides)
    return vs.volume_outputs(inputs, volume_id=VOLUME_ID, region="us-east-1", volume=LIVE)


def diff(olds: dict[str, Any], news: dict[str, Any]) -> tuple[bool, list[str]]:
    result = VolumeProvider().diff(VOLUME_ID, olds, news)
    return bool(result.changes), list(result.replaces or [])


def test_no_change_is_no_diff_even_where_ec2_filled_in_values() -> None:
    # iops and throughput were never declared: EC2's 3000 and 125 are not a change.
    assert diff(outputs(), checked()) == (False, [])
    assert diff(outputs(), checked(size_in_gb=100, timeouts={"update": "30m"})) == (False, [])


@pytest.mark.parametrize(
    "change",
    [
        {"size_in_gb": 200.0},
        {"volume_type": "io2", "iops": 5000.0},
        {"iops": 6000.0},
        {"throughput": 500.0},
        {"size_in_gb": 150.0, "volume_type": "gp2"},
    ],
    ids=["grow", "type-and-iops", "iops", "throughput", "grow-and-type"],
)
def test_size_type_iops_and_throughput_change_in_place(change: dict[str, Any]) -> None:
    assert diff(outputs(), checked(**change)) == (True, [])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("availability_zone", "us-east-1b"),
        ("encrypted", True),
        ("kms_key_id", "alias/desks"),
        ("snapshot_id", "snap-0123abcd"),
        ("region", "us-west-2"),
        ("client_token", "token-2"),
    ],
)
def test_every_other_input_replaces(name: str, value: Any) -> None:
    assert diff(outputs(), checked(**{name: value})) == (True, [name])


@pytest.mark.parametrize(
    ("before", "after"),
    [({}, {"team": "desks"}), ({"team": "desks"}, {"team": "data"}), ({"team": "desks"}, None)],
    ids=["add", "change", "remove-all"],
)
def test_tags_change_in_place(before: dict[str, str], after: dict[str, str] | None) -> None:
    stored = vs.volume_outputs(
        checked(tags=before),
        volume_id=VOLUME_ID,
        region="us-east-1",
        volume={**LIVE, "Tags": [{"Key": k, "Value": v} for k, v in before.items()]},
    )
    assert diff(stored, checked(tags=after)) == (True, [])
    assert diff(stored, checked(tags=before or None)) == (False, [])


def test_aws_own_tags_are_not_outputs_and_not_drift() -> None:
    live = {**LIVE, "Tags": [{"Key": "aws:backup:source", "Value": "x"}, {"Key": "team", "Value": "a"}]}
    stored = vs.volume_outputs(
        checked(tags={"team": "a"}), volume_id=VOLUME_ID, region="us-east-1", volume=live
    )
    assert stored["tags"] == {"team": "a"}
    assert diff(stored, checked(tags={"team": "a"})) == (False, [])


def test_removing_a_modifiable_input_keeps_the_volume_as_it_is() -> None:
    assert diff(outputs(iops=4000.0), checked()) == (False, [])


def test_only_timeouts_is_a_change_without_replacement() -> None:
    assert diff(outputs(), checked(timeouts={"update": "2h"})) == (True, [])


def test_unknown_values_at_preview() -> None:
    assert diff(outputs(), checked(size_in_gb=Unknown())) == (True, [])
    assert diff(outputs(), checked(availability_zone=Unknown())) == (True, ["availability_zone"])


def test_a_shrink_check_could_not_see_fails_the_diff() -> None:
    # Created from a snapshot without size_in_gb: only the outputs know the volume is 100 GiB.
    olds = outputs(size_in_gb=None, snapshot_id="snap-0123abcd")

    with pytest.raises(WorkspaceInstanceError) as raised:
        diff(olds, checked(size_in_gb=50.0, snapshot_id="snap-0123abcd"))
    assert str(raised.value) == (
        "size_in_gb: the volume is 100 GiB and EBS volumes cannot shrink; set size_in_gb to 100 or more "
        "(not 50), or replace the volume (`pulumi up --replace "
        "'urn:pulumi:stack::project::pulumi-python:dynamic/workspacesinstances:Volume::data'`; "
        "its data is lost)"
    )


def test_a_replacement_may_shrink() -> None:
    assert diff(outputs(), checked(size_in_gb=20.0, availability_zone="us-east-1c")) == (
        True,
        ["availability_zone"],
    )


def test_modify_request_carries_only_the_declared_changes() -> None:
    old = outputs()
    assert vs.modify_request(old, checked(size_in_gb=200.0, volume_type="gp3")) == {"SizeInGB": 200}
    assert vs.modify_request(old, checked(volume_type="io2", iops=8000.0)) == {
        "VolumeType": "io2",
        "Iops": 8000,
    }
    assert vs.modify_request(old, checked()) == {}


def test_read_reports_as_inputs_only_what_the_program_declared() -> None:
    outs = outputs(iops=3000.0)
    drifted = vs.volume_outputs(
        outs,
        volume_id=VOLUME_ID,
        region="us-east-1",
        volume={**LIVE, "Size": 300, "VolumeType": "gp2"},
        declared_names=vs.declared_in(outs),
    )
    inputs = vs.volume_inputs_from_outputs(drifted)

    assert (drifted["size_in_gb"], drifted["volume_type"], drifted["throughput"]) == (300, "gp2", 125)
    assert inputs["size_in_gb"] == 300 and inputs["volume_type"] == "gp2" and inputs["iops"] == 3000
    assert "throughput" not in inputs, "never declared: not an input"
    assert inputs["region"] == "us-east-1" and inputs["__seed"] == "5eed"


# --- VolumeAttachment ---------------------------------------------------------------------------

ATTACHMENT = {
    "workspace_instance_id": "wsinst-0a1b2c3d4e5f60001",
    "volume_id": VOLUME_ID,
    "device": "/dev/sdf",
    "region": "us-east-1",
    "__defaults": ["region"],
}


def attachment_diff(**change: Any) -> tuple[bool, list[str], bool | None]:
    olds = {**ATTACHMENT, "ec2_instance_id": "i-0123456789abcdef0", "state": "attached"}
    result = VolumeAttachmentProvider().diff("id", olds, {**ATTACHMENT, **change})
    return bool(result.changes), list(result.replaces or []), result.delete_before_replace


@pytest.mark.parametrize(
    "change",
    [
        {"workspace_instance_id": "wsinst-0a1b2c3d4e5f60002"},
        {"volume_id": "vol-0a1b2c3d4e5f60002"},
        {"device": "/dev/sdg"},
        {"volume_id": Unknown()},
    ],
    ids=["instance", "volume", "device", "volume-unknown"],
)
def test_attachment_replaces_detaching_first(change: dict[str, Any]) -> None:
    assert attachment_diff(**change) == (True, list(change), True)


def test_attachment_mode_and_timeouts_change_in_state_only() -> None:
    assert attachment_diff() == (False, [], None)
    assert attachment_diff(disassociate_mode="FORCE") == (True, [], None)
    assert attachment_diff(timeouts={"delete": "1m"}) == (True, [], None)
