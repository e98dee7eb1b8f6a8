"""The ``pulumi import --file`` document: the plugin's types, names, ids with their region."""

from __future__ import annotations

import json

from pulumi_workspaces_instances.cli import import_spec
from pulumi_workspaces_instances.cli.inventory import Attachment, Desktop, DiskVolume, Inventory
from pulumi_workspaces_instances.cli.selection import select


def test_the_file_lists_desktops_volumes_then_attachments_with_region_qualified_ids() -> None:
    desk = Desktop("wsinst-00000001", "ALLOCATED", "i-1", {"Name": "alice"})
    data = DiskVolume("vol-0001", "in-use", {}, (Attachment("i-1", "/dev/sdf", "attached", False),))

    text = import_spec.render(select(Inventory("eu-west-1", (desk,), (data,))))

    assert json.loads(text) == {
        "resources": [
            {
                "type": "workspacesinstances:index:WorkspaceInstance",
                "name": "alice",
                "id": "eu-west-1/wsinst-00000001",
            },
            {"type": "workspacesinstances:index:Volume", "name": "vol_0001", "id": "eu-west-1/vol-0001"},
            {
                "type": "workspacesinstances:index:VolumeAttachment",
                "name": "vol_0001_on_alice",
                "id": "eu-west-1/wsinst-00000001:vol-0001",
            },
        ]
    }
