"""The emulator one measurement runs against: its own process, on a free port."""

from __future__ import annotations

import json
import subprocess
import threading
import urllib.request
from pathlib import Path
from typing import Any

from bench.errors import BenchError
from bench.process_groups import end_group
from toolchain.paths import VENV_BIN

EMULATOR_START_SECONDS = 30.0


class EmulatorProcess:
    """``workspaces-instances-emulator`` on a free port, in its own process, stopped on exit."""

    def __init__(self, seconds: float, log: Path) -> None:
        self._seconds = seconds
        self._log = log
        self._process: subprocess.Popen[str] | None = None
        self.endpoint_url = ""

    def __enter__(self) -> EmulatorProcess:
        command = [
            str(VENV_BIN / "workspaces-instances-emulator"),
            "--port",
            "0",
            "--allocate-seconds",
            str(self._seconds),
            "--deallocate-seconds",
            str(self._seconds),
        ]
        with open(self._log, "w") as log:
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True
            )
        stdout = self._process.stdout
        assert stdout is not None
        first_line: list[str] = []
        reader = threading.Thread(target=lambda: first_line.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(EMULATOR_START_SECONDS)
        line = first_line[0].strip() if first_line else ""
        if not line.startswith("listening on "):
            self.__exit__()
            raise BenchError(f"the emulator did not start: {line or 'no answer'} (see {self._log})")
        self.endpoint_url = line.removeprefix("listening on ")
        return self

    def calls(self) -> list[dict[str, Any]]:
        """The emulator's call log, oldest first."""
        with urllib.request.urlopen(f"{self.endpoint_url}/_emulator/calls", timeout=30) as answer:
            calls: list[dict[str, Any]] = json.load(answer)
        return calls

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            end_group(self._process)
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None
