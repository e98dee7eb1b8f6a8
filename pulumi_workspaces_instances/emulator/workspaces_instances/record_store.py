"""Typed access to the store: instance, EC2 instance and volume records in and out of their JSON documents."""

from __future__ import annotations

from typing import TypeVar

from .context import EC2_INSTANCE, INSTANCE, VOLUME, RequestContext
from .records import Ec2InstanceRecord, InstanceRecord, StoredRecord, VolumeRecord

_R = TypeVar("_R", bound=StoredRecord)


def _load(ctx: RequestContext, kind: str, key: str, record: type[_R]) -> _R | None:
    doc = ctx.store.get(ctx.region, kind, key)
    return record.from_doc(doc) if doc is not None else None


def _all(ctx: RequestContext, kind: str, record: type[_R]) -> list[_R]:
    return [record.from_doc(doc) for doc in ctx.store.all(ctx.region, kind)]


def load_instance(ctx: RequestContext, instance_id: str) -> InstanceRecord | None:
    """The instance stored under ``instance_id`` in the caller's region, or None."""
    return _load(ctx, INSTANCE, instance_id, InstanceRecord)


def all_instances(ctx: RequestContext) -> list[InstanceRecord]:
    """Every instance of the caller's region, oldest first."""
    return _all(ctx, INSTANCE, InstanceRecord)


def save_instance(ctx: RequestContext, record: InstanceRecord) -> None:
    """Insert or replace an instance."""
    ctx.store.put(ctx.region, INSTANCE, record.workspace_instance_id, record.to_doc())


def stored_ec2_instances(ctx: RequestContext) -> dict[str, Ec2InstanceRecord]:
    """The EC2 instance records of the caller's region that were ever changed, by EC2 instance id."""
    return {record.ec2_instance_id: record for record in _all(ctx, EC2_INSTANCE, Ec2InstanceRecord)}


def save_ec2_instance(ctx: RequestContext, record: Ec2InstanceRecord) -> None:
    """Insert or replace an EC2 instance's changeable state."""
    ctx.store.put(ctx.region, EC2_INSTANCE, record.ec2_instance_id, record.to_doc())


def load_volume(ctx: RequestContext, volume_id: str) -> VolumeRecord | None:
    """The volume stored under ``volume_id`` in the caller's region (deleted ones too), or None."""
    return _load(ctx, VOLUME, volume_id, VolumeRecord)


def all_volumes(ctx: RequestContext) -> list[VolumeRecord]:
    """Every volume of the caller's region (deleted ones too), oldest first."""
    return _all(ctx, VOLUME, VolumeRecord)


def save_volume(ctx: RequestContext, record: VolumeRecord) -> None:
    """Insert or replace a volume."""
    ctx.store.put(ctx.region, VOLUME, record.volume_id, record.to_doc())
