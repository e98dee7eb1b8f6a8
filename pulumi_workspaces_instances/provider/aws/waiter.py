"""Waiting for the service: a polling schedule for state changes, retries for failed calls, deadlines.

Two different waits:

- **Polling a state** (ALLOCATING → ALLOCATED, DEALLOCATING → DEALLOCATED): the pause after
  ``t`` seconds of waiting is ``max(POLL_MIN_SECONDS, POLL_FRACTION * t)``, capped at
  ``POLL_MAX_SECONDS``. So a change is noticed within ``max(1 s, 20 % of the time already
  waited)`` — promptly for a short wait, without hammering the API through a ten-minute one.
  The first pause is only POLL_FIRST_SECONDS: a change that takes well under a second (the
  emulator's allocations, a quick deletion) is seen after half a second, not a whole one, for one
  more look per wait. Jitter only *shortens* pauses (by up to POLL_JITTER_FRACTION), so a fleet
  does not poll in lockstep and the promise still holds.
- **Retrying a call** that failed with throttling, an internal error or a lost connection:
  capped exponential backoff with jitter, at least the ``RetryAfterSeconds`` the service asked
  for, until the operation's deadline. An error that outlived the deadline is re-raised marked
  with :func:`gave_up_after`, so messages can say that the timeout ran out, and which one.

Tests (and impatient users of the emulator) shorten the schedule with the environment variables
below, which the dynamic provider host inherits from the ``pulumi`` process.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from ..reporting.progress import RetryProgress
from .clients import describe_endpoint
from .errors import RETRYABLE_CODES, error_code, is_connection_error, retry_after_seconds

T = TypeVar("T")

POLL_MIN_SECONDS = 1.0
"""Shortest pause between two looks at a state (also the lateness allowed for short waits) ..."""
POLL_FIRST_SECONDS = 0.5
"""... except the first, after the look that started the wait (never longer than the shortest)."""
POLL_FRACTION = 0.2
"""Each pause is at most this fraction of the time waited so far ..."""
POLL_MAX_SECONDS = 120.0
"""... and never longer than this."""
POLL_JITTER_FRACTION = 0.2
"""Pauses are shortened at random by up to 20 % so resources waiting together spread out."""

RETRY_INITIAL_SECONDS = 1.0
"""Pause before retrying a failed call the first time ..."""
RETRY_BACKOFF_FACTOR = 2.0
"""... each further pause this much longer ..."""
RETRY_MAX_SECONDS = 20.0
"""... up to this cap."""

ENV_POLL_INITIAL_SECONDS = "WORKSPACES_INSTANCES_POLL_INITIAL_SECONDS"
"""Overrides POLL_MIN_SECONDS and RETRY_INITIAL_SECONDS (e.g. ``0.05`` against the emulator)."""
ENV_POLL_MAX_SECONDS = "WORKSPACES_INSTANCES_POLL_MAX_SECONDS"
"""Overrides POLL_MAX_SECONDS and RETRY_MAX_SECONDS."""

_GAVE_UP_ATTRIBUTE = "workspaces_instances_gave_up_after"
_rng = random.Random()


@dataclass(frozen=True)
class Backoff:
    """How long to pause: between looks at a state, and before retrying a failed call."""

    minimum: float
    fraction: float
    maximum: float
    jitter: float
    retry_initial: float
    retry_factor: float
    retry_maximum: float
    first: float = POLL_FIRST_SECONDS

    def poll_pause(self, waited: float, *, first: bool = False) -> float:
        """Seconds to pause before the next look, after ``waited`` seconds of waiting (``first``: the
        first pause of this wait)."""
        pause = min(self.maximum, max(self.minimum, self.fraction * waited))
        if first:
            pause = min(pause, self.first)
        return pause * (1 - _rng.uniform(0, self.jitter))

    def retry_pause(self, failures: int) -> float:
        """Seconds to pause after the ``failures``-th consecutive failed call (1-based)."""
        base = min(self.retry_maximum, self.retry_initial * self.retry_factor ** max(0, failures - 1))
        return base * (1 - _rng.uniform(0, self.jitter))


def _env_seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value >= 0 else default


def current_backoff() -> Backoff:
    """The schedule from the module constants, overridden by the environment when set."""
    minimum = _env_seconds(ENV_POLL_INITIAL_SECONDS, POLL_MIN_SECONDS)
    maximum = max(minimum, _env_seconds(ENV_POLL_MAX_SECONDS, POLL_MAX_SECONDS))
    overridden = ENV_POLL_INITIAL_SECONDS in os.environ or ENV_POLL_MAX_SECONDS in os.environ
    return Backoff(
        minimum=minimum,
        fraction=POLL_FRACTION,
        maximum=maximum,
        jitter=POLL_JITTER_FRACTION,
        retry_initial=minimum if overridden else RETRY_INITIAL_SECONDS,
        retry_factor=RETRY_BACKOFF_FACTOR,
        retry_maximum=maximum if overridden else RETRY_MAX_SECONDS,
    )


class Deadline:
    """A point in time ``seconds`` from now (monotonic clock)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._start = time.monotonic()
        self._end = self._start + seconds

    def elapsed(self) -> float:
        """Seconds since the deadline was set."""
        return time.monotonic() - self._start

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        """True once the deadline has passed."""
        return self.remaining() <= 0


