"""``workspaces-instances-emulator``: serve the emulator in the foreground until SIGTERM or SIGINT.

Also ``python -m pulumi_workspaces_instances.emulator``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType
from typing import get_args

from .embedded import DEFAULT_HOST, Emulator
from .workspaces_instances.behaviour import Behaviour, checked_value
from .workspaces_instances.context import EBS_MODIFICATION_WINDOW_SECONDS, EBS_MODIFICATIONS_PER_WINDOW

DEFAULT_PORT = 4599
# The demo's transitions are slow enough to watch, fast enough not to bore.
DEFAULT_ALLOCATE_SECONDS = 3.0
DEFAULT_DEALLOCATE_SECONDS = 2.0
DEFAULT_VOLUME_MODIFYING_SECONDS = 2.0
DEFAULT_VOLUME_OPTIMIZING_SECONDS = 3.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line options."""
    parser = argparse.ArgumentParser(prog="workspaces-instances-emulator", description=__doc__)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    parser.add_argument("--state", default=None, help="SQLite file keeping state across restarts")
    parser.add_argument("--allocate-seconds", type=float, default=DEFAULT_ALLOCATE_SECONDS)
    parser.add_argument("--deallocate-seconds", type=float, default=DEFAULT_DEALLOCATE_SECONDS)
    parser.add_argument(
        "--volume-modifying-seconds",
        type=float,
        default=DEFAULT_VOLUME_MODIFYING_SECONDS,
        help="how long a ModifyVolume stays 'modifying' (the volume still shows its old configuration)",
    )
    parser.add_argument(
        "--volume-optimizing-seconds",
        type=float,
        default=DEFAULT_VOLUME_OPTIMIZING_SECONDS,
        help="how long it then stays 'optimizing' before 'completed'",
    )
    parser.add_argument(
        "--volume-modifications-per-window",
        type=int,
        default=EBS_MODIFICATIONS_PER_WINDOW,
        help="how many modifications of one volume may start within the window (EBS: 4)",
    )
    parser.add_argument(
        "--volume-modification-window-seconds",
        type=float,
        default=EBS_MODIFICATION_WINDOW_SECONDS,
        help="the rolling window those modifications are counted in (EBS: 24 hours, 86400)",
    )
    add_behaviour_flags(parser)
    return parser.parse_args(argv)


def add_behaviour_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per behaviour switch (``visibility_lag_seconds`` → ``--visibility-lag-seconds``)."""
    group = parser.add_argument_group(
        "AWS behaviours", "switches for AWS's inconvenient behaviours (docs/emulator.md, Behaviour switches)"
    )
    defaults = Behaviour()
    for name in Behaviour.names():
        flag, kind, default = "--" + name.replace("_", "-"), Behaviour.kind_of(name), getattr(defaults, name)
        if kind is bool:
            group.add_argument(
                flag, action=argparse.BooleanOptionalAction, default=default, help=Behaviour.help_of(name)
            )
            continue

        def parse(raw: str, name: str = name, kind: object = kind) -> object:
            try:
                return checked_value(name, kind, float(raw) if kind is float else raw)
            except ValueError as exc:
                raise argparse.ArgumentTypeError(str(exc)) from None

        choices = get_args(kind)
        metavar = "{" + ",".join(choices) + "}" if choices else name.rsplit("_", 1)[-1].upper()
        text = f"{Behaviour.help_of(name)} (default: {default})"
        group.add_argument(flag, type=parse, default=default, metavar=metavar, help=text)


def behaviour_of(args: argparse.Namespace) -> Behaviour:
    """The switches the command line set."""
    return Behaviour(**{name: getattr(args, name) for name in Behaviour.names()})


def main(argv: list[str] | None = None) -> int:
    """Serve until a stop signal; every call's state is committed as it is answered."""
    args = parse_args(argv)
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    emulator = Emulator(
        allocate_seconds=args.allocate_seconds,
        deallocate_seconds=args.deallocate_seconds,
        state_path=args.state,
        host=args.host,
        port=args.port,
        volume_modifying_seconds=args.volume_modifying_seconds,
        volume_optimizing_seconds=args.volume_optimizing_seconds,
        volume_modifications_per_window=args.volume_modifications_per_window,
        volume_modification_window_seconds=args.volume_modification_window_seconds,
        behaviour=behaviour_of(args),
    )
    with emulator:
        print(f"listening on {emulator.endpoint_url}", flush=True)
        while not stop.wait(0.5):
            pass
    print("stopped", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
