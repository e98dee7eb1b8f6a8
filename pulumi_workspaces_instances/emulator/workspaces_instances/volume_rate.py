"""EBS's rate rule for ModifyVolume: one modification at a time, four within any rolling 24 hours.

The rule, as the EC2 API reference states it for ModifyVolume: "After you initiate a volume
modification, you must wait for that modification to reach the completed state before you can
initiate another modification for the same volume. You can modify a volume up to four times within a
rolling 24-hour period ... If you exceed this limit, you get an error message that indicates when you
can perform your next modification." WorkSpaces Instances' model says the same of its
VolumeModificationRateExceededException ("a previous modification that is still in progress, or has
reached the limit of four modifications in a rolling 24-hour period"), so both cases answer that error.

``optimizing`` is still in progress: the EBS User Guide, "Monitor the progress of volume
modifications", has a volume go modifying, optimizing and "finally the completed state. At this point,
the volume is ready to be further modified."
(https://docs.aws.amazon.com/ebs/latest/userguide/monitoring-volume-modifications.html)

The two numbers are ``Timing.volume_modifications_per_window`` (4) and
``volume_modification_window_seconds`` (24 hours); tests shorten them. Only modifications that
started count; a refused one does not.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from ..core.errors import ServiceError
from .context import RequestContext
from .records import VolumeRecord

RATE_EXCEEDED = "VolumeModificationRateExceededException"


def _refused(volume: VolumeRecord, resource_type: str, message: str) -> ServiceError:
    return ServiceError(RATE_EXCEEDED, message, ResourceId=volume.volume_id, ResourceType=resource_type)


def recent_starts(volume: VolumeRecord, ctx: RequestContext) -> list[float]:
    """The start times that still count at ``ctx.now`` (within the rolling window), oldest first."""
    window = ctx.timing.volume_modification_window_seconds
    starts = volume.modification_starts
    if not starts and volume.modification is not None:
        # A record stored before start times were kept: its latest modification is the one known.
        starts = [volume.modification.started_at]
    return [started for started in starts if ctx.now - started < window]


def check(volume: VolumeRecord, ctx: RequestContext, resource_type: str, in_progress: str | None) -> None:
    """Refuse a new modification while ``in_progress`` (the latest one's state) or past the window's limit."""
    if in_progress is not None:
        raise _refused(
            volume,
            resource_type,
            f"Volume {volume.volume_id} has a modification that is still {in_progress}; wait until "
            "DescribeVolumesModifications shows it completed, then modify the volume again.",
        )
    starts = recent_starts(volume, ctx)
    limit = ctx.timing.volume_modifications_per_window
    if len(starts) < limit:
        return
    window = ctx.timing.volume_modification_window_seconds
    # The oldest of the last `limit` modifications leaves the window first.
    retry_at = starts[-limit] + window
    raise _refused(
        volume,
        resource_type,
        f"Volume {volume.volume_id} has reached the limit of {limit} modifications in any "
        f"{duration(window)}; it can be modified again at {_iso(retry_at)} "
        f"(in {duration(retry_at - ctx.now)}).",
    )


def started(volume: VolumeRecord, ctx: RequestContext) -> None:
    """Count a modification that starts now (older start times that no longer count are dropped)."""
    volume.modification_starts = [*recent_starts(volume, ctx), ctx.now]


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def duration(seconds: float) -> str:
    """A short human duration, rounded: ``24 hours``, ``20 minutes``, ``3 seconds``."""
    whole = max(1, math.ceil(seconds))
    minutes = round(whole / 60)
    if minutes >= 60:
        return _plural(round(whole / 3600), "hour")
    if whole >= 60:
        return _plural(minutes, "minute")
    return _plural(whole, "second")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'s' if count != 1 else ''}"
