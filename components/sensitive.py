"""Mark the members botocore's model calls sensitive (UserData, KmsKeyId, addresses) as secrets.

Read from the model rather than listed here, so a member AWS later marks sensitive is covered
by a botocore upgrade. Applied to the finished ManagedInstance dict (overrides included), so
what the component registers as its ``managed_instance`` output never shows them in plain text.
"""

from __future__ import annotations

from typing import Any

import pulumi
from botocore.model import ListShape, Shape, StructureShape

from ..provider import model


def managed_instance_shape() -> StructureShape:
    """The request shape of ``ManagedInstance`` in CreateWorkspaceInstance."""
    shape = model.member_shape("CreateWorkspaceInstance", "ManagedInstance")
    assert isinstance(shape, StructureShape)
    return shape


def is_sensitive(shape: Shape) -> bool:
    """Whether the model marks this shape sensitive."""
    return bool(shape.metadata.get("sensitive"))


def mark_sensitive(managed_instance: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``managed_instance`` whose sensitive members are ``Output.secret`` values.

    Members the installed model doesn't know (overrides for newer fields) are left as given.
    """
    marked = _mark(managed_instance, managed_instance_shape())
    assert isinstance(marked, dict)
    return marked


def _mark(value: Any, shape: Shape) -> Any:
    if value is None:
        return value
    if is_sensitive(shape):
        return pulumi.Output.secret(value)
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        return {
            key: _mark(item, shape.members[key]) if key in shape.members else item
            for key, item in value.items()
        }
    if isinstance(shape, ListShape) and isinstance(value, list):
        return [_mark(item, shape.member) for item in value]
    return value
