"""Another team's stack uses this project as users will: ``pip install`` into its own venv, nothing else.

The consumer project (``consumer_project/``, copied outside the repository) has its own
``components`` package and ``provider`` module. A fresh venv gets ``pip install <checkout>`` (the
lock as constraints, so CI resolves the versions it tested); the emulator runs from the installed
console script; the real CLI runs up, a no-change preview and destroy. Nothing puts the
repository on the Python path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi import automation as auto

from tests.conftest import SHARES_CONSUMER_VENV, run_cli
from tests.e2e.conftest import project_frames
from toolchain.environment import TEST_REGION
from toolchain.paths import PULUMI_ROOT, ROOT, VENV_BIN

CONSUMER_PROJECT = Path(__file__).parent / "consumer_project"
EMULATOR_START_SECONDS = 30


@pytest.fixture
def consumer_emulator(consumer_venv: Path, tmp_path: Path) -> Iterator[str]:
    """The emulator started from the installed ``workspaces-instances-emulator``; yields its URL."""
    process = subprocess.Popen(
        [
            str(consumer_venv / "workspaces-instances-emulator"),
            "--port",
            "0",
            "--allocate-seconds",
            "0.2",
            "--deallocate-seconds",
            "0.1",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line.startswith("listening on http://"), line
        yield line.removeprefix("listening on ")
    finally:
        process.terminate()
        process.wait(timeout=EMULATOR_START_SECONDS)


@pytest.mark.e2e
@SHARES_CONSUMER_VENV
def test_a_pip_installed_package_serves_another_teams_stack(
    consumer_venv: Path, consumer_emulator: str, pulumi_env: dict[str, str], tmp_path: Path
) -> None:
    project = tmp_path / "consumer"
    shutil.copytree(CONSUMER_PROJECT, project)
    installed = subprocess.run(
        [str(consumer_venv / "python"), "-c", "import pulumi_workspaces_instances as p; print(p.__file__)"],
        cwd=project,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert installed.startswith(str(consumer_venv.parent)), installed

    system_path = [entry for entry in os.environ.get("PATH", "").split(os.pathsep) if entry != str(VENV_BIN)]
    env = {
        **pulumi_env,
        "AWS_ENDPOINT_URL_WORKSPACES_INSTANCES": consumer_emulator,
        "AWS_ENDPOINT_URL_EC2": consumer_emulator,
        # The program and the provider host both run in the consumer's venv.
        "PULUMI_PYTHON_CMD": str(consumer_venv / "python"),
        "PATH": os.pathsep.join([str(PULUMI_ROOT / "bin"), str(consumer_venv), *system_path]),
    }
    assert "PYTHONPATH" not in env and str(ROOT) not in env["PATH"].replace(str(PULUMI_ROOT), "")
    command = auto.PulumiCommand(root=str(PULUMI_ROOT), skip_version_check=True)
    workspace = auto.LocalWorkspace(work_dir=str(project), pulumi_command=command, env_vars=env)
    stack = auto.Stack.create("dev", workspace)
    stack.set_config("aws:region", auto.ConfigValue(TEST_REGION))
    # The installed package says it needs no resource plugin (its pulumi-plugin.json), so the engine
    # does not look for one named after the distribution ("workspaces-instances") on every run.
    about = run_cli(["about", "--json"], env, project)
    plugins = {plugin["name"] for plugin in json.loads(about.stdout)["plugins"]}
    assert "python" in plugins and "workspaces-instances" not in plugins, plugins
    try:
        up = stack.up(on_output=print)
        # The stack, the component, its instance and the instance's seed.
        assert up.summary.resource_changes == {"create": 4}
        assert up.outputs["workspace_instance_id"].value.startswith("wsinst-")
        assert up.outputs["billing_mode"].value == "MONTHLY"
        assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: 4}

        # `pulumi import` of a dynamic type cannot work; the installed host hook says what to do.
        imported = run_cli(
            [
                "import",
                "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance",
                "other-desk",
                up.outputs["workspace_instance_id"].value,
                "--yes",
                "--stack",
                "dev",
            ],
            env,
            project,
            check=False,
        )
        output = imported.stdout + imported.stderr
        assert imported.returncode != 0
        assert "pulumi import cannot import WorkspaceInstance 'other-desk'" in output, output
        assert "adopt_id=" in output and not project_frames(output) and "KeyError" not in output
    finally:
        destroy = stack.destroy(on_output=print)
    assert destroy.summary.resource_changes == {"delete": 4}
    print(f"python: {sys.version.split()[0]}, package: {installed}")
