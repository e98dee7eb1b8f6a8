"""The control plane: health, reset and the call log."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core.calls import REDACTED
from tests.emulator.conftest import control, create_instance, raw_call


def test_health_of_an_in_memory_emulator(emu: Emulator) -> None:
    assert control(emu.endpoint_url, "GET", "/_emulator/health") == (
        200,
        {"status": "ok", "state_path": None},
    )


def test_health_names_the_state_file_as_an_absolute_resolved_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Started from a folder reached through a symlink, with a relative --state: a client comparing
    # state files must get one spelling of the path.
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(tmp_path / "link")
    with Emulator(state_path="state.sqlite") as emu:
        answer = control(emu.endpoint_url, "GET", "/_emulator/health")
    assert answer == (200, {"status": "ok", "state_path": str((real / "state.sqlite").resolve())})


def test_unknown_control_route_is_404(emu: Emulator) -> None:
    assert control(emu.endpoint_url, "GET", "/_emulator/nothing")[0] == 404


def test_calls_are_logged_in_order_with_sensitive_members_redacted(emu: Emulator, client: Any) -> None:
    create_instance(
        client,
        ClientToken="secret-token",
        ManagedInstance={
            "ImageId": "ami-0a1b2c3d4e5f60001",
            "InstanceType": "m5.large",
            "UserData": "cGFzc3dvcmQ=",
        },
    )
    with contextlib.suppress(client.exceptions.ResourceNotFoundException):
        client.get_workspace_instance(WorkspaceInstanceId="wsinst-0000000000")
    raw_call(emu.endpoint_url, "ListRegions", {}, signed=False)
    status, calls = control(emu.endpoint_url, "GET", "/_emulator/calls")
    assert status == 200
    assert [c["operation"] for c in calls] == [
        "CreateWorkspaceInstance",
        "GetWorkspaceInstance",
        "ListRegions",
    ]
    create, get, unsigned = calls
    assert create["region"] == "us-east-1"
    assert create["status"] == 200 and create["error"] is None
    assert create["params"]["ClientToken"] == REDACTED
    assert create["params"]["ManagedInstance"]["UserData"] == REDACTED
    assert create["params"]["ManagedInstance"]["InstanceType"] == "m5.large"
    assert (get["status"], get["error"]) == (404, "ResourceNotFoundException")
    assert (unsigned["status"], unsigned["error"]) == (403, "MissingAuthenticationTokenException")
    assert all(c["time"].endswith("Z") for c in calls)
    assert emu.calls() == calls


def test_reset_forgets_resources_calls_and_faults(emu: Emulator, client: Any) -> None:
    create_instance(client)
    emu.add_faults([{"operation": "ListRegions", "action": "error", "error": "ThrottlingException"}])
    assert control(emu.endpoint_url, "POST", "/_emulator/reset")[0] == 200
    assert emu.calls() == []
    assert client.list_workspace_instances()["WorkspaceInstances"] == []
    assert client.list_regions()["Regions"]
