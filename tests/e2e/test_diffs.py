"""Diffs show only real changes: after a refresh that found drift, and for a changed ``aws:region``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import StackFactory, emulator_client

PROGRAM = Path(__file__).parent / "programs" / "workspace_instance"
CONFIG = {
    "imageId": "ami-0a1b2c3d4e5f60001",
    "instanceType": "t3.medium",
    "tags": json.dumps({"env": "test"}),
    "userData": "ZWNobyBkaWZm",
    "kmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/diff-test",
    "clientToken": "diff-test-token-0001",
}


def _changed(name: str, diff: str) -> bool:
    """Whether ``pulumi preview --diff`` marks input ``name`` as added, removed or changed."""
    return re.search(rf"^\s*[-+~]+ {name}\s*:", diff, re.MULTILINE) is not None


@pytest.mark.e2e
def test_preview_after_refresh_and_region_change_shows_only_what_changed(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    stack = make_stack(PROGRAM, config=CONFIG)  # no billingMode, no region: both defaulted
    main_id = stack.up(on_output=print).outputs["main_id"].value

    # Tag drift behind Pulumi's back, then refresh: the next preview shows the tags, nothing else.
    emulator_client(emulator).tag_resource(
        WorkspaceInstanceId=main_id, Tags=[{"Key": "drift", "Value": "yes"}]
    )
    assert stack.refresh(on_output=print).summary.resource_changes == {"update": 1, "same": 4}
    lines: list[str] = []
    preview = stack.preview(on_output=lines.append, diff=True)
    text = "\n".join(lines)
    assert preview.change_summary == {auto.OpType.UPDATE: 1, auto.OpType.SAME: 4}
    assert re.search(r"^\s*- drift\s*: \"yes\"", text, re.MULTILINE), text
    assert not _changed("billing_mode", text) and not _changed("region", text), text

    # A new default region replaces, and says from what to what.
    stack.up(on_output=print)
    stack.set_config("aws:region", auto.ConfigValue("us-west-2"))
    lines.clear()
    preview = stack.preview(on_output=lines.append, diff=True)
    text = "\n".join(lines)
    assert preview.change_summary[auto.OpType.REPLACE] == 2
    assert re.search(r'^\s*~ region\s*: "us-east-1" => "us-west-2"$', text, re.MULTILINE), text
    assert not _changed("billing_mode", text), text
    stack.set_config("aws:region", auto.ConfigValue("us-east-1"))
