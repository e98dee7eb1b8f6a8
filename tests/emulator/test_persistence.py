"""State in SQLite survives a restart, of the embedded emulator and of ``python -m emulator``."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pulumi_workspaces_instances.emulator import Emulator
from tests.emulator.conftest import client_for, create_instance

EMULATOR_COMMAND = str(Path(sys.executable).parent / "workspaces-instances-emulator")


def test_state_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with Emulator(allocate_seconds=0.1, deallocate_seconds=0.1, state_path=state) as first:
        client = client_for(first.endpoint_url)
        kept = create_instance(client, Tags=[{"Key": "team", "Value": "a"}], ClientToken="persist-1")
        deleted = create_instance(client)
        client.delete_workspace_instance(WorkspaceInstanceId=deleted)
        volume = client.create_volume(AvailabilityZone="us-east-1a", SizeInGB=8)["VolumeId"]
    time.sleep(0.15)
    with Emulator(allocate_seconds=0.1, deallocate_seconds=0.1, state_path=state) as second:
        client = client_for(second.endpoint_url)
        # Transitions continued from the stored timestamps while it was down.
        assert client.get_workspace_instance(WorkspaceInstanceId=kept)["ProvisionState"] == "ALLOCATED"
        assert client.get_workspace_instance(WorkspaceInstanceId=deleted)["ProvisionState"] == "DEALLOCATED"
        assert client.list_tags_for_resource(WorkspaceInstanceId=kept)["Tags"] == [
            {"Key": "team", "Value": "a"}
        ]
        # Idempotency records persist too.
        assert create_instance(client, Tags=[{"Key": "team", "Value": "a"}], ClientToken="persist-1") == kept
        client.delete_volume(VolumeId=volume)
        assert len(client.list_workspace_instances()["WorkspaceInstances"]) == 2


def _start_cli(state: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        # The console script the package installs (beside the interpreter running the tests).
        [EMULATOR_COMMAND, "--port", "0", "--state", str(state), "--allocate-seconds", "0.1"],
        cwd=state.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    return process, line.removeprefix("listening on ")


def _stop(process: subprocess.Popen[str], signum: int) -> None:
    process.send_signal(signum)
    assert process.wait(timeout=10) == 0


def test_cli_stops_cleanly_on_signals_and_keeps_state(tmp_path: Path) -> None:
    state = tmp_path / "cli.sqlite"
    process, endpoint = _start_cli(state)
    try:
        client: Any = client_for(endpoint)
        instance_id = create_instance(client)
    finally:
        _stop(process, signal.SIGTERM)
    process, endpoint = _start_cli(state)
    try:
        client = client_for(endpoint)
        assert client.get_workspace_instance(WorkspaceInstanceId=instance_id)["ProvisionState"] == "ALLOCATED"
    finally:
        _stop(process, signal.SIGINT)
