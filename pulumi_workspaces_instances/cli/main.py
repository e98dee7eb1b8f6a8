"""``workspaces-instances``: the console script, dispatching to one module per subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from . import import_file

SUBCOMMANDS: tuple[ModuleType, ...] = (import_file,)
"""Each subcommand's module: ``NAME`` and ``HELP`` (str), ``add_arguments(parser)``, ``run(args) -> int``."""


def parser() -> argparse.ArgumentParser:
    """The command line of every subcommand."""
    top = argparse.ArgumentParser(
        prog="workspaces-instances", description="Tools for Amazon WorkSpaces Instances beside Pulumi."
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in SUBCOMMANDS:
        command = commands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the subcommand ``argv`` names; its exit status (2 for a bad command line, as argparse does)."""
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
