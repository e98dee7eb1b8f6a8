"""The provider host processes of one CLI run: how many, their memory and CPU, sampled from /proc."""

from __future__ import annotations

import os
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from toolchain.processes import PLUGIN, provider_host_pids

SAMPLE_SECONDS = 0.2
"""How often /proc is scanned for provider hosts."""


def _rss_kib(pid: int) -> int:
    with suppress(OSError), open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _cpu_seconds(pid: int) -> float:
    with suppress(OSError, IndexError, ValueError):
        # Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


@dataclass
class HostUsage:
    """What the provider hosts of one CLI run used."""

    pids: set[int] = field(default_factory=set)
    peak_at_once: int = 0
    peak_rss_kib: int = 0
    cpu_seconds: dict[int, float] = field(default_factory=dict)

    @property
    def cpu_total(self) -> float:
        """CPU seconds of every host, as last seen."""
        return sum(self.cpu_seconds.values())


def provider_pids(marker: str) -> set[int]:
    """The provider processes of one run: dynamic provider hosts and provider plugins."""
    return provider_host_pids(marker) | provider_host_pids(marker, PLUGIN)


class HostSampler:
    """Scans /proc every SAMPLE_SECONDS while a CLI command runs (``with HostSampler(marker) as usage``)."""

    def __init__(self, marker: str) -> None:
        self._marker = marker
        self._stop = threading.Event()
        self.usage = HostUsage()
        self._thread = threading.Thread(target=self._run, name="host-sampler", daemon=True)

    def _run(self) -> None:
        while True:
            pids = provider_pids(self._marker)
            self.usage.pids.update(pids)
            self.usage.peak_at_once = max(self.usage.peak_at_once, len(pids))
            self.usage.peak_rss_kib = max(self.usage.peak_rss_kib, sum(_rss_kib(pid) for pid in pids))
            for pid in pids:
                self.usage.cpu_seconds[pid] = max(self.usage.cpu_seconds.get(pid, 0.0), _cpu_seconds(pid))
            if self._stop.wait(SAMPLE_SECONDS):
                return

    def __enter__(self) -> HostUsage:
        self._thread.start()
        return self.usage

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
