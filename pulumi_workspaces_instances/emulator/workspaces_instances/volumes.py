"""EBS volumes for workspace instances: Create/Delete/Modify and Associate/Disassociate.

A volume is ``available``, ``in-use`` while associated, or deleted (the API names no states;
EC2's DescribeVolumes shows them). Rules, as EC2 applies them:

- CreateVolume needs SizeInGB or SnapshotId, Iops for io1/io2, and a zone of the caller's region
  (the catalogue's, as for instances: ``zones``).
- AssociateVolume needs an ALLOCATED instance in the volume's zone, an ``available`` volume and a
  device name free on that instance; otherwise ConflictException (state) or ValidationException (zone).
- DisassociateVolume needs the volume associated with that instance (and device, when given).
- DeleteVolume refuses an ``in-use`` volume (ConflictException).
- EBS's limits on the resulting type, size, IOPS and throughput, as EC2 applies them in both
  CreateVolume and ModifyVolume (``volume_limits``: which members each type takes, its size and
  IOPS ranges, IOPS per GiB, gp3 throughput and its ratio to IOPS; ValidationException).
- ModifyVolume keeps the IOPS and throughput of an unchanged type; a new type starts from EC2's
  defaults (3,000 IOPS for gp3/io1/io2, 125 MiB/s for gp3) unless the request gives its own
  (EC2 ModifyVolume.Iops and .Throughput, "Default: ...").
- ModifyVolume cannot shrink a volume, and follows EBS's rate rule (``volume_rate``): none while the
  previous modification is still ``modifying`` or ``optimizing``, at most four starting within any
  24 hours (VolumeModificationRateExceededException, saying what to wait for).
- A modification is ``modifying`` for ``volume_modifying_seconds`` (the volume still shows its old
  configuration), then ``optimizing`` for ``volume_optimizing_seconds`` (the new configuration
  shows), then ``completed``; like instance states, this is derived from the start time.
- Deleting an instance detaches its volumes (they become ``available``).
"""

from __future__ import annotations

from typing import Any

from ...ebs_limits import GP3_BASELINE_IOPS, GP3_BASELINE_THROUGHPUT_MIBPS, IOPS_VOLUME_TYPES
from ..core.errors import conflict, invalid, not_found
from . import volume_limits, volume_rate
from .context import RequestContext, new_id
from .ec2_launch import launch_devices
from .idempotency import remember, replay
from .instances import require_instance, state_of
from .record_store import all_volumes, load_volume, save_volume
from .records import VolumeAttachment, VolumeConfig, VolumeModification, VolumeRecord
from .tag_rules import check_tags, normalise
from .zones import is_zone_of_region, zones_of

RESOURCE_TYPE = "Volume"
DEFAULT_VOLUME_TYPE = "gp3"
SNAPSHOT_VOLUME_SIZE_GB = 8
# gp2's IOPS figure when EC2 reports one: 3 IOPS per GiB between 100 and 16,000.
GP2_IOPS_PER_GIB, GP2_MIN_IOPS, GP2_MAX_IOPS = 3, 100, 16000


def effective_iops(config: VolumeConfig) -> int | None:
    """The IOPS EC2 reports for the configuration (None for types without an IOPS figure)."""
    if config.volume_type == "gp2":
        return max(GP2_MIN_IOPS, min(GP2_MAX_IOPS, GP2_IOPS_PER_GIB * config.size_gib))
    if config.volume_type == "gp3":
        return config.iops if config.iops is not None else GP3_BASELINE_IOPS
    return config.iops if config.volume_type in IOPS_VOLUME_TYPES else None


def effective_throughput(config: VolumeConfig) -> int | None:
    """The throughput (MiB/s) EC2 reports for the configuration (gp3 only)."""
    if config.volume_type == "gp3":
        return config.throughput if config.throughput is not None else GP3_BASELINE_THROUGHPUT_MIBPS
    return None


def modification_state(modification: VolumeModification, ctx: RequestContext) -> str:
    """``modifying``, ``optimizing`` or ``completed`` at ``ctx.now``."""
    elapsed = ctx.now - modification.started_at
    if elapsed < ctx.timing.volume_modifying_seconds:
        return "modifying"
    if elapsed < ctx.timing.volume_modifying_seconds + ctx.timing.volume_optimizing_seconds:
        return "optimizing"
    return "completed"


