"""The emulator's bounds on what a caller can make it read, keep or repeat.

A hostile or broken client must get a short 4xx answer, never an answer (or a call log) that
grows with its input: bodies are capped, nesting is capped, error messages quote at most
QUOTE_CHARS of a value, and the call log keeps at most CALL_LOG_ENTRIES calls of at most
CALL_PARAMS_BUDGET characters each, every string cut to CALL_VALUE_CHARS.
"""

from __future__ import annotations

import json
import math
from typing import Any

#: The largest request body read (the biggest legitimate request, a CreateWorkspaceInstance with
#: the most user data the model allows, is far smaller).
MAX_BODY_BYTES = 1024 * 1024
#: The deepest nesting of arrays and objects a request body may have (the model's shapes are
#: far shallower; this only stops hostile bodies before anything recurses through them).
MAX_DEPTH = 64
#: The most characters of one value an error message repeats.
QUOTE_CHARS = 200
#: The longest error message or error member sent back (a backstop behind QUOTE_CHARS).
MAX_ERROR_CHARS = 4000
#: The call log keeps the last this many calls.
CALL_LOG_ENTRIES = 10_000
#: Every string in a logged call is cut to this many characters ...
CALL_VALUE_CHARS = 1024
#: ... and a logged call's parameters to about this many characters in all.
CALL_PARAMS_BUDGET = 8 * 1024
#: The most fault rules active at once.
MAX_FAULT_RULES = 1000


def clip(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text``, or its first ``limit`` characters and how many more there were."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…({len(text) - limit} more characters)"


def quote(value: Any, limit: int = QUOTE_CHARS) -> str:
    """``repr(value)`` clipped to ``limit`` characters, for quoting a caller's value in a message."""
    if isinstance(value, str) and len(value) > 4 * limit:
        # repr of a huge string costs as much as the string; a prefix gives the same answer.
        return clip(repr(value[: limit + 1]), limit) + f"({len(value)} characters in all)"
    return clip(repr(value), limit)


def depth_of(value: Any) -> int:
    """How deeply lists and dicts nest in ``value`` (0 for a scalar), without recursing."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def is_finite_number(value: Any) -> bool:
    """True for an int or a finite float (not a bool)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


class _Budget:
    def __init__(self, characters: int) -> None:
        self.left = characters

    def take(self, text: str) -> str:
        """``text`` cut to CALL_VALUE_CHARS and to what is left, charged to the budget."""
        kept = text[: max(0, min(CALL_VALUE_CHARS, self.left))]
        self.left -= len(kept)
        if len(kept) < len(text):
            return f"{kept}…({len(text) - len(kept)} characters cut)"
        return kept


def bounded(value: Any, budget_chars: int = CALL_PARAMS_BUDGET) -> Any:
    """A copy of ``value`` small enough to keep: strings cut, and everything past the budget left out."""
    budget = _Budget(budget_chars)
    return _bounded(value, budget, 0)


def _bounded(value: Any, budget: _Budget, depth: int) -> Any:
    if budget.left <= 0 or depth > MAX_DEPTH:
        return "…(cut)"
    if isinstance(value, str):
        return budget.take(value)
    if isinstance(value, bytes):
        return budget.take(value.hex())
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if budget.left <= 0:
                result["…"] = f"{len(value) - len(result)} more members cut"
                break
            result[budget.take(str(key))] = _bounded(item, budget, depth + 1)
        return result
    if isinstance(value, list):
        items: list[Any] = []
        for item in value:
            if budget.left <= 0:
                items.append(f"…({len(value) - len(items)} more items cut)")
                break
            items.append(_bounded(item, budget, depth + 1))
        return items
    budget.left -= 8  # numbers, booleans, None
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{clip(text, 40)} is out of range for a number")
    return number


def read_json(raw: bytes, finite_only: bool = True) -> Any:
    """Parse a JSON body nested at most MAX_DEPTH deep; ValueError saying what is wrong otherwise.

    ``finite_only`` refuses ``NaN``/``Infinity`` and numbers too large for a float (AWS's JSON
    has none); the control plane parses them so a fault rule's check can name the field.
    """
    try:
        if finite_only:
            value = json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
        else:
            value = json.loads(raw)
    except RecursionError:
        raise ValueError(f"nesting deeper than {MAX_DEPTH} levels") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"the body is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if depth_of(value) > MAX_DEPTH:
        raise ValueError(f"nesting deeper than {MAX_DEPTH} levels")
    return value
