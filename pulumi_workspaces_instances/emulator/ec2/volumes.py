"""EC2's DescribeVolumes and DescribeVolumesModifications for the volumes the emulator knows.

Those are the volumes made with CreateVolume, then those launched with the EC2 instances behind
workspace instances (their root and BlockDeviceMappings volumes, ``in-use`` with
DeleteOnTermination until the instance is gone; see ``workspaces_instances.ec2_launch``).

WorkSpaces Instances has no call that reads a volume; clients read them from EC2, as for any EBS
volume. What EC2 shows: Size, VolumeType, Iops (gp3's and gp2's baselines when none was asked for),
Throughput (gp3), Encrypted, KmsKeyId (the account's default EBS key when encrypted without one),
SnapshotId, AvailabilityZone, State (``available`` or ``in-use``), CreateTime, Tags, and
Attachments whose InstanceId is the EC2 instance behind the workspace instance. While a
modification is ``modifying`` the volume still shows its old configuration.

Every volume here was made by WorkSpaces Instances, so each is a managed one (``managed``): its
entries carry ``Operator``, and while the account hides managed resources both actions leave them
out unless the call sets ``IncludeManagedResources``.

Both actions take ``VolumeId.N`` (every id must exist: ``InvalidVolume.NotFound``), ``Filter.N``
(values match with ``*`` and ``?`` wildcards; several values of one filter: any; several filters:
all) and, like EC2, page only when MaxResults is given (5 to 500; not together with VolumeId.N for
DescribeVolumes), returning NextToken while more remain.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.ec2_query import ec2_error
from ..core.limits import quote
from ..workspaces_instances.context import RequestContext
from ..workspaces_instances.ec2_launch import visible_launch_volumes
from ..workspaces_instances.record_store import all_volumes, load_instance
from ..workspaces_instances.records import VolumeModification, VolumeRecord
from ..workspaces_instances.volumes import (
    effective_iops,
    effective_throughput,
    modification_state,
    visible_config,
)
from . import managed
from .account import ACCOUNT_ID
from .filters import FilterValues, View, apply_filters, member, page, refuse_dry_run, tag_keys, text

# Stand-in for the id of the account's AWS-managed EBS key (aws/ebs), used when a volume is
# encrypted without a KmsKeyId.
DEFAULT_EBS_KEY_ID = "e85d3fa1-7c44-4d2b-9f0e-3b1a2c4d5e6f"
# DescribeVolumes pages between 5 and 500 items; DescribeVolumesModifications up to 500.
RESULT_LIMITS = {"DescribeVolumes": (5, 500), "DescribeVolumesModifications": (1, 500)}
_VOLUME_ID = re.compile(r"vol-[0-9a-f]{8}(?:[0-9a-f]{9})?")


def default_kms_key_arn(region: str) -> str:
    """The ARN EC2 reports for a volume encrypted with the account's default EBS key."""
    return f"arn:aws:kms:{region}:{ACCOUNT_ID}:key/{DEFAULT_EBS_KEY_ID}"


def _attachment(name: str) -> FilterValues:
    return lambda view: [text(a[name]) for a in view["Attachments"] if a.get(name) is not None]


VOLUME_FILTERS: dict[str, FilterValues] = {
    "attachment.attach-time": _attachment("AttachTime"),
    "attachment.delete-on-termination": _attachment("DeleteOnTermination"),
    "attachment.device": _attachment("Device"),
    "attachment.instance-id": _attachment("InstanceId"),
    "attachment.status": _attachment("State"),
    "availability-zone": member("AvailabilityZone"),
    "create-time": member("CreateTime"),
    "encrypted": member("Encrypted"),
    "multi-attach-enabled": member("MultiAttachEnabled"),
    "size": member("Size"),
    "snapshot-id": member("SnapshotId"),
    "status": member("State"),
    "tag-key": tag_keys,
    "volume-id": member("VolumeId"),
    "volume-type": member("VolumeType"),
}
MODIFICATION_FILTERS: dict[str, FilterValues] = {
    "modification-state": member("ModificationState"),
    "original-iops": member("OriginalIops"),
    "original-size": member("OriginalSize"),
    "original-volume-type": member("OriginalVolumeType"),
    "originalMultiAttachEnabled": member("OriginalMultiAttachEnabled"),
    "start-time": member("StartTime"),
    "target-iops": member("TargetIops"),
    "target-size": member("TargetSize"),
    "target-volume-type": member("TargetVolumeType"),
    "targetMultiAttachEnabled": member("TargetMultiAttachEnabled"),
    "volume-id": member("VolumeId"),
}


def volume_view(volume: VolumeRecord, ctx: RequestContext) -> View:
    """The DescribeVolumes entry of a volume, by the EC2 model's member names."""
    config = visible_config(volume, ctx)
    view: View = {
        "VolumeId": volume.volume_id,
        "Size": config.size_gib,
        # EC2 sends an empty snapshotId for volumes not made from a snapshot.
        "SnapshotId": volume.snapshot_id or "",
        "AvailabilityZone": volume.availability_zone,
        "State": volume.state,
        "CreateTime": volume.created_at,
        "Attachments": [],
        "VolumeType": config.volume_type,
        "Iops": effective_iops(config),
        "Throughput": effective_throughput(config),
        "Encrypted": volume.encrypted,
        "MultiAttachEnabled": False,
        "Operator": managed.operator(ctx),
    }
    if volume.encrypted:
        view["KmsKeyId"] = volume.kms_key_id or default_kms_key_arn(ctx.region)
    if volume.tags:
        view["Tags"] = [dict(tag) for tag in volume.tags]
    attachment = volume.attachment
    if attachment is not None:
        instance = load_instance(ctx, attachment.workspace_instance_id)
        view["Attachments"].append(
            {
                "AttachTime": attachment.attached_at,
                "Device": attachment.device,
                "InstanceId": instance.ec2_instance_id if instance is not None else None,
                "State": "attached",
                "VolumeId": volume.volume_id,
                "DeleteOnTermination": attachment.delete_on_termination,
            }
        )
    return {k: v for k, v in view.items() if v is not None}


