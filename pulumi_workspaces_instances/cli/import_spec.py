"""The file ``pulumi import --file`` takes, for the plugin's types.

Its format is the Pulumi CLI's (``pkg/cmd/pulumi/operations/import.go``, ``importFile``): ``resources``,
each with ``type``, ``name`` and ``id``. Each id carries the region (``<region>/<id>``; the plugin's
``read`` takes it so), so the file imports the same resources whatever region the project's provider
has. An attachment's id is ``<region>/<workspaceInstanceId>:<volumeId>``.

The file needs no ``parent`` or ``nameTable`` to link an attachment to its desktop and volume: when
the CLI writes the program for what it imported (``importer/language.go``, ``createImportState``), a
string property equal to the id of another resource imported in the same run becomes a reference to
that resource's ``id``, so the attachment's ``workspaceInstanceId`` and ``volumeId`` are written as
``${desk.id}`` and ``${data.id}`` (YAML) rather than literals.
"""

from __future__ import annotations

import json
from typing import Any

from ..plugin.description import token
from .selection import Selection


def import_id(region: str, resource_id: str) -> str:
    """The id the plugin's ``read`` takes for a resource of ``region``."""
    return f"{region}/{resource_id}"


def document(selection: Selection) -> dict[str, Any]:
    """The import file: desktops, then volumes, then attachments."""
    resources = [
        {"type": token(item.kind), "name": item.name, "id": import_id(selection.region, item.resource_id)}
        for item in (*selection.desktops, *selection.volumes)
    ]
    resources += [
        {
            "type": token("VolumeAttachment"),
            "name": plan.name,
            "id": import_id(selection.region, plan.resource_id),
        }
        for plan in selection.attachments
    ]
    return {"resources": resources}


def render(selection: Selection) -> str:
    """The import file as text (indented JSON, as ``pulumi import --preview-only --out`` writes one)."""
    return json.dumps(document(selection), indent=4) + "\n"
