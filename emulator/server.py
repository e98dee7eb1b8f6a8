"""HTTP front end: a thread-per-request server for the AWS APIs and the control plane.

Routing: ``/_emulator/…`` is the control plane; ``POST /service/…`` is WorkSpaces Instances over
Smithy RPC v2 CBOR; a form-encoded ``POST /`` is EC2's query protocol (the volume reads, see
``ec2_volumes``); any other ``POST /`` is WorkSpaces Instances over JSON 1.0.

Control plane (outside the AWS API): ``GET /_emulator/health`` (``{"status": "ok", "state_path":
<absolute SQLite path, or null when in memory>}``), ``POST /_emulator/reset``,
``GET /_emulator/calls``, ``POST /_emulator/faults`` (JSON list of rules), ``DELETE /_emulator/faults``.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from . import ec2_query
from .auth import ec2_region_from_authorization, region_from_authorization
from .errors import ServiceError
from .faults import FaultRuleError
from .limits import quote
from .model import ec2_service_model
from .operations import EC2_HANDLERS
from .protocol import JsonWire
from .rpcv2 import PATH_PREFIX, CborWire
from .service import EC2_PROTOCOL, Service
from .wire import Wire

CONTROL_PREFIX = "/_emulator/"
JSON_WIRE: Wire = JsonWire()
CBOR_WIRE: Wire = CborWire()
# Idle keep-alive connections are closed after this long, so handler threads end on their own.
IDLE_CONNECTION_SECONDS = 30.0


class EmulatorHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its open connections, so stopping can close them all."""

    # Joined on server_close; open sockets are shut first so the joins are quick.
    daemon_threads = False
    block_on_close = True
    # socketserver's default backlog of 5 resets connections when many clients arrive at once.
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], service: Service, state_path: str | None = None) -> None:
        self.service = service
        #: The state file's absolute path (None: in memory), reported by the health check so a
        #: client finding an emulator on a port can tell whose state it serves.
        self.state_path = state_path
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, RequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Track the connection, then hand it to a new thread."""
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        """Forget the connection, then close it."""
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Shut every open connection so idle keep-alive handlers return at once."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the peer
                connection.shutdown(socket.SHUT_RDWR)


class RequestHandler(BaseHTTPRequestHandler):
    """One connection; answers AWS calls and control-plane requests."""

    protocol_version = "HTTP/1.1"  # keep-alive, as botocore's connection pool expects
    timeout = IDLE_CONNECTION_SECONDS
    # Headers and body go out as separate writes; without TCP_NODELAY, Nagle's algorithm and
    # the client's delayed ACK add ~40 ms to every answer.
    disable_nagle_algorithm = True
    server: EmulatorHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the call log records every AWS call."""

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, body: bytes, headers: dict[str, str], request_id: str | None = None) -> None:
        """Answer with ``body``; ``headers`` name the Content-Type first."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", request_id or str(uuid.uuid4()))
        self.end_headers()
        self.wfile.write(body)

    def _send_json(self, status: int, payload: Any) -> None:
        self._send(status, json.dumps(payload).encode(), {"Content-Type": "application/json"})

    # --- AWS APIs ----------------------------------------------------------------------------

    def do_POST(self) -> None:
        """AWS calls and control-plane posts."""
        body = self._read_body()
        path = self.path
        if path.startswith(CONTROL_PREFIX):
            self._control("POST", body)
        elif path.startswith(PATH_PREFIX):
            self._workspaces(CBOR_WIRE, body)
        elif (self.headers.get("Content-Type") or "").lower().startswith(ec2_query.FORM_CONTENT_TYPE):
            self._ec2(body)
        else:
            self._workspaces(JSON_WIRE, body)

    def _drop(self) -> None:
        """Close the connection without answering (the request was applied)."""
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _workspaces(self, wire: Wire, body: bytes) -> None:
        """A WorkSpaces Instances call in either wire protocol: same checks, faults and call log."""
        service = self.server.service
        operation_name = wire.claimed_operation(self.path, self.headers)
        region: str | None = None
        params: Any = None
        try:
            region = region_from_authorization(self.headers.get("Authorization"))
            operation_name = wire.operation(self.path, self.headers)
            params = wire.decode(body, operation_name, self.headers)
        except ServiceError as error:
            service.record_refusal(operation_name, region, params, error, wire.name)
            self._send(error.status, wire.encode_error(error), wire.headers(error))
            return
        outcome = service.call(operation_name, region, params, wire.name)
        if outcome.drop_response:
            self._drop()
        elif outcome.error is not None:
            self._send(outcome.error.status, wire.encode_error(outcome.error), wire.headers(outcome.error))
        else:
            assert outcome.result is not None
            self._send(200, wire.encode_result(operation_name, outcome.result), wire.headers(None))

    def _send_ec2_error(self, error: ServiceError) -> None:
        request_id = str(uuid.uuid4())
        answer = ec2_query.encode_error(error, request_id)
        self._send(error.status, answer, {"Content-Type": ec2_query.CONTENT_TYPE}, request_id)

    def _ec2(self, body: bytes) -> None:
        """An EC2 query-protocol call."""
        service = self.server.service
        action, region, fields = "(none)", None, None
        try:
            region = ec2_region_from_authorization(self.headers.get("Authorization"))
            fields = ec2_query.parse_form(body)
            action = fields.get("Action") or action
            if "Action" not in fields:
                raise ec2_query.ec2_error("MissingAction", "The request must contain the parameter Action.")
            if action not in EC2_HANDLERS:
                if action in ec2_service_model().operation_names:
                    raise ec2_query.ec2_error(
                        "UnsupportedOperation",
                        f"The emulator does not implement the EC2 action {quote(action)}; "
                        f"it serves {' and '.join(EC2_HANDLERS)}.",
                    )
                raise ec2_query.ec2_error(
                    "InvalidAction", f"The action {quote(action)} is not valid for this web service."
                )
        except ServiceError as error:
            service.record_refusal(action, region, fields, error, EC2_PROTOCOL)
            self._send_ec2_error(error)
            return
        outcome = service.call_ec2(action, region, fields)
        if outcome.drop_response:
            self._drop()
        elif outcome.error is not None:
            self._send_ec2_error(outcome.error)
        else:
            assert outcome.result is not None
            operation_model = ec2_service_model().operation_model(action)
            request_id = str(uuid.uuid4())
            answer = ec2_query.encode_result(operation_model, outcome.result, request_id)
            self._send(200, answer, {"Content-Type": ec2_query.CONTENT_TYPE}, request_id)

    # --- control plane -----------------------------------------------------------------------

    def do_GET(self) -> None:
        """Control-plane reads."""
        self._control("GET", b"")

    def do_DELETE(self) -> None:
        """Control-plane deletes."""
        self._read_body()
        self._control("DELETE", b"")

    def _control(self, method: str, body: bytes) -> None:
        service = self.server.service
        route = (method, self.path.split("?", 1)[0])
        if route == ("GET", "/_emulator/health"):
            self._send_json(200, {"status": "ok", "state_path": self.server.state_path})
        elif route == ("POST", "/_emulator/reset"):
            service.reset()
            self._send_json(200, {"reset": True})
        elif route == ("GET", "/_emulator/calls"):
            self._send_json(200, service.calls.entries())
        elif route == ("POST", "/_emulator/faults"):
            try:
                active = service.faults.add(json.loads(body or b"[]"))
            except (ValueError, FaultRuleError) as exc:
                self._send_json(400, {"error": str(exc)})
                return
            self._send_json(200, {"active": active})
        elif route == ("DELETE", "/_emulator/faults"):
            service.faults.clear()
            self._send_json(200, {"active": 0})
        else:
            self._send_json(404, {"error": f"no control-plane route {method} {self.path}"})
