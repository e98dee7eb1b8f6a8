"""The environment every run of the built CLI gets, and the reason it cannot run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolchain import pulumi_cli
from toolchain.environment import TEST_PASSPHRASE
from toolchain.paths import PULUMI_BIN, VENV_BIN


def test_the_environment_is_a_fresh_file_backend_with_this_toolchain_first(tmp_path: Path) -> None:
    env = pulumi_cli.pulumi_cli_environment(tmp_path / "backend", tmp_path / "home")
    assert env["PULUMI_BACKEND_URL"] == f"file://{tmp_path / 'backend'}"
    assert env["PULUMI_HOME"] == str(tmp_path / "home")
    assert env["PULUMI_CONFIG_PASSPHRASE"] == TEST_PASSPHRASE
    assert env["PULUMI_PYTHON_CMD"] == str(VENV_BIN / "python")
    assert env["PATH"].split(os.pathsep)[:2] == [str(PULUMI_BIN), str(VENV_BIN)]


def test_the_problem_names_every_missing_executable_and_the_make_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pulumi_cli, "PULUMI_BIN", tmp_path)
    present = tmp_path / "pulumi"
    present.write_text("#!/bin/sh\n")
    present.chmod(0o755)
    problem = pulumi_cli.pulumi_cli_problem()
    assert problem is not None
    missing = problem.split("(missing: ", 1)[1].split(")", 1)[0].split(", ")
    assert missing == [name for name in pulumi_cli.NEEDED_EXECUTABLES if name != "pulumi"]
    assert "run `make cli`" in problem
    for name in pulumi_cli.NEEDED_EXECUTABLES:
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    assert pulumi_cli.pulumi_cli_problem() is None
