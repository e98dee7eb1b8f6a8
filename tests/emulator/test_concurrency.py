"""Thread-per-request: many clients at once, and nothing left running after the emulator stops."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import botocore.session
import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core import model
from tests.emulator.conftest import client_for, create_instance

CONCURRENT_CLIENTS = 100
#: First requests arriving together at a fresh emulator (a fleet of 40 reading its EC2 view).
FIRST_REQUESTS = 40


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


def test_a_botocore_model_is_loaded_once_when_many_first_requests_arrive_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """40 first EC2 requests at once (a fleet's creates reading their EC2 view) load EC2's model once.

    Each load parses a large JSON model; when every thread loaded its own copy, a fresh emulator
    answered such a burst seconds late.
    """
    loads: list[str] = []
    real_session = botocore.session.get_session

    class CountingSession:
        def get_service_model(self, name: str) -> Any:
            loads.append(name)
            time.sleep(0.05)  # long enough for the other threads to arrive meanwhile
            return real_session().get_service_model(name)

    monkeypatch.setattr(model, "_loaded", {})
    monkeypatch.setattr(botocore.session, "get_session", CountingSession)
    barrier = threading.Barrier(FIRST_REQUESTS)

    def first_request(_: int) -> Any:
        barrier.wait()
        return model.ec2_service_model()

    with ThreadPoolExecutor(max_workers=FIRST_REQUESTS) as pool:
        answers = list(pool.map(first_request, range(FIRST_REQUESTS)))

    assert loads == [model.EC2_SERVICE_NAME]
    assert all(answer is answers[0] for answer in answers)
