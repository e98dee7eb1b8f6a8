"""The provider host's exit, without the interpreter's teardown (installed by :func:`.process.prepare`).

At the end of every preview and every update the engine interrupts the dynamic provider host and
waits for it to exit. The SDK's host then stops its gRPC server and returns, and Python finalizes:
it waits for every thread still serving a call, runs the exit functions, and then frees every module
and object one by one — for a host that loaded botocore and EC2's model, 0.1-0.2 s more than a
host of a trivial dynamic resource, all of it on the critical path of ``pulumi up`` (twice) and of
``pulumi preview``.

:func:`install` registers :func:`end` as an exit function. Exit functions run after the interpreter
has waited for the threads (a create still in flight finishes first, exactly as before); the last
one registered runs first, so :func:`end` runs every other exit function itself (the SDK's trace
flush, logging's), flushes the standard streams and ends the process. Only the freeing is skipped:
the operating system reclaims the memory at once.

The host is shared by every dynamic resource of the stack, and the teardown is where Python runs the
finalizers of what is left (a file some provider never closed gets flushed there). So the teardown
is skipped only when every provider the host served is this package's, which leave nothing to
finalize; with any other provider, or where the interpreter offers no way to run the other exit
functions, or the SDK keeps its providers elsewhere, the host exits as it always did.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Callable
from contextlib import suppress

PACKAGE = __name__.split(".", 1)[0]
HOST_PROVIDERS = "_PROVIDER_CACHE"
"""Where the SDK's host (its ``__main__``) keeps every provider it has unpickled, by pickled form."""

_lock = threading.Lock()
_installed = False
_ending = False


def _run_exit_functions() -> Callable[[], None] | None:
    """The interpreter's own runner of the exit functions (CPython's, private but long-standing)."""
    runner = getattr(atexit, "_run_exitfuncs", None)
    return runner if callable(runner) else None


def _exit_code() -> int:
    """1 when the host's main module ended in an error the interpreter printed, as a normal exit would."""
    failed = getattr(sys, "last_exc", None) or getattr(sys, "last_value", None)
    return 1 if failed is not None else 0


def only_this_package_served() -> bool:
    """Whether every provider the host unpickled is one of this package's (False when it cannot tell)."""
    served = getattr(sys.modules.get("__main__"), HOST_PROVIDERS, None)
    if not isinstance(served, dict):
        return False
    return all(type(provider).__module__.startswith(f"{PACKAGE}.") for provider in served.values())


def end() -> None:
    """Run the other exit functions, flush the standard streams, end the process (no teardown).

    Does nothing (a normal exit follows) unless :func:`only_this_package_served`.
    """
    global _ending
    if _ending or not only_this_package_served():
        return  # called again by the exit functions run below, or another provider may need the teardown
    _ending = True
    runner = _run_exit_functions()
    if runner is not None:
        runner()
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(_exit_code())


def install() -> bool:
    """Make the process end with :func:`end` (once); False when it cannot run the other exit functions."""
    global _installed
    if _run_exit_functions() is None:
        return False
    with _lock:
        if not _installed:
            atexit.register(end)
            _installed = True
    return True
