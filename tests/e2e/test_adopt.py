"""Adopting existing desktops through the real CLI: no launch, no diff afterwards, destroy deletes them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from tests.conftest import StackFactory, emulator_client
from tests.e2e.conftest import project_frames

PROGRAM = Path(__file__).parent / "programs" / "adopt"
IMAGE_ID = "ami-0a1b2c3d4e5f60001"
#: The tag the program gives the plain resource (as the call log shows CreateWorkspaceInstance's Tags).
PLAIN_TAG = {"Key": "owner", "Value": "pulumi"}
INSTANCE_TYPE = "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance"


def _made_outside_pulumi(emulator: Emulator, billing_mode: str) -> str:
    client = emulator_client(emulator)
    instance_id = client.create_workspace_instance(
        ManagedInstance={"ImageId": IMAGE_ID, "InstanceType": "t3.medium"},
        BillingConfiguration={"BillingMode": billing_mode},  # type: ignore[typeddict-item]
        Tags=[{"Key": "made-by", "Value": "console"}],
    )["WorkspaceInstanceId"]
    deadline = time.monotonic() + 10
    while client.get_workspace_instance(WorkspaceInstanceId=instance_id)["ProvisionState"] != "ALLOCATED":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return instance_id


def _stack_instances(stack: auto.Stack) -> list[str]:
    """The ids of the WorkspaceInstances the stack's state holds."""
    deployment = stack.export_stack().deployment or {}
    return [r["id"] for r in deployment.get("resources", []) if r["type"] == INSTANCE_TYPE and r.get("id")]


def _state(emulator: Emulator, instance_id: str) -> str:
    return str(
        emulator_client(emulator).get_workspace_instance(WorkspaceInstanceId=instance_id)["ProvisionState"]
    )


@pytest.mark.e2e
def test_existing_desktops_are_adopted_looked_up_and_destroyed(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    hourly, monthly = _made_outside_pulumi(emulator, "HOURLY"), _made_outside_pulumi(emulator, "MONTHLY")
    stack = make_stack(PROGRAM, config={"adoptId": hourly, "componentAdoptId": monthly})
    emulator.service.calls.clear()

    up = stack.up(on_output=print)

    assert (up.outputs["plain_id"].value, up.outputs["desk_id"].value) == (hourly, monthly)
    assert "CreateWorkspaceInstance" not in [call["operation"] for call in emulator.calls()]
    # Tagged as declared (the console's tag is gone), looked up through the data sources.
    assert up.outputs["plain_tags"].value == {"owner": "pulumi"}
    assert up.outputs["plain_billing_mode"].value == "HOURLY"
    assert up.outputs["allocated_ids"].value == sorted([hourly, monthly])
    assert stack.preview(on_output=print).change_summary.get(auto.OpType.UPDATE) is None

    # Adoption done: dropping adopt_id changes nothing.
    stack.remove_config("adoptId")
    stack.remove_config("componentAdoptId")
    preview = stack.preview(on_output=print)
    assert set(preview.change_summary) == {auto.OpType.SAME}

    stack.destroy(on_output=print)
    assert {_state(emulator, hourly), _state(emulator, monthly)} <= {"DEALLOCATING", "DEALLOCATED"}


@pytest.mark.e2e
def test_adopting_a_missing_instance_fails_in_one_line(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    stack = make_stack(PROGRAM, config={"adoptId": "wsinst-00000000"})

    with pytest.raises(auto.errors.CommandError) as failure:
        stack.up(on_output=print)

    # The provider's error is its one line in the output, not the last line of a traceback; it comes
    # from check now (as at preview), so nothing was launched in plain's place.
    expected = "has a problem: adopt_id: wsinst-00000000 does not exist in us-east-1; check the id"
    assert expected in str(failure.value)
    assert not project_frames(str(failure.value)), str(failure.value)
    launched = [call for call in emulator.calls() if call["operation"] == "CreateWorkspaceInstance"]
    assert not [call for call in launched if PLAIN_TAG in call["params"].get("Tags", [])], launched
    # The desk beside it is independent: `up` (which skips the preview here) may have launched it
    # before plain's check failed; if so, the stack holds it, so nothing is left unowned.
    assert len(launched) == len(_stack_instances(stack)), launched


@pytest.mark.e2e
def test_adoption_is_checked_and_announced_at_preview(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    missing = "wsinst-0123456789abcdef0"
    stack = make_stack(PROGRAM, config={"adoptId": missing})

    def preview_failure() -> str:
        with pytest.raises(auto.errors.CommandError) as failed:
            stack.preview(on_output=print)
        return str(failed.value)

    assert f"adopt_id: {missing} does not exist in us-east-1" in preview_failure()

    monthly = _made_outside_pulumi(emulator, "MONTHLY")  # the resource declares no billing mode: HOURLY
    stack.set_config("adoptId", auto.ConfigValue(monthly))
    assert f"billing_mode: {monthly} bills MONTHLY but billing_mode says HOURLY" in preview_failure()

    claimed = _made_outside_pulumi(emulator, "HOURLY")
    emulator_client(emulator).tag_resource(
        WorkspaceInstanceId=claimed, Tags=[{"Key": CLAIM_TAG_KEY, "Value": "another-stack"}]
    )
    stack.set_config("adoptId", auto.ConfigValue(claimed))
    assert f"adopt_id: {claimed} is already managed by another Pulumi resource" in preview_failure()

    free = _made_outside_pulumi(emulator, "HOURLY")
    stack.set_config("adoptId", auto.ConfigValue(free))
    emulator.service.calls.clear()
    lines: list[str] = []
    stack.preview(on_output=lines.append)

    announced = [line for line in lines if "create will adopt" in line]
    assert any(
        f"plain: create will adopt {free} (ALLOCATED, billing HOURLY) instead of launching an instance"
        in line
        for line in announced
    ), lines
    # The preview only read (the program's lookups too): nothing was launched, tagged or deleted.
    assert {call["operation"] for call in emulator.calls()} <= {
        "GetWorkspaceInstance",
        "ListTagsForResource",
        "ListInstanceTypes",
        "ListWorkspaceInstances",
        "DescribeImages",  # the root device's check against the image, also a read
    }
