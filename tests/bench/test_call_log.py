"""Detection delays and concurrency from the emulator's call log."""

from __future__ import annotations

from typing import Any

from bench.call_log import (
    CREATE,
    DELETE,
    GET,
    Detection,
    at_once,
    create_times,
    delete_times,
    detections,
    ok_calls,
)

T0 = "2026-12-03T10:00:"


def call(
    operation: str, second: float, instance_id: str = "", desk: str = "", status: int = 200
) -> dict[str, Any]:
    """One call-log entry at ``second`` past 10:00."""
    params: dict[str, Any] = {"WorkspaceInstanceId": instance_id} if instance_id else {}
    if desk:
        params["Tags"] = [{"Key": "fleet", "Value": "bench"}, {"Key": "desk", "Value": desk}]
    return {"time": f"{T0}{second:06.3f}Z", "operation": operation, "status": status, "params": params}


def test_a_change_is_detected_by_the_first_get_at_or_after_it_counting_gets_since_the_start() -> None:
    calls = [
        call(CREATE, 0.0, desk="desk-00"),
        call(GET, 1.0, "a"),
        call(GET, 5.0, "a"),
        call(GET, 9.0, "b"),  # another instance's
        call(GET, 10.5, "a", status=400),  # failed: not a detection
        call(GET, 11.25, "a"),
        call(GET, 12.0, "a"),
    ]
    started = create_times(calls, {"desk-00": "a"})
    assert list(started) == ["a"]
    found = detections(calls, started, 10.0)
    assert found == {"a": Detection(late_seconds=1.25, gets=3)}


def test_an_instance_never_seen_done_has_no_detection() -> None:
    calls = [call(CREATE, 0.0, desk="desk-00"), call(GET, 3.0, "a"), call(GET, 9.9, "a")]
    assert detections(calls, create_times(calls, {"desk-00": "a"}), 10.0) == {}


def test_the_first_accepted_delete_starts_the_deallocation() -> None:
    calls = [
        call(DELETE, 1.0, "a", status=409),
        call(DELETE, 2.0, "a"),
        call(DELETE, 4.0, "a"),
        call(DELETE, 3.0, "b"),
    ]
    times = delete_times(calls)
    assert times["b"] - times["a"] == 1.0
    assert [c["status"] for c in ok_calls(calls, DELETE)] == [200, 200, 200]


def test_at_once_counts_the_overlapping_changes() -> None:
    started = {"a": 0.0, "b": 1.0, "c": 20.0}
    found = {name: Detection(0.5, 3) for name in started}
    # a: 0-10.5, b: 1-11.5 overlap; c starts after both ended.
    assert at_once(started, found, 10.0) == 2
    # A change never seen done is not counted; an end at the very moment of a start comes first.
    assert at_once({"a": 0.0, "b": 10.5}, {"a": Detection(0.5, 1), "b": Detection(0.0, 1)}, 10.0) == 1
    assert at_once(started, {}, 10.0) == 0
