"""How much of a caller's value the emulator repeats back: error messages quote at most QUOTE_CHARS."""

from __future__ import annotations

from typing import Any

#: The most characters of one value an error message repeats.
QUOTE_CHARS = 200


def clip(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text``, or its first ``limit`` characters and how many more there were."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…({len(text) - limit} more characters)"


def quote(value: Any, limit: int = QUOTE_CHARS) -> str:
    """``repr(value)`` clipped to ``limit`` characters, for quoting a caller's value in a message."""
    return clip(repr(value), limit)


#: The deepest nesting of arrays and objects a request body may have (the model's shapes are
#: far shallower; this only stops hostile bodies before anything recurses through them).
MAX_DEPTH = 64
