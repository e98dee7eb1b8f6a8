"""Typed access to the store: instance, EC2 instance and volume records in and out of their JSON documents."""

from __future__ import annotations

from .context import EC2_INSTANCE, INSTANCE, VOLUME, RequestContext
from .records import Ec2InstanceRecord, InstanceRecord, VolumeRecord


def load_instance(ctx: RequestContext, instance_id: str) -> InstanceRecord | None:
    """The instance stored under ``instance_id`` in the caller's region, or None."""
    doc = ctx.store.get(ctx.region, INSTANCE, instance_id)
    return InstanceRecord.from_doc(doc) if doc is not None else None


def all_instances(ctx: RequestContext) -> list[InstanceRecord]:
    """Every instance of the caller's region, oldest first."""
    return [InstanceRecord.from_doc(doc) for doc in ctx.store.all(ctx.region, INSTANCE)]


def save_instance(ctx: RequestContext, record: InstanceRecord) -> None:
    """Insert or replace an instance."""
    ctx.store.put(ctx.region, INSTANCE, record.workspace_instance_id, record.to_doc())


def stored_ec2_instances(ctx: RequestContext) -> dict[str, Ec2InstanceRecord]:
    """The EC2 instance records of the caller's region that were ever changed, by EC2 instance id."""
    records = (Ec2InstanceRecord.from_doc(doc) for doc in ctx.store.all(ctx.region, EC2_INSTANCE))
    return {record.ec2_instance_id: record for record in records}


def save_ec2_instance(ctx: RequestContext, record: Ec2InstanceRecord) -> None:
    """Insert or replace an EC2 instance's changeable state."""
    ctx.store.put(ctx.region, EC2_INSTANCE, record.ec2_instance_id, record.to_doc())


def load_volume(ctx: RequestContext, volume_id: str) -> VolumeRecord | None:
    """The volume stored under ``volume_id`` in the caller's region (deleted ones too), or None."""
    doc = ctx.store.get(ctx.region, VOLUME, volume_id)
    return VolumeRecord.from_doc(doc) if doc is not None else None


def all_volumes(ctx: RequestContext) -> list[VolumeRecord]:
    """Every volume of the caller's region (deleted ones too), oldest first."""
    return [VolumeRecord.from_doc(doc) for doc in ctx.store.all(ctx.region, VOLUME)]


def save_volume(ctx: RequestContext, record: VolumeRecord) -> None:
    """Insert or replace a volume."""
    ctx.store.put(ctx.region, VOLUME, record.volume_id, record.to_doc())
