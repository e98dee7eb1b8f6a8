"""Adopting existing desktops through the real CLI: no launch, no diff afterwards, destroy deletes them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import StackFactory, emulator_client

PROGRAM = Path(__file__).parent / "programs" / "adopt"
IMAGE_ID = "ami-0a1b2c3d4e5f60001"


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

    # The provider's error is its one line in the output, not the last line of a traceback.
    expected = "error: adopt_id: wsinst-00000000 does not exist in us-east-1; check the id"
    assert expected in str(failure.value)
    assert "Traceback" not in str(failure.value)
