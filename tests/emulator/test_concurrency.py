"""Thread-per-request: many clients at once, and nothing left running after the emulator stops."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pulumi_workspaces_instances.emulator import Emulator
from tests.emulator.conftest import client_for, create_instance

CONCURRENT_CLIENTS = 100


def _create_concurrently(emu: Emulator, label: str) -> None:
    clients = [client_for(emu.endpoint_url) for _ in range(CONCURRENT_CLIENTS)]
    barrier = threading.Barrier(CONCURRENT_CLIENTS)

    def create(client: Any) -> str:
        barrier.wait()
        return create_instance(client)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CONCURRENT_CLIENTS) as pool:
        ids = list(pool.map(create, clients))
    elapsed = time.monotonic() - started
    print(f"\n{CONCURRENT_CLIENTS} concurrent creates ({label}) took {elapsed:.3f} s")
    assert len(set(ids)) == CONCURRENT_CLIENTS
    listed = clients[0].list_workspace_instances(MaxResults=25)
    assert len(listed["WorkspaceInstances"]) == 25 and "NextToken" in listed
    assert [c["status"] for c in emu.calls()].count(200) == CONCURRENT_CLIENTS + 1


def test_100_concurrent_clients_create_distinct_instances(emu: Emulator) -> None:
    _create_concurrently(emu, "in memory")


def test_100_concurrent_clients_with_sqlite_state(tmp_path: Path) -> None:
    with Emulator(state_path=tmp_path / "state.sqlite") as emu:
        _create_concurrently(emu, "SQLite")


def test_stopping_leaves_no_threads_or_open_port() -> None:
    before = set(threading.enumerate())
    with Emulator() as emu:
        client = client_for(emu.endpoint_url)
        create_instance(client)  # leaves a keep-alive connection open in the client's pool
        port = emu.port
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert leftover == []
    # The port is free again: a new server can bind it.
    with Emulator(port=port) as again:
        assert again.port == port
