"""EBS volumes for workspace instances: Create/Delete/Modify and Associate/Disassociate.

A volume is ``available``, ``in-use`` while associated, or deleted (the API names no states;
EC2's DescribeVolumes shows them). Rules, as EC2 applies them:

- CreateVolume needs SizeInGB or SnapshotId, Iops for io1/io2, and a zone of the caller's region.
- AssociateVolume needs an ALLOCATED instance in the volume's zone, an ``available`` volume and a
  device name free on that instance; otherwise ConflictException (state) or ValidationException (zone).
- DisassociateVolume needs the volume associated with that instance (and device, when given).
- DeleteVolume refuses an ``in-use`` volume (ConflictException).
- ModifyVolume cannot shrink a volume and allows one modification per volume every
  MODIFICATION_COOLDOWN_SECONDS (VolumeModificationRateExceededException), as EC2 does.
- Deleting an instance detaches its volumes (they become ``available``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .context import RequestContext, new_id
from .errors import ServiceError, conflict, invalid, not_found
from .idempotency import remember, replay
from .instances import require_instance, state_of
from .record_store import all_volumes, load_volume, save_volume
from .records import VolumeAttachment, VolumeConfig, VolumeModification, VolumeRecord
from .tag_rules import check_tags, normalise

RESOURCE_TYPE = "Volume"
DEFAULT_VOLUME_TYPE = "gp3"
SNAPSHOT_VOLUME_SIZE_GB = 8
IOPS_REQUIRED_TYPES = ("io1", "io2")
# EC2 allows one modification of a volume per six hours.
MODIFICATION_COOLDOWN_SECONDS = 6 * 3600


def require_volume(ctx: RequestContext, volume_id: str) -> VolumeRecord:
    """The volume, or ResourceNotFoundException when the region has no such (undeleted) volume."""
    record = load_volume(ctx, volume_id)
    if record is None or record.deleted:
        raise not_found(volume_id, RESOURCE_TYPE)
    return record


def create_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """CreateVolume: a new ``available`` volume in one of the region's zones."""
    previous = replay(ctx, "CreateVolume", params, RESOURCE_TYPE)
    if previous is not None:
        return dict(previous)
    zone = params["AvailabilityZone"]
    if not re.fullmatch(re.escape(ctx.region) + "[a-z]", zone):
        raise invalid(
            f"AvailabilityZone {zone!r} is not a zone of region {ctx.region} (e.g. {ctx.region}a).",
            field="AvailabilityZone",
        )
    if "SizeInGB" not in params and "SnapshotId" not in params:
        raise invalid("Give SizeInGB or SnapshotId to create a volume.", field="SizeInGB")
    volume_type = params.get("VolumeType", DEFAULT_VOLUME_TYPE)
    if volume_type in IOPS_REQUIRED_TYPES and "Iops" not in params:
        raise invalid(f"Iops is required for {volume_type} volumes.", field="Iops")
    tags: list[dict[str, str]] = []
    for index, spec in enumerate(params.get("TagSpecifications", [])):
        path = f"TagSpecifications[{index}]"
        if spec.get("ResourceType", "volume") != "volume":
            raise invalid(
                f"{path}.ResourceType must be 'volume' for CreateVolume.", field=f"{path}.ResourceType"
            )
        check_tags(spec.get("Tags", []), f"{path}.Tags")
        tags.extend(normalise(spec.get("Tags", [])))
    record = VolumeRecord(
        volume_id=new_id("vol-"),
        availability_zone=zone,
        config=VolumeConfig(
            size_gib=params.get("SizeInGB", SNAPSHOT_VOLUME_SIZE_GB),
            volume_type=volume_type,
            iops=params.get("Iops"),
            throughput=params.get("Throughput"),
        ),
        encrypted=params.get("Encrypted", False),
        kms_key_id=params.get("KmsKeyId"),
        snapshot_id=params.get("SnapshotId"),
        created_at=ctx.now,
        tags=tags,
    )
    save_volume(ctx, record)
    result = {"VolumeId": record.volume_id}
    remember(ctx, "CreateVolume", params, record.volume_id, result)
    return result


