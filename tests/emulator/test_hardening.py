"""Hostile and broken requests over raw HTTP: short AWS-shaped 4xx answers, nothing growing unbounded."""

from __future__ import annotations

import http.client
import json
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core import cbor
from pulumi_workspaces_instances.emulator.core.calls import CallLog
from pulumi_workspaces_instances.emulator.core.limits import (
    CALL_LOG_ENTRIES,
    CALL_PARAMS_BUDGET,
    CALL_VALUE_CHARS,
    MAX_BODY_BYTES,
)
from tests.emulator.conftest import CREDENTIALS, REGION, control, create_instance, raw_call

# Every exchange here must answer well within this.
ANSWER_SECONDS = 10.0
TARGET = "EUCMIFrontendAPIService.ListRegions"


@dataclass
class Exchange:
    """A raw exchange's answer, and whether the server then closed the connection."""

    status: int
    headers: dict[str, str]
    body: bytes
    closed: bool

    def json(self) -> Any:
        return json.loads(self.body)


def _exchange(emu: Emulator, head: str, body: bytes = b"", shut_write: bool = False) -> Exchange:
    """Send a hand-written request (``head`` without the blank line) and read one answer."""
    parts = urlsplit(emu.endpoint_url)
    with socket.create_connection(
        (parts.hostname or "127.0.0.1", parts.port or 80), timeout=ANSWER_SECONDS
    ) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode("latin-1") + b"\r\n\r\n" + body)
        if shut_write:
            sock.shutdown(socket.SHUT_WR)
        response = http.client.HTTPResponse(sock)
        response.begin()
        payload = response.read()
        closed = response.will_close
        if closed:
            sock.settimeout(2)
            try:
                closed = sock.recv(1) == b""
            except ConnectionResetError:
                closed = True
        return Exchange(response.status, {k.lower(): v for k, v in response.getheaders()}, payload, closed)


def _signed_head(path: str = "/", extra: str = "") -> str:
    request = AWSRequest(
        method="POST", url="http://127.0.0.1" + path, data=b"", headers={"X-Amz-Target": TARGET}
    )
    SigV4Auth(CREDENTIALS, "workspaces-instances", REGION).add_auth(request)
    headers = "\n".join(f"{k}: {v}" for k, v in request.headers.items() if k.lower() != "content-length")
    return f"POST {path} HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/x-amz-json-1.0\n{headers}" + (
        f"\n{extra}" if extra else ""
    )


def test_deeply_nested_json_is_a_validation_error(emu: Emulator) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    answer = raw_call(emu.endpoint_url, "ListRegions", body)
    assert answer.status == 400
    assert answer.body["__type"].endswith("#ValidationException") and answer.body["Reason"] == "CANNOT_PARSE"
    assert "nesting deeper than 64" in answer.body["Message"]
    assert emu.calls()[-1]["error"] == "ValidationException"


@pytest.mark.parametrize(
    ("body", "hint"),
    [
        (b'{"MaxResults": NaN}', "NaN"),
        (b'{"MaxResults": 1e999}', "out of range"),
        (b'{"NextToken": "\xff\xfe"}', "not UTF-8"),
        (b"{not json", "Expecting"),
    ],
)
def test_unreadable_json_is_a_validation_error(emu: Emulator, body: bytes, hint: str) -> None:
    answer = raw_call(emu.endpoint_url, "ListRegions", body)
    assert answer.status == 400 and answer.body["Reason"] == "CANNOT_PARSE"
    assert hint in answer.body["Message"]


def test_deeply_nested_cbor_is_refused_in_cbor(emu: Emulator) -> None:
    head = _signed_head("/service/EUCMIFrontendAPIService/operation/ListRegions")
    head = head.replace("Content-Type: application/x-amz-json-1.0", "Content-Type: application/cbor")
    body = b"\x81" * 100_000 + b"\x01"
    answer = _exchange(emu, f"{head}\nsmithy-protocol: rpc-v2-cbor\nContent-Length: {len(body)}", body)
    assert answer.status == 400
    assert cbor.decode(answer.body)["__type"].endswith("#ValidationException")


@pytest.mark.parametrize("length", ["abc", "-5", "1e3", "12, 13"])
def test_a_content_length_that_is_not_a_number_gets_400_and_a_closed_connection(
    emu: Emulator, length: str
) -> None:
    answer = _exchange(emu, f"{_signed_head()}\nContent-Length: {length}", b"{}")
    assert answer.status == 400
    assert answer.json()["__type"].endswith("#ValidationException")
    assert "Content-Length" in answer.json()["Message"]
    assert answer.closed


