"""``make demo`` as a user runs it: twice (the second time with no changes), then ``make demo-destroy``.

The scripts run in an isolated ``DEMO_DIR`` and ``DEMO_PORT`` so a developer's own running demo
(in ``.demo/`` on the default port) is never touched.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from toolchain.paths import ROOT
from toolchain.pulumi_cli import pulumi_cli_problem

DEMO = ROOT / "scripts" / "demo"
#: Seconds one script run may take (an `up` against the emulator takes a few).
SCRIPT_TIMEOUT_SECONDS = 240
#: Seconds a freshly started `workspaces-instances-emulator` may take to answer its health check.
EMULATOR_START_SECONDS = 30
# Variables from the developer's shell that could leak into the demo's own settings.
_INHERITED_TO_DROP = (
    "DEMO_DIR",
    "DEMO_PORT",
    "DEMO_STACK",
    "DEMO_REGION",
    "DEMO_UP_ARGS",
    "PULUMI_BACKEND_URL",
    "PULUMI_HOME",
)


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make(target: str, env: dict[str, str]) -> str:
    """Run ``make <target>`` as a user would; fail the test with its output unless it succeeds."""
    completed = subprocess.run(
        ["make", "--no-print-directory", target],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=SCRIPT_TIMEOUT_SECONDS,
        check=False,
    )
    print(completed.stdout)
    assert completed.returncode == 0, f"make {target} failed:\n{completed.stdout}"
    return completed.stdout


def run_demo_script(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``scripts/demo`` run directly (not through make), for the tests of its refusals."""
    return subprocess.run(
        [str(DEMO)],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT_SECONDS,
        check=False,
    )


def emulator_calls(port: int) -> list[dict[str, Any]]:
    """Every AWS call the demo's emulator has answered."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_emulator/calls", timeout=5) as response:
        body = json.load(response)
    return list(body["calls"] if isinstance(body, dict) else body)


def emulator_answers(port: int) -> bool:
    """Whether anything answers the emulator's health check on ``port``."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_emulator/health", timeout=1):
            return True
    except (urllib.error.URLError, OSError):
        return False


@pytest.mark.e2e
def test_demo_twice_then_destroy(tmp_path: Path) -> None:
    problem = pulumi_cli_problem()
    if problem:
        pytest.fail(problem)
    demo_dir = tmp_path / "demo"
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in _INHERITED_TO_DROP}
    env.update({"DEMO_DIR": str(demo_dir), "DEMO_PORT": str(port)})
    root_stack_file = ROOT / "Pulumi.dev.yaml"
    root_stack_file_existed = root_stack_file.exists()

    try:
        first = make("demo", env)
        assert f"emulator: starting at http://127.0.0.1:{port}" in first
        assert "Outputs of stack dev:" in first
        for output in ("workspaceInstanceId", "ec2InstanceId", "instanceType", "supportingInstanceTypeCount"):
            assert output in first
        assert "wsinst-" in first

        # --expect-no-changes makes `pulumi up` itself fail if anything would change.
        second = make("demo", {**env, "DEMO_UP_ARGS": "--expect-no-changes"})
        assert f"emulator: reusing the one answering at http://127.0.0.1:{port}" in second
        assert "unchanged" in second
        creates = [call for call in emulator_calls(port) if call["operation"] == "CreateWorkspaceInstance"]
        assert len(creates) == 1, "the second run must not create another instance"
    finally:
        destroyed = make("demo-destroy", env)

    assert "emulator: stopped" in destroyed
    assert not emulator_answers(port)
    assert not (demo_dir / "emulator.pid").exists()
    # Everything stayed in DEMO_DIR: the stack's config file included.
    assert (demo_dir / "project" / "Pulumi.dev.yaml").is_file()
    assert (demo_dir / "backend").is_dir()
    assert root_stack_file.exists() == root_stack_file_existed, "the demo must not write into the checkout"


@pytest.mark.e2e
def test_demo_says_what_to_do_when_its_port_is_taken(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in _INHERITED_TO_DROP}
    with socket.socket() as squatter:
        # Listening but never answering HTTP: the health check fails and the emulator can't bind.
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = int(squatter.getsockname()[1])
        env.update({"DEMO_DIR": str(tmp_path / "demo"), "DEMO_PORT": str(port)})
        completed = run_demo_script(env)

    assert completed.returncode != 0
    assert f"port {port} taken? set DEMO_PORT" in completed.stderr
    assert not (tmp_path / "demo" / "emulator.pid").exists()


@pytest.mark.e2e
def test_demo_refuses_an_emulator_of_another_folder(tmp_path: Path) -> None:
    problem = pulumi_cli_problem()
    if problem:
        pytest.fail(problem)
    env = {key: value for key, value in os.environ.items() if key not in _INHERITED_TO_DROP}
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    port = free_port()
    # Another demo's emulator (its own state file) already serving the port this demo is given.
    other = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "workspaces-instances-emulator"),
            "--port",
            str(port),
            "--state",
            str(other_folder / "emulator.sqlite"),
        ],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + EMULATOR_START_SECONDS
        while not emulator_answers(port):
            assert other.poll() is None, "the other folder's emulator exited"
            assert time.monotonic() < deadline, "the other folder's emulator did not answer"
            time.sleep(0.1)
        env.update({"DEMO_DIR": str(tmp_path / "demo"), "DEMO_PORT": str(port)})
        completed = run_demo_script(env)
        other_calls = emulator_calls(port)
    finally:
        other.terminate()
        other.wait(timeout=SCRIPT_TIMEOUT_SECONDS)

    assert completed.returncode != 0
    assert completed.stderr.strip() == (
        f"error: port {port} is taken by an emulator of another folder ({other_folder.resolve()}); "
        "set DEMO_PORT or stop it"
    )
    assert other_calls == [], "nothing of this demo may reach the other folder's emulator"
    assert not (tmp_path / "demo" / "emulator.pid").exists()
