"""Eventual consistency: a resource just made may stay unknown for a while, and that is not news.

AWS documents it for EC2 ("Eventual consistency in the Amazon EC2 API", EC2 API reference): right after
the call that creates a resource, a call that describes *or modifies* it may answer that it does not
exist, and callers should retry with backoff, "starting with a couple of seconds" and up to "a few
minutes". WorkSpaces Instances documents nothing either way, and it launches EC2 instances and makes EBS
volumes, so the provider treats its answers alike. Reading a ``ResourceNotFoundException`` right after
``CreateWorkspaceInstance`` as "gone" made ``pulumi up`` launch a second, billed desktop.

The rule, in one place: a "not found" for a resource this operation has just created (or got back from
a ClientToken) means *not visible yet* until :func:`grace` has run out — polling on the waiter's
schedule, with backoff, meanwhile. Only then may a create conclude that the resource is gone (an earlier
life of its token, purged since) and try the next token; and it says so in a warning naming the id, since
a resource that shows up after all would be a second one. A resource the stack already holds was seen by
the create that recorded it, long past its grace: a "not found" there means gone.

The grace defaults to :data:`NEW_RESOURCE_GRACE_SECONDS` (AWS's "a few minutes", within the operation's
own timeout); tests of the purged-token path shorten it with :data:`ENV_GRACE_SECONDS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from botocore.exceptions import ClientError

from . import waiter

T = TypeVar("T")

NEW_RESOURCE_GRACE_SECONDS = 120.0
"""How long a resource just created may stay unknown before a create concludes it is gone."""
ENV_GRACE_SECONDS = "WORKSPACES_INSTANCES_NEW_RESOURCE_GRACE_SECONDS"
"""Overrides NEW_RESOURCE_GRACE_SECONDS (seconds, ≥ 0)."""


def grace_seconds() -> float:
    """The grace in effect: the environment's override, else NEW_RESOURCE_GRACE_SECONDS."""
    raw = os.environ.get(ENV_GRACE_SECONDS, "").strip()
    try:
        value = float(raw) if raw else NEW_RESOURCE_GRACE_SECONDS
    except ValueError:
        return NEW_RESOURCE_GRACE_SECONDS
    return value if value >= 0 else NEW_RESOURCE_GRACE_SECONDS


def grace(deadline: waiter.Deadline | None = None) -> waiter.Deadline:
    """The grace of a resource made just now, never past the operation's ``deadline``."""
    seconds = grace_seconds()
    return waiter.Deadline(min(seconds, deadline.remaining()) if deadline is not None else seconds)


def no_grace() -> waiter.Deadline:
    """An expired grace: for a resource that is not new (adopted, held by the stack), "not found" is gone."""
    return waiter.Deadline(0.0)


class NeverVisible(Exception):
    """The grace ran out and the resource was still unknown (``last_error``: the last "not found")."""

    def __init__(self, seconds: float, last_error: ClientError) -> None:
        super().__init__(f"still unknown after {seconds:g}s")
        self.seconds = seconds
        self.last_error = last_error


@dataclass(frozen=True)
class _Found(Generic[T]):
    value: T


def until_visible(
    call: Callable[[], T],
    is_unknown: Callable[[ClientError], bool],
    deadline: waiter.Deadline,
    new: waiter.Deadline,
    *,
    on_wait: Callable[[float], None] | None = None,
) -> T:
    """``call``'s answer, repeating it while it answers "unknown" within the grace ``new``.

    ``is_unknown`` tells a "not found" of this call (each API spells it its own way). Throttling,
    internal errors and lost connections are retried until ``deadline`` as :func:`waiter.poll` does.
    Raises :class:`NeverVisible` once ``new`` has run out on an "unknown", ``waiter.WaitTimeout`` when the
    operation's ``deadline`` passes first, and any other error as it came.
    """

    def attempt() -> _Found[T] | None:
        try:
            return _Found(call())
        except ClientError as exc:
            if not is_unknown(exc):
                raise
            if new.expired():
                raise NeverVisible(new.seconds, exc) from None
            return None  # not visible yet: look again on the polling schedule

    return waiter.poll(attempt, deadline, on_wait=on_wait).value
