"""The built Pulumi CLI: the environment of one run of it, and why it cannot run."""

from __future__ import annotations

import os
from pathlib import Path

from toolchain.environment import TEST_PASSPHRASE
from toolchain.paths import PULUMI_BIN, VENV_BIN

NEEDED_EXECUTABLES = (
    "pulumi",
    "pulumi-language-python",
    "pulumi-language-python-exec",
    "pulumi-resource-pulumi-python",
)
"""What ``make cli`` puts in PULUMI_BIN for a Python program to run."""


def pulumi_cli_environment(backend: Path, home: Path) -> dict[str, str]:
    """A fresh file backend in ``backend``, its own PULUMI_HOME, the test passphrase, this toolchain first.

    The venv's python runs the programs (the Python language host built here ignores Pulumi.yaml's
    ``virtualenv``); the caller adds the emulator's variables and its own settings.
    """
    return {
        "PULUMI_BACKEND_URL": f"file://{backend}",
        "PULUMI_CONFIG_PASSPHRASE": TEST_PASSPHRASE,
        "PULUMI_HOME": str(home),
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DIY_BACKEND_NO_LEGACY_WARNING": "true",
        "PULUMI_PYTHON_CMD": str(VENV_BIN / "python"),
        "PATH": os.pathsep.join([str(PULUMI_BIN), str(VENV_BIN), os.environ.get("PATH", "")]),
    }


def pulumi_cli_problem() -> str | None:
    """Why the built Pulumi CLI cannot be used, or None when it can."""
    missing = [name for name in NEEDED_EXECUTABLES if not os.access(PULUMI_BIN / name, os.X_OK)]
    if missing:
        return (
            f"the Pulumi CLI is not installed in {PULUMI_BIN} (missing: {', '.join(missing)}); "
            "run `make cli` (scripts/install-pulumi) first"
        )
    return None
