"""What this package does once in each dynamic provider host process (``python -m pulumi.dynamic``).

The engine starts the host with its own address as the only argument, and normally stops it at
the end of the run. What the SDK's host does not do, this module does, started by
:func:`prepare` from the provider's ``configure`` (the first call the host makes on a provider):

**The host never outlives the engine.** Killing only the ``pulumi`` process leaves the host
running (it is started through a shell script, so its own parent is a shell that outlives the
CLI too): it would go on waiting for an allocation, claim the instance for a run nobody records,
and make the next ``pulumi up`` launch a second one. A watchdog thread connects to the engine's
address every ENGINE_CHECK_SECONDS; after ENGINE_GONE_CHECKS refused connections in a row (or if
the host's parent changes) it ends the process at once, claiming nothing. An instance a create
left unclaimed is adopted by the next ``pulumi up`` through its ClientToken (see aws/tokens.py), and
the claim itself checks :func:`engine_alive` first.

**Creates are not served four at a time.** The SDK's host serves every dynamic resource of a
stack from one gRPC server whose ``ThreadPoolExecutor`` has 4 workers, and each create holds a
worker while it waits for ALLOCATED (minutes on AWS). :func:`prepare` raises that executor's
limit to HOST_WORKERS so the engine's own parallelism (``--parallel`` / ``PULUMI_PARALLEL``) is
the only limit. Why this and not the alternatives (measured with `make bench`, docs/fleets.md):
one explicit ``pulumi.ProviderResource`` per resource gives each resource a host process of its
own (~60 MB and a second of interpreter start each, and a provider resource per instance in
state, and moving existing resources to a new provider is a change the engine must diff); a
fixed pool of providers shards unevenly; a batch resource loses per-instance lifecycle. The cost
here is reaching into the SDK's private server object: it is found by type, every attribute is
checked before use, and when anything is missing the host keeps its 4 workers and says so once.
Users who pass ``provider=`` keep full control: their hosts get the same treatment.

**Detailed diffs reach the engine** (:mod:`.detailed_diffs`), so ``replaceOnChanges`` works and
``preview --diff`` shows the same paths as the plugin's.

**The host exits without a teardown** (:mod:`.quick_exit`): once every call has finished and every
exit function has run, it ends instead of freeing botocore's models object by object while the
engine waits for it.

**Errors stay one line.** The host reports whatever a provider method raises as
``traceback.format_exc()``; this package's errors (``WorkspaceInstanceError``) are written to be
read alone, so the host's ``traceback`` is wrapped to give just their message. Every other
exception (a bug, another dynamic provider's error) keeps its full traceback.
"""

from __future__ import annotations

import gc
import os
import socket
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from types import FrameType, ModuleType
from typing import Any

from ..aws.errors import WorkspaceInstanceError
from . import detailed_diffs, quick_exit

HOST_MODULE = "pulumi.dynamic.__main__"
"""The module the engine runs as the host's ``__main__``."""
HOST_WORKERS = 256
"""Concurrent provider calls one host serves (the engine's ``--parallel`` is the real limit)."""
ENV_HOST_WORKERS = "WORKSPACES_INSTANCES_HOST_WORKERS"
"""Overrides HOST_WORKERS (set it to 4 to measure the SDK's default)."""
ENGINE_CHECK_SECONDS = 1.0
"""How often the watchdog looks for the engine."""
ENGINE_GONE_CHECKS = 2
"""Refused connections in a row that mean the engine is gone (one could be a hiccup)."""
ENGINE_CONNECT_TIMEOUT_SECONDS = 2.0
"""A connection that neither succeeds nor is refused in this time says nothing either way."""

_lock = threading.Lock()
_prepared = False
_plugin_engine: tuple[str, int] | None = None
"""The engine of the provider plugin process (:func:`watch_plugin_engine`), when this is the plugin."""


def in_dynamic_host() -> bool:
    """Whether this process is the SDK's dynamic provider host (not the program, not a test)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return getattr(spec, "name", None) == HOST_MODULE


def _parse_address(text: str) -> tuple[str, int] | None:
    host, _, port = text.rpartition(":")
    try:
        return (host.strip("[]") or "127.0.0.1", int(port))
    except ValueError:
        return None


def engine_address() -> tuple[str, int] | None:
    """The engine's gRPC address the host (or the plugin) was started with; None elsewhere."""
    if _plugin_engine is not None:
        return _plugin_engine
    if not in_dynamic_host() or len(sys.argv) < 2:
        return None
    return _parse_address(sys.argv[1])


