"""What an import takes and skips, and the names it gives (pure: no AWS)."""

from __future__ import annotations

import pytest

from pulumi_workspaces_instances.cli.inventory import Attachment, Desktop, DiskVolume, Inventory
from pulumi_workspaces_instances.cli.selection import Skip, matches, parse_tag_filter, select
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY

REGION = "us-east-1"


def _desktop(number: int, state: str = "ALLOCATED", **tags: str) -> Desktop:
    return Desktop(f"wsinst-{number:08d}", state, f"i-{number:08x}", tags)


def _volume(
    number: int, *attached_to: Desktop, state: str = "in-use", root: bool = False, **tags: str
) -> DiskVolume:
    attachments = tuple(
        Attachment(desktop.ec2_instance_id or "", "/dev/sdf", "attached", delete_on_termination=root)
        for desktop in attached_to
    )
    return DiskVolume(f"vol-{number:08x}", state if attachments else "available", tags, attachments)


def test_only_allocated_unclaimed_desktops_are_taken_and_each_skip_says_why() -> None:
    taken = _desktop(1, Name="alice")
    claimed = _desktop(2, **{CLAIM_TAG_KEY: "abc"})
    failed = _desktop(3, "ERROR_ALLOCATING")
    going = _desktop(4, "DEALLOCATING")

    selection = select(Inventory(REGION, (taken, claimed, failed, going), ()))

    assert [(d.name, d.resource_id) for d in selection.desktops] == [("alice", taken.instance_id)]
    assert selection.skipped == (
        Skip(claimed.instance_id, f"desktop is already claimed by a Pulumi stack (tag {CLAIM_TAG_KEY})"),
        Skip(failed.instance_id, "desktop is ERROR_ALLOCATING; only ALLOCATED desktops are imported"),
        Skip(going.instance_id, "desktop is DEALLOCATING; only ALLOCATED desktops are imported"),
    )


def test_an_attachment_links_its_desktop_and_volume_by_name() -> None:
    desk = _desktop(1, Name="alice's desk")
    data = _volume(1, desk, Name="alice data")

    selection = select(Inventory(REGION, (desk,), (data,)))

    [plan] = selection.attachments
    assert (plan.name, plan.desktop.name, plan.volume.name) == (
        "alice_data_on_alice_s_desk",
        "alice_s_desk",
        "alice_data",
    )
    assert plan.resource_id == f"{desk.instance_id}:{data.volume_id}"
    assert plan.device == "/dev/sdf"


def test_a_root_volume_is_part_of_its_desktop_not_a_volume() -> None:
    desk = _desktop(1)
    root = _volume(1, desk, root=True)

    selection = select(Inventory(REGION, (desk,), (root,)))

    assert (selection.volumes, selection.attachments, selection.launch_volumes) == ((), (), 1)


def test_a_volume_on_a_claimed_desktop_goes_with_it_and_so_does_its_attachment() -> None:
    claimed = _desktop(2, **{CLAIM_TAG_KEY: "abc"})
    data = _volume(1, claimed)

    selection = select(Inventory(REGION, (claimed,), (data,)))

    assert selection.volumes == ()
    assert selection.skipped[1:] == (
        Skip(
            data.volume_id,
            f"volume is attached to {claimed.instance_id}, which a Pulumi stack claims: it "
            "goes with that desktop",
        ),
        Skip(f"{claimed.instance_id}:{data.volume_id}", "attachment's volume is skipped"),
    )


def test_a_volume_on_an_unusable_unclaimed_desktop_is_taken_without_its_attachment() -> None:
    failed = _desktop(3, "ERROR_ALLOCATING")
    data = _volume(1, failed)

    selection = select(Inventory(REGION, (failed,), (data,)))

    assert [v.resource_id for v in selection.volumes] == [data.volume_id]
    assert selection.attachments == ()
    assert (
        Skip(
            f"{failed.instance_id}:{data.volume_id}",
            "attachment's desktop is not imported "
            "(desktop is ERROR_ALLOCATING; only ALLOCATED desktops are imported)",
        )
        in selection.skipped
    )


def test_volumes_in_passing_states_or_of_another_service_are_skipped() -> None:
    creating = DiskVolume("vol-00000001", "creating")
    other = DiskVolume(
        "vol-00000002", "available", operator={"Managed": True, "Principal": "eks.amazonaws.com"}
    )

    selection = select(Inventory(REGION, (), (creating, other)))

    assert [skip.reason for skip in selection.skipped] == [
        "volume is creating; only available or in-use volumes are imported",
        "volume is managed by eks.amazonaws.com, not WorkSpaces Instances",
    ]


def test_the_tag_filter_takes_only_matching_pairs_and_counts_the_rest() -> None:
    ops = _desktop(1, team="ops")
    dev = _desktop(2, team="dev")
    ops_data = _volume(1, ops, team="ops")
    untagged = _volume(2, ops)

    selection = select(Inventory(REGION, (ops, dev), (ops_data, untagged)), {"team": "ops"})

    assert [d.resource_id for d in selection.desktops] == [ops.instance_id]
    assert [v.resource_id for v in selection.volumes] == [ops_data.volume_id]
    assert len(selection.attachments) == 1 and selection.filtered_out == 2 and selection.skipped == ()


def test_names_fall_back_to_the_id_and_never_repeat() -> None:
    first, second, unnamed = _desktop(1, Name="desk"), _desktop(2, Name="desk"), _desktop(3)

    selection = select(Inventory(REGION, (first, second, unnamed), ()))

    assert [d.name for d in selection.desktops] == ["desk", "desk_wsinst_00000002", "wsinst_00000003"]


def test_tag_filters_are_key_value_pairs() -> None:
    assert parse_tag_filter(["team=ops", "env="]) == {"team": "ops", "env": ""}
    assert matches({"team": "ops", "env": ""}, {"team": "ops", "env": ""})
    assert not matches({"team": "ops"}, {"team": "ops", "env": ""})
    with pytest.raises(ValueError, match="--tag 'team': write it as key=value"):
        parse_tag_filter(["team"])


def test_what_a_stack_state_holds_is_skipped_claimed_or_not() -> None:
    desk = _desktop(1)
    data = _volume(1, desk)
    attachment_id = f"{desk.instance_id}:{data.volume_id}"

    selection = select(
        Inventory(REGION, (desk,), (data,)), held={desk.instance_id, data.volume_id, attachment_id}
    )

    assert (selection.desktops, selection.volumes, selection.attachments) == ((), (), ())
    assert [skip.resource_id for skip in selection.skipped] == [
        desk.instance_id,
        data.volume_id,
        attachment_id,
    ]
    assert {skip.reason for skip in selection.skipped} == {"already in a stack's state (--exclude-state)"}
