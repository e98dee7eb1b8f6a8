"""The property names every resource of this package shares, and reading a property bag.

Pulumi hands a provider each resource's properties as a plain dict: the program's inputs plus
hidden ones this package adds for its own use (``__identity``, ``__seed``, ``__defaults``), and
the dynamic host's ``__provider``. The names below are part of the state format: stored states
carry them, so a rename needs an upgrade.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .wire_values import is_unknown, unwrap_secrets

PROVIDER_KEY = "__provider"
"""Added by the dynamic provider host to every property bag; never sent to AWS."""

TAGS = "tags"
REGION = "region"
CLIENT_TOKEN = "client_token"
TIMEOUTS = "timeouts"
IDENTITY = "__identity"
"""Hidden input: project/stack/parent/name of the resource, for deriving ClientTokens (see aws/tokens.py)."""
SEED = "__seed"
"""Hidden input: the resource's random seed, saved by Pulumi before the first create (aws/tokens.py)."""
DEFAULTS = "__defaults"
"""Hidden input: the inputs ``check`` filled in because the program left them unset (see with_defaults)."""
HIDDEN_INPUTS = (IDENTITY, SEED, DEFAULTS)
"""Inputs the program or check adds for the provider's own use; never shown, never a diff."""


def resource_urn(props: Mapping[str, Any], type_token: str) -> str | None:
    """The resource's URN, rebuilt from its identity (the provider never sees it), for messages.

    None for a child of a component: the identity names only the immediate parent, and a URN
    needs every ancestor's type.
    """
    parts = str(props.get(IDENTITY) or "").split("::")
    if len(parts) != 4 or not all(parts[1:]):
        return None
    _organization, project, stack, name = parts
    return f"urn:pulumi:{stack}::{project}::{type_token}::{name}"


def clean(props: Mapping[str, Any]) -> dict[str, Any]:
    """A property bag without ``__provider`` and without secret wrappers."""
    return {key: unwrap_secrets(value) for key, value in props.items() if key != PROVIDER_KEY}


def prune(value: Any) -> Any:
    """``value`` with None members and empty dicts/lists removed from mappings, recursively.

    "Absent", ``None`` and empty are the same request to AWS, so they must not be a diff either.
    List elements keep their positions (an empty element is kept) so indexes in messages hold.
    """
    if isinstance(value, Mapping):
        pruned = {}
        for key, item in value.items():
            item = prune(item)
            if item is None or (isinstance(item, Mapping | list) and not item and not is_unknown(item)):
                continue
            pruned[key] = item
        return pruned
    if isinstance(value, list | tuple):
        return [prune(item) for item in value]
    return value


def tags_of(props: Mapping[str, Any]) -> dict[str, str]:
    """The ``tags`` input as a plain dict (absent and empty are the same)."""
    tags = props.get(TAGS)
    if not isinstance(tags, Mapping):
        return {}
    return {str(key): "" if value is None else str(value) for key, value in tags.items()}
