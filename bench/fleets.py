"""The kinds of fleet measured and their programs: the Python fleet program, or YAML written for N."""

from __future__ import annotations

from toolchain.paths import ROOT

PROGRAM = ROOT / "tests" / "e2e" / "programs" / "fleet"
"""The Python fleet program (also tests/e2e/test_fleet.py's): N desktops of a kind from stack config."""
KINDS = ("instance", "workspace", "plugin-instance", "plugin-workspace")
KIND_LABELS = {
    "instance": "WorkspaceInstance",
    "workspace": "Workspace component",
    "plugin-instance": "WorkspaceInstance on the provider plugin (YAML)",
    "plugin-workspace": "Workspace component on the provider plugin (YAML)",
}
PLUGIN_PREFIX = "plugin-"
"""Kinds served by the provider plugin, from a generated YAML program (YAML has no loops)."""
PLUGIN_INSTANCE_TYPE = "workspacesinstances:index:WorkspaceInstance"
IMAGE_ID, MACHINE_TYPE = "ami-0a1b2c3d4e5f60001", "t3.medium"
"""What every desktop of a plugin fleet runs (the Python fleet program's config defaults)."""
STACK = "bench"
"""The stack's name, also the ``fleet`` tag of a plugin fleet's desktops."""


def plugin_fleet(count: int, kind: str) -> str:
    """The YAML program of a plugin fleet: ``count`` desktops, named and tagged as the Python fleet's."""
    lines = ["name: fleet-e2e", "runtime: yaml", "resources:"]
    for index in range(count):
        name = f"desk-{index:02d}"
        tags = [f"      tags: {{fleet: {STACK}, desk: {name}}}"]
        if kind == "workspace":
            body = [
                "    type: workspacesinstances:index:Workspace",
                "    properties:",
                f"      imageId: {IMAGE_ID}",
                f"      instanceType: {MACHINE_TYPE}",
            ]
        else:
            body = [
                f"    type: {PLUGIN_INSTANCE_TYPE}",
                "    properties:",
                f"      managedInstance: {{imageId: {IMAGE_ID}, instanceType: {MACHINE_TYPE}}}",
            ]
        lines += [f"  {name}:", *body, "      billingMode: HOURLY", *tags]
    return "\n".join(lines) + "\n"
