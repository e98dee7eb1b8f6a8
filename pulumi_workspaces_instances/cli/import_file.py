"""``workspaces-instances import-file``: a region's unmanaged desktops, volumes and attachments, to import.

    workspaces-instances import-file --region R [--tag k=v …] [--exclude-state F …] [--output resources.json]
    workspaces-instances import-file --region R [--tag k=v …] --format python --output __main__.py

The first writes the file ``pulumi import --file`` takes for the plugin's types (:mod:`.import_spec`);
the second a Python program that adopts each desktop with ``adopt_id`` (:mod:`.adoption_program`).
Only read-only calls are made. Each skipped id is printed on stderr with its reason, then a summary.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from ..provider.aws.errors import WorkspaceInstanceError
from . import adoption_program, import_spec
from .inventory import read_inventory
from .selection import Selection, parse_tag_filter, select
from .stack_state import read_held_ids

NAME = "import-file"
HELP = (
    "List the desktops, volumes and attachments of a region that no Pulumi stack holds, and write the "
    "file `pulumi import --file` takes (or, with --format python, a program that adopts the desktops)."
)
FORMATS = ("pulumi-import", "python")
DEFAULT_OUTPUT = {"pulumi-import": "resources.json", "python": "__main__.py"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommand's options."""
    parser.add_argument("--region", required=True, help="the AWS region to list")
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="take only desktops and volumes with this tag (repeat: every pair must match)",
    )
    parser.add_argument(
        "--exclude-state",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="the output of `pulumi stack export` of a stack whose resources to leave out (repeatable)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="pulumi-import",
        help="pulumi-import: the file for `pulumi import --file` (default); python: a program adopting "
        "each desktop with adopt_id",
    )
    parser.add_argument(
        "--output", type=Path, help="where to write it (default resources.json, or __main__.py for python)"
    )


def summary(selection: Selection, output: Path) -> str:
    """The closing line: what was written, and what was left out."""
    left_out = [f"skipped {len(selection.skipped)}"]
    if selection.filtered_out:
        left_out.append(f"{selection.filtered_out} not matching --tag")
    if selection.launch_volumes:
        left_out.append(f"{selection.launch_volumes} volumes launched with their desktops (part of them)")
    return (
        f"wrote {output}: desktops {len(selection.desktops)}, volumes {len(selection.volumes)}, "
        f"attachments {len(selection.attachments)}; {', '.join(left_out)}"
    )


def run(args: argparse.Namespace) -> int:
    """List, select, write; 1 with one line on stderr when AWS cannot be read."""
    try:
        wanted = parse_tag_filter(args.tag)
        held = read_held_ids(args.exclude_state)
    except ValueError as error:
        print(f"workspaces-instances import-file: {error}", file=sys.stderr)
        return 2
    output: Path = args.output or Path(DEFAULT_OUTPUT[args.format])
    try:
        selection = select(read_inventory(args.region), wanted, held)
        if args.format == "python":
            inputs = {
                item.resource_id: adoption_program.desktop_inputs(item.resource_id, args.region)
                for item in selection.desktops
            }
            text = adoption_program.render(selection, inputs)
        else:
            text = import_spec.render(selection)
    except (ClientError, BotoCoreError, WorkspaceInstanceError, LookupError) as error:
        print(f"workspaces-instances import-file: {error}", file=sys.stderr)
        return 1
    for skip in selection.skipped:
        print(skip.line(), file=sys.stderr)
    output.write_text(text)
    print(summary(selection, output), file=sys.stderr)
    return 0
