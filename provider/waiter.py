"""Waiting for the service: capped exponential backoff with jitter, deadlines and ``RetryAfterSeconds``.

Allocation takes minutes on AWS, so the defaults poll gently. Tests (and impatient users of the
emulator) shorten them with the environment variables below, which the dynamic provider host
inherits from the ``pulumi`` process.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from botocore.exceptions import ClientError

from .errors import RETRYABLE_CODES, error_code, retry_after_seconds

T = TypeVar("T")

POLL_INITIAL_SECONDS = 5.0
"""Pause before the second look at an instance's state."""
POLL_BACKOFF_FACTOR = 1.5
"""Each pause is this much longer than the one before ..."""
POLL_MAX_SECONDS = 30.0
"""... up to this cap."""
POLL_JITTER_FRACTION = 0.2
"""Pauses vary by up to ±20% so many resources waiting together do not poll in lockstep."""

ENV_POLL_INITIAL_SECONDS = "WORKSPACES_INSTANCES_POLL_INITIAL_SECONDS"
"""Overrides POLL_INITIAL_SECONDS (e.g. ``0.05`` against the emulator)."""
ENV_POLL_MAX_SECONDS = "WORKSPACES_INSTANCES_POLL_MAX_SECONDS"
"""Overrides POLL_MAX_SECONDS."""

_rng = random.Random()


@dataclass(frozen=True)
class Backoff:
    """How long to pause between attempts."""

    initial: float
    factor: float
    maximum: float
    jitter: float

    def delay(self, attempt: int) -> float:
        """Seconds to pause after attempt number ``attempt`` (0-based)."""
        base = min(self.maximum, self.initial * self.factor**attempt)
        return max(0.0, min(self.maximum, base * (1 + _rng.uniform(-self.jitter, self.jitter))))


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
    """The backoff from the module constants, overridden by the environment when set."""
    initial = _env_seconds(ENV_POLL_INITIAL_SECONDS, POLL_INITIAL_SECONDS)
    maximum = max(initial, _env_seconds(ENV_POLL_MAX_SECONDS, POLL_MAX_SECONDS))
    return Backoff(initial=initial, factor=POLL_BACKOFF_FACTOR, maximum=maximum, jitter=POLL_JITTER_FRACTION)


class Deadline:
    """A point in time ``seconds`` from now (monotonic clock)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        """True once the deadline has passed."""
        return self.remaining() <= 0


class WaitTimeout(Exception):
    """The deadline passed before the awaited condition held."""


def poll(check: Callable[[], T | None], deadline: Deadline, backoff: Backoff | None = None) -> T:
    """Call ``check`` until it returns something other than None, pausing with backoff between calls.

    A throttling or internal-server error from ``check`` is not fatal while time remains: the
    next call waits at least the ``RetryAfterSeconds`` the service asked for. Raises WaitTimeout
    when the deadline passes (after one last call at the deadline) and re-raises any other error.
    """
    backoff = backoff or current_backoff()
    attempt = 0
    while True:
        try:
            result = check()
        except ClientError as exc:
            if error_code(exc) not in RETRYABLE_CODES or deadline.expired():
                raise
            pause = max(retry_after_seconds(exc) or 0.0, backoff.delay(attempt))
        else:
            if result is not None:
                return result
            if deadline.expired():
                raise WaitTimeout(f"gave up after {deadline.seconds:g}s")
            pause = backoff.delay(attempt)
        time.sleep(min(pause, deadline.remaining()))
        attempt += 1


def call(fn: Callable[[], T], deadline: Deadline, backoff: Backoff | None = None) -> T:
    """Run one AWS call, retrying throttling/internal errors (honouring RetryAfterSeconds) until the deadline.

    botocore already retries these a few times; this outer loop covers longer throttling
    episodes within the operation's own timeout.
    """
    holder: list[T] = []

    def attempt() -> bool:
        holder.append(fn())
        return True

    poll(attempt, deadline, backoff)
    return holder[-1]
