"""Tag rules the shapes cannot express: unique keys, the reserved ``aws:`` prefix, 50 per resource."""

from __future__ import annotations

from typing import Any

from ..core.errors import invalid
from ..core.model import service_model

RESERVED_PREFIX = "aws:"


def max_tags() -> int:
    """The most tags a resource may carry: the model's TagList maximum."""
    return int(service_model().shape_for("TagList").metadata["max"])


def check_tags(tags: list[dict[str, Any]], path: str) -> None:
    """Reject duplicate keys and the reserved ``aws:`` prefix (shapes cannot express these)."""
    seen: set[str] = set()
    for index, tag in enumerate(tags):
        key = tag.get("Key")
        if key is None:
            raise invalid(
                f"Every tag needs a Key: {path}[{index}].Key is missing", field=f"{path}[{index}].Key"
            )
        if key.lower().startswith(RESERVED_PREFIX):
            raise invalid(
                f"Tag keys starting with '{RESERVED_PREFIX}' are reserved for AWS use: {path}[{index}].Key",
                field=f"{path}[{index}].Key",
            )
        if key in seen:
            raise invalid(f"Duplicate tag key {key!r} at {path}[{index}].Key", field=f"{path}[{index}].Key")
        seen.add(key)


def normalise(tags: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Tags as stored and returned: every tag has a Value (empty when omitted)."""
    return [{"Key": t["Key"], "Value": t.get("Value", "")} for t in tags]