def modification_view(volume_id: str, modification: VolumeModification, ctx: RequestContext) -> View:
    """The DescribeVolumesModifications entry of a volume's latest modification."""
    state = modification_state(modification, ctx)
    total = ctx.timing.volume_modifying_seconds + ctx.timing.volume_optimizing_seconds
    elapsed = ctx.now - modification.started_at
    progress = 100 if state == "completed" or total <= 0 else min(99, int(100 * elapsed / total))
    original, target = modification.original, modification.target
    view: View = {
        "VolumeId": volume_id,
        "ModificationState": state,
        "TargetSize": target.size_gib,
        "TargetIops": effective_iops(target),
        "TargetVolumeType": target.volume_type,
        "TargetThroughput": effective_throughput(target),
        "TargetMultiAttachEnabled": False,
        "OriginalSize": original.size_gib,
        "OriginalIops": effective_iops(original),
        "OriginalVolumeType": original.volume_type,
        "OriginalThroughput": effective_throughput(original),
        "OriginalMultiAttachEnabled": False,
        "Progress": progress,
        "StartTime": modification.started_at,
        "Operator": managed.operator(ctx),
    }
    if state == "completed":
        view["EndTime"] = modification.started_at + total
    return {k: v for k, v in view.items() if v is not None}


def _page(ctx: RequestContext, action: str, views: list[View], params: dict[str, Any], key: str) -> View:
    return page(ctx, action, views, params, key, RESULT_LIMITS[action], params.get("VolumeIds"))


def _selected(ctx: RequestContext, params: dict[str, Any]) -> list[VolumeRecord]:
    """Every live volume of the region, or exactly those named (InvalidVolume.NotFound for others).

    Made with CreateVolume first, then those launched with the EC2 instances (see
    ``workspaces_instances.ec2_launch``). None while the call does not show managed resources (every
    one is; a named one must still exist).
    """
    ids = params.get("VolumeIds")
    found = _existing(ctx, ids)
    return found if managed.shown(ctx, params) else []


def _existing(ctx: RequestContext, ids: list[str] | None) -> list[VolumeRecord]:
    # Both kinds follow the read-after-create lag; a launched volume shares its instance's.
    made = [v for v in all_volumes(ctx) if not v.deleted and ctx.sees(v.created_at)]
    volumes = made + visible_launch_volumes(ctx)
    if not ids:
        return volumes
    for volume_id in ids:
        if not _VOLUME_ID.fullmatch(volume_id or ""):
            raise ec2_error(
                "InvalidVolumeID.Malformed", f'Invalid id: {quote(volume_id)} (expecting "vol-...")'
            )
    present = {v.volume_id for v in volumes}
    missing = [i for i in dict.fromkeys(ids) if i not in present]
    if missing:
        shown = ", ".join(quote(i) for i in missing[:10])
        noun = "volume" if len(missing) == 1 else "volumes"
        verb = "does" if len(missing) == 1 else "do"
        raise ec2_error("InvalidVolume.NotFound", f"The {noun} {shown} {verb} not exist.")
    wanted = set(ids)
    return [v for v in volumes if v.volume_id in wanted]


def describe_volumes(ctx: RequestContext, params: dict[str, Any]) -> View:
    """DescribeVolumes: the region's volumes, by id and filters, paged when MaxResults is given."""
    refuse_dry_run(params)
    if params.get("VolumeIds") and "MaxResults" in params:
        raise ec2_error(
            "InvalidParameterCombination",
            "The parameter volumeSet cannot be used with the parameter maxResults.",
        )
    views = [volume_view(v, ctx) for v in _selected(ctx, params)]
    views = apply_filters(views, params.get("Filters", []), VOLUME_FILTERS, tagged=True)
    return _page(ctx, "DescribeVolumes", views, params, "Volumes")


def describe_volumes_modifications(ctx: RequestContext, params: dict[str, Any]) -> View:
    """DescribeVolumesModifications: the latest modification of each volume, by id and filters."""
    refuse_dry_run(params)
    ids = params.get("VolumeIds")
    volumes = _selected(ctx, params)
    if ids:
        unmodified = [v.volume_id for v in volumes if v.modification is None]
        if unmodified:
            raise ec2_error(
                "InvalidVolumeModification.NotFound",
                f"Modification for volume {quote(unmodified[0])} does not exist.",
            )
    views = [
        modification_view(v.volume_id, v.modification, ctx) for v in volumes if v.modification is not None
    ]
    views = apply_filters(views, params.get("Filters", []), MODIFICATION_FILTERS, tagged=False)
    return _page(ctx, "DescribeVolumesModifications", views, params, "VolumesModifications")
