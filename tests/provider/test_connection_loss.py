"""The service restarting during a wait: connection errors are retried within the operation's deadline."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.aws import clients
from tests.conftest import HELD_SECONDS, emulator_client
from toolchain.environment import emulator_environment

from .conftest import make_inputs

pytestmark = pytest.mark.usefixtures("fast_polling")

OUTAGE_SECONDS = 1.0
WAIT_SECONDS = 30.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_create_survives_the_service_restarting_while_it_waits(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, default_region: str
) -> None:
    port, state = _free_port(), tmp_path / "state.sqlite"
    # Before the outage the allocation cannot end, however late the outage comes on a loaded machine (with
    # 2 s it could, and the create would finish without waiting through the outage); the service that comes
    # back allocates at once, from the same stored state.
    first = Emulator(allocate_seconds=HELD_SECONDS, state_path=state, port=port).start()
    for name, value in emulator_environment(first.endpoint_url, tmp_path).items():
        monkeypatch.setenv(name, value)
    clients.clear_clients()
    provider = WorkspaceInstanceProvider()
    checked = provider.check({}, make_inputs()).inputs
    outcome: dict[str, Any] = {}

    def create() -> None:
        try:
            outcome["result"] = provider.create(checked)
        except Exception as exc:  # reported by the assertion below
            outcome["error"] = exc

    worker = threading.Thread(target=create)
    started = time.monotonic()
    worker.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not any(call["operation"] == "GetWorkspaceInstance" for call in first.calls()):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    calls_before_outage = len(first.calls())
    first.stop()  # connections are refused from now on
    time.sleep(OUTAGE_SECONDS)
    second = Emulator(allocate_seconds=0, state_path=state, port=port).start()
    try:
        worker.join(WAIT_SECONDS)
        assert not worker.is_alive()
        assert "error" not in outcome, outcome.get("error")
        result = outcome["result"]
        calls = calls_before_outage + len(second.calls())
        print(
            f"created through a {OUTAGE_SECONDS:g}s outage: {calls} calls, {time.monotonic() - started:.1f}s"
        )
        assert result.outs["provision_state"] == "ALLOCATED"
        listed = emulator_client(second).list_workspace_instances()["WorkspaceInstances"]
        assert [item["WorkspaceInstanceId"] for item in listed] == [result.id], "one instance, no second"
        assert any(call["operation"] == "GetWorkspaceInstance" for call in second.calls()), "it waited on"
        provider.delete(result.id, result.outs)
    finally:
        second.stop()
        clients.clear_clients()
