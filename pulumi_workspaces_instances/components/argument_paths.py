"""Which ``Workspace`` argument set a ``ManagedInstance`` member: API path → snake_case path.

``BlockDeviceMappings[0].Ebs.VolumeSize`` → ``root_volume.volume_size``, ``CpuOptions.CoreCount`` →
``cpu_options.core_count``, a member that came from the overrides → ``managed_instance_overrides.…``.
The walk follows the same ``AWS_NAME`` field metadata the mapping uses, on the arguments actually
given, so list indexes account for the root volume and for elements that map to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from typing import Any

from .args import RootVolumeArgs, WorkspaceArgs
from .args_base import AWS_NAME, TAG_DICT, nested_args_class
from .mapping import (
    BLOCK_DEVICE_MAPPINGS,
    EBS,
    PLACEMENT,
    TENANCY,
    block_device_mappings,
    is_unset,
    member_value,
)

OVERRIDES = "managed_instance_overrides"

Segment = str | int
_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse(api_path: str) -> list[Segment]:
    """``"A[0].B"`` → ``["A", 0, "B"]``."""
    return [int(index) if index else name for name, index in _SEGMENT.findall(api_path)]


def render(segments: Sequence[Segment], prefix: str = "") -> str:
    """The inverse of :func:`parse`, appended to ``prefix``."""
    text = prefix
    for segment in segments:
        text += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if text else segment)
    return text


def argument_path(args: WorkspaceArgs, api_path: str) -> str | None:
    """The argument path that set the member at ``api_path`` (relative to ManagedInstance), or None."""
    segments = parse(api_path)
    if not segments:
        return None
    if _from_overrides(args.managed_instance_overrides, segments):
        return f"{OVERRIDES}.{api_path}"
    if segments[0] == BLOCK_DEVICE_MAPPINGS:
        return _block_device_path(args, segments[1:])
    explicit_tenancy = args.placement is not None and args.placement.tenancy is not None
    if segments == [PLACEMENT, TENANCY] and not explicit_tenancy and args.tenancy is not None:
        return "tenancy"
    return _walk(args, segments, "", WorkspaceArgs)


def _from_overrides(overrides: Mapping[str, Any] | None, segments: Sequence[Segment]) -> bool:
    """Whether the overrides (deep-merged last: dicts merge, anything else replaces) set this path."""
    node: Any = overrides
    for segment in segments:
        if not isinstance(node, Mapping) or segment not in node:
            return False
        node = node[segment]
        if not isinstance(node, Mapping):
            return True  # a list or scalar replaced everything below it
    return True


def _block_device_path(args: WorkspaceArgs, rest: list[Segment]) -> str | None:
    """``root_volume`` for the root mapping, ``extra_volumes[i]`` for the others."""
    has_root = bool(block_device_mappings(args.root_volume, None))
    extra = args.extra_volumes or []
    if not rest or not isinstance(rest[0], int):
        return "extra_volumes" if extra else "root_volume"
    index, below = rest[0], rest[1:]
    if has_root and index == 0:
        # The root volume's fields are the mapping's DeviceName and its Ebs members, flattened.
        return _walk(
            args.root_volume, below[1:] if below[:1] == [EBS] else below, "root_volume", RootVolumeArgs
        )
    position = _mapped_positions(extra)
    shifted = index - 1 if has_root else index
    if not 0 <= shifted < len(position):
        return None
    return _walk(extra[position[shifted]], below, f"extra_volumes[{position[shifted]}]")


def _mapped_positions(items: Sequence[Any]) -> list[int]:
    """Indexes of the items that map to something (the mapping drops the others, shifting the rest)."""
    return [index for index, item in enumerate(items) if not is_unset(member_value(item))]


def _walk(value: Any, segments: list[Segment], path: str, cls: type | None = None) -> str | None:
    """Follow ``segments`` through the arguments; ``cls`` is the args class expected where ``value``
    is unset, so a missing member is still named by the argument that would set it."""
    if not segments:
        return path
    head, rest = segments[0], segments[1:]
    structure = type(value) if is_dataclass(value) and not isinstance(value, type) else cls
    if structure is not None and isinstance(head, str) and (value is None or is_dataclass(value)):
        for f in fields(structure):
            if f.metadata.get(AWS_NAME) == head:
                child_path = f"{path}.{f.name}" if path else f.name
                child = None if value is None else getattr(value, f.name)
                if f.metadata.get(TAG_DICT):
                    return _tag_path(child, rest, child_path)
                nested = nested_args_class(f.type)
                child_cls = nested[0] if nested is not None and not nested[1] else None
                return _walk(child, rest, child_path, child_cls)
        return None
    if isinstance(value, list | tuple) and isinstance(head, int):
        structures = bool(value) and all(is_dataclass(item) for item in value)
        position = _mapped_positions(value) if structures else list(range(len(value)))
        if head < len(position):
            return _walk(value[position[head]], rest, f"{path}[{position[head]}]")
    # A plain value (or an Output) below which the arguments have no names: keep the API's.
    return render(segments, path)


def _tag_path(tags: Any, rest: list[Segment], path: str) -> str:
    """``tags.<key>`` for ``Tags[i].Key``/``Tags[i].Value`` of a tag dict (the list follows its order)."""
    if rest and isinstance(rest[0], int) and isinstance(tags, Mapping) and rest[0] < len(tags):
        return f"{path}.{list(tags)[rest[0]]}"
    return render(rest, path)
