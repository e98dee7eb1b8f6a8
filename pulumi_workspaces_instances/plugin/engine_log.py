"""The plugin's progress lines and warnings, sent to the engine's ``Log`` call.

A provider plugin's own stdout and stderr reach the engine only as debug logging, so the lines the shared
implementation writes (:mod:`provider.reporting.diagnostics`) are sent through the engine's log instead,
attached to the resource the call is about: ``pulumi up`` shows them under that resource, live.
"""

from __future__ import annotations

import sys

import grpc
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

from ..provider.reporting.diagnostics import WARNING_PREFIX, Sink

LOG_TIMEOUT_SECONDS = 5.0
"""A line the engine does not take in this time is written to stderr instead (debug logging)."""


class EngineLog:
    """A channel to the engine at ``address``; :meth:`sink` gives each call its own sink."""

    def __init__(self, address: str) -> None:
        self._stub = engine_pb2_grpc.EngineStub(grpc.insecure_channel(address))

    def sink(self, urn: str) -> Sink:
        """Lines about the resource ``urn``."""

        def write(line: str, warning: bool) -> None:
            severity = engine_pb2.WARNING if warning else engine_pb2.INFO
            request = engine_pb2.LogRequest(severity=severity, message=line, urn=urn)
            try:
                self._stub.Log(request, timeout=LOG_TIMEOUT_SECONDS)
            except grpc.RpcError:
                print((WARNING_PREFIX if warning else "") + line, file=sys.stderr, flush=True)

        return write
