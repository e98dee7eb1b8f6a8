"""Progress lines while a call waits: which resource, its state and the time so far; which endpoint.

What a dynamic provider prints reaches ``pulumi up`` as diagnostics, live. Lines carry only the
resource's name, the instance id, the provision state, an endpoint URL and seconds: never an
input value, so no secret can appear in them.
"""

from __future__ import annotations

import os

from . import diagnostics

PROGRESS_SECONDS = 30.0
"""At most one line per resource this often."""
ENV_PROGRESS_SECONDS = "WORKSPACES_INSTANCES_PROGRESS_SECONDS"
"""Overrides PROGRESS_SECONDS (tests use a fraction of a second)."""


def _interval() -> float:
    try:
        value = float(os.environ.get(ENV_PROGRESS_SECONDS, ""))
    except ValueError:
        return PROGRESS_SECONDS
    return value if value > 0 else PROGRESS_SECONDS


class Progress:
    """Reports one wait; call it with the seconds waited so far (``waiter.poll``'s ``on_wait``)."""

    def __init__(self, resource: str, instance_id: str, state: str) -> None:
        self.resource = resource
        self.instance_id = instance_id
        self.state = state
        self._interval = _interval()
        self._next = self._interval

    def __call__(self, waited: float) -> None:
        if waited < self._next:
            return
        self._next = waited + self._interval
        line = f"{self.resource} ({self.instance_id}): {self.state}, {waited:.0f}s so far"
        diagnostics.info(line)


def announce(line: str) -> None:
    """Print one line to the run's output (a diagnostic of the stack), e.g. what a create will do."""
    diagnostics.info(line)


class RetryProgress:
    """Reports a call retried while its endpoint cannot be reached (``waiter.call``'s ``on_retry``).

    Reads and refreshes keep retrying through a real outage; the line says for which endpoint,
    and which setting chose it, so a forgotten endpoint variable is seen long before the deadline.
    """

    def __init__(self) -> None:
        self._interval = _interval()
        self._next = self._interval

    def __call__(self, waited: float, deadline_seconds: float, endpoint: str, cause: str) -> None:
        if waited < self._next:
            return
        self._next = waited + self._interval
        line = (
            f"waiting for {endpoint}: {cause}; {waited:.0f}s so far, retrying for up to {deadline_seconds:g}s"
        )
        diagnostics.info(line)
