"""ManagedInstance fields newer than the installed botocore: the escape hatch.

AWS adds members to ``ManagedInstance`` before botocore's model knows them. botocore refuses
unknown parameters and its serializer would drop them anyway, so such fields travel apart from
the modeled request, as the resource's ``managed_instance_extras`` input, and are merged into the
JSON body after botocore has validated and serialized the modeled part (a ``before-call`` hook
registered on every client). The strict check of ``managed_instance`` stays: a typo there is still
caught, because only ``managed_instance_extras`` may hold members the model does not know.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from botocore.model import Shape, StructureShape

from .model import CREATE_OPERATION, managed_instance_shape

EXTRAS_PARAM = "__managed_instance_extras"
"""Pseudo-parameter carrying the extras from the provider to the client hooks (never sent as such)."""
_CONTEXT_KEY = "workspaces_instances_extras"


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``override`` merged in: dicts merge recursively, anything else replaces.

    Neither argument is modified.
    """
    merged = dict(base)
    for key, value in override.items():
        current = merged.get(key)
        if isinstance(current, Mapping) and isinstance(value, Mapping):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = value
    return merged


def split_unmodeled(managed_instance: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(modeled, unmodeled)``: members the installed model knows, and the ones it does not.

    Walks nested structures, so ``{"CpuOptions": {"CoreCount": 2, "NewMember": "on"}}`` splits into
    ``{"CpuOptions": {"CoreCount": 2}}`` and ``{"CpuOptions": {"NewMember": "on"}}``. Lists are not
    split (their elements are kept whole on the modeled side, where check reports unknown members).
    """
    return _split(managed_instance_shape(), managed_instance)


def _split(shape: Shape, value: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    modeled: dict[str, Any] = {}
    unmodeled: dict[str, Any] = {}
    members = shape.members if isinstance(shape, StructureShape) else {}
    for key, item in value.items():
        if key not in members:
            unmodeled[key] = item
        elif isinstance(item, Mapping) and isinstance(members[key], StructureShape):
            known, unknown = _split(members[key], item)
            if known or not unknown:
                modeled[key] = known
            if unknown:
                unmodeled[key] = unknown
        else:
            modeled[key] = item
    return modeled, unmodeled


def modeled_paths(extras: Mapping[str, Any]) -> list[str]:
    """Paths in ``extras`` the model knows: they belong in ``managed_instance``, where they are checked."""
    return _modeled_paths(managed_instance_shape(), extras, "")


def _modeled_paths(shape: Shape, value: Mapping[str, Any], prefix: str) -> list[str]:
    members = shape.members if isinstance(shape, StructureShape) else {}
    found: list[str] = []
    for key, item in value.items():
        if key not in members:
            continue
        if isinstance(item, Mapping) and isinstance(members[key], StructureShape):
            found += _modeled_paths(members[key], item, f"{prefix}{key}.")
        else:
            found.append(f"{prefix}{key}")
    return found


def json_numbers(value: Any) -> Any:
    """Whole floats as ints: Pulumi's wire format turns every number into a double, and without a
    model to consult a whole number is the likelier intent (counts, sizes, indexes)."""
    if isinstance(value, Mapping):
        return {key: json_numbers(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_numbers(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def register_hooks(events: Any) -> None:
    """Teach a client's event system to carry :data:`EXTRAS_PARAM` into the request body."""
    events.register(f"before-parameter-build.workspaces-instances.{CREATE_OPERATION}", _take_extras)
    events.register(f"before-call.workspaces-instances.{CREATE_OPERATION}", _merge_extras)


def _take_extras(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    # Before botocore validates the parameters, which would refuse the pseudo-parameter.
    extras = params.pop(EXTRAS_PARAM, None)
    if extras:
        context[_CONTEXT_KEY] = extras


def _merge_extras(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    # After serialization, before signing: the signature covers the merged body.
    extras = context.get(_CONTEXT_KEY)
    if not extras:
        return
    body = json.loads(params["body"] or b"{}")
    body["ManagedInstance"] = deep_merge(body.get("ManagedInstance") or {}, json_numbers(extras))
    params["body"] = json.dumps(body).encode()
