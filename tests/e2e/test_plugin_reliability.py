"""The provider plugin keeps the dynamic face's guarantees: a CLI killed mid-create, two stacks with
one name in different backends, progress lines while waiting — through the real CLI and a YAML
program, against an emulator whose allocations take seconds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.provider.progress import ENV_PROGRESS_SECONDS
from pulumi_workspaces_instances.provider.tokens import CLAIM_TAG_KEY
from tests.conftest import (
    PLUGIN,
    PULUMI_ROOT,
    EmulatorFactory,
    StackFactory,
    emulator_client,
    provider_host_pids,
)
from tests.e2e.test_reliability import (
    ALLOCATE_SECONDS,
    CONFIG,
    HOST_GONE_SECONDS,
    WAIT_SECONDS,
    _aim,
    _live,
    _until,
)

PROGRAM = Path(__file__).parent / "programs" / "plugin_smoke"
OUTPUT = "workspaceInstanceId"


@pytest.mark.e2e
def test_killing_the_cli_mid_create_converges_to_one_instance_on_the_plugin(
    slow_emulator: EmulatorFactory, make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    emulator = slow_emulator(ALLOCATE_SECONDS)
    _aim(pulumi_env, emulator)
    stack = make_stack(PROGRAM, config=CONFIG)
    workspace = stack.workspace
    assert isinstance(workspace, auto.LocalWorkspace) and workspace.work_dir is not None
    marker = pulumi_env["PULUMI_BACKEND_URL"]
    command = [str(PULUMI_ROOT / "bin" / "pulumi"), "up", "--yes", "--skip-preview", "--non-interactive"]
    cli = subprocess.Popen(
        [*command, "--stack", stack.name],
        cwd=workspace.work_dir,
        env={**os.environ, **workspace.env_vars},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _until(
            lambda: any(c["operation"] == "CreateWorkspaceInstance" for c in emulator.calls()),
            WAIT_SECONDS,
            "the create",
        )
        assert provider_host_pids(marker, PLUGIN), "the plugin runs the create"
        os.kill(cli.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        cli.wait(timeout=10)
        _until(lambda: not provider_host_pids(marker, PLUGIN), HOST_GONE_SECONDS, "the plugin to exit")
        print(f"plugin gone {time.monotonic() - killed_at:.1f}s after the kill")
    finally:
        if cli.poll() is None:
            cli.kill()

    [orphan] = _live(emulator)
    _until(lambda: _live(emulator) == {orphan: "ALLOCATED"}, WAIT_SECONDS, "the allocation")
    tags = emulator_client(emulator).list_tags_for_resource(WorkspaceInstanceId=orphan)["Tags"]
    assert CLAIM_TAG_KEY not in {tag["Key"] for tag in tags}, "a plugin without its engine claimed it"

    # The next up finds the provider's seed in state, derives the same ClientToken, adopts it.
    stack.cancel()
    up = stack.up(on_output=print)
    assert up.outputs[OUTPUT].value == orphan
    assert _live(emulator) == {orphan: "ALLOCATED"}
    assert [c["operation"] for c in emulator.calls()].count("CreateWorkspaceInstance") == 2  # same token
    stack.destroy(on_output=print)
    assert _live(emulator) == {}


@pytest.mark.e2e
def test_two_stacks_with_the_same_names_in_different_backends_get_two_instances_on_the_plugin(
    slow_emulator: EmulatorFactory, make_stack: StackFactory, pulumi_env: dict[str, str], tmp_path: Path
) -> None:
    emulator = slow_emulator(2.0)
    _aim(pulumi_env, emulator)
    stacks = []
    for person in ("alice", "bob"):
        checkout, backend = tmp_path / person / "project", tmp_path / person / "backend"
        shutil.copytree(PROGRAM, checkout)
        backend.mkdir()
        env = {"PULUMI_BACKEND_URL": f"file://{backend}", "PULUMI_HOME": str(tmp_path / person / "home")}
        stacks.append(make_stack(checkout, stack_name="test", config=CONFIG, env=env))

    results: dict[str, auto.UpResult] = {}
    threads = [
        threading.Thread(target=lambda s=stack: results.__setitem__(s.workspace.work_dir, s.up()))
        for stack in stacks
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS)
    ids = {up.outputs[OUTPUT].value for up in results.values()}
    assert len(results) == 2 and len(ids) == 2, "each stack made its own instance"
    assert set(_live(emulator)) == ids


@pytest.mark.e2e
def test_waiting_creates_and_deletes_report_progress_on_the_plugin(
    slow_emulator: EmulatorFactory, make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    emulator = slow_emulator(2.5, deallocate_seconds=2.5)
    _aim(pulumi_env, emulator)
    pulumi_env[ENV_PROGRESS_SECONDS] = "1"
    stack = make_stack(PROGRAM, config=CONFIG)

    lines: list[str] = []
    instance_id = stack.up(on_output=lines.append).outputs[OUTPUT].value
    stack.destroy(on_output=lines.append)
    text = "\n".join(lines)
    assert f"smoke ({instance_id}): ALLOCATING, 1s so far" in text, text
    assert f"smoke ({instance_id}): DEALLOCATING, 1s so far" in text, text


TIMED_PROGRAM = """\
name: plugin-timeouts
runtime: yaml
resources:
  smoke:
    type: workspacesinstances:index:WorkspaceInstance
    properties:
      billingMode: HOURLY
      managedInstance:
        imageId: ami-0a1b2c3d4e5f60001
        instanceType: t3.medium
      timeouts:
        create: 30m
    options:
      customTimeouts:
        create: 2s
"""


@pytest.mark.e2e
def test_custom_timeouts_are_honoured_and_a_timed_out_create_leaves_nothing_billed(
    slow_emulator: EmulatorFactory, make_stack: StackFactory, pulumi_env: dict[str, str], tmp_path: Path
) -> None:
    emulator = slow_emulator(ALLOCATE_SECONDS)
    _aim(pulumi_env, emulator)
    project = tmp_path / "timeouts"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(TIMED_PROGRAM)
    stack = make_stack(project)
    started = time.monotonic()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.up(on_output=print)
    elapsed = time.monotonic() - started
    text = str(failure.value)
    # customTimeouts.create (2 s) won over timeouts.create (30 m), and said so.
    assert "after 2s (customTimeouts.create)" in text, text
    assert elapsed < ALLOCATE_SECONDS + 20, elapsed
    # The instance it launched is being deleted: nothing is left billing and unowned.
    assert _live(emulator) == {}
    created = [c for c in emulator.calls() if c["operation"] == "CreateWorkspaceInstance"]
    deleted = [c for c in emulator.calls() if c["operation"] == "DeleteWorkspaceInstance"]
    assert len(created) == 1 and len(deleted) == 1
