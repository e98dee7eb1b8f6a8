"""Previews tell the truth, through the real CLI: in-place changes preview as updates, options the
dynamic resources cannot honour are said, and a forgotten endpoint fails the preview quickly."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import StackFactory, emulator_ec2_client, run_cli, stack_dir
from tests.e2e.conftest import project_frames

PROGRAM = Path(__file__).parent / "programs" / "previews"
CONFIG = {"tag": "cc-100", "dataSize": "10", "dataType": "gp2"}
PROBE_LIMIT_SECONDS = 30


def _preview_steps(stack: auto.Stack, env: dict[str, str]) -> list[tuple[str, str]]:
    """``pulumi preview --json``'s steps as (operation, resource name), as a user would see them."""
    completed = run_cli(["preview", "--json", "--stack", stack.name], env, stack_dir(stack))
    plan = json.loads(completed.stdout)
    return [(step["op"], step["urn"].rsplit("::", 1)[-1]) for step in plan.get("steps", [])]


def _volume(emulator: Emulator, volume_id: str) -> dict[str, Any]:
    [volume] = emulator_ec2_client(emulator).describe_volumes(VolumeIds=[volume_id])["Volumes"]
    return dict(volume)


def _tags(volume: dict[str, Any]) -> dict[str, str]:
    return {tag["Key"]: tag["Value"] for tag in volume.get("Tags") or []}


@pytest.mark.e2e
def test_in_place_changes_preview_as_updates_and_keep_every_id(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    stack = make_stack(PROGRAM, config=CONFIG)
    up = stack.up(on_output=print)
    data_id, shared_id, desk_id = (up.outputs[name].value for name in ("data_id", "shared_id", "desk_id"))
    assert _tags(_volume(emulator, data_id)) == {"cost-center": "cc-100"}

    # Grow and retype a volume, and change the tag of both desks (resource and component) and volumes.
    for key, value in {"tag": "cc-200", "dataSize": "20", "dataType": "gp3"}.items():
        stack.set_config(key, auto.ConfigValue(value))
    steps = _preview_steps(stack, pulumi_env)
    print("preview --json steps:", steps)

    assert {op for op, _ in steps} <= {"update", "same"}, steps
    updated = sorted(name for op, name in steps if op == "update")
    assert updated == ["data", "desk", "shared", "team"], steps  # team: the component's instance
    # The attachments depend on both: they are not replaced (--json lists no step for an unchanged one).
    assert all(op == "same" for op, name in steps if name.endswith("-disk")), steps

    emulator.service.calls.clear()
    result = stack.up(on_output=print)

    assert result.summary.resource_changes is not None
    assert set(result.summary.resource_changes) == {"update", "same"}, result.summary.resource_changes
    assert (result.outputs["data_id"].value, result.outputs["shared_id"].value) == (data_id, shared_id)
    assert result.outputs["desk_id"].value == desk_id
    data, shared = _volume(emulator, data_id), _volume(emulator, shared_id)
    assert (data["Size"], data["VolumeType"], _tags(data)) == (20, "gp3", {"cost-center": "cc-200"})
    assert _tags(shared) == {"cost-center": "cc-200"}
    operations = [call["operation"] for call in emulator.calls()]
    assert "CreateTags" in operations
    assert not {"CreateVolume", "DeleteVolume", "CreateWorkspaceInstance", "DisassociateVolume"} & set(
        operations
    )
    stack.preview(expect_no_changes=True, on_output=print)

    # Options the dynamic resources cannot honour are said, once per resource, at preview.
    stack.set_config("customTimeouts", auto.ConfigValue("10s"))
    lines: list[str] = []
    stack.preview(on_output=lines.append)
    warnings = [line for line in lines if "customTimeouts are not passed to dynamic providers" in line]
    print("\n".join(warnings))
    # Once per resource (the CLI shows each diagnostic live and again in its summary).
    assert len({line.split("warning: ", 1)[1] for line in warnings}) == 2, warnings
    live = [line for line in warnings if "workspacesinstances:" in line.split("warning: ", 1)[0]]
    assert sorted(line.split("warning: ", 1)[0].split()[-1] for line in live) == ["data", "desk"], warnings
    assert any("WorkspaceInstance: customTimeouts" in line for line in warnings)
    assert any("Volume: customTimeouts" in line for line in warnings)
    assert all('timeouts={"create": "10s"}' in line for line in warnings)
    stack.remove_config("customTimeouts")

    stack.set_config("importId", auto.ConfigValue("wsinst-0123456789abcdef0"))
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.preview(on_output=print)
    output = str(failed.value)
    assert (
        "WorkspaceInstance 'desk': ResourceOptions(import_='wsinst-0123456789abcdef0') cannot work" in output
    )
    assert "adopt_id='wsinst-0123456789abcdef0'" in output
    assert not project_frames(output) and "KeyError" not in output
    stack.remove_config("importId")

    # Mistakes in the program: one line naming the function or resource and the argument.
    for key, value, expected in (
        (
            "lookupBillingMode",
            "monthly",
            "get_instance_types: billing_mode: 'monthly' is not valid; did you mean 'MONTHLY'?",
        ),
        ("typo", "true", "Volume 'typo': unknown argument 'encrypt'; did you mean 'encrypted'?"),
    ):
        stack.set_config(key, auto.ConfigValue(value))
        with pytest.raises(auto.errors.CommandError) as failed:
            stack.preview(on_output=print)
        assert expected in str(failed.value) and not project_frames(str(failed.value))
        stack.remove_config(key)


@pytest.mark.e2e
def test_a_forgotten_ec2_endpoint_fails_the_preview_quickly_naming_the_variable(
    make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    stack = make_stack(PROGRAM, stack_name="no-ec2-endpoint", config=CONFIG)
    env = {key: value for key, value in pulumi_env.items() if key != "AWS_ENDPOINT_URL_EC2"}
    assert "AWS_ENDPOINT_URL_EC2" not in os.environ  # nor may the CLI inherit one
    started = time.monotonic()

    completed = run_cli(["preview", "--stack", stack.name], env, stack_dir(stack), check=False)

    elapsed = time.monotonic() - started
    output = completed.stdout + completed.stderr
    print(f"preview failed after {elapsed:.1f}s:\n{output}")
    assert completed.returncode != 0
    assert (
        "DescribeVolumes failed: cannot reach the service at https://ec2.us-east-1.amazonaws.com "
        "(AWS's endpoint for the region: AWS_ENDPOINT_URL_EC2 and AWS_ENDPOINT_URL are not set)" in output
    ), output
    # The provider's error is one line; no frame may be this project's (the SDK's own may appear).
    assert not project_frames(output), output
    # The probe itself is bounded by PROBE_LIMIT_SECONDS; the rest is the CLI and the program starting.
    assert elapsed < PROBE_LIMIT_SECONDS + 30
