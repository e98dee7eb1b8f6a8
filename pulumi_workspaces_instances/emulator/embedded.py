"""``Emulator``: the service started in a background thread of the current process, for tests and demos."""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from .core.server import EmulatorHTTPServer
from .service import Service
from .workspaces_instances.behaviour import Behaviour
from .workspaces_instances.context import (
    EBS_MODIFICATION_WINDOW_SECONDS,
    EBS_MODIFICATIONS_PER_WINDOW,
    Timing,
)

DEFAULT_HOST = "127.0.0.1"


class Emulator:
    """A running local WorkSpaces Instances service (plus the EC2 side of it on the same endpoint).

    ``with Emulator(allocate_seconds=0.2, deallocate_seconds=0.1) as emu:`` serves on a free
    loopback port until the block ends; point boto3 at ``emu.endpoint_url`` (for the
    ``workspaces-instances`` client and, for DescribeVolumes, DescribeInstances and the other EC2
    actions served, the ``ec2`` client). With ``state_path`` the state is kept in that SQLite file
    and survives a restart.

    Volume modifications are ``modifying`` for ``volume_modifying_seconds``, then ``optimizing``
    for ``volume_optimizing_seconds``; a volume can be modified again once its last modification
    completed, at most ``volume_modifications_per_window`` times within any
    ``volume_modification_window_seconds`` (EBS's four in 24 hours unless given).

    ``behaviour`` sets the switches for AWS's inconvenient behaviours (read-after-create lag, a delete
    refused while allocating, EC2's refusals on a managed instance, ...; see
    ``workspaces_instances.behaviour``); ``POST /_emulator/behaviour`` changes them while it runs and a
    reset restores these.
    """

    def __init__(
        self,
        allocate_seconds: float = 0.2,
        deallocate_seconds: float = 0.1,
        state_path: str | Path | None = None,
        host: str = DEFAULT_HOST,
        port: int = 0,
        *,
        volume_modifying_seconds: float = 0.2,
        volume_optimizing_seconds: float = 0.2,
        volume_modifications_per_window: int = EBS_MODIFICATIONS_PER_WINDOW,
        volume_modification_window_seconds: float = EBS_MODIFICATION_WINDOW_SECONDS,
        behaviour: Behaviour | None = None,
    ) -> None:
        # Resolved now, so the file opened at start() and the one reported by the health check
        # are the same even if the working directory changes in between.
        self._state_path = None if state_path is None else Path(state_path).resolve()
        self._timing = Timing(
            allocate_seconds=allocate_seconds,
            deallocate_seconds=deallocate_seconds,
            volume_modifying_seconds=volume_modifying_seconds,
            volume_optimizing_seconds=volume_optimizing_seconds,
            volume_modifications_per_window=volume_modifications_per_window,
            volume_modification_window_seconds=volume_modification_window_seconds,
        )
        self._behaviour = behaviour or Behaviour()
        self._address = (host, port)
        self._service: Service | None = None
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Emulator:
        """Bind the port and serve in a background thread (returns self)."""
        if self._server is not None:
            return self
        self._service = Service(self._timing, self._state_path, self._behaviour)
        self._server = EmulatorHTTPServer(self._address, self._service, self.state_path)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every connection, join the threads and close the store."""
        if self._server is None:
            return
        assert self._service is not None and self._thread is not None
        self._service.stopping.set()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join()
        self._service.close()
        self._server = self._thread = self._service = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- access --------------------------------------------------------------------------------

    @property
    def service(self) -> Service:
        """The running service (state, faults, calls)."""
        if self._service is None:
            raise RuntimeError("the emulator is not running; use it as a context manager or call start()")
        return self._service

    @property
    def state_path(self) -> str | None:
        """The SQLite state file as an absolute, symlink-free path; None when state is in memory."""
        return None if self._state_path is None else str(self._state_path)

    @property
    def host(self) -> str:
        """The address it listens on."""
        assert self._server is not None
        return str(self._server.server_address[0])

    @property
    def port(self) -> int:
        """The port it listens on (chosen by the OS unless given)."""
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def endpoint_url(self) -> str:
        """The URL to give boto3 as ``endpoint_url`` (or ``AWS_ENDPOINT_URL_WORKSPACES_INSTANCES`` and
        ``AWS_ENDPOINT_URL_EC2``)."""
        return f"http://{self.host}:{self.port}"

    def calls(self) -> list[dict[str, Any]]:
        """Every AWS call so far, oldest first (same as ``GET /_emulator/calls``)."""
        return self.service.calls.entries()

    def add_faults(self, rules: list[dict[str, Any]]) -> None:
        """Add fault rules (same as ``POST /_emulator/faults``); ValueError for a malformed rule."""
        self.service.faults.add(rules)

    def clear_faults(self) -> None:
        """Remove every fault rule."""
        self.service.faults.clear()

    def reset(self) -> None:
        """Forget every resource, call and fault; restore the behaviour switches it started with."""
        self.service.reset()

    @property
    def behaviour(self) -> Behaviour:
        """The behaviour switches in effect."""
        return self.service.behaviour

    def set_behaviour(self, **changes: object) -> Behaviour:
        """Change some behaviour switches, as ``POST /_emulator/behaviour`` does (ValueError: a bad one)."""
        self.service.change_behaviour(dict(changes))
        return self.service.behaviour
