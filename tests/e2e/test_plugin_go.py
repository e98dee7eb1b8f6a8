"""The provider plugin from a Go program on the generated SDK, through the real CLI.

The program (tests/e2e/programs/plugin_go) is plugin_yaml's and plugin_ts's in Go, on ``sdk/go`` as
checked in: its go.mod replaces ``github.com/pulumi-workspaces-instances/sdk`` with ``sdk/`` (whose
go.mod sits at the SDK's root, as in Pulumi provider repositories), so nothing is written into
``sdk/``. The Go language host is the one ``make hosts`` builds (sdk/v3 v3.62.0, the last release
that contains it); it compiles the program with ``go build`` (so the lifecycle is also the build
check) and runs it, and the plugin
(``pulumi-resource-workspacesinstances``) is found on PATH, as for YAML. ``make plugin-go``
downloads the program's modules and warms the build cache.

Modules come from the module cache or the module proxy only: the tests drop ``direct`` from
``GOPROXY``, so no ``go`` command here fetches from a version-control host.

Unlike the Java program (``make plugin-java``), this one is not prebuilt: the v3.62.0 host reads
``runtime.options.binary`` only from a command-line flag, which CLI 3.274 no longer passes (it sends
runtime options in the RPCs' ProgramInfo), so the host would compile the program on every command
anyway (``go build`` to a new temporary file: a fresh link, about 3 CPU-seconds, each time).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_executables
from tests.e2e.test_plugin_yaml import ProgramLifecycle
from toolchain.paths import PLUGIN_EXECUTABLE, PULUMI_ROOT

PROGRAM = Path(__file__).parent / "programs" / "plugin_go"


def go_environment() -> dict[str, str]:
    """``go``'s environment for the program: module proxy (no ``direct``), no workspace, read-only go.mod."""
    go = shutil.which("go")
    if go is None:
        pytest.fail("go is not on PATH; install Go >= 1.26 (the Go program is compiled with it)")
    configured = subprocess.run(
        [go, "env", "GOPROXY"], capture_output=True, text=True, timeout=60, check=True
    ).stdout.strip()
    # GOPROXY is a list separated by "," or "|"; "direct" fetches from version control, "off" nothing.
    proxies = [entry for entry in re.split(r"[,|]", configured) if entry not in ("", "direct", "off")]
    return {"GOPROXY": ",".join(proxies) or "off", "GOWORK": "off", "GOFLAGS": "-mod=readonly"}


@pytest.fixture(autouse=True)
def _go_host_and_plugin() -> None:
    host = PULUMI_ROOT / "bin" / "pulumi-language-go"
    require_executables(host, PLUGIN_EXECUTABLE, make="hosts venv plugin-go")


@pytest.mark.e2e
def test_go_program_lifecycle_on_the_generated_sdk(program_lifecycle: ProgramLifecycle) -> None:
    program_lifecycle(PROGRAM, env=go_environment())
