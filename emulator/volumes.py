"""EBS volumes for workspace instances: Create/Delete/Modify and Associate/Disassociate.

Volume states (internal; the API exposes none): ``available`` → ``in-use`` while associated →
``deleted``. Rules, as EC2 applies them:

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
from typing import Any

from .context import VOLUME, RequestContext, new_id
from .errors import ServiceError, conflict, invalid, not_found
from .idempotency import remember, replay
from .instances import require_instance, state_of
from .tag_rules import check_tags, normalise

RESOURCE_TYPE = "Volume"
DEFAULT_VOLUME_TYPE = "gp3"
SNAPSHOT_VOLUME_SIZE_GB = 8
IOPS_REQUIRED_TYPES = ("io1", "io2")
# EC2 allows one modification of a volume per six hours.
MODIFICATION_COOLDOWN_SECONDS = 6 * 3600
MODIFIABLE = ("SizeInGB", "VolumeType", "Iops", "Throughput")


def _require_volume(ctx: RequestContext, volume_id: str) -> dict[str, Any]:
    doc = ctx.store.get(ctx.region, VOLUME, volume_id)
    if doc is None or doc["state"] == "deleted":
        raise not_found(volume_id, RESOURCE_TYPE)
    return doc


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
    volume_id = new_id("vol-")
    doc = {
        "VolumeId": volume_id,
        "AvailabilityZone": zone,
        "SizeInGB": params.get("SizeInGB", SNAPSHOT_VOLUME_SIZE_GB),
        "VolumeType": volume_type,
        "Iops": params.get("Iops"),
        "Throughput": params.get("Throughput"),
        "Encrypted": params.get("Encrypted", False),
        "SnapshotId": params.get("SnapshotId"),
        "state": "available",
        "attachment": None,
        "modified_at": None,
        "tags": tags,
    }
    ctx.store.put(ctx.region, VOLUME, volume_id, doc)
    result = {"VolumeId": volume_id}
    remember(ctx, "CreateVolume", params, volume_id, result)
    return result


def delete_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteVolume: only an ``available`` volume can be deleted."""
    doc = _require_volume(ctx, params["VolumeId"])
    if doc["state"] == "in-use":
        raise conflict(
            doc["VolumeId"],
            RESOURCE_TYPE,
            f"Volume {doc['VolumeId']} is associated with {doc['attachment']['WorkspaceInstanceId']}; "
            "disassociate it first.",
        )
    doc["state"] = "deleted"
    ctx.store.put(ctx.region, VOLUME, doc["VolumeId"], doc)
    return {}


def associate_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """AssociateVolume: attach an available volume to an ALLOCATED instance at a free device."""
    instance_id, device = params["WorkspaceInstanceId"], params["Device"]
    instance = require_instance(ctx, instance_id)
    volume = _require_volume(ctx, params["VolumeId"])
    state = state_of(instance, ctx)
    if state != "ALLOCATED":
        raise conflict(instance_id, "WorkspaceInstance", f"Instance {instance_id} is {state}, not ALLOCATED.")
    if volume["state"] != "available":
        raise conflict(volume["VolumeId"], RESOURCE_TYPE, f"Volume {volume['VolumeId']} is already in use.")
    if volume["AvailabilityZone"] != instance["availability_zone"]:
        raise invalid(
            f"Volume {volume['VolumeId']} is in {volume['AvailabilityZone']} but instance {instance_id} "
            f"is in {instance['availability_zone']}.",
            field="VolumeId",
            reason="OTHER",
        )
    for other in ctx.store.all(ctx.region, VOLUME):
        if other["state"] == "in-use" and other["attachment"] == {
            "WorkspaceInstanceId": instance_id,
            "Device": device,
        }:
            raise conflict(
                instance_id, "WorkspaceInstance", f"Device {device} is already used on {instance_id}."
            )
    volume.update(state="in-use", attachment={"WorkspaceInstanceId": instance_id, "Device": device})
    ctx.store.put(ctx.region, VOLUME, volume["VolumeId"], volume)
    return {}


def disassociate_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """DisassociateVolume: detach a volume from the instance it is associated with."""
    instance_id = params["WorkspaceInstanceId"]
    require_instance(ctx, instance_id)
    volume = _require_volume(ctx, params["VolumeId"])
    attachment = volume["attachment"] or {}
    if attachment.get("WorkspaceInstanceId") != instance_id:
        raise conflict(
            volume["VolumeId"],
            RESOURCE_TYPE,
            f"Volume {volume['VolumeId']} is not associated with {instance_id}.",
        )
    if "Device" in params and params["Device"] != attachment["Device"]:
        raise conflict(
            volume["VolumeId"],
            RESOURCE_TYPE,
            f"Volume {volume['VolumeId']} is attached at {attachment['Device']}, not {params['Device']}.",
        )
    volume.update(state="available", attachment=None)
    ctx.store.put(ctx.region, VOLUME, volume["VolumeId"], volume)
    return {}


def modify_volume(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """ModifyVolume: change size (grow only), type, IOPS or throughput; returns the targets."""
    previous = replay(ctx, "ModifyVolume", params, RESOURCE_TYPE)
    if previous is not None:
        return dict(previous)
    volume = _require_volume(ctx, params["VolumeId"])
    changes: dict[str, Any] = {k: params[k] for k in MODIFIABLE if k in params}
    if not changes:
        raise invalid(
            "Give at least one of SizeInGB, VolumeType, Iops or Throughput to modify.", field="SizeInGB"
        )
    if changes.get("SizeInGB", volume["SizeInGB"]) < volume["SizeInGB"]:
        raise invalid(
            f"SizeInGB {changes['SizeInGB']} is smaller than the volume's {volume['SizeInGB']} GiB; "
            "volumes can only grow.",
            field="SizeInGB",
        )
    last = volume["modified_at"]
    if last is not None and ctx.now - last < MODIFICATION_COOLDOWN_SECONDS:
        raise ServiceError(
            "VolumeModificationRateExceededException",
            f"Volume {volume['VolumeId']} was modified less than six hours ago; "
            "wait before modifying it again.",
            ResourceId=volume["VolumeId"],
            ResourceType=RESOURCE_TYPE,
        )
    volume.update(changes, modified_at=ctx.now)
    ctx.store.put(ctx.region, VOLUME, volume["VolumeId"], volume)
    result: dict[str, Any] = {
        "VolumeId": volume["VolumeId"],
        "TargetSize": volume["SizeInGB"],
        "TargetVolumeType": volume["VolumeType"],
    }
    for source, target in (("Iops", "TargetIops"), ("Throughput", "TargetThroughput")):
        if volume.get(source) is not None:
            result[target] = volume[source]
    remember(ctx, "ModifyVolume", params, volume["VolumeId"], result)
    return result
