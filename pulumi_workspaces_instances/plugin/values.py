"""Values between the plugin's wire form and the shared implementation's property bags.

On the wire (``PropertyValue`` maps): camelCase names, unknowns as ``Computed``, secrets as flags
on any value, every number a float. The shared implementation (the same code the dynamic face
calls) takes plain dicts with its own names (``size_in_gb``, the model's ``ImageId`` inside
``managed_instance``), unknowns as the wire sentinel :data:`rpc.UNKNOWN` (as the dynamic host
hands them over) and no secret wrappers. Both directions walk the same :mod:`.description`.

Secrets on the way back: a member the description marks secret (``clientToken``, ``userData``,
``kmsKeyId``, the hidden ``__seed``) is always returned secret, and so is every value whose path
came in secret (a path is a tuple of implementation names and list indexes) — the provider
accepts secrets, so the engine keeps secret only what the provider returns secret.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pulumi
from pulumi.provider.experimental.property_value import Computed, PropertyValue
from pulumi.resource import DependencyResource
from pulumi.runtime import rpc

from ..provider.inputs.wire_values import is_unknown
from .description import HIDDEN_PREFIX, INTEGER, Enum, ListOf, MapOf, Record, Scalar, TypeSpec, camel

SECRET_HIDDEN = frozenset({"__seed"})
"""Hidden inputs kept secret in state (with the seed and the state, tokens could be predicted)."""

Props = dict[str, Any]
Path = tuple[str | int, ...]


# --- wire → implementation -----------------------------------------------------------------------


def _plain(value: PropertyValue, spec: TypeSpec | None, path: Path, secret: set[Path]) -> Any:
    if value.is_secret:
        secret.add(path)
    inner = value.value
    if isinstance(inner, Computed):
        return rpc.UNKNOWN
    if isinstance(inner, Mapping):
        if isinstance(spec, Record):
            result = {}
            for key, item in inner.items():
                field = spec.field_named(key)
                # An unknown name passes unchanged: validation names it, with a did-you-mean.
                core = field.core if field else key
                result[core] = _plain(item, field.type if field else None, (*path, core), secret)
            return result
        item_spec = spec.value if isinstance(spec, MapOf) else None
        return {key: _plain(item, item_spec, (*path, key), secret) for key, item in inner.items()}
    if isinstance(inner, tuple | list):
        item_spec = spec.item if isinstance(spec, ListOf) else None
        return [_plain(item, item_spec, (*path, index), secret) for index, item in enumerate(inner)]
    return inner


def to_core(props: Mapping[str, PropertyValue], record: Record) -> tuple[Props, frozenset[Path]]:
    """A wire property map as the implementation's bag, and the paths in it that came in secret.

    Names the description does not know are kept as given (check reports them); hidden ``__``
    keys travel unchanged.
    """
    values: Props = {}
    secret: set[Path] = set()
    for name, value in props.items():
        field = None if name.startswith(HIDDEN_PREFIX) else record.field_named(name)
        core = field.core if field else name
        values[core] = _plain(value, field.type if field else None, (core,), secret)
    return values, frozenset(secret)


def unknown_names(props: Mapping[str, PropertyValue], record: Record) -> list[str]:
    """Top-level names in ``props`` that are neither a property of ``record`` nor hidden."""
    return [name for name in props if not name.startswith(HIDDEN_PREFIX) and record.field_named(name) is None]


# --- implementation → wire -----------------------------------------------------------------------


def _wire(
    value: Any, spec: TypeSpec | None, secret: bool, path: Path, secret_paths: frozenset[Path]
) -> PropertyValue:
    if value is None:
        result = PropertyValue(None)
    elif is_unknown(value):
        # The SDK's server (3.272) cannot marshal PropertyValue.computed(); the sentinel string is
        # how the wire protocol spells "unknown" anyway.
        result = PropertyValue(rpc.UNKNOWN)
    elif isinstance(value, bool | str):
        result = PropertyValue(value)
    elif isinstance(value, int | float):
        result = PropertyValue(float(value))
    elif isinstance(value, Mapping):
        items: dict[str, PropertyValue] = {}
        for key, item in value.items():
            item_path = (*path, str(key))
            if isinstance(spec, Record):
                field = spec.field_of(str(key))
                if field is None:
                    continue  # the implementation's own (e.g. adopt_id): not part of this face
                items[field.name] = _wire(item, field.type, field.secret, item_path, secret_paths)
            else:
                item_spec = spec.value if isinstance(spec, MapOf) else None
                items[str(key)] = _wire(item, item_spec, False, item_path, secret_paths)
        result = PropertyValue(items)
    elif isinstance(value, list | tuple):
        item_spec = spec.item if isinstance(spec, ListOf) else None
        result = PropertyValue(
            [_wire(item, item_spec, False, (*path, index), secret_paths) for index, item in enumerate(value)]
        )
    else:
        result = PropertyValue(str(value))
    if value is not None and (secret or path in secret_paths):
        return result.with_secret(True)
    return result


def to_wire(
    values: Mapping[str, Any], record: Record, secret: Iterable[Path] = ()
) -> dict[str, PropertyValue]:
    """An implementation bag as wire properties: described names renamed, hidden ones kept.

    ``secret`` holds the implementation paths to return secret (those that came in secret).
    """
    secret_paths = frozenset(secret)
    wire: dict[str, PropertyValue] = {}
    for name, value in values.items():
        if name.startswith(HIDDEN_PREFIX):
            wire[name] = _wire(value, None, name in SECRET_HIDDEN, (name,), secret_paths)
            continue
        field = record.field_of(name)
        if field is None:
            continue
        wire[field.name] = _wire(value, field.type, field.secret, (name,), secret_paths)
    return wire


# --- Python values (with Outputs) ---------------------------------------------------------------


def rename_python(value: Any, spec: TypeSpec | None, *, to_wire: bool) -> Any:
    """A Python value (dicts, lists, scalars, Outputs at any depth) with its keys renamed between
    the implementation's names and the wire's (``to_wire``) along ``spec``; map keys stay."""
    if isinstance(value, pulumi.Output):
        return value.apply(lambda resolved: rename_python(resolved, spec, to_wire=to_wire))
    if isinstance(value, Mapping):
        renamed: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(spec, Record):
                field = spec.field_of(key) if to_wire else spec.field_named(key)
                name = (field.name if to_wire else field.core) if field else key
                renamed[name] = rename_python(item, field.type if field else None, to_wire=to_wire)
            else:
                renamed[key] = rename_python(
                    item, spec.value if isinstance(spec, MapOf) else None, to_wire=to_wire
                )
        return renamed
    if isinstance(value, list | tuple):
        item_spec = spec.item if isinstance(spec, ListOf) else None
        return [rename_python(item, item_spec, to_wire=to_wire) for item in value]
    return value


def _output(value: Any, *, known: bool, secret: bool, dependencies: Iterable[str]) -> pulumi.Output[Any]:
    """An Output of a value the engine handed over (call inside the running event loop)."""

    def resolved(result: Any) -> asyncio.Future[Any]:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        future.set_result(result)
        return future

    resources: set[pulumi.Resource] = {DependencyResource(urn) for urn in dependencies}
    return pulumi.Output(resources, resolved(value), resolved(known), resolved(secret))


def _python(value: PropertyValue, spec: TypeSpec | None, secret: bool, dependencies: frozenset[str]) -> Any:
    secret = secret or value.is_secret
    dependencies = dependencies | value.dependencies
    inner = value.value
    if isinstance(inner, Computed):
        return _output(None, known=False, secret=secret, dependencies=dependencies)
    if isinstance(inner, Mapping):
        # Structures stay plain (the component reads their fields); secrets and dependencies go
        # to the leaves.
        if isinstance(spec, Record):
            result = {}
            for key, item in inner.items():
                field = spec.field_named(key)
                result[field.core if field else key] = _python(
                    item, field.type if field else None, secret, dependencies
                )
            return result
        item_spec = spec.value if isinstance(spec, MapOf) else None
        return {key: _python(item, item_spec, secret, dependencies) for key, item in inner.items()}
    if isinstance(inner, tuple | list):
        item_spec = spec.item if isinstance(spec, ListOf) else None
        return [_python(item, item_spec, secret, dependencies) for item in inner]
    if spec == INTEGER and isinstance(inner, float) and inner.is_integer():
        inner = int(inner)
    if secret or dependencies:
        return _output(inner, known=True, secret=secret, dependencies=dependencies)
    return inner


def to_python(props: Mapping[str, PropertyValue], record: Record) -> dict[str, Any]:
    """Construct inputs as the Python component takes them: implementation names, plain structures,
    and Outputs for the values that are secret, unknown or depend on other resources."""
    arguments: dict[str, Any] = {}
    for name, value in props.items():
        field = record.field_named(name)
        arguments[field.core if field else name] = _python(
            value, field.type if field else None, False, frozenset()
        )
    return arguments


# --- paths ---------------------------------------------------------------------------------------

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def wire_path(path: str, record: Record) -> str:
    """A problem's implementation path in wire names: ``managed_instance.MetadataOptions.HttpTokens``
    → ``managedInstance.metadataOptions.httpTokens``; map keys (``tags.Team``) stay as they are."""
    spec: TypeSpec | None = record
    parts: list[str] = []
    for match in _SEGMENT.finditer(path):
        name, index = match.groups()
        if index is not None:
            parts.append(f"[{index}]")
            spec = spec.item if isinstance(spec, ListOf) else None
            continue
        if isinstance(spec, Record):
            field = spec.field_of(name)
            parts.append(("." if parts else "") + (field.name if field else camel(name)))
            spec = field.type if field else None
        elif isinstance(spec, MapOf):
            # A map key may itself contain dots: the rest of the path is the key.
            parts.append("." + path[match.start() :])
            break
        else:
            parts.append(("." if parts else "") + name)
            spec = None if isinstance(spec, Scalar | Enum) else spec
    return "".join(parts)


def wire_segments(path: Path, record: Record) -> Path:
    """An implementation path as a path in wire names, segment by segment:
    ``("managed_instance", "MetadataOptions", "HttpTokens")`` → ``("managedInstance", "metadataOptions",
    "httpTokens")``; list indexes and map keys (``("tags", "team")``) stay as they are."""
    spec: TypeSpec | None = record
    segments: list[str | int] = []
    for segment in path:
        if isinstance(segment, int):
            segments.append(segment)
            spec = spec.item if isinstance(spec, ListOf) else None
        elif isinstance(spec, Record):
            field = spec.field_of(segment)
            segments.append(field.name if field else camel(segment))
            spec = field.type if field else None
        else:
            segments.append(segment)
            spec = spec.value if isinstance(spec, MapOf) else None
    return tuple(segments)
