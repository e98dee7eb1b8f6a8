"""Warning lines from the provider host to the user's ``pulumi up``/``refresh`` output.

The dynamic provider host has no diagnostics API: what it writes to stderr reaches the CLI as a
diagnostic of the stack, live (stdout carries progress lines, see :mod:`.progress`). A warning
here is one line starting with ``warning:``, so it stands out among them and a script can find
it. Lines never carry a secret input value: callers pass only names, ids and values the model
does not mark sensitive.
"""

from __future__ import annotations

import sys
import threading

PREFIX = "warning: "
"""What every warning line starts with."""

_print_lock = threading.Lock()


def warn(line: str) -> None:
    """Write one warning line to stderr (whole, even when many threads warn at once)."""
    text = PREFIX + " ".join(line.split())
    with _print_lock:
        print(text, file=sys.stderr, flush=True)
