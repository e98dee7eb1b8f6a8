"""The repository's folders and the executables ``make`` puts in them (all git-ignored build products)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root."""
PULUMI_ROOT = ROOT / ".tools" / "pulumi"
"""The Pulumi CLI ``make cli`` links in (scripts/install-pulumi); its executables are in ``bin``."""
PULUMI_BIN = PULUMI_ROOT / "bin"
PULUMI_EXECUTABLE = PULUMI_BIN / "pulumi"
VENV_BIN = ROOT / ".venv" / "bin"
"""The venv ``make venv`` creates: the locked dependencies and an editable install of the package."""
PLUGIN_EXECUTABLE = VENV_BIN / "pulumi-resource-workspacesinstances"
"""The provider plugin, the console script ``make venv`` installs."""
PYTHON_SDK_TARGET = ROOT / ".tools" / "python-sdk"
"""Where ``make plugin-python`` installs the generated Python SDK (scripts/install-python-sdk's default)."""
