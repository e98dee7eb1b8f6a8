"""The provider plugin from a TypeScript program on the generated SDK, through the real CLI.

The program (tests/e2e/programs/plugin_ts) is plugin_yaml's in TypeScript, on ``sdk/nodejs`` as a
user would consume a published SDK: ``make plugin-ts`` runs ``npm ci``, which copies the SDK into
its node_modules (``install-links``) and compiles it there (``postinstall``: tsc), so nothing is
written into ``sdk/``. The Node.js language host is the one ``make hosts`` builds (sdk/v3 v3.68.0,
the last release that contains it); it runs the program with the project's ``@pulumi/pulumi`` and
ts-node, and the plugin (``pulumi-resource-workspacesinstances``) is found on PATH, as for YAML.

The program is not precompiled to JavaScript (as the Java one is prebuilt): ts-node keeps what it
compiled in an on-disk cache, so only a changed index.ts is compiled (and type-checked) again, and the
v3.68.0 host takes ``typescript: false`` only as a command-line flag, which CLI 3.274 no longer passes,
so it would load ts-node for a compiled program anyway. Measured, a precompiled index.js saved no CPU
beyond the noise (about a second of some 25 per test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import require_executables
from tests.e2e.test_plugin_yaml import ProgramLifecycle
from toolchain.paths import PLUGIN_EXECUTABLE, PULUMI_ROOT, ROOT

PROGRAM = Path(__file__).parent / "programs" / "plugin_ts"
SDK = ROOT / "sdk" / "nodejs"
INSTALLED_SDK = PROGRAM / "node_modules" / "pulumi-workspacesinstances"


def _stale_sdk_files() -> list[str]:
    """sdk/nodejs's sources that the program's copy (node_modules) lacks or has in another version."""
    stale = []
    for source in [SDK / "package.json", *SDK.rglob("*.ts")]:
        name = source.relative_to(SDK)
        if name.parts[0] in ("bin", "node_modules"):  # git-ignored build products, not the SDK
            continue
        copy = INSTALLED_SDK / name
        if not copy.is_file() or copy.read_bytes() != source.read_bytes():
            stale.append(name.as_posix())
    return stale


@pytest.fixture(autouse=True)
def _node_host_plugin_and_program() -> None:
    require_executables(
        PULUMI_ROOT / "bin" / "pulumi-language-nodejs", PLUGIN_EXECUTABLE, make="hosts venv plugin-ts"
    )
    if not (PROGRAM / "node_modules" / ".installed").is_file():
        pytest.fail(f"missing {PROGRAM / 'node_modules'}: run `make plugin-ts`")
    # The program runs the SDK as npm copied it: that must be today's sdk/nodejs.
    stale = _stale_sdk_files()
    if stale:
        pytest.fail(f"the program's copy of sdk/nodejs is stale ({', '.join(stale)}): run `make plugin-ts`")


@pytest.mark.e2e
def test_typescript_program_lifecycle_on_the_generated_sdk(program_lifecycle: ProgramLifecycle) -> None:
    program_lifecycle(PROGRAM)