class WaitTimeout(Exception):
    """The deadline passed before the awaited condition held.

    ``last_error`` is the retryable error of the last look, when the last look failed (e.g. the
    service answered ConflictException or could not be reached until the end).
    """

    def __init__(self, seconds: float, last_error: BaseException | None = None) -> None:
        super().__init__(f"gave up after {seconds:g}s")
        self.seconds = seconds
        self.last_error = last_error


def is_retryable(exc: BaseException) -> bool:
    """Throttling, an internal error or a lost connection: worth another try while time remains."""
    return error_code(exc) in RETRYABLE_CODES or is_connection_error(exc)


def gave_up_after(exc: BaseException) -> float | None:
    """The deadline (seconds) a retryable error outlived, if :func:`call` re-raised it for that reason."""
    value = getattr(exc, _GAVE_UP_ATTRIBUTE, None)
    return float(value) if value is not None else None


def _mark_gave_up(exc: BaseException, deadline: Deadline) -> None:
    setattr(exc, _GAVE_UP_ATTRIBUTE, deadline.seconds)


def poll(
    check: Callable[[], T | None],
    deadline: Deadline,
    backoff: Backoff | None = None,
    *,
    on_wait: Callable[[float], None] | None = None,
    retry: Callable[[BaseException], bool] = is_retryable,
) -> T:
    """Call ``check`` until it returns something other than None, pausing between calls.

    ``None`` means "not yet": the next look follows the polling schedule. An error for which
    ``retry`` is true is not fatal while time remains: the next call waits at least the
    ``RetryAfterSeconds`` the service asked for. Raises WaitTimeout when the deadline passes
    (after one last call at the deadline) and re-raises any other error. ``on_wait`` is called
    with the seconds waited so far before each pause (progress reporting).
    """
    backoff = backoff or current_backoff()
    failures = 0
    first = True
    while True:
        try:
            result = check()
        except (ClientError, BotoCoreError) as exc:
            if not retry(exc):
                raise
            if deadline.expired():
                raise WaitTimeout(deadline.seconds, exc) from None
            failures += 1
            pause = max(retry_after_seconds(exc) or 0.0, backoff.retry_pause(failures))
        else:
            if result is not None:
                return result
            if deadline.expired():
                raise WaitTimeout(deadline.seconds)
            failures = 0
            pause = backoff.poll_pause(deadline.elapsed(), first=first)
            first = False
        if on_wait is not None:
            on_wait(deadline.elapsed())
        time.sleep(min(pause, deadline.remaining()))


def call(fn: Callable[[], T], deadline: Deadline, backoff: Backoff | None = None) -> T:
    """Run one AWS call, retrying throttling, internal errors and lost connections until the deadline.

    botocore already retries these a few times; this outer loop covers longer episodes within
    the operation's own timeout, saying in a progress line which endpoint it waits for while the
    connection fails. The error that outlives the deadline is re-raised, marked for
    :func:`gave_up_after`.
    """
    backoff = backoff or current_backoff()
    failures = 0
    started = time.monotonic()
    report = RetryProgress()
    while True:
        try:
            return fn()
        except (ClientError, BotoCoreError) as exc:
            if not is_retryable(exc):
                raise
            if deadline.expired():
                _mark_gave_up(exc, deadline)
                raise
            failures += 1
            endpoint = getattr(exc, "kwargs", {}).get("endpoint_url") if is_connection_error(exc) else None
            if endpoint:
                report(
                    time.monotonic() - started, deadline.seconds, describe_endpoint(str(endpoint)), str(exc)
                )
            pause = max(retry_after_seconds(exc) or 0.0, backoff.retry_pause(failures))
        time.sleep(min(pause, deadline.remaining()))
