"""One fleet's stack: a fresh copy of its program, its own file backend and PULUMI_HOME, its CLI runs."""

from __future__ import annotations

import compileall
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import IO

import pulumi_workspaces_instances
from bench.errors import BenchError
from bench.fleets import PLUGIN_PREFIX, PROGRAM, STACK, plugin_fleet
from bench.host_usage import provider_pids
from bench.process_groups import end_group
from pulumi_workspaces_instances.provider.host.process import ENV_HOST_WORKERS
from toolchain.environment import TEST_REGION, emulator_environment
from toolchain.paths import PULUMI_EXECUTABLE
from toolchain.pulumi_cli import pulumi_cli_environment

COMMAND_SECONDS = 180.0
"""Bound on a CLI command that waits for nothing (stack init, config, export, rm)."""
CLEANUP_DESTROY_SECONDS = 300.0
"""Bound on the destroy that cleans up after a failed measurement."""


def compile_package() -> None:
    """Compile the package's modules to bytecode, as pip does when it installs the wheel.

    Otherwise every program and provider host of a run compiles them from source again wherever
    bytecode is not written (PYTHONDONTWRITEBYTECODE, a read-only tree): 70 ms more per process, which
    users never pay.
    """
    compileall.compile_dir(Path(pulumi_workspaces_instances.__file__).parent, quiet=1)


def _timed_copy(source: IO[str], target: IO[str], started: float) -> None:
    for line in source:
        target.write(f"[{time.monotonic() - started:6.1f}s] {line}")
    target.flush()


class FleetStack:
    """A fresh copy of the fleet program (or ``program``) with its own file backend and PULUMI_HOME under
    ``workdir``; ``environment`` is added to its CLI runs' environment."""

    def __init__(
        self,
        workdir: Path,
        endpoint_url: str,
        parallel: str,
        workers: int | None,
        program: Path = PROGRAM,
        environment: Mapping[str, str] | None = None,
    ) -> None:
        self.project = workdir / "project"
        shutil.copytree(program, self.project, ignore=shutil.ignore_patterns("__pycache__", "Pulumi.*.yaml"))
        backend, home = workdir / "backend", workdir / "pulumi-home"
        backend.mkdir()
        home.mkdir()
        self.log = workdir / "cli.log"
        # The developer's own Pulumi and AWS settings must not leak into the measurement.
        inherited = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("PULUMI_", "AWS_", "WORKSPACES_INSTANCES_"))
        }
        self.env = {
            **inherited,
            **pulumi_cli_environment(backend, home),
            **emulator_environment(endpoint_url, workdir),
        }
        self.marker = self.env["PULUMI_BACKEND_URL"]
        """In the environment of this stack's processes alone (its provider hosts are found by it)."""
        if parallel != "default":
            self.env["PULUMI_PARALLEL"] = parallel
        if workers is not None:
            self.env[ENV_HOST_WORKERS] = str(workers)
        self.env.update(environment or {})
        self.created = False
        """The stack exists (cleanup must remove it)."""
        self.deployed = False
        """An ``up`` started: resources may exist (cleanup must destroy them)."""

    def cli(self, *args: str, timeout: float = COMMAND_SECONDS, capture: bool = False) -> tuple[float, str]:
        """Run ``pulumi <args> --stack bench``; (wall seconds, stdout when ``capture``). Raises BenchError.

        Unless captured, each output line goes to the log with the seconds since the start.
        """
        command = [str(PULUMI_EXECUTABLE), *args, "--stack", STACK, "--non-interactive"]
        with open(self.log, "a") as log:
            log.write(f"\n$ pulumi {' '.join(args)}\n")
            log.flush()
            started = time.monotonic()
            process = subprocess.Popen(
                command,
                cwd=self.project,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                start_new_session=True,  # Ctrl-C reaches the benchmark, which ends the whole group
            )
            assert process.stdout is not None
            copier = (
                None if capture else threading.Thread(target=_timed_copy, args=(process.stdout, log, started))
            )
            try:
                if copier is None:
                    output, _ = process.communicate(timeout=timeout)
                else:
                    copier.start()
                    process.wait(timeout=timeout)
                    output = ""
            except subprocess.TimeoutExpired:
                raise BenchError(f"`pulumi {' '.join(args)}` took over {timeout:g}s{self._tail()}") from None
            finally:
                end_group(process)
                if copier is not None and copier.is_alive():
                    copier.join(timeout=10)
            elapsed = time.monotonic() - started
        if process.returncode != 0:
            raise BenchError(f"`pulumi {' '.join(args)}` failed ({process.returncode}){self._tail()}")
        return elapsed, output or ""

    def _tail(self, lines: int = 25) -> str:
        with suppress(OSError):
            text = self.log.read_text().splitlines()[-lines:]
            return ":\n    " + "\n    ".join(text)
        return ""

    def create(self, count: int, kind: str) -> None:
        """``stack init`` and the config of a fleet of ``count`` desktops of ``kind``."""
        if kind.startswith(PLUGIN_PREFIX):
            (self.project / "__main__.py").unlink()
            (self.project / "Pulumi.yaml").write_text(plugin_fleet(count, kind.removeprefix(PLUGIN_PREFIX)))
        self.init()
        if not kind.startswith(PLUGIN_PREFIX):  # the YAML program is written for its count and kind
            self.cli("config", "set", "count", str(count))
            self.cli("config", "set", "kind", kind)

    def init(self) -> None:
        """``stack init``, in the test region."""
        self.cli("stack", "init")
        self.created = True
        self.cli("config", "set", "aws:region", TEST_REGION)

    def cleanup(self) -> None:
        """Destroy what a failed run may have left and remove the stack (best effort, bounded)."""
        if self.deployed:
            with suppress(BenchError):
                self.cli("cancel", "--yes")  # a killed run leaves its lock
            with suppress(BenchError):
                self.cli("destroy", "--yes", "--skip-preview", timeout=CLEANUP_DESTROY_SECONDS)
        if self.created:
            with suppress(BenchError):
                self.cli("stack", "rm", "--yes", "--force")
        self.kill_hosts()

    def kill_hosts(self) -> None:
        """End any provider host of this stack still running (each ends itself once its engine is gone)."""
        for pid in provider_pids(self.marker):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
