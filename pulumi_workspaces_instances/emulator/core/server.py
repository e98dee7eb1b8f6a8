"""HTTP front end: a thread-per-request server for the AWS APIs and the control plane.

Routing: ``/_emulator/…`` is the control plane; ``POST /service/…`` is WorkSpaces Instances over
Smithy RPC v2 CBOR; a form-encoded ``POST /`` is EC2's query protocol (the backend's
``ec2_actions``); any other ``POST /`` is WorkSpaces Instances over JSON 1.0. What a call means is
the ``backend.Backend``'s: the server knows no service.

Control plane (outside the AWS API): ``GET /_emulator/health`` (``{"status": "ok", "state_path":
<absolute SQLite path, or null when in memory>}``), ``POST /_emulator/reset``,
``GET /_emulator/calls``, ``POST /_emulator/faults`` (JSON list of rules), ``DELETE /_emulator/faults``,
``GET /_emulator/behaviour`` and ``POST /_emulator/behaviour`` (a JSON object of some of the backend's
behaviour switches; the answer is all of them).
It serves tools, not web pages: a request with an ``Origin`` header (403), a non-JSON
``Content-Type`` or a POST without one (415), or, on a loopback address, a ``Host`` that is not a
loopback name (403, against DNS rebinding) is refused.

Bodies: a ``Content-Length`` that is not a number (400), a body over ``limits.MAX_BODY_BYTES``
(413) and ``Transfer-Encoding`` bodies (411) are refused in the route's own error format, and the
connection is closed since the rest of the body cannot be framed. HTTP-level errors (a bad request
line, headers too long, an unknown method) answer JSON with ``__type``, not http.server's HTML.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import re
import socket
import threading
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from . import ec2_query
from .auth import ec2_region_from_authorization, region_from_authorization
from .backend import Backend
from .cbor_wire import PATH_PREFIX, CborWire
from .ec2_query import EC2_PROTOCOL
from .errors import ServiceError
from .json_wire import ERROR_NAMESPACE, JsonWire
from .limits import MAX_BODY_BYTES, QUOTE_CHARS, clip, quote, read_json
from .model import ec2_service_model
from .wire import Wire

CONTROL_PREFIX = "/_emulator/"
JSON_WIRE: Wire = JsonWire()
CBOR_WIRE: Wire = CborWire()
# Idle keep-alive connections are closed after this long, so handler threads end on their own.
IDLE_CONNECTION_SECONDS = 30.0
# A refused body up to this size is read and dropped before the connection closes, so the client,
# still sending, reads the answer instead of a reset; a larger one is not waited for.
DRAIN_BYTES = 8 * 1024 * 1024
DRAIN_SECONDS = 2.0
_CONTENT_LENGTH = re.compile(r"[0-9]{1,15}")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}
JSON_MEDIA_TYPE = "application/json"

CONTROL, CBOR, EC2, JSON = "control", "cbor", "ec2", "json"


class BodyRefused(Exception):
    """The request body cannot or will not be read; ``kind`` picks each route's error code."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message


# Error codes per route for a refused body: (JSON/CBOR, EC2).
_BODY_ERROR_CODES = {
    "unreadable": ("ValidationException", "MalformedQueryString"),
    "too_large": ("RequestEntityTooLargeException", "RequestEntityTooLarge"),
    "length_required": ("LengthRequiredException", "MissingContentLength"),
}


