"""Where the provider's lines to the user go: progress lines and warnings.

The dynamic provider host has no diagnostics API, but what it writes reaches ``pulumi up`` live:
stdout as information, stderr as errors (hence the ``warning:`` prefix there). The provider plugin
has the engine's ``Log`` call instead, and there a plugin's own output is only debug logging: its
face routes each call's lines to the engine, attached to the call's resource (:func:`routed`).
Lines never carry a secret input value: callers pass only names, ids, states, endpoints and
values the model does not mark sensitive.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

WARNING_PREFIX = "warning: "
"""What a warning line starts with on the dynamic host's stderr, so it stands out and a script can find it."""

Sink = Callable[[str, bool], None]
"""Takes one line and whether it is a warning."""

_print_lock = threading.Lock()
_sink: ContextVar[Sink | None] = ContextVar("diagnostics_sink", default=None)


def _print(line: str, warning: bool) -> None:
    with _print_lock:  # one whole line at a time from many threads
        if warning:
            print(WARNING_PREFIX + line, file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stdout, flush=True)


def info(line: str) -> None:
    """One line of information (progress, what a create will do)."""
    (_sink.get() or _print)(line, False)


def warning(line: str) -> None:
    """One warning line (whitespace collapsed, so it stays one line)."""
    (_sink.get() or _print)(" ".join(line.split()), True)


@contextmanager
def routed(sink: Sink) -> Iterator[None]:
    """Within the block (this context), lines go to ``sink`` instead of stdout/stderr."""
    token = _sink.set(sink)
    try:
        yield
    finally:
        _sink.reset(token)
