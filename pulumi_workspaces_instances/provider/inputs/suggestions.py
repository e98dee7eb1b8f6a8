""" "Did you mean …?" for a mistyped name: one rule for every message that offers a correction."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6
"""How similar (difflib ratio, ignoring case) a choice must be to be suggested."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word`` (ignoring case), or None when none is close enough."""
    by_folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=CUTOFF)
    return by_folded[close[0]] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The hint ``"; did you mean 'X'?"`` for the closest choice, or ``""`` if none is close."""
    match = closest(word, choices)
    return f"; did you mean '{match}'?" if match else ""
