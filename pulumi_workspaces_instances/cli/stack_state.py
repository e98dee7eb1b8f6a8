"""The ids a stack already holds, from ``pulumi stack export``: what ``--exclude-state`` leaves out.

The claim tag shows only desktops a stack created or adopted; ``pulumi import`` claims nothing (it only
reads), and volumes and attachments carry no claim at all. A stack's exported state names them all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROVIDER_TYPE_PREFIX = "pulumi:providers:"


def held_ids(document: Mapping[str, Any]) -> set[str]:
    """Every resource id in an exported deployment (``pulumi stack export``), providers aside."""
    resources = (document.get("deployment") or {}).get("resources") or []
    return {
        str(resource["id"])
        for resource in resources
        if resource.get("id") and not str(resource.get("type", "")).startswith(PROVIDER_TYPE_PREFIX)
    }


def read_held_ids(paths: list[Path]) -> set[str]:
    """The ids held by the stacks exported to ``paths``; raises ValueError naming a file that is not one."""
    held: set[str] = set()
    for path in paths:
        try:
            document = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise ValueError(f"--exclude-state {path}: {error}") from None
        if not isinstance(document, dict) or "deployment" not in document:
            raise ValueError(f"--exclude-state {path}: not the output of `pulumi stack export`")
        held |= held_ids(document)
    return held
