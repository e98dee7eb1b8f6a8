"""A stack whose state 0.1.0 wrote keeps working with today's package: no replacement, no mutating call.

``fixtures/state-0.1.0.json`` is ``pulumi stack export --show-secrets`` of ``programs/state_upgrade``
run by the code before the package existed: its pickled provider is
``provider.instance_provider.WorkspaceInstanceProvider``. Each test rebuilds the instances that
state points at in the emulator (as 0.1.0 left them: ALLOCATED, tagged, claimed), imports the
state, and drives the real CLI.
"""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import upgrades
from pulumi_workspaces_instances.provider.tokens import CLAIM_TAG_KEY, claim_value
from tests.conftest import ROOT, StackFactory, emulator_client

PROGRAM = Path(__file__).parent / "programs" / "state_upgrade"
FIXTURE = Path(__file__).parent / "fixtures" / "state-0.1.0.json"
#: The stack the fixture was written on: URNs and the resources' identities name it.
FIXTURE_STACK = "old"
DYNAMIC_TYPE = "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance"
MUTATING = frozenset({"CreateWorkspaceInstance", "DeleteWorkspaceInstance", "TagResource", "UntagResource"})
ALLOCATION_WAIT_SECONDS = 10.0


def _plain(value: Any) -> Any:
    """A value of an exported state with ``--show-secrets`` secrets turned back into plain values."""
    if isinstance(value, dict):
        if "plaintext" in value:
            return json.loads(value["plaintext"])
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _rebuild_instances(emulator: Emulator) -> dict[str, Any]:
    """Create, in the emulator, what the fixture's instances were; returns the fixture with their new ids."""
    text = FIXTURE.read_text()
    client = emulator_client(emulator)
    for resource in json.loads(text)["deployment"]["resources"]:
        if resource["type"] != DYNAMIC_TYPE:
            continue
        outputs = _plain(resource["outputs"])
        tags = {**outputs["tags"], CLAIM_TAG_KEY: claim_value(outputs["__identity"])}
        new_id = client.create_workspace_instance(
            ManagedInstance=outputs["managed_instance"],
            BillingConfiguration={"BillingMode": outputs["billing_mode"]},
            Tags=[{"Key": key, "Value": value} for key, value in tags.items()],
        )["WorkspaceInstanceId"]
        deadline = time.monotonic() + ALLOCATION_WAIT_SECONDS
        while (answer := client.get_workspace_instance(WorkspaceInstanceId=new_id))["ProvisionState"] != (
            "ALLOCATED"
        ):
            assert time.monotonic() < deadline, answer
            time.sleep(0.05)
        text = text.replace(resource["id"], new_id)
        text = text.replace(outputs["ec2_instance_id"], answer["EC2ManagedInstance"]["InstanceId"])
    return dict(json.loads(text))


def _import_fixture(make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator) -> auto.Stack:
    stack = make_stack(PROGRAM, stack_name=FIXTURE_STACK)
    stack.import_stack(auto.Deployment(version=3, deployment=_rebuild_instances(emulator)["deployment"]))
    emulator.service.calls.clear()
    return stack


def _operations(emulator: Emulator) -> list[str]:
    return [call["operation"] for call in emulator.calls()]


def _stored_providers(stack: auto.Stack) -> list[bytes]:
    deployment = stack.export_stack().deployment
    assert deployment is not None
    resources = deployment["resources"]
    return [base64.b64decode(r["outputs"]["__provider"]) for r in resources if r["type"] == DYNAMIC_TYPE]


@pytest.mark.e2e
def test_up_upgrades_a_0_1_state_in_place_without_mutating_calls(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    stack = _import_fixture(make_stack, pulumi_env, emulator)
    assert all(
        b"provider.instance_provider" in ref and b"pulumi_workspaces" not in ref
        for ref in (_stored_providers(stack))
    )

    # Each instance gets its seed (no AWS call) and an update that stores the current provider
    # reference; nothing is replaced.
    preview = stack.preview(on_output=print)
    assert preview.change_summary == {auto.OpType.CREATE: 2, auto.OpType.UPDATE: 2, auto.OpType.SAME: 2}
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"create": 2, "update": 2, "same": 2}
    assert not MUTATING.intersection(_operations(emulator)), _operations(emulator)
    assert all(upgrades.CURRENT_MODULE.encode() in ref for ref in _stored_providers(stack))

    # Upgraded: nothing more to do, refresh reads without drift, and destroy deletes both instances.
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: 6}
    assert stack.refresh(on_output=print).summary.resource_changes == {"same": 6}
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: 6}
    assert not MUTATING.intersection(_operations(emulator)), _operations(emulator)
    stack.destroy(on_output=print)
    assert _operations(emulator).count("DeleteWorkspaceInstance") == 2


@pytest.mark.e2e
def test_a_0_1_state_refreshes_and_destroys_before_any_up_from_a_clone(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    # 0.1.0 ran with the clone on PYTHONPATH; the stored provider is then found under its old name
    # (provider/__init__.py hands out the installed package's module).
    pulumi_env["PYTHONPATH"] = str(ROOT)
    stack = _import_fixture(make_stack, pulumi_env, emulator)

    assert stack.refresh(on_output=print).summary.resource_changes == {"same": 4}
    assert set(_operations(emulator)) == {"GetWorkspaceInstance", "ListTagsForResource"}
    stack.destroy(on_output=print)
    assert _operations(emulator).count("DeleteWorkspaceInstance") == 2