def test_a_body_over_the_cap_is_refused_without_being_read(emu: Emulator) -> None:
    started = time.monotonic()
    # Only the headers are sent: the answer must not wait for the gigabyte announced.
    answer = _exchange(emu, f"{_signed_head()}\nContent-Length: {1024**3}")
    assert answer.status == 413 and answer.closed
    assert answer.json()["__type"].endswith("#RequestEntityTooLargeException")
    assert time.monotonic() - started < ANSWER_SECONDS / 2


def test_a_client_sending_an_oversized_body_still_reads_the_answer(emu: Emulator) -> None:
    body = b'{"NextToken": "' + b"x" * (MAX_BODY_BYTES + 10) + b'"}'
    answer = raw_call(emu.endpoint_url, "ListRegions", body)
    assert answer.status == 413
    assert str(MAX_BODY_BYTES) in answer.body["message"]


def test_chunked_bodies_are_refused_with_411(emu: Emulator) -> None:
    answer = _exchange(emu, f"{_signed_head()}\nTransfer-Encoding: chunked", b"2\r\n{}\r\n0\r\n\r\n")
    assert answer.status == 411 and answer.closed
    assert answer.json()["__type"].endswith("#LengthRequiredException")
    assert "Content-Length" in answer.json()["message"]


def test_a_body_shorter_than_announced_is_refused(emu: Emulator) -> None:
    answer = _exchange(emu, f"{_signed_head()}\nContent-Length: 100", b'{"MaxR', shut_write=True)
    assert answer.status == 400 and "ended after 6 of 100 bytes" in answer.json()["Message"]


def test_ec2_bodies_are_refused_in_ec2_xml(emu: Emulator) -> None:
    head = "POST / HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/x-www-form-urlencoded"
    answer = _exchange(emu, f"{head}\nContent-Length: {10**9}")
    assert answer.status == 413
    assert b"<Code>RequestEntityTooLarge</Code>" in answer.body


def test_http_level_errors_answer_json_not_html(emu: Emulator) -> None:
    garbled = _exchange(emu, "GARBAGE")
    assert garbled.status == 400 and garbled.headers["content-type"] == "application/json"
    assert garbled.json()["__type"].endswith("#BadRequestException")
    put = _exchange(emu, "PUT / HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 0")
    assert put.status == 501 and put.json()["message"]
    huge_header = _exchange(emu, f"GET /_emulator/health HTTP/1.1\nHost: 127.0.0.1\nX-Big: {'a' * 70_000}")
    assert huge_header.status == 431 and huge_header.json()["__type"].endswith("Exception")


def test_a_huge_value_is_quoted_briefly(emu: Emulator) -> None:
    huge = "wsinst-" + "a" * 900_000  # as much as fits in a body
    answer = raw_call(emu.endpoint_url, "GetWorkspaceInstance", {"WorkspaceInstanceId": huge})
    encoded = json.dumps(answer.body)
    assert answer.status == 400
    assert len(encoded) < 4000, f"the error body is {len(encoded)} characters"
    assert "more characters" in answer.body["Message"] or "characters in all" in answer.body["Message"]
    unknown = raw_call(emu.endpoint_url, "ListRegions", {"x" * 300_000: 1, "MaxResults": "y" * 300_000})
    assert unknown.status == 400 and len(json.dumps(unknown.body)) < 4000


def test_the_call_log_keeps_values_short(emu: Emulator) -> None:
    value = "v" * 250_000
    for _ in range(20):
        raw_call(
            emu.endpoint_url, "ListTagsForResource", {"WorkspaceInstanceId": value, "Other": [value] * 3}
        )
    status, calls = control(emu.endpoint_url, "GET", "/_emulator/calls")
    assert status == 200 and len(calls) == 20
    size = len(json.dumps(calls))
    print(f"\ncall log of 20 calls with 1 MB of values each: {size} characters")
    assert size < 20 * (CALL_PARAMS_BUDGET + 2000)
    logged = calls[0]["params"]["WorkspaceInstanceId"]
    assert logged.startswith("v" * CALL_VALUE_CHARS) and "characters cut" in logged


def test_the_call_log_keeps_the_last_calls_only() -> None:
    log = CallLog()
    for n in range(CALL_LOG_ENTRIES + 50):
        log.record(f"Op{n}", REGION, {}, 200, None, "json")
    entries = log.entries()
    assert len(entries) == CALL_LOG_ENTRIES
    assert (entries[0]["operation"], entries[-1]["operation"]) == ("Op50", f"Op{CALL_LOG_ENTRIES + 49}")


# --- fault rules ------------------------------------------------------------------------------


