"""The benchmark's command line (``scripts/bench --help``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import bench
from bench.fixed_cost import DEFAULT_ROUNDS
from bench.fleets import KINDS
from pulumi_workspaces_instances.provider.host.process import ENV_HOST_WORKERS, HOST_WORKERS

PROG = "scripts/bench"
"""The name ``--help`` and errors show: the command ``make bench`` runs."""
DEFAULT_COUNTS = [1, 10, 40]
FIXED_COST = "fixed-cost"
"""The kind that stands for the fixed-cost part (one desktop against a trivial dynamic resource)."""
PARTS = (*KINDS, FIXED_COST)
"""What ``--kinds`` takes: the fleet kinds, and the fixed-cost part."""


def _counts(text: str) -> list[int]:
    counts = sorted({int(part) for part in text.split(",") if part.strip()})
    if not counts or counts[0] < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give fleet sizes >= 1, e.g. 1,10,40")
    return counts


def _kinds(text: str) -> list[str]:
    kinds = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [kind for kind in kinds if kind not in PARTS]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(f"{text!r}: use {' and/or '.join(PARTS)}, comma-separated")
    return kinds


def _parallel(text: str) -> str:
    if text == "default" or (text.isdigit() and int(text) > 0):
        return text
    raise argparse.ArgumentTypeError(
        f"{text!r}: give a number > 0, or `default` to leave PULUMI_PARALLEL unset"
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line: counts, seconds, detection_seconds, parallel, workers, kinds, rounds, logs."""
    description = (bench.__doc__ or "").split("\n\n")[0]
    parser = argparse.ArgumentParser(prog=PROG, description=description)
    parser.add_argument(
        "--counts", type=_counts, default=list(DEFAULT_COUNTS), help="fleet sizes (default 1,10,40)"
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="allocation = deallocation time (10)")
    parser.add_argument(
        "--detection-seconds",
        type=float,
        default=30.0,
        help="allocation time of the detection run; 0 skips it",
    )
    parser.add_argument("--parallel", type=_parallel, default="64", help="PULUMI_PARALLEL, or `default` (64)")
    parser.add_argument(
        "--workers", type=int, default=None, help=f"{ENV_HOST_WORKERS} (default: unset, {HOST_WORKERS})"
    )
    parser.add_argument(
        "--kinds",
        type=_kinds,
        default=list(PARTS),
        help=f"{','.join(PARTS)} (all); {FIXED_COST}: one desktop's up and preview against a trivial "
        "dynamic resource's, alone it runs in about a minute",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=DEFAULT_ROUNDS,
        help=f"runs of each command in the {FIXED_COST} part, whose medians are compared ({DEFAULT_ROUNDS})",
    )
    parser.add_argument(
        "--logs", type=Path, default=None, help="keep each run's timed CLI output and call log here"
    )
    args = parser.parse_args(argv)
    if args.workers is not None and args.workers < 1:
        parser.error("--workers: give a number >= 1")
    if args.seconds <= 0 or args.detection_seconds < 0:
        parser.error("--seconds must be > 0 and --detection-seconds >= 0")
    if args.rounds < 1:
        parser.error("--rounds: give a number >= 1")
    return args
