"""The ids ``--exclude-state`` reads from ``pulumi stack export``'s output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_workspaces_instances.cli.stack_state import read_held_ids

EXPORT = {
    "version": 3,
    "deployment": {
        "resources": [
            {"urn": "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", "type": "pulumi:pulumi:Stack"},
            {
                "urn": "urn:pulumi:s::p::pulumi:providers:workspacesinstances::default",
                "type": "pulumi:providers:workspacesinstances",
                "id": "3c1f0e4a-provider",
            },
            {"type": "workspacesinstances:index:WorkspaceInstance", "id": "wsinst-00000001"},
            {"type": "pulumi-python:dynamic/workspacesinstances:Volume", "id": "vol-0001"},
            {"type": "workspacesinstances:index:VolumeAttachment", "id": "wsinst-00000001:vol-0001"},
        ]
    },
}


def test_every_resource_id_but_the_providers_is_held(tmp_path: Path) -> None:
    exported = tmp_path / "stack.json"
    exported.write_text(json.dumps(EXPORT))

    assert read_held_ids([exported]) == {"wsinst-00000001", "vol-0001", "wsinst-00000001:vol-0001"}


def test_a_file_that_is_not_an_export_is_named(tmp_path: Path) -> None:
    other = tmp_path / "resources.json"
    other.write_text('{"resources": []}')

    with pytest.raises(
        ValueError, match=r"--exclude-state .*resources.json: not the output of `pulumi stack export`"
    ):
        read_held_ids([other])
