"""Terraform-style durations for the resource's ``timeouts`` input ("30m", "1h30m", "90s")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

DEFAULT_CREATE_TIMEOUT = "30m"
"""How long create waits for the instance to be allocated when ``timeouts.create`` is not set."""

DEFAULT_DELETE_TIMEOUT = "30m"
"""How long delete waits for the instance to go away when ``timeouts.delete`` is not set."""

DEFAULT_TIMEOUTS: Mapping[str, str] = {"create": DEFAULT_CREATE_TIMEOUT, "delete": DEFAULT_DELETE_TIMEOUT}
"""The operations that accept a timeout, each with its default duration."""

TIMEOUT_KEYS: tuple[str, ...] = tuple(DEFAULT_TIMEOUTS)
"""The keys allowed in the ``timeouts`` input."""

# Units as Go's time.ParseDuration (which Terraform uses) spells them, in seconds.
_UNIT_SECONDS: Mapping[str, float] = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "μs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
}
# Longest unit names first so "ms" is not read as "m" followed by a stray "s".
_UNITS = "|".join(sorted(map(re.escape, _UNIT_SECONDS), key=len, reverse=True))
_TERM = re.compile(rf"(\d+(?:\.\d*)?|\.\d+)({_UNITS})")
_EXAMPLES = "use a number and unit such as '90s', '30m', '1h' or '1h30m' (units: h, m, s, ms, us, ns)"


def parse_duration(text: str) -> float:
    """The number of seconds in a positive duration like ``"1h30m"``.

    Raises ValueError, with a message saying what to write instead, for anything that is not
    a string, has bad syntax, or is zero or negative.
    """
    if not isinstance(text, str):
        raise ValueError(f"must be a duration string, got {type(text).__name__}; {_EXAMPLES}")
    body = text.strip()
    if body.startswith("-"):
        raise ValueError(f"must be positive, got {text!r}; {_EXAMPLES}")
    body = body.removeprefix("+")
    if not body:
        raise ValueError(f"must not be empty; {_EXAMPLES}")
    seconds = 0.0
    position = 0
    while position < len(body):
        term = _TERM.match(body, position)
        if term is None:
            raise ValueError(f"invalid duration {text!r}; {_EXAMPLES}")
        seconds += float(term.group(1)) * _UNIT_SECONDS[term.group(2)]
        position = term.end()
    if seconds <= 0:
        raise ValueError(f"must be longer than zero, got {text!r}; {_EXAMPLES}")
    return seconds


_custom_timeout: ContextVar[float | None] = ContextVar("custom_timeout", default=None)
"""The engine's ``customTimeouts`` for the operation running in this context (the plugin face)."""


@contextmanager
def custom_timeout(seconds: float | None) -> Iterator[None]:
    """Within the block, the operation's limit is ``seconds`` (the resource's ``customTimeouts``).

    The provider plugin receives a resource's ``customTimeouts`` with each create, update and delete
    (0 when unset). When set, it wins over the ``timeouts`` input: it is the option every Pulumi
    program has, and the engine states it per operation. The dynamic face never receives it.
    """
    token = _custom_timeout.set(seconds if seconds and seconds > 0 else None)
    try:
        yield
    finally:
        _custom_timeout.reset(token)


def custom_timeout_seconds() -> float | None:
    """The ``customTimeouts`` value of the operation running in this context, if any."""
    return _custom_timeout.get()


def timeout_knob(operation: str) -> str:
    """What sets the limit of ``operation`` now, for messages: ``customTimeouts.create`` or
    ``timeouts.create``."""
    return f"{'customTimeouts' if custom_timeout_seconds() is not None else 'timeouts'}.{operation}"


def timeout_seconds(
    timeouts: Mapping[str, Any] | None, operation: str, defaults: Mapping[str, str] = DEFAULT_TIMEOUTS
) -> float:
    """Seconds allowed for ``operation``: the engine's ``customTimeouts`` when set
    (:func:`custom_timeout`), else the ``timeouts`` input, else its default in ``defaults`` (a
    WorkspaceInstance's unless given: volumes and attachments time other operations).

    Expects inputs that already passed validation; raises ValueError otherwise.
    """
    if operation not in defaults:
        raise ValueError(f"unknown operation {operation!r}; expected one of {', '.join(defaults)}")
    custom = custom_timeout_seconds()
    if custom is not None:
        return custom
    chosen = timeouts.get(operation) if isinstance(timeouts, Mapping) else None
    return parse_duration(chosen if chosen is not None else defaults[operation])