def _engine_refuses(address: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(address, timeout=ENGINE_CONNECT_TIMEOUT_SECONDS):
            return False
    except ConnectionRefusedError:
        return True
    except OSError:
        return False  # a timeout or a transient error proves nothing


def engine_alive() -> bool:
    """False only when this is a host and its engine no longer accepts connections."""
    address = engine_address()
    return address is None or not _engine_refuses(address)


def _watch(address: tuple[str, int], parent: int) -> None:
    refusals = 0
    while True:
        time.sleep(ENGINE_CHECK_SECONDS)
        refusals = refusals + 1 if _engine_refuses(address) else 0
        if refusals >= ENGINE_GONE_CHECKS or os.getppid() != parent:
            # Nobody will record what this process does from now on: stop before it does anything.
            os._exit(0)


def _workers() -> int:
    try:
        return max(1, int(os.environ.get(ENV_HOST_WORKERS, "")))
    except ValueError:
        return HOST_WORKERS


def _grpc_executors() -> list[ThreadPoolExecutor]:
    """The thread pools of the gRPC servers in this process (the host has one)."""
    try:
        # Private, so not in the grpc stubs pyright bundles; guarded by the getattr below.
        from grpc import _server  # pyright: ignore[reportAttributeAccessIssue]
    except ImportError:
        return []
    server_type = getattr(_server, "_Server", None)
    if server_type is None:
        return []
    # The host's main() keeps its server in a local variable for as long as it serves: found on the
    # stacks at once, where a scan of every object took tens of milliseconds of the first call.
    servers = _on_stacks(server_type) or [item for item in gc.get_objects() if isinstance(item, server_type)]
    pools = []
    for server in servers:
        pool = getattr(getattr(server, "_state", None), "thread_pool", None)
        if isinstance(pool, ThreadPoolExecutor) and isinstance(getattr(pool, "_max_workers", None), int):
            pools.append(pool)
    return pools


def _on_stacks(wanted: type) -> list[Any]:
    """The objects of type ``wanted`` that a local variable of a running function holds, in any thread."""
    found: dict[int, Any] = {}
    for frame in sys._current_frames().values():
        current: FrameType | None = frame
        while current is not None:
            for value in current.f_locals.values():
                if isinstance(value, wanted):
                    found[id(value)] = value
            current = current.f_back
    return list(found.values())


def _recount_idle_threads(pool: ThreadPoolExecutor) -> None:
    """Give every queued call a thread now, and make the pool start threads for the next ones.

    CPython's pool counts a finished call as an idle thread even when that thread went straight on
    to a queued call, and ``submit`` starts no thread while that count is above zero. After the
    SDK's 4 workers served a burst of quick calls (seeds, checks), the count is far above the
    threads really idle, so new calls queued behind the busy ones although the cap was lifted:
    ``make bench`` measured 40 creates running 6 at a time. Counting afresh from zero costs at most
    a few threads more than needed.
    """
    lock = getattr(pool, "_shutdown_lock", None)
    queue = getattr(pool, "_work_queue", None)
    adjust = getattr(pool, "_adjust_thread_count", None)
    if lock is None or queue is None or not callable(adjust):
        return
    with lock:
        pool._idle_semaphore = threading.Semaphore(0)
        for _ in range(queue.qsize()):
            adjust()


def lift_worker_cap(workers: int) -> bool:
    """Let the host's gRPC server run ``workers`` calls at once; False when its pool was not found."""
    pools = _grpc_executors()
    for pool in pools:
        # ThreadPoolExecutor reads _max_workers each time it considers starting a thread.
        pool._max_workers = max(pool._max_workers, workers)
        _recount_idle_threads(pool)
    return bool(pools)


class _Tracebacks:
    """Stands in for the ``traceback`` module in the host's ``__main__``: one line for our errors."""

    def __init__(self, real: ModuleType) -> None:
        self._real = real

    def format_exc(self, *args: Any, **kwargs: Any) -> str:
        error = sys.exc_info()[1]
        if isinstance(error, WorkspaceInstanceError):
            return str(error)
        return str(self._real.format_exc(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def one_line_errors() -> bool:
    """Make the host report this package's errors as their message alone; False if it cannot."""
    main = sys.modules.get("__main__")
    if getattr(main, "traceback", None) is not traceback:
        return False
    main.traceback = _Tracebacks(traceback)  # type: ignore[union-attr]
    return True


def watch_plugin_engine(address: str) -> None:
    """The provider plugin's part of this module: end the process with its engine, claim nothing after.

    The plugin serves its calls on its own event loop and thread pool (no worker cap to lift) and
    reports errors itself, so only the watchdog applies.
    """
    global _plugin_engine
    parsed = _parse_address(address)
    with _lock:
        if _plugin_engine is not None or parsed is None:
            return
        _plugin_engine = parsed
    threading.Thread(target=_watch, args=(parsed, os.getppid()), name="engine-watchdog", daemon=True).start()


def prepare() -> None:
    """Start the watchdog and lift the worker cap, once per host process; nothing elsewhere."""
    global _prepared
    with _lock:
        if _prepared or not in_dynamic_host():
            return
        _prepared = True
    address = engine_address()
    if address is not None:
        threading.Thread(
            target=_watch, args=(address, os.getppid()), name="engine-watchdog", daemon=True
        ).start()
    one_line_errors()
    detailed_diffs.install()
    quick_exit.install()
    workers = _workers()
    if not lift_worker_cap(workers):
        print(
            "workspaces-instances: could not raise the provider host's worker count (the Pulumi SDK "
            "changed?); it serves 4 calls at once, so wider fleets wait in rounds of 4",
            file=sys.stderr,
            flush=True,
        )