def _is_loopback_host(host_header: str | None) -> bool:
    """Whether a Host header names this machine by a loopback name or address."""
    if not host_header:
        return False
    host = host_header.strip().lower()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class EmulatorHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its open connections, so stopping can close them all."""

    # Joined on server_close; open sockets are shut first so the joins are quick.
    daemon_threads = False
    block_on_close = True
    # socketserver's default backlog of 5 resets connections when many clients arrive at once.
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], service: Backend, state_path: str | None = None) -> None:
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

    # --- reading -------------------------------------------------------------------------------

    def _declared_length(self) -> int:
        """The body's length from its headers; BodyRefused when it cannot be framed or is too big."""
        if self.headers.get("Transfer-Encoding") is not None:
            raise BodyRefused(
                411,
                "length_required",
                "Send the body with a Content-Length header; Transfer-Encoding bodies are not accepted.",
            )
        values = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if not values:
            return 0
        if len(values) > 1 or not _CONTENT_LENGTH.fullmatch(next(iter(values))):
            shown = quote(", ".join(sorted(values)), 60)
            raise BodyRefused(400, "unreadable", f"Content-Length {shown} is not one number of bytes.")
        length = int(values.pop())
        if length > MAX_BODY_BYTES:
            raise BodyRefused(
                413, "too_large", f"The body is {length} bytes; the emulator reads at most {MAX_BODY_BYTES}."
            )
        return length

    def handle_expect_100(self) -> bool:
        """Invite the body only when it will be read; otherwise the answer goes out first."""
        try:
            self._declared_length()
        except BodyRefused:
            self._expect_refused = True
            return True
        return super().handle_expect_100()

    def _read_body(self) -> bytes:
        length = self._declared_length()
        data = self.rfile.read(length) if length else b""
        if len(data) < length:
            raise BodyRefused(400, "unreadable", f"The body ended after {len(data)} of {length} bytes.")
        return data

    def _drain(self) -> None:
        """Read and drop what is left of a refused body (when it is small enough to wait for)."""
        if getattr(self, "_expect_refused", False):
            return
        values = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding") is not None or len(values) != 1:
            return
        length = int(values[0]) if _CONTENT_LENGTH.fullmatch(values[0].strip()) else DRAIN_BYTES + 1
        if length > DRAIN_BYTES:
            return
        with contextlib.suppress(OSError):
            self.connection.settimeout(DRAIN_SECONDS)
            while length > 0:
                chunk = self.rfile.read(min(length, 64 * 1024))
                if not chunk:
                    break
                length -= len(chunk)

    def _route(self) -> str:
        if self.path.startswith(CONTROL_PREFIX):
            return CONTROL
        if self.path.startswith(PATH_PREFIX):
            return CBOR
        if (self.headers.get("Content-Type") or "").lower().startswith(ec2_query.FORM_CONTENT_TYPE):
            return EC2
        return JSON

    def _body(self, route: str) -> bytes | None:
        """The request body, or None after answering a refused one (the connection then closes)."""
        try:
            return self._read_body()
        except BodyRefused as refused:
            self.close_connection = True
            self._refuse_body(route, refused)
            self._drain()
            return None

    def _refuse_body(self, route: str, refused: BodyRefused) -> None:
        if route == CONTROL:
            self._send_json(refused.status, {"error": refused.message})
            return
        json_code, ec2_code = _BODY_ERROR_CODES[refused.kind]
        fields = {"Reason": "CANNOT_PARSE"} if json_code == "ValidationException" else {}
        if route == EC2:
            error = ec2_query.ec2_error(ec2_code, refused.message, refused.status)
            self.server.service.record_refusal("(unread)", None, None, error, EC2_PROTOCOL)
            self._send_ec2_error(error)
            return
        wire = CBOR_WIRE if route == CBOR else JSON_WIRE
        error = ServiceError(json_code, refused.message, refused.status, **fields)
        operation_name = wire.claimed_operation(self.path, self.headers)
        self.server.service.record_refusal(operation_name, None, None, error, wire.name)
        self._send(error.status, wire.encode_error(error), wire.headers(error))

    # --- writing -------------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, headers: dict[str, str], request_id: str | None = None) -> None:
        """Answer with ``body``; ``headers`` name the Content-Type first."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", request_id or str(uuid.uuid4()))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _send_json(self, status: int, payload: Any) -> None:
        self._send(status, json.dumps(payload).encode(), {"Content-Type": JSON_MEDIA_TYPE})

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """HTTP-level errors (bad request line, oversized headers, unknown method) in AWS's JSON shape."""
        status = HTTPStatus(code)
        text = clip(message or status.phrase, QUOTE_CHARS)
        body = {"__type": f"{ERROR_NAMESPACE}#{status.phrase.replace(' ', '')}Exception", "message": text}
        self.close_connection = True
        # A request line that could not be parsed leaves http.server assuming HTTP/0.9, which
        # would send the body without a status line or headers.
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"
        self._send(code, json.dumps(body).encode(), {"Content-Type": JSON_MEDIA_TYPE})

    # --- AWS APIs ----------------------------------------------------------------------------

    def do_POST(self) -> None:
        """AWS calls and control-plane posts."""
        route = self._route()
        body = self._body(route)
        if body is None:
            return
        if route == CONTROL:
            self._control("POST", body)
        elif route == CBOR:
            self._workspaces(CBOR_WIRE, body)
        elif route == EC2:
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
            if action not in service.ec2_actions:
                if action in ec2_service_model().operation_names:
                    raise ec2_query.ec2_error(
                        "UnsupportedOperation",
                        f"The emulator does not implement the EC2 action {quote(action)}; "
                        f"it serves {', '.join(service.ec2_actions)}.",
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
        if self._body(CONTROL) is not None:
            self._control("GET", b"")

    def do_DELETE(self) -> None:
        """Control-plane deletes."""
        if self._body(CONTROL) is not None:
            self._control("DELETE", b"")

    def _control_refusal(self, method: str) -> tuple[int, str] | None:
        """Why a control-plane request is refused, or None: it serves tools, never web pages."""
        if self.headers.get("Origin") is not None:
            return (
                403,
                "The control plane refuses requests sent from web pages (they carry an Origin header).",
            )
        content_type = self.headers.get("Content-Type")
        media_type = (content_type or "").split(";", 1)[0].strip().lower()
        if (content_type is not None or method == "POST") and media_type != JSON_MEDIA_TYPE:
            return (
                415,
                f"Send the control plane Content-Type: {JSON_MEDIA_TYPE}, not {quote(content_type, 60)}.",
            )
        bound = ipaddress.ip_address(str(self.server.server_address[0]))
        if bound.is_loopback and not _is_loopback_host(self.headers.get("Host")):
            host = quote(self.headers.get("Host"), 60)
            return 403, f"The control plane answers only loopback host names, not {host}."
        return None

    def _control(self, method: str, body: bytes) -> None:
        refusal = self._control_refusal(method)
        if refusal is not None:
            self._send_json(refusal[0], {"error": refusal[1]})
            return
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
                active = service.faults.add(read_json(body, finite_only=False) if body.strip() else [])
            except ValueError as exc:  # a bad rule (faults raise a ValueError naming it)
                self._send_json(400, {"error": str(exc)})
                return
            self._send_json(200, {"active": active})
        elif route == ("DELETE", "/_emulator/faults"):
            service.faults.clear()
            self._send_json(200, {"active": 0})
        elif route == ("GET", "/_emulator/behaviour"):
            self._send_json(200, service.behaviour_settings())
        elif route == ("POST", "/_emulator/behaviour"):
            try:
                settings = service.change_behaviour(read_json(body) if body.strip() else {})
            except ValueError as exc:  # a bad switch or value, named
                self._send_json(400, {"error": str(exc)})
                return
            self._send_json(200, settings)
        else:
            self._send_json(404, {"error": f"no control-plane route {method} {quote(self.path, 100)}"})
