"""The emulator's call log read: when each instance changed state, how late a Get saw it, how many at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

CREATE, GET, DELETE = "CreateWorkspaceInstance", "GetWorkspaceInstance", "DeleteWorkspaceInstance"

Call = dict[str, Any]
"""One entry of the call log (``time``, ``operation``, ``status``, ``params``)."""


def _timestamp(call: Call) -> float:
    return datetime.fromisoformat(str(call["time"]).replace("Z", "+00:00")).timestamp()


def ok_calls(calls: Sequence[Call], operation: str) -> list[Call]:
    """The calls of ``operation`` that succeeded (HTTP 200)."""
    return [call for call in calls if call["operation"] == operation and call["status"] == 200]


def _instance_id(call: Call) -> str:
    return str((call.get("params") or {}).get("WorkspaceInstanceId", ""))


def _desk_tag(call: Call) -> str:
    tags = (call.get("params") or {}).get("Tags") or []
    return next((str(tag.get("Value")) for tag in tags if tag.get("Key") == "desk"), "")


@dataclass(frozen=True)
class Detection:
    """How late one instance's change of state was noticed."""

    late_seconds: float
    gets: int


def detections(calls: Sequence[Call], started: dict[str, float], seconds: float) -> dict[str, Detection]:
    """Per instance id: seconds from ``started[id] + seconds`` to the first Get at or after it.

    ``gets`` counts that instance's Gets from ``started[id]`` through that Get.
    """
    result = {}
    gets = ok_calls(calls, GET)
    for instance_id, start in started.items():
        due = start + seconds
        mine = [_timestamp(call) for call in gets if _instance_id(call) == instance_id]
        seen = [at for at in mine if at >= due]
        if seen:
            result[instance_id] = Detection(seen[0] - due, len([at for at in mine if start <= at <= seen[0]]))
    return result


def create_times(calls: Sequence[Call], ids_by_desk: dict[str, str]) -> dict[str, float]:
    """Instance id to the time of the CreateWorkspaceInstance that launched it (matched by its desk tag)."""
    times = {}
    for call in ok_calls(calls, CREATE):
        instance_id = ids_by_desk.get(_desk_tag(call))
        if instance_id and instance_id not in times:
            times[instance_id] = _timestamp(call)
    return times


def delete_times(calls: Sequence[Call]) -> dict[str, float]:
    """Instance id to the time its DeleteWorkspaceInstance was accepted."""
    times: dict[str, float] = {}
    for call in ok_calls(calls, DELETE):
        times.setdefault(_instance_id(call), _timestamp(call))
    return times


def at_once(started: dict[str, float], found: dict[str, Detection], seconds: float) -> int:
    """Most instances in progress at one moment: each from its Create (Delete) to the Get that saw it done."""
    edges = []
    for instance_id, start in started.items():
        detection = found.get(instance_id)
        if detection is not None:
            edges += [(start, 1), (start + seconds + detection.late_seconds, -1)]
    peak = current = 0
    for _, step in sorted(edges):  # at equal times an end (-1) sorts before a start
        current += step
        peak = max(peak, current)
    return peak
