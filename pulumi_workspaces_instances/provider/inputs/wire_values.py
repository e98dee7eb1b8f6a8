"""Values as the Pulumi wire protocol hands them to the provider: unknowns and secret wrappers.

A leaf module (nothing of this package imported), so validation, state and diffing share one
definition of "not known yet" and "secret".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi.output import Unknown
from pulumi.runtime import rpc

PREVIEW_UNKNOWN_SENTINEL = rpc.UNKNOWN
"""The string the Pulumi wire protocol uses for a value not known yet."""


def is_unknown(value: Any) -> bool:
    """Whether ``value`` is a preview-time unknown, in either form the provider may see it.

    The dynamic provider host deserializes unknowns into ``pulumi.output.Unknown`` objects
    (``keep_unknowns=True`` in its Check/Diff handlers); other paths through the SDK leave the
    wire sentinel string ``rpc.UNKNOWN`` in place.
    """
    return isinstance(value, Unknown) or (isinstance(value, str) and value == PREVIEW_UNKNOWN_SENTINEL)


def contains_unknown(value: Any) -> bool:
    """True when ``value`` or anything nested in it is unknown."""
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(item) for item in value)
    return False


def unwrap_secret(value: Any) -> Any:
    """The plain value of one secret wrapper (the value itself when it is not wrapped)."""
    return rpc.unwrap_rpc_secret(value) if rpc.is_rpc_secret(value) else value


def unwrap_secrets(value: Any) -> Any:
    """``value`` with every RPC secret wrapper removed, at any depth."""
    value = unwrap_secret(value)
    if rpc.is_rpc_secret(value):
        return unwrap_secrets(value)
    if isinstance(value, Mapping):
        return {key: unwrap_secrets(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [unwrap_secrets(item) for item in value]
    return value
