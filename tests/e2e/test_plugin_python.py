"""The provider plugin from a Python program on the generated SDK, through the real CLI.

The program (tests/e2e/programs/plugin_python) is plugin_yaml's in Python, on ``sdk/python`` as a
user would consume a published SDK: ``make plugin-python`` pip-installs a copy of it (not editable)
into ``.tools/python-sdk``, which this program alone gets on ``PYTHONPATH`` (the venv's other
programs must not see the SDK's plugin; scripts/install-python-sdk says why). The language host runs
the venv's ``python3`` (the host built here, from sdk/v3 v3.79.0, ignores ``virtualenv:``). The engine
runs the plugin (``pulumi-resource-workspacesinstances``) from PATH, as for YAML and TypeScript;
``check_program_lifecycle`` asserts that the state holds only the plugin's provider and types, no
dynamic provider (this project's own package, the dynamic face, is importable from the same venv).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import install_python_sdk, require_executables
from tests.e2e.test_plugin_yaml import ProgramLifecycle
from toolchain.paths import PLUGIN_EXECUTABLE, PULUMI_ROOT, PYTHON_SDK_TARGET

PROGRAM = Path(__file__).parent / "programs" / "plugin_python"


def _stale_sdk_files() -> list[str]:
    """What differs between sdk/python and the installed copy (scripts/install-python-sdk compares)."""
    check = install_python_sdk("--check")
    if check.returncode == 0:
        return []
    return check.stdout.splitlines() or [check.stderr.strip()]


@pytest.fixture(autouse=True)
def _python_host_plugin_and_sdk() -> None:
    require_executables(PULUMI_ROOT / "bin" / "pulumi-language-python", PLUGIN_EXECUTABLE, make="cli venv")
    # The program runs the SDK as pip installed it: that must be today's sdk/python.
    stale = _stale_sdk_files()
    if stale:
        pytest.fail(f"the installed sdk/python is stale ({', '.join(stale)}): run `make plugin-python`")


@pytest.mark.e2e
def test_python_program_lifecycle_on_the_generated_sdk(program_lifecycle: ProgramLifecycle) -> None:
    program_lifecycle(PROGRAM, env={"PYTHONPATH": str(PYTHON_SDK_TARGET)})
