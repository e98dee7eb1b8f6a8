"""What a fleet costs in state: resources by type, the pickled provider each carries, bytes per instance."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bench.fleets import PLUGIN_INSTANCE_TYPE

INSTANCE_TYPE = "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance"
STACK_TYPE = "pulumi:pulumi:Stack"
PROVIDER_PROPERTY = "__provider"


@dataclass(frozen=True)
class StateCost:
    """Resources in state beside the instances, and the pickled provider each one carries."""

    by_type: dict[str, int]
    provider_bytes: dict[str, int]
    """Largest ``__provider`` value per resource type."""
    state_bytes: int
    ids_by_desk: dict[str, str]


def state_cost(export: dict[str, Any]) -> StateCost:
    """What a ``pulumi stack export`` holds: resources by type, ``__provider`` sizes, ids by desk tag."""
    by_type: dict[str, int] = {}
    provider_bytes: dict[str, int] = {}
    ids_by_desk = {}
    for item in export.get("deployment", {}).get("resources") or []:
        kind = str(item.get("type"))
        by_type[kind] = by_type.get(kind, 0) + 1
        for section in ("inputs", "outputs"):
            pickled = (item.get(section) or {}).get(PROVIDER_PROPERTY)
            if isinstance(pickled, str):
                provider_bytes[kind] = max(provider_bytes.get(kind, 0), len(pickled.encode()))
        if kind in (INSTANCE_TYPE, PLUGIN_INSTANCE_TYPE):
            outputs = item.get("outputs") or {}
            desk = (outputs.get("tags") or {}).get("desk")
            if desk:
                instance_id = outputs.get("workspace_instance_id") or outputs.get("workspaceInstanceId")
                ids_by_desk[str(desk)] = str(instance_id)
    return StateCost(by_type, provider_bytes, len(json.dumps(export)), ids_by_desk)
