"""The provider processes of one CLI run, found by their command line and environment (Linux: /proc)."""

from __future__ import annotations

from pathlib import Path

DYNAMIC_HOST = b"pulumi.dynamic"
"""In the command line of the SDK's dynamic provider host (``python -m pulumi.dynamic``)."""
PLUGIN = b"pulumi-resource-workspacesinstances"
"""In the command line of this package's provider plugin."""


def provider_host_pids(marker: str, command_part: bytes = DYNAMIC_HOST) -> set[int]:
    """Provider processes (by default dynamic provider hosts) whose environment holds ``marker``.

    Give a value unique to one run, such as its PULUMI_BACKEND_URL (Linux: reads /proc).
    """
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            environment = (entry / "environ").read_bytes()
        except OSError:
            continue  # gone, or not ours to read
        if command_part in command and marker.encode() in environment:
            found.add(int(entry.name))
    return found
