"""The benchmark's run: every kind and size measured, the tables printed (``python -m bench``)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType

from bench.arguments import FIXED_COST, PROG, parse_args
from bench.errors import BenchError
from bench.fixed_cost import measure_fixed_cost
from bench.fleets import KIND_LABELS
from bench.measure import measure
from bench.report import (
    FIXED_COST_TITLE,
    LEGEND,
    cost_lines,
    detection_table,
    fixed_cost_runs,
    fixed_cost_table,
    fleet_table,
)
from bench.stack import compile_package
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
    fleet_kinds = [kind for kind in args.kinds if kind != FIXED_COST]
    if fleet_kinds:
        print(
            f"Fleets against the emulator: allocation = deallocation {args.seconds:g} s, "
            f"PULUMI_PARALLEL={parallel}, host workers {workers}, {os.cpu_count()} CPUs",
            flush=True,
        )
    print(f"command: {PROG} {' '.join(given)}".rstrip(), flush=True)
    if fleet_kinds:
        print(LEGEND, flush=True)
    compile_package()
    try:
        for kind in fleet_kinds:
            measurements = []
            for count in args.counts:
                print(f"  measuring {KIND_LABELS[kind]} N={count} ...", file=sys.stderr, flush=True)
                measurements.append(
                    measure(kind, count, args.seconds, args.parallel, args.workers, args.logs)
                )
            print(f"\n{KIND_LABELS[kind]} x N\n{fleet_table(measurements)}", flush=True)
            for line in cost_lines(measurements[-1]):
                print(line, flush=True)
        if args.detection_seconds and fleet_kinds:
            detections = []
            for kind in fleet_kinds:
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
        if FIXED_COST in args.kinds:
            print(f"  measuring the fixed cost, {args.rounds} rounds ...", file=sys.stderr, flush=True)
            result = measure_fixed_cost(args.rounds, args.logs)
            title = FIXED_COST_TITLE.format(seconds=result.allocation_seconds, rounds=result.rounds)
            print(f"\n{title} ({os.cpu_count()} CPUs)", flush=True)
            print(fixed_cost_table(result), flush=True)
            print("runs (s), in order:", flush=True)
            for line in fixed_cost_runs(result):
                print(line, flush=True)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted; everything it started is stopped and removed", file=sys.stderr)
        return 130
    return 0
