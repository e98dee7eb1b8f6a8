"""Progress lines while a create or delete waits: which resource, its state and the time so far.

What a dynamic provider prints reaches ``pulumi up`` as diagnostics, live. Lines carry only the
resource's name, the instance id, the provision state and seconds: never an input value, so no
secret can appear in them.
"""

from __future__ import annotations

import os
import sys
import threading

PROGRESS_SECONDS = 30.0
"""At most one line per resource this often."""
ENV_PROGRESS_SECONDS = "WORKSPACES_INSTANCES_PROGRESS_SECONDS"
"""Overrides PROGRESS_SECONDS (tests use a fraction of a second)."""

_print_lock = threading.Lock()


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
        with _print_lock:  # one line at a time from many waiting threads
            print(line, file=sys.stdout, flush=True)
