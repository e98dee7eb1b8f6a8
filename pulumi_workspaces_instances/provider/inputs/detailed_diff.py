"""What changed in a resource's inputs, property by property: the detailed diff both faces report.

The engine shows ``pulumi preview --diff`` and applies ``replaceOnChanges`` from the detailed diff a
provider reports: for each changed property, its path (``tags.team``,
``managed_instance.MetadataOptions.HttpTokens``) and its kind (added, updated, deleted; and whether
that change replaces the resource). A diff that only says "changes, replaces X" leaves the display
to guess and ``replaceOnChanges`` with nothing to match (the engine's ``applyReplaceOnChanges``
matches the option's paths against the reported ones, pkg/resource/deploy/step_generator.go).

Each provider decides *whether* an input changed (its own comparison: absent, ``None`` and empty
are the same; an unset billing mode is the API default); this module only says *where* inside a
changed input the change is. Values are compared as :func:`.properties.prune` leaves them, so the
paths reported are exactly those an equal-meaning comparison finds; a property whose comparison
normalises it first (timeouts in seconds, the effective billing mode) is reported at its top level.

Old values are the resource's stored outputs and new values its checked inputs, so every entry is
an output-to-input diff (``input_diff`` False), as the engine's display then reads them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pulumi.dynamic import DiffResult

from .properties import prune
from .wire_values import is_unknown

Segment = str | int
"""One step of a property path: a property or map key, or a list index."""


class Kind(enum.Enum):
    """What happened at a path (each also has a replacing form, :attr:`PropertyChange.replaces`)."""

    ADD = "add"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True)
class PropertyChange:
    """One changed property: where, how, and whether the change replaces the resource."""

    path: tuple[Segment, ...]
    kind: Kind
    replaces: bool = False

    @property
    def top(self) -> str:
        """The input the change is in (the first segment)."""
        return str(self.path[0])

    @property
    def protocol_kind(self) -> int:
        """The kind, replacing or not, as Pulumi's provider protocol numbers it (``PropertyDiff.Kind``)."""
        return _PROTOCOL_KINDS[(self.kind, self.replaces)]


_PROTOCOL_KINDS = {
    (Kind.ADD, False): 0,
    (Kind.ADD, True): 1,
    (Kind.DELETE, False): 2,
    (Kind.DELETE, True): 3,
    (Kind.UPDATE, False): 4,
    (Kind.UPDATE, True): 5,
}
"""``PropertyDiff.Kind`` in pulumi's proto/pulumi/provider.proto: ADD, ADD_REPLACE, DELETE, DELETE_REPLACE,
UPDATE, UPDATE_REPLACE."""


class DetailedDiffResult(DiffResult):
    """A ``DiffResult`` that also carries the detailed diff (``detailed``), for both faces to report."""

    def __init__(
        self,
        *,
        changes: bool,
        replaces: Sequence[str],
        detailed: Sequence[PropertyChange],
        delete_before_replace: bool | None = None,
    ) -> None:
        super().__init__(
            changes=changes, replaces=list(replaces), delete_before_replace=delete_before_replace
        )
        self.detailed: tuple[PropertyChange, ...] = tuple(detailed)


def _absent(value: Any) -> bool:
    empty = isinstance(value, Mapping | list | tuple) and not value and not is_unknown(value)
    return value is None or empty


def _walk(path: tuple[Segment, ...], old: Any, new: Any, replaces: bool) -> Iterable[PropertyChange]:
    if is_unknown(new):
        yield PropertyChange(path, Kind.ADD if _absent(old) else Kind.UPDATE, replaces)
    elif _absent(old) and _absent(new):
        return
    elif _absent(old):
        yield PropertyChange(path, Kind.ADD, replaces)
    elif _absent(new):
        yield PropertyChange(path, Kind.DELETE, replaces)
    elif isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in sorted({*old, *new}, key=str):
            yield from _walk((*path, key), old.get(key), new.get(key), replaces)
    elif isinstance(old, list | tuple) and isinstance(new, list | tuple):
        for index in range(max(len(old), len(new))):
            yield from _walk(
                (*path, index),
                old[index] if index < len(old) else None,
                new[index] if index < len(new) else None,
                replaces,
            )
    elif old != new:
        yield PropertyChange(path, Kind.UPDATE, replaces)


def property_changes(
    name: str, olds: Mapping[str, Any], news: Mapping[str, Any], *, replaces: bool, nested: bool = True
) -> list[PropertyChange]:
    """Where input ``name`` changed between the old outputs and the new inputs (the caller's own
    comparison found that it did).

    ``nested``: report the leaves that differ (``tags.team``); otherwise the input itself, for a
    property compared in a normalised form. A changed input whose pruned values show no difference
    (a list the normalisation reorders, say) is reported whole rather than not at all.
    """
    old, new = prune(olds.get(name)), prune(news.get(name))
    if nested:
        found = list(_walk((name,), old, new, replaces))
        if found:
            return found
    if is_unknown(new) or not _absent(new):
        kind = Kind.ADD if _absent(old) and not is_unknown(new) else Kind.UPDATE
    else:
        kind = Kind.DELETE
    return [PropertyChange((name,), kind, replaces)]


_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def format_path(path: Sequence[Segment]) -> str:
    """A path in Pulumi's property path syntax: ``tags.team``, ``list[0].key``, ``tags["a.b"]``.

    A key that is not a plain name (a dot, a space, a bracket) is quoted, as the engine's
    ``ParsePropertyPath`` reads it (sdk/go/common/resource/properties_path.go).
    """
    text = ""
    for segment in path:
        if isinstance(segment, int):
            text += f"[{segment}]"
        elif _IDENTIFIER.match(segment):
            text += f".{segment}" if text else segment
        else:
            escaped = segment.replace('"', '\\"')  # the parser's one escape; a backslash is literal
            text += f'["{escaped}"]'
    return text
