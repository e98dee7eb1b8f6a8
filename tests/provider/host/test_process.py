"""What the package does inside a dynamic provider host: lift the worker cap, notice the engine's death."""

from __future__ import annotations

import socket
import sys
import threading
import time
import traceback
import types
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import grpc
import pytest

from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from pulumi_workspaces_instances.provider.host import process


@contextmanager
def grpc_pool(max_workers: int) -> Iterator[ThreadPoolExecutor]:
    """A thread pool serving a gRPC server, as the host's is; server and pool stopped afterwards."""
    pool = ThreadPoolExecutor(max_workers=max_workers)
    server = grpc.server(pool)
    try:
        yield pool
    finally:
        server.stop(0)
        pool.shutdown(wait=False)


def test_the_grpc_servers_thread_pool_is_raised_in_place() -> None:
    with grpc_pool(4) as pool:
        assert process.lift_worker_cap(64)
        assert pool._max_workers == 64
        # Work now really runs 64 wide: 20 tasks that each wait for all the others.
        barrier = threading.Barrier(20, timeout=10)
        results = [pool.submit(barrier.wait) for _ in range(20)]
        assert sorted(future.result(timeout=10) for future in results) == list(range(20))


def test_the_server_a_running_function_holds_is_found_without_scanning_every_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As the host's main() holds its server; the scan of every object is only the fallback."""

    def no_scan() -> list[object]:
        raise AssertionError("scanned every object")

    pool = ThreadPoolExecutor(max_workers=4)
    server = grpc.server(pool)  # a local of this running function
    monkeypatch.setattr(process.gc, "get_objects", no_scan)
    try:
        assert process.lift_worker_cap(64)
        assert pool._max_workers == 64
    finally:
        server.stop(0)
        pool.shutdown(wait=False)


def test_calls_queued_behind_a_busy_start_get_threads_of_their_own() -> None:
    with grpc_pool(4) as pool:
        # The host's start: many quick calls on 4 workers leave the pool's idle count stale ...
        for future in [pool.submit(time.sleep, 0.001) for _ in range(100)]:
            future.result(timeout=10)
        blocked = threading.Event()
        holders = [pool.submit(blocked.wait, 10) for _ in range(4)]
        barrier = threading.Barrier(24, timeout=10)
        queued = [pool.submit(barrier.wait) for _ in range(4)]  # waiting when the cap is lifted
        assert process.lift_worker_cap(64)
        # ... yet the queued calls and the next ones all run at once, beside the 4 busy workers.
        later = [pool.submit(barrier.wait) for _ in range(20)]
        assert sorted(future.result(timeout=10) for future in queued + later) == list(range(24))
        blocked.set()
        assert all(future.result(timeout=10) for future in holders)


def test_a_pool_already_wider_is_left_alone() -> None:
    with grpc_pool(300) as pool:
        process.lift_worker_cap(64)
        assert pool._max_workers == 300


def test_outside_a_host_nothing_is_started_and_the_engine_counts_as_alive() -> None:
    assert not process.in_dynamic_host()
    assert process.engine_address() is None
    assert process.engine_alive()
    process.prepare()  # a no-op here: no watchdog may end the test process


def test_a_closed_engine_port_is_a_refusal_and_an_open_one_is_not() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        address = listener.getsockname()
        assert not process._engine_refuses(address)
    assert process._engine_refuses(address)


def test_our_errors_are_reported_as_their_line_and_others_keep_their_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_main = types.ModuleType("__main__")
    fake_main.traceback = traceback  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "__main__", fake_main)

    assert process.one_line_errors()
    formatter = fake_main.traceback
    try:
        raise WorkspaceInstanceError("DeleteWorkspaceInstance failed for wsinst-1: ConflictException: busy")
    except WorkspaceInstanceError:
        assert (
            formatter.format_exc() == "DeleteWorkspaceInstance failed for wsinst-1: ConflictException: busy"
        )
    try:
        raise KeyError("a bug")
    except KeyError:
        assert formatter.format_exc().startswith("Traceback (most recent call last):")
