"""One measurement: a fresh fleet's up and destroy against a fresh emulator, everything removed afterwards."""

from __future__ import annotations

import json
import resource
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.call_log import GET, Detection, at_once, create_times, delete_times, detections, ok_calls
from bench.emulator_process import EmulatorProcess
from bench.errors import BenchError
from bench.host_usage import HostSampler
from bench.stack import FleetStack
from bench.state_cost import StateCost, state_cost


@dataclass(frozen=True)
class Measurement:
    """One fleet's up and destroy."""

    kind: str
    count: int
    up_seconds: float
    destroy_seconds: float
    up_gets: float
    destroy_gets: float
    up_late_max: float
    destroy_late_max: float
    up_detections: dict[str, Detection]
    destroy_detections: dict[str, Detection]
    up_at_once: int
    destroy_at_once: int
    hosts_at_once: int
    hosts_up: int
    hosts_destroy: int
    peak_rss_kib: int
    host_cpu_up: float
    host_cpu_destroy: float
    cli_cpu_up: float
    cli_cpu_destroy: float
    cost: StateCost


@contextmanager
def scratch_dir() -> Iterator[Path]:
    """A temporary directory removed at the end, whatever happens."""
    path = Path(tempfile.mkdtemp(prefix="wsi-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _keep_logs(workdir: Path, emulator: EmulatorProcess, target: Path) -> None:
    """Copy what a run wrote (CLI output, emulator log) and the call log to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for path in workdir.glob("*.*"):
        if path.is_file():
            shutil.copy2(path, target / path.name)
    with suppress(OSError, ValueError):
        (target / "calls.json").write_text(json.dumps(emulator.calls(), indent=1))


def children_cpu() -> float:
    """CPU seconds (user + system) of every child process waited for so far, with theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(
    kind: str, count: int, seconds: float, parallel: str, workers: int | None, logs: Path | None = None
) -> Measurement:
    """Up and destroy a fresh fleet against a fresh emulator; everything is removed afterwards.

    With ``logs``, the CLI's output (lines timed) and the emulator's log and call log are kept there.
    """
    with scratch_dir() as workdir, EmulatorProcess(seconds, workdir / "emulator.log") as emulator:
        stack = FleetStack(workdir, emulator.endpoint_url, parallel, workers)
        try:
            stack.create(count, kind)
            stack.deployed = True
            cpu_before = children_cpu()
            with HostSampler(stack.marker) as up_usage:
                up_seconds, _ = stack.cli("up", "--yes", timeout=600 + 20 * seconds)
            cpu_up = children_cpu() - cpu_before
            _, exported = stack.cli("stack", "export", capture=True)
            after_up = emulator.calls()
            cpu_before = children_cpu()
            with HostSampler(stack.marker) as destroy_usage:
                destroy_seconds, _ = stack.cli("destroy", "--yes", timeout=600 + 20 * seconds)
            cpu_destroy = children_cpu() - cpu_before
            stack.deployed = False
            every = emulator.calls()
            stack.cli("stack", "rm", "--yes")
            stack.created = False
        except KeyboardInterrupt:
            # The emulator and the backend are about to be thrown away: nothing to destroy.
            stack.kill_hosts()
            raise
        except BaseException:
            stack.cleanup()
            raise
        finally:
            if logs is not None:
                _keep_logs(workdir, emulator, logs / f"{kind}-N{count}-T{seconds:g}")
    cost = state_cost(json.loads(exported))
    if len(cost.ids_by_desk) != count:
        raise BenchError(f"{kind} N={count}: the state holds {len(cost.ids_by_desk)} instances")
    during_destroy = every[len(after_up) :]
    created, deleted = create_times(after_up, cost.ids_by_desk), delete_times(during_destroy)
    up_detections = detections(after_up, created, seconds)
    destroy_detections = detections(during_destroy, deleted, seconds)
    return Measurement(
        kind=kind,
        count=count,
        up_seconds=up_seconds,
        destroy_seconds=destroy_seconds,
        up_gets=len(ok_calls(after_up, GET)) / count,
        destroy_gets=len(ok_calls(during_destroy, GET)) / count,
        up_late_max=max((d.late_seconds for d in up_detections.values()), default=float("nan")),
        destroy_late_max=max((d.late_seconds for d in destroy_detections.values()), default=float("nan")),
        up_detections=up_detections,
        destroy_detections=destroy_detections,
        up_at_once=at_once(created, up_detections, seconds),
        destroy_at_once=at_once(deleted, destroy_detections, seconds),
        hosts_at_once=max(up_usage.peak_at_once, destroy_usage.peak_at_once),
        hosts_up=len(up_usage.pids),
        hosts_destroy=len(destroy_usage.pids),
        peak_rss_kib=max(up_usage.peak_rss_kib, destroy_usage.peak_rss_kib),
        host_cpu_up=up_usage.cpu_total,
        host_cpu_destroy=destroy_usage.cpu_total,
        cli_cpu_up=cpu_up,
        cli_cpu_destroy=cpu_destroy,
        cost=cost,
    )
