"""Preview fails, in one line naming the endpoint and the cause, when the service cannot be used."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.attachment_provider import VolumeAttachmentProvider
from pulumi_workspaces_instances.provider.aws import clients, ec2, preflight
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from toolchain.environment import emulator_environment

from ..conftest import Props

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

    assert reason.startswith(
        f"ListInstanceTypes failed: cannot reach the service at {endpoint} "
        "(set by AWS_ENDPOINT_URL_WORKSPACES_INSTANCES)"
    )


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
        f"the endpoint at {endpoint} (set by AWS_ENDPOINT_URL_WORKSPACES_INSTANCES) is not AWS WorkSpaces "
        "Instances (HTTP 404: an HTML page titled" in reason
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


def _volume_check_reasons(region: str = "us-east-1") -> list[str]:
    inputs = {"availability_zone": f"{region}a", "size_in_gb": 10, "region": region}
    return [failure.reason for failure in VolumeProvider().check({}, inputs).failures]


def _attachment_check_reasons() -> list[str]:
    inputs = {
        "workspace_instance_id": "wsinst-0123456789abcdef0",
        "volume_id": "vol-0123456789abcdef0",
        "device": "/dev/sdf",
        "region": "us-east-1",
    }
    return [failure.reason for failure in VolumeAttachmentProvider().check({}, inputs).failures]


@pytest.mark.parametrize(
    "reasons", [_volume_check_reasons, _attachment_check_reasons], ids=["volume", "attachment"]
)
def test_volumes_probe_ec2_and_name_the_missing_variable_within_30_seconds(
    aim: Callable[[str], None],
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    reasons: Callable[[], list[str]],
) -> None:
    # WorkSpaces Instances aimed at the emulator, EC2 forgotten: AWS's own endpoint, unreachable here.
    aim(emulator.endpoint_url)
    monkeypatch.delenv("AWS_ENDPOINT_URL_EC2")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    ec2.clear_clients()
    started = time.monotonic()

    [reason] = reasons()

    assert time.monotonic() - started < 30
    assert reason.startswith(
        "DescribeVolumes failed: cannot reach the service at https://ec2.us-east-1.amazonaws.com"
    )
    assert "AWS's endpoint for the region: AWS_ENDPOINT_URL_EC2 and AWS_ENDPOINT_URL are not set" in reason
    assert "\n" not in reason


def test_an_endpoint_that_never_answers_fails_check_within_30_seconds(
    aim: Callable[[str], None], monkeypatch: pytest.MonkeyPatch, emulator: Emulator
) -> None:
    # A listening socket that accepts and never answers: each attempt waits for the read timeout.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        aim(emulator.endpoint_url)
        monkeypatch.setenv("AWS_ENDPOINT_URL_EC2", f"http://127.0.0.1:{silent.getsockname()[1]}")
        ec2.clear_clients()
        started = time.monotonic()
        [reason] = _volume_check_reasons()
        elapsed = time.monotonic() - started
    finally:
        silent.close()

    print(f"silent EC2 endpoint: check failed after {elapsed:.1f}s: {reason}")
    assert elapsed < 30
    assert "(set by AWS_ENDPOINT_URL_EC2)" in reason and reason.startswith("DescribeVolumes failed")


def test_a_reachable_ec2_is_probed_once_per_region_and_endpoint(
    aim: Callable[[str], None], emulator: Emulator
) -> None:
    aim(emulator.endpoint_url)
    ec2.clear_clients()
    before = len(emulator.calls())

    for _ in range(3):
        assert _volume_check_reasons() == []

    probes = [call["operation"] for call in emulator.calls()[before:]]
    assert probes == ["ListInstanceTypes", "DescribeVolumes"]
