"""The provider host's exit: every call finished and every exit function run, then no teardown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from toolchain.paths import ROOT

HOST = """
import atexit, os, sys, threading, time
import pulumi.dynamic
from pulumi_workspaces_instances.provider.host import quick_exit
from pulumi_workspaces_instances.provider.instance_provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.seed import SeedProvider

# What the SDK's host has unpickled by the end (this script stands in for its __main__).
_PROVIDER_CACHE = {"instance": WorkspaceInstanceProvider(), "seed": SeedProvider()}
if sys.argv[2] == "foreign":
    class TheirProvider(pulumi.dynamic.ResourceProvider):
        pass

    _PROVIDER_CACHE["theirs"] = TheirProvider()

log = open(sys.argv[1], "a", buffering=1)


class Freed:
    def __init__(self, path: str) -> None:
        # Held here: by the teardown, the names of modules and builtins may be gone.
        self.descriptor, self.write = os.open(path, os.O_WRONLY | os.O_APPEND), os.write

    def __del__(self) -> None:
        self.write(self.descriptor, b"freed in the teardown\\n")


kept = Freed(sys.argv[1])
atexit.register(lambda: log.write("earlier exit function\\n"))


def serving() -> None:  # a provider call still in flight when the engine interrupts the host
    time.sleep(0.3)
    log.write("call finished\\n")


threading.Thread(target=serving).start()
assert quick_exit.install()
print("host output", end="")
if sys.argv[2] == "fail":
    raise RuntimeError("the host's main failed")
"""


def _run_host(tmp_path: Path, outcome: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    log = tmp_path / "log"
    script = tmp_path / "host.py"
    script.write_text(HOST)
    done = subprocess.run(
        [sys.executable, str(script), str(log), outcome], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    return done, log.read_text().splitlines()


def test_the_host_ends_after_its_calls_and_exit_functions_without_a_teardown(tmp_path: Path) -> None:
    done, log = _run_host(tmp_path, "ok")
    assert done.returncode == 0
    assert done.stdout == "host output"  # flushed, though the process ended without a teardown
    assert log == ["call finished", "earlier exit function"]  # nothing "freed in the teardown"


def test_a_host_that_served_another_packages_provider_tears_down_as_usual(tmp_path: Path) -> None:
    """Another provider may rely on the teardown (a file it never closed is flushed there)."""
    done, log = _run_host(tmp_path, "foreign")
    assert done.returncode == 0 and done.stdout == "host output"
    assert log == ["call finished", "earlier exit function", "freed in the teardown"]


def test_a_host_whose_main_failed_still_exits_with_an_error(tmp_path: Path) -> None:
    done, log = _run_host(tmp_path, "fail")
    assert done.returncode == 1
    assert "the host's main failed" in done.stderr
    assert log == ["call finished", "earlier exit function"]