def _post_faults(emu: Emulator, text: str) -> tuple[int, Any]:
    head = "POST /_emulator/faults HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json"
    head += f"\nContent-Length: {len(text)}"
    answer = _exchange(emu, head, text.encode())
    return answer.status, answer.json()


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (
            '{"operation": "ListRegions", "action": "error", "error": "Throttling", "probabilty": 0.5}',
            "probabilty",
        ),
        ('{"operation": "ListRegions", "action": "delay", "seconds": Infinity}', "seconds"),
        ('{"operation": "ListRegions", "action": "delay", "seconds": NaN}', "seconds"),
        ('{"operation": "ListRegions", "action": "delay", "seconds": 1e9}', "seconds"),
        ('{"operation": "ListRegions", "action": "drop_response", "probability": 0.5, "seed": 1.5}', "seed"),
        ('{"operation": "ListRegions", "action": "drop_response", "probability": 0.5, "seed": "x"}', "seed"),
        ('{"operation": "ListRegions", "action": "error", "error": "Throttling", "seed": 3}', "seed"),
        ('{"operation": "ListRegions", "action": "error", "error": "Throttling", "times": true}', "times"),
        (
            '{"operation": "ListRegions", "action": "error", "error": "Throttling", "retry_after": -1}',
            "retry_after",
        ),
        ('{"operation": "ListRegions", "action": "error", "error": "Throttling", "message": 5}', "message"),
        ('{"operation": "ListRegions", "action": "drop_response", "seconds": 1}', "seconds"),
        ('{"operation": "ListRegions", "action": "error", "error": "Throttling", "status": 503}', "status"),
        (
            '{"operation": "CreateWorkspaceInstance", "action": "fail_allocation", "ec2_error_code": 7}',
            "ec2_error_code",
        ),
        ('{"operation": ["ListRegions"], "action": "delay"}', "operation"),
    ],
)
def test_malformed_fault_rules_are_refused_naming_the_field(emu: Emulator, rule: str, field: str) -> None:
    status, body = _post_faults(emu, f"[{rule}]")
    assert status == 400
    assert f"'{field}'" in body["error"]
    assert len(body["error"]) < 400
    assert emu.service.faults.decide("ListRegions").error is None  # nothing was added


def test_a_typo_gets_a_suggestion(emu: Emulator) -> None:
    rule = {"operation": "ListRegions", "action": "error", "error": "Throttling", "probabilty": 0.5}
    with pytest.raises(ValueError, match="did you mean 'probability'"):
        emu.add_faults([rule])


def test_rules_are_added_all_or_none(emu: Emulator, client: Any) -> None:
    status, body = _post_faults(
        emu,
        '[{"operation": "ListRegions", "action": "error", "error": "Throttling"},'
        ' {"operation": "ListRegions", "action": "delay", "seconds": -1}]',
    )
    assert status == 400 and body["error"].startswith("rule 1: 'seconds'")
    assert client.list_regions()["Regions"]


# --- the control plane refuses web pages -------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ("Origin: http://evil.example\nContent-Type: application/json", 403),
        ("Origin: null\nContent-Type: application/json", 403),
        ("Content-Type: text/plain", 415),
        ("Content-Type: application/x-www-form-urlencoded", 415),
        ("", 415),
        ("Content-Type: application/json\nHOST_OVERRIDE", 403),
    ],
)
def test_the_control_plane_refuses_browser_requests(
    emu: Emulator, client: Any, headers: str, status: int
) -> None:
    instance_id = create_instance(client)
    host = "Host: 127.0.0.1"
    if "HOST_OVERRIDE" in headers:
        headers, host = headers.replace("\nHOST_OVERRIDE", ""), "Host: evil.example:4599"
    lines = ["POST /_emulator/reset HTTP/1.1", host, "Content-Length: 2"] + ([headers] if headers else [])
    answer = _exchange(emu, "\n".join(lines), b"{}")
    assert answer.status == status
    assert answer.json()["error"]
    listed = client.list_workspace_instances()["WorkspaceInstances"]
    assert [i["WorkspaceInstanceId"] for i in listed] == [instance_id], "nothing was reset"


def test_the_control_plane_still_serves_tools(emu: Emulator) -> None:
    for host in ("127.0.0.1", "localhost", "[::1]:4599", "127.0.0.1:4599"):
        answer = _exchange(emu, f"GET /_emulator/health HTTP/1.1\nHost: {host}")
        assert answer.status == 200, host
    head = "POST /_emulator/reset HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json; charset=utf-8"
    reset = _exchange(emu, head + "\nContent-Length: 0")
    assert reset.status == 200