def delete_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteVolume: only an ``available`` volume can be deleted."""
    record = require_volume(ctx, params["VolumeId"])
    if record.attachment is not None:
        raise conflict(
            record.volume_id,
            RESOURCE_TYPE,
            f"Volume {record.volume_id} is associated with {record.attachment.workspace_instance_id}; "
            "disassociate it first.",
        )
    record.deleted = True
    save_volume(ctx, record)
    return {}


def associate_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """AssociateVolume: attach an available volume to an ALLOCATED instance at a free device."""
    instance_id, device = params["WorkspaceInstanceId"], params["Device"]
    instance = require_instance(ctx, instance_id)
    volume = require_volume(ctx, params["VolumeId"])
    state = state_of(instance, ctx)
    if state != "ALLOCATED":
        raise conflict(instance_id, "WorkspaceInstance", f"Instance {instance_id} is {state}, not ALLOCATED.")
    if volume.attachment is not None:
        raise conflict(volume.volume_id, RESOURCE_TYPE, f"Volume {volume.volume_id} is already in use.")
    if volume.availability_zone != instance.availability_zone:
        raise invalid(
            f"Volume {volume.volume_id} is in {volume.availability_zone} but instance {instance_id} "
            f"is in {instance.availability_zone}.",
            field="VolumeId",
            reason="OTHER",
        )
    for other in all_volumes(ctx):
        attached = other.attachment
        if attached is not None and (attached.workspace_instance_id, attached.device) == (
            instance_id,
            device,
        ):
            raise conflict(
                instance_id, "WorkspaceInstance", f"Device {device} is already used on {instance_id}."
            )
    volume.attachment = VolumeAttachment(instance_id, device, ctx.now)
    save_volume(ctx, volume)
    return {}


def disassociate_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """DisassociateVolume: detach a volume from the instance it is associated with."""
    instance_id = params["WorkspaceInstanceId"]
    require_instance(ctx, instance_id)
    volume = require_volume(ctx, params["VolumeId"])
    attachment = volume.attachment
    if attachment is None or attachment.workspace_instance_id != instance_id:
        raise conflict(
            volume.volume_id,
            RESOURCE_TYPE,
            f"Volume {volume.volume_id} is not associated with {instance_id}.",
        )
    if "Device" in params and params["Device"] != attachment.device:
        raise conflict(
            volume.volume_id,
            RESOURCE_TYPE,
            f"Volume {volume.volume_id} is attached at {attachment.device}, not {params['Device']}.",
        )
    volume.attachment = None
    save_volume(ctx, volume)
    return {}


def modify_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """ModifyVolume: change size (grow only), type, IOPS or throughput; returns the targets."""
    previous = replay(ctx, "ModifyVolume", params, RESOURCE_TYPE)
    if previous is not None:
        return dict(previous)
    volume = require_volume(ctx, params["VolumeId"])
    if not any(k in params for k in ("SizeInGB", "VolumeType", "Iops", "Throughput")):
        raise invalid(
            "Give at least one of SizeInGB, VolumeType, Iops or Throughput to modify.", field="SizeInGB"
        )
    current = volume.config
    if params.get("SizeInGB", current.size_gib) < current.size_gib:
        raise invalid(
            f"SizeInGB {params['SizeInGB']} is smaller than the volume's {current.size_gib} GiB; "
            "volumes can only grow.",
            field="SizeInGB",
        )
    last = volume.modification
    if last is not None and ctx.now - last.started_at < MODIFICATION_COOLDOWN_SECONDS:
        raise ServiceError(
            "VolumeModificationRateExceededException",
            f"Volume {volume.volume_id} was modified less than six hours ago; "
            "wait before modifying it again.",
            ResourceId=volume.volume_id,
            ResourceType=RESOURCE_TYPE,
        )
    target = replace(
        current,
        size_gib=params.get("SizeInGB", current.size_gib),
        volume_type=params.get("VolumeType", current.volume_type),
        iops=params.get("Iops", current.iops),
        throughput=params.get("Throughput", current.throughput),
    )
    volume.modification = VolumeModification(started_at=ctx.now, original=current, target=target)
    volume.config = target
    save_volume(ctx, volume)
    result: dict[str, Any] = {
        "VolumeId": volume.volume_id,
        "TargetSize": target.size_gib,
        "TargetVolumeType": target.volume_type,
    }
    if target.iops is not None:
        result["TargetIops"] = target.iops
    if target.throughput is not None:
        result["TargetThroughput"] = target.throughput
    remember(ctx, "ModifyVolume", params, volume.volume_id, result)
    return result
