"""Real AWS is eventually consistent and refuses things: through the real CLI, on both faces, nothing is
duplicated, orphaned or misreported.

Each test runs a program of every resource kind and data source — two desktops and a ``Workspace``
component, a data volume in the first one's zone, its attachment, ``get_instance_types`` and
``get_workspace_instance`` (``programs/eventual_python`` on the dynamic face, ``programs/eventual_yaml``
on the plugin) — against an emulator of its own, with the fault rules or behaviour switches that
reproduce what AWS may do:
``GetWorkspaceInstance`` not knowing a desktop right after its create, ``DeleteWorkspaceInstance``
answering ``ConflictException`` to the clean-up of a failed allocation, and a whole lifecycle with the
read-after-create lag and deletes refused while allocating.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.workspaces_instances.behaviour import Behaviour
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from tests.conftest import EmulatorFactory, StackFactory, emulator_client, emulator_ec2_client
from tests.e2e.conftest import LAUNCHABLE
from toolchain.environment import emulator_environment

PROGRAMS = Path(__file__).parent / "programs"
FACES = {"dynamic": PROGRAMS / "eventual_python", "plugin": PROGRAMS / "eventual_yaml"}
CONFIG = {**LAUNCHABLE, "team": "blue", "size": "50", "createTimeout": "10m"}
DESKS = 3
GONE = ("DEALLOCATING", "DEALLOCATED")


AimedStack = Callable[..., auto.Stack]


@pytest.fixture
def aimed_stack(make_stack: StackFactory, pulumi_env: dict[str, str], tmp_path: Path) -> AimedStack:
    """Factory: ``(program, emulator, **config)`` → a stack of ``program`` with CONFIG (and ``config`` on
    top) whose provider hosts talk to ``emulator`` instead of the session's."""

    def factory(program: Path, emulator: Emulator, **config: str) -> auto.Stack:
        env = {**pulumi_env, **emulator_environment(emulator.endpoint_url, tmp_path)}
        return make_stack(program, config={**CONFIG, **config}, env=env)

    return factory


def _live(emulator: Emulator) -> dict[str, str]:
    """Every desktop that bills (not being deleted), by id; the lag switched off for the look."""
    lag = emulator.behaviour.visibility_lag_seconds
    emulator.set_behaviour(visibility_lag_seconds=0)
    try:
        answer = emulator_client(emulator).list_workspace_instances()["WorkspaceInstances"]
    finally:
        emulator.set_behaviour(visibility_lag_seconds=lag)
    return {i["WorkspaceInstanceId"]: i["ProvisionState"] for i in answer if i["ProvisionState"] not in GONE}


def _volumes(emulator: Emulator) -> list[dict[str, Any]]:
    """The volumes made with CreateVolume (not those launched with a desktop), as EC2 shows them."""
    lag = emulator.behaviour.visibility_lag_seconds
    emulator.set_behaviour(visibility_lag_seconds=0)
    try:
        answer = emulator_ec2_client(emulator).describe_volumes(IncludeManagedResources=True)["Volumes"]
    finally:
        emulator.set_behaviour(visibility_lag_seconds=lag)
    return [v for v in answer if not any(a.get("DeleteOnTermination") for a in v.get("Attachments") or [])]


def _creates(emulator: Emulator, since: int = 0) -> int:
    return sum(1 for call in emulator.calls()[since:] if call["operation"] == "CreateWorkspaceInstance")


def _claimed(emulator: Emulator, instance_id: str) -> bool:
    tags = emulator_client(emulator).list_tags_for_resource(WorkspaceInstanceId=instance_id)["Tags"]
    return CLAIM_TAG_KEY in {tag["Key"] for tag in tags}


def _failed_up(stack: auto.Stack) -> str:
    """The output of an ``up`` that must fail."""
    lines: list[str] = []
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.up(on_output=lines.append)
    return "\n".join(lines) + str(failure.value)


@pytest.mark.e2e
@pytest.mark.parametrize("program", FACES.values(), ids=FACES.keys())
def test_desktops_read_late_after_their_create_are_not_launched_twice(
    program: Path, slow_emulator: EmulatorFactory, aimed_stack: AimedStack
) -> None:
    # The reproduction: GetWorkspaceInstance answers ResourceNotFoundException twice right after a
    # successful CreateWorkspaceInstance. Before: 5 desktops live, 2 of them billed and in no stack.
    emulator = slow_emulator(0.3)
    emulator.add_faults(
        [{"operation": "GetWorkspaceInstance", "action": "error", "error": "ResourceNotFound", "times": 2}]
    )
    stack = aimed_stack(program, emulator)

    ids = stack.up(on_output=print).outputs["deskIds"].value

    assert len(set(ids)) == DESKS
    assert set(_live(emulator)) == set(ids), "exactly one desktop per resource, every one in the stack"
    assert _creates(emulator) == DESKS
    assert all(_claimed(emulator, instance_id) for instance_id in ids)


