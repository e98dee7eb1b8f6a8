"""``WorkspaceArgs`` → the PascalCase ``ManagedInstance`` dict the provider sends to AWS.

A pure function of the arguments: no Pulumi runtime, no AWS. Members are named by each field's
``AWS_NAME`` metadata; unset values (``None``, empty lists, structures with nothing set) are left
out rather than sent as nulls. ``Output`` values are passed through untouched, so Pulumi resolves
them per member and a preview still shows every known member.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any

import pulumi

from ..provider.aws.unmodeled import deep_merge
from . import tenancy
from .args import BlockDeviceArgs, RootVolumeArgs, WorkspaceArgs
from .args_base import AWS_NAME, TAG_DICT

BLOCK_DEVICE_MAPPINGS = "BlockDeviceMappings"
DEVICE_NAME = "DeviceName"
EBS = "Ebs"
PLACEMENT = "Placement"
TENANCY = "Tenancy"


def to_managed_instance(args: WorkspaceArgs) -> dict[str, Any]:
    """The ManagedInstance request for ``args``, overrides merged last.

    Raises ``tenancy.TenancyError`` when ``tenancy`` and ``placement.tenancy`` disagree.
    """
    managed = _structure(args)
    devices = block_device_mappings(args.root_volume, args.extra_volumes)
    if devices:
        managed[BLOCK_DEVICE_MAPPINGS] = devices
    _apply_tenancy(managed, args)
    if args.managed_instance_overrides:
        managed = deep_merge(managed, args.managed_instance_overrides)
    return managed


def block_device_mappings(
    root_volume: RootVolumeArgs | None, extra_volumes: list[BlockDeviceArgs] | None
) -> list[dict[str, Any]]:
    """The root volume's mapping (when it sets anything) followed by the extra volumes'."""
    mappings: list[dict[str, Any]] = []
    if root_volume is not None:
        ebs = _structure(root_volume)
        device_name = ebs.pop(DEVICE_NAME, None)
        # A mapping that changes nothing about the root volume is noise the API would reject.
        if ebs and device_name is not None:
            mappings.append({DEVICE_NAME: device_name, EBS: ebs})
    mappings.extend(_structure(volume) for volume in extra_volumes or [])
    return [m for m in mappings if m]


def _apply_tenancy(managed: dict[str, Any], args: WorkspaceArgs) -> None:
    """Translate ``tenancy`` into ``Placement.Tenancy`` unless ``placement.tenancy`` is set."""
    if args.tenancy is None:
        return
    explicit = args.placement.tenancy if args.placement is not None else None
    if explicit is not None:
        tenancy.ensure_consistent(args.tenancy, explicit)
        return
    placement_tenancy = tenancy.placement_tenancy_input(args.tenancy)
    if placement_tenancy is not None:
        managed.setdefault(PLACEMENT, {})[TENANCY] = placement_tenancy


def tag_list(tags: pulumi.Input[Mapping[str, pulumi.Input[str]]]) -> pulumi.Input[list[dict[str, Any]]]:
    """A tag dict as the API's ``[{"Key": k, "Value": v}]`` list (applied inside an ``Output``)."""
    if isinstance(tags, pulumi.Output):
        return tags.apply(_tag_list_of)
    if not isinstance(tags, Mapping):
        raise TypeError(f"tags must be a dict, got {type(tags).__name__}")
    return _tag_list_of(tags)


def _tag_list_of(tags: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"Key": key, "Value": value} for key, value in tags.items()]


def _structure(obj: Any) -> dict[str, Any]:
    """One args dataclass as a dict of its set members (fields without ``AWS_NAME`` are skipped)."""
    result: dict[str, Any] = {}
    for f in fields(obj):
        name = f.metadata.get(AWS_NAME)
        if name is None:
            continue
        value = member_value(getattr(obj, f.name))
        if is_unset(value):
            continue
        result[name] = tag_list(value) if f.metadata.get(TAG_DICT) else value
    return result


def member_value(value: Any) -> Any:
    """One argument value as the request carries it (args dataclasses as dicts, unset items dropped)."""
    if is_dataclass(value) and not isinstance(value, type):
        return _structure(value)
    if isinstance(value, list | tuple):
        return [item for item in (member_value(v) for v in value) if not is_unset(item)]
    if isinstance(value, datetime):
        # Pulumi can't serialize a datetime; boto3 accepts ISO 8601 for timestamp members.
        return value.isoformat()
    return value


def is_unset(value: Any) -> bool:
    """Whether a mapped value means "not set" (so the member is left out of the request)."""
    return value is None or (isinstance(value, list | dict) and not value)
