"""Which parts of a WorkspaceInstance's inputs are secret, read from the botocore model.

The model flags ``ClientToken``, ``UserData`` and ``KmsKeyId`` as sensitive. The resource
constructor wraps those values in ``pulumi.Output.secret`` so the engine encrypts them in state;
the engine then keeps them secret in the outputs, which echo the inputs under the same names.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pulumi
from botocore.model import ListShape, Shape, StructureShape

from ..aws.model import managed_instance_shape

LIST_ITEM = "[]"
"""Path segment standing for every element of a list."""

Path = tuple[str, ...]


def _sensitive_paths(shape: Shape, prefix: Path, seen: frozenset[str]) -> list[Path]:
    if shape.metadata.get("sensitive"):
        return [prefix]
    if shape.name in seen:
        return []
    seen = seen | {shape.name}
    if isinstance(shape, StructureShape):
        found: list[Path] = []
        for name, member in shape.members.items():
            found += _sensitive_paths(member, (*prefix, name), seen)
        return found
    if isinstance(shape, ListShape):
        return _sensitive_paths(shape.member, (*prefix, LIST_ITEM), seen)
    return []


@cache
def managed_instance_secret_paths() -> tuple[Path, ...]:
    """Paths inside ``ManagedInstance`` whose values the model marks sensitive."""
    shape = managed_instance_shape()
    return tuple(_sensitive_paths(shape, (), frozenset()))


def _mark(value: Any, path: Path) -> Any:
    if value is None:
        return None
    if not path or isinstance(value, pulumi.Output):
        # An Output on the way hides its structure until it resolves: keep all of it secret.
        return pulumi.Output.secret(value)
    head, rest = path[0], path[1:]
    if head == LIST_ITEM:
        if isinstance(value, list | tuple):
            return [_mark(item, rest) for item in value]
        return value
    if isinstance(value, Mapping) and head in value:
        copy = dict(value)
        copy[head] = _mark(value[head], rest)
        return copy
    return value


def mark_managed_instance_secrets(managed_instance: Any) -> Any:
    """``managed_instance`` with every sensitive member wrapped in ``Output.secret``."""
    if isinstance(managed_instance, pulumi.Output):
        return pulumi.Output.secret(managed_instance)
    for path in managed_instance_secret_paths():
        managed_instance = _mark(managed_instance, path)
    return managed_instance


PRIVATE_ADDRESS_MEMBER = "PrivateIpAddress"
"""The sensitive member whose value is the instance's private address (at the top or on an interface)."""


def _declares(value: Any, path: Path) -> bool:
    if isinstance(value, pulumi.Output):
        return True  # its structure is unknown until it resolves: assume the worst
    if value is None:
        return False
    if not path:
        return True
    head, rest = path[0], path[1:]
    if head == LIST_ITEM:
        return isinstance(value, list | tuple) and any(_declares(item, rest) for item in value)
    return isinstance(value, Mapping) and _declares(value.get(head), rest)


def declares_private_address(managed_instance: Any) -> bool:
    """Whether the program gave the instance a private IP address (a member the model marks sensitive).

    The ``private_ip`` output then stays secret too: it is the same address. An Output whose
    structure is not known yet counts as declaring one.
    """
    return any(
        _declares(managed_instance, path)
        for path in managed_instance_secret_paths()
        if path[-1] == PRIVATE_ADDRESS_MEMBER
    )