def visible_config(volume: VolumeRecord, ctx: RequestContext) -> VolumeConfig:
    """The configuration EC2 shows now: the old one while a modification is still ``modifying``."""
    last = volume.modification
    if last is not None and modification_state(last, ctx) == "modifying":
        return last.original
    return volume.config


def require_volume(ctx: RequestContext, volume_id: str) -> VolumeRecord:
    """The volume, or ResourceNotFoundException when the region has no such (undeleted) volume, or not yet
    (the read-after-create lag, ``RequestContext.sees``)."""
    record = load_volume(ctx, volume_id)
    if record is None or record.deleted or not ctx.sees(record.created_at):
        raise not_found(volume_id, RESOURCE_TYPE)
    return record


def create_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """CreateVolume: a new ``available`` volume in one of the region's zones."""
    previous = replay(ctx, "CreateVolume", params, RESOURCE_TYPE)
    if previous is not None:
        return dict(previous)
    zone = params["AvailabilityZone"]
    # The same zones an instance can be placed in (EC2 CreateVolume: a zone of the region).
    if not is_zone_of_region(ctx, zone):
        raise invalid(
            f"AvailabilityZone {zone!r} is not a zone of region {ctx.region} "
            f"(its zones: {', '.join(zones_of(ctx))}).",
            field="AvailabilityZone",
        )
    if "SizeInGB" not in params and "SnapshotId" not in params:
        raise invalid("Give SizeInGB or SnapshotId to create a volume.", field="SizeInGB")
    config = VolumeConfig(
        size_gib=params.get("SizeInGB", SNAPSHOT_VOLUME_SIZE_GB),
        volume_type=params.get("VolumeType", DEFAULT_VOLUME_TYPE),
        iops=params.get("Iops"),
        throughput=params.get("Throughput"),
    )
    volume_limits.check(config, params)
    if "KmsKeyId" in params and not params.get("Encrypted"):
        raise invalid("KmsKeyId needs Encrypted set to true.", field="KmsKeyId")
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
        config=config,
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
    # The root volume and the BlockDeviceMappings volumes the instance was launched with hold theirs.
    if device in launch_devices(ctx, instance_id):
        raise conflict(
            instance_id,
            "WorkspaceInstance",
            f"Device {device} is already used on {instance_id} by a volume it was launched with.",
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
    state = modification_state(last, ctx) if last is not None else "completed"
    volume_rate.check(volume, ctx, RESOURCE_TYPE, in_progress=None if state == "completed" else state)
    volume_type = params.get("VolumeType", current.volume_type)
    same_type = volume_type == current.volume_type
    # EC2 ModifyVolume.Iops: "The existing value is retained if you keep the same volume type. If
    # you change the volume type to io1, io2, or gp3, the default is 3,000." Throughput likewise
    # stays on gp3 and is otherwise gp3's default (None shows as that default).
    default_iops = GP3_BASELINE_IOPS if volume_type in IOPS_VOLUME_TYPES else None
    target = VolumeConfig(
        size_gib=params.get("SizeInGB", current.size_gib),
        volume_type=volume_type,
        iops=params.get("Iops", current.iops if same_type else default_iops),
        throughput=params.get("Throughput", current.throughput if same_type else None),
    )
    volume_limits.check(target, params)
    # Counted before it becomes the latest: an old record's latest modification counts once.
    volume_rate.started(volume, ctx)
    volume.modification = VolumeModification(started_at=ctx.now, original=current, target=target)
    volume.config = target
    save_volume(ctx, volume)
    result: dict[str, Any] = {
        "VolumeId": volume.volume_id,
        "TargetSize": target.size_gib,
        "TargetVolumeType": target.volume_type,
    }
    iops, throughput = effective_iops(target), effective_throughput(target)
    if iops is not None:
        result["TargetIops"] = iops
    if throughput is not None:
        result["TargetThroughput"] = throughput
    remember(ctx, "ModifyVolume", params, volume.volume_id, result)
    return result
