"""The real Pulumi engine works here: up, a no-change preview and destroy of a tiny program.

The program's resource is the project's own dynamic provider (``provider.WorkspaceInstance``),
imported from the project package by both the program and the dynamic-provider host.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pulumi import automation as auto

from tests.e2e.conftest import LaunchableStack

PROGRAM = Path(__file__).parent / "programs" / "smoke"
PINNED_CLI = "3.274.1"


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.lstrip("v").split("-")[0].split("."))


@pytest.mark.e2e
def test_up_preview_destroy_with_the_real_cli(launchable_stack: LaunchableStack) -> None:
    stack = launchable_stack(PROGRAM)
    version = stack.workspace.pulumi_command.version
    print(f"pulumi version: {version}")
    assert version is not None
    assert _version_tuple(str(version)) >= _version_tuple(PINNED_CLI)

    up = stack.up(on_output=print)
    assert up.summary.result == "succeeded"
    # The stack, the instance and its seed (tokens.py).
    assert up.summary.resource_changes == {"create": 3}
    assert up.outputs["workspace_instance_id"].value.startswith("wsinst-")
    assert up.outputs["provision_state"].value == "ALLOCATED"

    preview = stack.preview(on_output=print)
    assert preview.change_summary == {auto.OpType.SAME: 3}

    destroy = stack.destroy(on_output=print)
    assert destroy.summary.result == "succeeded"
    assert destroy.summary.resource_changes == {"delete": 3}
