"""The polling schedule, call retries and the deadline messages they make possible."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from pulumi_workspaces_instances.provider.aws import waiter

SCHEDULE = waiter.Backoff(
    minimum=1.0,
    fraction=0.2,
    maximum=120.0,
    jitter=0.2,
    retry_initial=1.0,
    retry_factor=2.0,
    retry_maximum=20.0,
)


def _polls_until(allocated_at: float, schedule: waiter.Backoff) -> tuple[int, float]:
    """GetWorkspaceInstance calls (the first look included) and the lateness, pauses at their longest."""
    no_jitter = waiter.Backoff(**{**schedule.__dict__, "jitter": 0.0})
    looked_at, calls = 0.0, 1
    while looked_at < allocated_at:
        looked_at += no_jitter.poll_pause(looked_at, first=calls == 1)
        calls += 1
    return calls, looked_at - allocated_at


@pytest.mark.parametrize("allocated_at", [0.3, 0.5, 0.7, 3.0, 7.0, 30.0, 95.0, 600.0, 1800.0])
def test_a_change_is_noticed_within_a_second_or_a_fifth_of_the_time_waited(allocated_at: float) -> None:
    _, late = _polls_until(allocated_at, SCHEDULE)
    assert late <= max(1.0, 0.2 * allocated_at) + 1e-9


def test_the_schedule_costs_few_calls() -> None:
    # Proven lower bound for "within max(1 s, 20 %)": 15 looks by 30 s (1 s steps to 5 s, then x1.2);
    # the early look after half a second is one more.
    assert _polls_until(30.0, SCHEDULE)[0] <= 17
    assert _polls_until(600.0, SCHEDULE)[0] <= 33


def test_a_change_within_half_a_second_is_seen_after_half_a_second() -> None:
    """What every create against the emulator (allocations of a fraction of a second) waits."""
    assert _polls_until(0.3, SCHEDULE) == (2, pytest.approx(0.2))
    assert all(0.4 - 1e-9 <= SCHEDULE.poll_pause(0.01, first=True) <= 0.5 for _ in range(200))


def test_the_first_pause_is_never_longer_than_a_shorter_schedule() -> None:
    brisk = waiter.Backoff(**{**SCHEDULE.__dict__, "minimum": 0.05, "maximum": 0.05, "jitter": 0.0})
    assert brisk.poll_pause(0.0, first=True) == 0.05


def test_jitter_only_shortens_pauses() -> None:
    for waited in (0.0, 4.0, 50.0, 1000.0):
        pauses = [SCHEDULE.poll_pause(waited) for _ in range(200)]
        longest = min(120.0, max(1.0, 0.2 * waited))
        assert all(0.8 * longest - 1e-9 <= pause <= longest for pause in pauses)


def _throttled() -> ClientError:
    return ClientError(
        {"Error": {"Code": "ThrottlingException", "Message": "slow down"}}, "CreateWorkspaceInstance"
    )


def test_call_retries_lost_connections_and_throttling_then_succeeds() -> None:
    failures = [EndpointConnectionError(endpoint_url="http://127.0.0.1:1"), _throttled()]

    def flaky() -> str:
        if failures:
            raise failures.pop(0)
        return "answer"

    fast = waiter.Backoff(**{**SCHEDULE.__dict__, "retry_initial": 0.01, "retry_maximum": 0.01})
    assert waiter.call(flaky, waiter.Deadline(5), fast) == "answer"


def test_an_error_that_outlives_the_deadline_says_so() -> None:
    def always() -> None:
        raise _throttled()

    fast = waiter.Backoff(**{**SCHEDULE.__dict__, "retry_initial": 0.01, "retry_maximum": 0.01})
    with pytest.raises(ClientError) as failure:
        waiter.call(always, waiter.Deadline(0.05), fast)
    assert waiter.gave_up_after(failure.value) == 0.05


def test_a_non_retryable_error_is_raised_at_once_and_unmarked() -> None:
    calls = []

    def denied() -> None:
        calls.append(1)
        raise ClientError(
            {"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "GetWorkspaceInstance"
        )

    with pytest.raises(ClientError) as failure:
        waiter.call(denied, waiter.Deadline(5))
    assert calls == [1] and waiter.gave_up_after(failure.value) is None


def test_poll_reports_the_error_of_the_last_look_when_time_runs_out() -> None:
    def unreachable() -> None:
        raise EndpointConnectionError(endpoint_url="http://127.0.0.1:1")

    fast = waiter.Backoff(**{**SCHEDULE.__dict__, "retry_initial": 0.01, "retry_maximum": 0.01})
    with pytest.raises(waiter.WaitTimeout) as timeout:
        waiter.poll(unreachable, waiter.Deadline(0.05), fast)
    assert isinstance(timeout.value.last_error, EndpointConnectionError)
