"""Preview fails, in one line naming the endpoint and the cause, when the service cannot be used."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider, clients, preflight
from tests.conftest import emulator_environment

from .conftest import Props

HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>" + "x" * 5000 + "</body></html>"
)
BAD_TOKEN = json.dumps(
    {
        "__type": "UnrecognizedClientException",
        "message": "The security token included in the request is invalid.",
    }
)


def _answering(status: int, content_type: str, body: str) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            payload = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def aim(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Callable[[str], None]]:
    """Point boto3 at an endpoint (with the emulator's dummy credentials) and forget earlier probes."""

    def at(endpoint: str) -> None:
        for name, value in emulator_environment(endpoint, tmp_path).items():
            monkeypatch.setenv(name, value)
        clients.clear_clients()
        preflight.forget()

    yield at
    clients.clear_clients()
    preflight.forget()


def _check_reason(inputs: Callable[..., Props]) -> str:
    [failure] = WorkspaceInstanceProvider().check({}, inputs()).failures
    assert failure.property == "" and "\n" not in failure.reason
    return failure.reason


def test_a_refused_connection_fails_check_naming_the_endpoint(
    aim: Callable[[str], None], inputs: Callable[..., Props]
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        endpoint = f"http://127.0.0.1:{closed.getsockname()[1]}"
    aim(endpoint)

    reason = _check_reason(inputs)

    assert reason.startswith("ListInstanceTypes failed: cannot reach the service at " + endpoint)


def test_an_html_page_fails_check_as_a_non_aws_answer_cut_to_its_title(
    aim: Callable[[str], None], inputs: Callable[..., Props]
) -> None:
    server = _answering(404, "text/html", HTML_PAGE)
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}"
        aim(endpoint)
        reason = _check_reason(inputs)
    finally:
        server.shutdown()

    assert (
        f"the endpoint at {endpoint} is not AWS WorkSpaces Instances (HTTP 404: an HTML page titled" in reason
    )
    assert "'404 Not Found'" in reason and "xxxx" not in reason and len(reason) < 400


def test_invalid_credentials_fail_check(aim: Callable[[str], None], inputs: Callable[..., Props]) -> None:
    server = _answering(400, "application/x-amz-json-1.0", BAD_TOKEN)
    try:
        aim(f"http://127.0.0.1:{server.server_address[1]}")
        reason = _check_reason(inputs)
    finally:
        server.shutdown()

    assert reason.startswith("ListInstanceTypes failed: UnrecognizedClientException: The security token")


def test_a_reachable_service_is_probed_once_and_access_denied_counts_as_reachable(
    aws_env: Emulator, inputs: Callable[..., Props]
) -> None:
    preflight.forget()
    aws_env.add_faults(
        [{"operation": "ListInstanceTypes", "action": "error", "error": "AccessDeniedException", "times": 1}]
    )
    provider = WorkspaceInstanceProvider()

    for _ in range(3):
        assert provider.check({}, inputs()).failures == []

    assert [call["operation"] for call in aws_env.calls()] == ["ListInstanceTypes"]
