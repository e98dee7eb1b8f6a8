"""The benchmark's run: every kind and size measured, the tables printed (``python -m bench``)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType

from bench.arguments import PROG, parse_args
from bench.errors import BenchError
from bench.fleets import KIND_LABELS
from bench.measure import measure
from bench.report import LEGEND, cost_lines, detection_table, fleet_table
from pulumi_workspaces_instances.provider.host.process import HOST_WORKERS
from toolchain.pulumi_cli import pulumi_cli_problem


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every kind and size, print the tables; 1 on a failed step, 130 on Ctrl-C."""
    given = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(given)
    problem = pulumi_cli_problem()
    if problem:
        print(f"bench: {problem}", file=sys.stderr)
        return 1
    # Clean up on Ctrl-C (even when started in the background, where SIGINT comes ignored) and on kill.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    workers = f"{args.workers} (WORKSPACES_INSTANCES_HOST_WORKERS)" if args.workers else f"{HOST_WORKERS}"
    parallel = "unset (engine default)" if args.parallel == "default" else args.parallel
    print(
        f"Fleets against the emulator: allocation = deallocation {args.seconds:g} s, "
        f"PULUMI_PARALLEL={parallel}, host workers {workers}, {os.cpu_count()} CPUs",
        flush=True,
    )
    print(f"command: {PROG} {' '.join(given)}".rstrip(), flush=True)
    print(LEGEND, flush=True)
    try:
        for kind in args.kinds:
            measurements = []
            for count in args.counts:
                print(f"  measuring {KIND_LABELS[kind]} N={count} ...", file=sys.stderr, flush=True)
                measurements.append(
                    measure(kind, count, args.seconds, args.parallel, args.workers, args.logs)
                )
            print(f"\n{KIND_LABELS[kind]} x N\n{fleet_table(measurements)}", flush=True)
            for line in cost_lines(measurements[-1]):
                print(line, flush=True)
        if args.detection_seconds:
            detections = []
            for kind in args.kinds:
                print(f"  measuring detection, {KIND_LABELS[kind]} ...", file=sys.stderr, flush=True)
                detections.append(
                    measure(kind, 1, args.detection_seconds, args.parallel, args.workers, args.logs)
                )
            print(
                f"\nDetection, one desktop, allocation = deallocation {args.detection_seconds:g} s "
                "(allowed: max(1 s, 20 % of the time waited))\n"
                + detection_table(detections, args.detection_seconds),
                flush=True,
            )
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted; everything it started is stopped and removed", file=sys.stderr)
        return 130
    return 0
