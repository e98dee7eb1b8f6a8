"""Fleets through the real CLI: one provider host serves every desktop at once, and a fleet is stable.

Behaviour, not speed (``make bench`` measures the times): the emulator's call log shows whether
creates and deletes waited for each other, /proc shows how many provider hosts ran, and the
engine's preview events show what changing the fleet's size touches.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from tests.conftest import EmulatorFactory, StackFactory
from toolchain.processes import provider_host_pids

PROGRAM = Path(__file__).parent / "programs" / "fleet"
FLEET = 12
"""Wider than the SDK host's 4 workers, with room to spare below PULUMI_PARALLEL."""
PARALLEL = 32
ALLOCATE_SECONDS = 5.0
"""Allocation and deallocation: ample time for every create of the fleet to be sent first."""
SAMPLE_SECONDS = 0.2
CREATE, DELETE, TAG = "CreateWorkspaceInstance", "DeleteWorkspaceInstance", "TagResource"


@contextmanager
def _hosts_seen(marker: str) -> Iterator[set[int]]:
    """Every provider host of the stack seen while the block runs (sampled from /proc)."""
    seen: set[int] = set()
    done = threading.Event()

    def sample() -> None:
        while True:
            seen.update(provider_host_pids(marker))
            if done.wait(SAMPLE_SECONDS):
                return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield seen
    finally:
        done.set()
        sampler.join(timeout=10)


def _times(calls: list[dict[str, Any]], operation: str) -> list[float]:
    return sorted(
        datetime.fromisoformat(str(call["time"]).replace("Z", "+00:00")).timestamp()
        for call in calls
        if call["operation"] == operation and call["status"] == 200
    )


def _planned(events: list[auto.EngineEvent]) -> dict[str, str]:
    """``Type:name`` of every resource to the step the preview planned for it.

    Not the stack, and not the default ``pulumi-python`` provider: the engine gives it the whole
    stack config as inputs, so changing ``count`` updates it (in state only) whatever the resources do.
    """
    ops = {}
    for event in events:
        pre = event.resource_pre_event
        if pre is not None and not pre.metadata.type.startswith(("pulumi:pulumi:Stack", "pulumi:providers:")):
            name = pre.metadata.urn.rsplit("::", 1)[-1]
            ops[f"{pre.metadata.type.rsplit(':', 1)[-1]}:{name}"] = pre.metadata.op.value
    return ops


def _desktop(kind: str, index: int) -> set[str]:
    """What one desktop is in state: its instance and seed, and the component around them."""
    name = f"desk-{index:02d}"
    parts = {f"WorkspaceInstance:{name}", f"InstanceSeed:{name}-seed"}
    return parts | {f"Workspace:{name}"} if kind == "workspace" else parts


def _preview_with_count(stack: auto.Stack, count: int) -> dict[str, str]:
    stack.set_config("count", auto.ConfigValue(str(count)))
    events: list[auto.EngineEvent] = []
    stack.preview(on_event=events.append)
    return _planned(events)


@pytest.mark.e2e
def test_one_host_creates_and_deletes_the_whole_fleet_at_once(
    slow_emulator: EmulatorFactory, make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    emulator = slow_emulator(ALLOCATE_SECONDS, deallocate_seconds=ALLOCATE_SECONDS)
    pulumi_env["AWS_ENDPOINT_URL_WORKSPACES_INSTANCES"] = emulator.endpoint_url
    pulumi_env["AWS_ENDPOINT_URL_EC2"] = emulator.endpoint_url
    pulumi_env["PULUMI_PARALLEL"] = str(PARALLEL)
    stack = make_stack(PROGRAM, config={"count": str(FLEET), "kind": "instance"})
    marker = pulumi_env["PULUMI_BACKEND_URL"]

    with _hosts_seen(marker) as up_hosts:
        up = stack.up()
    ids = up.outputs["workspace_instance_ids"].value
    assert len(set(ids)) == FLEET
    created = _times(emulator.calls(), CREATE)
    claimed = _times(emulator.calls(), TAG)  # each create ends by tagging its instance as claimed
    assert len(created) == len(claimed) == FLEET
    # With the SDK's 4 workers the fifth create waits for the first to end; here none waited.
    assert created[-1] < claimed[0], (
        f"creates were sent over {created[-1] - created[0]:.1f}s, "
        f"but the first create ended {claimed[0] - created[0]:.1f}s after the first was sent"
    )
    assert created[-1] - created[0] < ALLOCATE_SECONDS

    with _hosts_seen(marker) as destroy_hosts:
        stack.destroy()
    deleted = _times(emulator.calls(), DELETE)
    assert len(deleted) == FLEET
    assert deleted[-1] - deleted[0] < ALLOCATE_SECONDS, (
        f"deletes were sent over {deleted[-1] - deleted[0]:.1f}s: some waited for others to finish"
    )
    # `up` (no preview: the Automation API skips it) and `destroy` are one engine run each.
    assert len(up_hosts) == 1, f"provider hosts during up: {sorted(up_hosts)}"
    assert len(destroy_hosts) == 1, f"provider hosts during destroy: {sorted(destroy_hosts)}"


@pytest.mark.e2e
@pytest.mark.parametrize("kind", ["instance", "workspace"])
def test_adding_or_removing_one_desktop_leaves_the_others_alone(
    make_stack: StackFactory, pulumi_env: dict[str, str], kind: str
) -> None:
    count = 3
    stack = make_stack(PROGRAM, config={"count": str(count), "kind": kind})
    stack.up()
    kept = set().union(*(_desktop(kind, index) for index in range(count - 1)))

    added = _desktop(kind, count)
    planned = _preview_with_count(stack, count + 1)
    assert planned == {
        **{part: "same" for part in kept | _desktop(kind, count - 1)},
        **{part: "create" for part in added},
    }

    removed = _desktop(kind, count - 1)
    planned = _preview_with_count(stack, count - 1)
    assert planned == {**{part: "same" for part in kept}, **{part: "delete" for part in removed}}