@pytest.mark.e2e
@pytest.mark.parametrize("program", FACES.values(), ids=FACES.keys())
def test_a_failed_allocation_whose_delete_is_refused_is_still_cleaned_up_and_says_so(
    program: Path, slow_emulator: EmulatorFactory, aimed_stack: AimedStack
) -> None:
    # The reproduction: a desktop ends in ERROR_ALLOCATING and its clean-up's
    # DeleteWorkspaceInstance meets ConflictException. Before: "… is already being deleted", and it stayed.
    emulator = slow_emulator(0.3)
    emulator.add_faults(
        [
            {"operation": "CreateWorkspaceInstance", "action": "fail_allocation", "times": 1},
            {"operation": "DeleteWorkspaceInstance", "action": "error", "error": "Conflict", "times": 3},
        ]
    )
    stack = aimed_stack(program, emulator)

    output = _failed_up(stack)

    [failed] = [
        call["params"]["WorkspaceInstanceId"]
        for call in emulator.calls()
        if call["operation"] == "DeleteWorkspaceInstance" and call["status"] == 200
    ]
    assert f"{failed} ended in ERROR_ALLOCATING" in output
    assert f"{failed} is being deleted (DEALLOCATING) so nothing is left running" in output
    assert "already being deleted" not in output
    assert failed not in _live(emulator), "nothing of the failed desktop is left"
    refused = [c for c in emulator.calls() if c["operation"] == "DeleteWorkspaceInstance" and c["error"]]
    assert len(refused) == 3

    # The next up converges: one desktop per resource, all in the stack.
    ids = stack.up(on_output=print).outputs["deskIds"].value
    assert set(_live(emulator)) == set(ids) and len(set(ids)) == DESKS


@pytest.mark.e2e
@pytest.mark.parametrize("program", FACES.values(), ids=FACES.keys())
def test_a_whole_lifecycle_converges_with_lagging_reads_and_deletes_refused_while_allocating(
    program: Path, slow_emulator: EmulatorFactory, aimed_stack: AimedStack
) -> None:
    # Reads lag every create by 2 s (EC2's view of a desktop 2 s behind its allocation), the service
    # refuses to delete a desktop until it is allocated, and the account hides managed resources from
    # EC2's Describe calls: the settings AWS documents least, all unkind.
    unkind = Behaviour(
        visibility_lag_seconds=2.0,
        delete_conflict_while_allocating=True,
        managed_resource_visibility="hidden",
    )
    # Allocation takes 3 s longer than the create timeout: the timeout must run out while ALLOCATING
    # even when a loaded machine stalls the provider's last look at the deadline.
    emulator = slow_emulator(6.0, 0.5, unkind)
    stack = aimed_stack(program, emulator, createTimeout="3s")

    # 1. Every create times out while ALLOCATING; each clean-up waits through the refusals, then deletes.
    output = _failed_up(stack)
    cleaned = set(re.findall(r"(wsinst-\w+) is being deleted \(DEALLOCATING\) so nothing is left", output))
    assert len(cleaned) == DESKS, output
    assert _live(emulator) == {}
    deletes = [c for c in emulator.calls() if c["operation"] == "DeleteWorkspaceInstance"]
    assert any(c["error"] == "ConflictException" for c in deletes), "the refusals were met"

    # 2. With time enough, one desktop per resource, every one claimed and in the stack.
    stack.set_config("createTimeout", auto.ConfigValue("10m"))
    up = stack.up(on_output=print)
    ids, volume_id = up.outputs["deskIds"].value, up.outputs["volumeId"].value
    assert set(_live(emulator)) == set(ids) and len(set(ids)) == DESKS
    assert up.outputs["lookedUpState"].value == "ALLOCATED", "the lookup of a desktop the run just made"
    assert all(_claimed(emulator, instance_id) for instance_id in ids)
    [volume] = _volumes(emulator)
    assert volume["VolumeId"] == volume_id and volume["State"] == "in-use"

    # 3. A tag edit and a grow change them in place.
    stack.set_config("team", auto.ConfigValue("green"))
    stack.set_config("size", auto.ConfigValue("60"))
    up = stack.up(on_output=print)
    assert up.outputs["deskIds"].value == ids and up.outputs["volumeId"].value == volume_id
    [volume] = _volumes(emulator)
    assert volume["Size"] == 60 and {"Key": "team", "Value": "green"} in volume["Tags"]

    # 4. A refresh finds nothing to change.
    stack.refresh(on_output=print)
    stack.preview(expect_no_changes=True, on_output=print)

    # 5. Destroy leaves nothing.
    stack.destroy(on_output=print)
    assert _live(emulator) == {} and _volumes(emulator) == []
