"""Both wire protocols the model lists (JSON 1.0 and Smithy RPC v2 CBOR), each spoken by a real boto3 client.

Every test taking ``speaking`` runs once per protocol: the same calls must give the same answers,
errors, call log and faults whichever protocol the installed botocore picks.
"""

from __future__ import annotations

import http.client
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.exceptions import ClientError, ConnectionClosedError

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core import cbor
from pulumi_workspaces_instances.emulator.core.calls import REDACTED
from tests.emulator.conftest import (
    CREDENTIALS,
    REGION,
    WINDOWS_AMI,
    client_for,
    create_instance,
)

MONTHLY_WINDOWS = {"BillingMode": "MONTHLY", "PlatformType": "Windows", "Tenancy": "SHARED"}


def test_the_client_speaks_the_forced_protocol(emu: Emulator, speaking: Any, protocol: str) -> None:
    seen: list[tuple[str, str | None]] = []

    def capture(request: Any, **_: Any) -> None:
        seen.append((request.url, request.headers.get("smithy-protocol")))

    speaking.meta.events.register("before-send.workspaces-instances.*", capture)
    speaking.list_regions()
    ((url, header),) = seen
    if protocol == "json":
        assert (urlsplit(url).path, header) == ("/", None)
    else:
        assert urlsplit(url).path == "/service/EUCMIFrontendAPIService/operation/ListRegions"
        assert header in ("rpc-v2-cbor", b"rpc-v2-cbor")  # botocore keeps some header values as bytes
    assert [c["protocol"] for c in emu.calls()] == [protocol]


def test_instance_lifecycle_tags_and_paging(deallocating_speaking: Any) -> None:
    # Instances ALLOCATED at once and DEALLOCATING for an hour once deleted: on a loaded machine the
    # session's 0.1 s deallocation, and a paced 0.6 s one, could end before the Get that must see it.
    speaking = deallocating_speaking
    created = [
        create_instance(
            speaking, Tags=[{"Key": "n", "Value": str(n)}], BillingConfiguration={"BillingMode": "MONTHLY"}
        )
        for n in range(3)
    ]
    got = speaking.get_workspace_instance(WorkspaceInstanceId=created[0])
    assert (got["ProvisionState"], got["BillingConfiguration"]["BillingMode"]) == ("ALLOCATED", "MONTHLY")
    assert got["EC2ManagedInstance"]["InstanceId"].startswith("i-")

    first = speaking.list_workspace_instances(MaxResults=2)
    rest = speaking.list_workspace_instances(MaxResults=2, NextToken=first["NextToken"])
    assert [
        i["WorkspaceInstanceId"] for i in first["WorkspaceInstances"] + rest["WorkspaceInstances"]
    ] == created
    assert "NextToken" not in rest
    paged = speaking.get_paginator("list_workspace_instances").paginate(PaginationConfig={"PageSize": 1})
    assert [i["WorkspaceInstanceId"] for page in paged for i in page["WorkspaceInstances"]] == created

    speaking.tag_resource(WorkspaceInstanceId=created[0], Tags=[{"Key": "env", "Value": "dev"}])
    speaking.untag_resource(WorkspaceInstanceId=created[0], TagKeys=["n"])
    assert speaking.list_tags_for_resource(WorkspaceInstanceId=created[0])["Tags"] == [
        {"Key": "env", "Value": "dev"}
    ]

    speaking.delete_workspace_instance(WorkspaceInstanceId=created[0])
    assert speaking.get_workspace_instance(WorkspaceInstanceId=created[0])["ProvisionState"] == "DEALLOCATING"
    with pytest.raises(speaking.exceptions.ConflictException):
        speaking.delete_workspace_instance(WorkspaceInstanceId=created[0])


def test_volumes(modifying: Emulator, protocol: str) -> None:
    # Modifications stay `modifying` there, so the second ModifyVolume surely meets the first in progress
    # (the session's 0.4 s one can end first on a loaded machine); instances are ALLOCATED at once.
    speaking = client_for(modifying.endpoint_url, protocol=protocol)
    instance_id = create_instance(
        speaking,
        ManagedInstance={
            "ImageId": WINDOWS_AMI,
            "InstanceType": "m5.large",
            "Placement": {"AvailabilityZone": "us-east-1a"},
        },
    )
    volume_id = speaking.create_volume(AvailabilityZone="us-east-1a", SizeInGB=20, Encrypted=True)["VolumeId"]
    speaking.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id, Device="/dev/sdf")
    modified = speaking.modify_volume(VolumeId=volume_id, SizeInGB=40, Throughput=200)
    assert (modified["TargetSize"], modified["TargetThroughput"]) == (40, 200)
    with pytest.raises(speaking.exceptions.VolumeModificationRateExceededException):
        speaking.modify_volume(VolumeId=volume_id, SizeInGB=50)
    speaking.disassociate_volume(
        WorkspaceInstanceId=instance_id, VolumeId=volume_id, DisassociateMode="NO_FORCE"
    )
    speaking.delete_volume(VolumeId=volume_id)


def test_instance_types_with_a_filter_and_pages(speaking: Any) -> None:
    pages = list(
        speaking.get_paginator("list_instance_types").paginate(
            InstanceConfigurationFilter=MONTHLY_WINDOWS, PaginationConfig={"PageSize": 4}
        )
    )
    types = [t for page in pages for t in page["InstanceTypes"]]
    assert len(pages) > 1
    assert all(MONTHLY_WINDOWS in t["SupportedInstanceConfigurations"] for t in types)
    assert "m5.large" in [t["InstanceType"] for t in types]


def test_errors_carry_their_codes_and_members(emu: Emulator, speaking: Any) -> None:
    with pytest.raises(ClientError) as missing:
        speaking.get_workspace_instance(WorkspaceInstanceId="wsinst-abcdef1234")
    response: Any = missing.value.response
    assert (response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]) == (
        "ResourceNotFoundException",
        404,
    )
    assert (response["ResourceId"], response["ResourceType"]) == ("wsinst-abcdef1234", "WorkspaceInstance")

    emu.add_faults([{"operation": "ListRegions", "action": "error", "error": "Throttling", "retry_after": 7}])
    with pytest.raises(speaking.exceptions.ThrottlingException) as throttled:
        speaking.list_regions()
    assert throttled.value.response["RetryAfterSeconds"] == 7
    assert throttled.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429


def test_validation_errors_list_their_fields(make_client: Any, protocol: str) -> None:
    loose = make_client(protocol=protocol, validate=False)
    with pytest.raises(loose.exceptions.ValidationException) as excinfo:
        loose.list_workspace_instances(MaxResults=0, ProvisionStates=["SLEEPING"])
    response: Any = excinfo.value.response
    assert response["Reason"] == "FIELD_VALIDATION_FAILED"
    assert {f["Name"] for f in response["FieldList"]} == {"MaxResults", "ProvisionStates[0]"}


def test_a_client_token_returns_the_first_answer(speaking: Any) -> None:
    first = create_instance(speaking, ClientToken="same-token")
    assert create_instance(speaking, ClientToken="same-token") == first
    with pytest.raises(speaking.exceptions.ConflictException):
        create_instance(speaking, ClientToken="same-token", Tags=[{"Key": "other", "Value": "request"}])
    assert len(speaking.list_workspace_instances()["WorkspaceInstances"]) == 1


def test_call_log_and_faults_work_the_same(emu: Emulator, make_client: Any, protocol: str) -> None:
    speaking = make_client(protocol=protocol, attempts=3)
    emu.add_faults(
        [
            {"operation": "CreateWorkspaceInstance", "action": "drop_response"},
            {"operation": "ListRegions", "action": "delay", "seconds": 0.3},
        ]
    )
    instance_id = create_instance(speaking, ClientToken="dropped-once")
    started = time.monotonic()
    speaking.list_regions()
    assert time.monotonic() - started >= 0.3
    calls = emu.calls()
    assert [(c["operation"], c["protocol"], c["status"]) for c in calls] == [
        ("CreateWorkspaceInstance", protocol, 200),
        ("CreateWorkspaceInstance", protocol, 200),
        ("ListRegions", protocol, 200),
    ]
    assert calls[0]["params"]["ClientToken"] == REDACTED
    assert calls[0]["params"]["ManagedInstance"] == {"ImageId": WINDOWS_AMI, "InstanceType": "m5.large"}
    assert [i["WorkspaceInstanceId"] for i in speaking.list_workspace_instances()["WorkspaceInstances"]] == [
        instance_id
    ]
    emu.add_faults([{"operation": "GetWorkspaceInstance", "action": "drop_response"}])
    with pytest.raises(ConnectionClosedError):
        make_client(protocol=protocol).get_workspace_instance(WorkspaceInstanceId=instance_id)


def test_timestamps_travel_as_tag_1(emu: Emulator, speaking: Any, protocol: str) -> None:
    from datetime import UTC, datetime

    until = datetime(2030, 1, 1, tzinfo=UTC)
    create_instance(
        speaking,
        ManagedInstance={
            "ImageId": WINDOWS_AMI,
            "InstanceType": "m5.large",
            "InstanceMarketOptions": {"MarketType": "spot", "SpotOptions": {"ValidUntilUtc": until}},
        },
    )
    logged = emu.calls()[-1]["params"]["ManagedInstance"]["InstanceMarketOptions"]["SpotOptions"]
    assert logged["ValidUntilUtc"] == until.timestamp()


# --- raw Smithy RPC v2 CBOR requests ------------------------------------------------------------


def _cbor_call(
    emu: Emulator,
    operation: str,
    body: bytes,
    headers: dict[str, str] | None = None,
    path: str | None = None,
) -> tuple[int, dict[str, str], Any]:
    """POST a signed CBOR request; returns status, headers and the decoded CBOR answer."""
    url_path = path or f"/service/EUCMIFrontendAPIService/operation/{operation}"
    all_headers = {
        "smithy-protocol": "rpc-v2-cbor",
        "Content-Type": "application/cbor",
        "Accept": "application/cbor",
    }
    all_headers.update(headers or {})
    request = AWSRequest(method="POST", url=emu.endpoint_url + url_path, data=body, headers=all_headers)
    SigV4Auth(CREDENTIALS, "workspaces-instances", REGION).add_auth(request)
    parts = urlsplit(emu.endpoint_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        connection.request("POST", url_path, body=body, headers=dict(request.headers.items()))
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    headers_seen = {k.lower(): v for k, v in response.getheaders()}
    return response.status, headers_seen, cbor.decode(payload) if payload else None


def test_cbor_answers_carry_the_protocol_header(emu: Emulator) -> None:
    status, headers, body = _cbor_call(emu, "ListRegions", cbor.encode({"MaxResults": 1}))
    assert status == 200
    assert (headers["content-type"], headers["smithy-protocol"]) == ("application/cbor", "rpc-v2-cbor")
    assert len(body["Regions"]) == 1 and body["NextToken"]


def test_indefinite_length_items_are_read(emu: Emulator) -> None:
    # {_ "MaxResults": 2} with the key as a chunked text string.
    body = b"\xbf\x7f\x63Max\x67Results\xff\x02\xff"
    status, _, answer = _cbor_call(emu, "ListRegions", body)
    assert status == 200 and len(answer["Regions"]) == 2


@pytest.mark.parametrize(
    ("body", "headers", "path", "status", "code"),
    [
        (b"\xa1\x6aMaxResults", None, None, 400, "ValidationException"),  # truncated
        (b"\xa1\x62\xff\xfe\x01", None, None, 400, "ValidationException"),  # key not UTF-8
        (b"\xc2\x41\x01", None, None, 400, "ValidationException"),  # a bignum tag
        (cbor.encode({}) + b"\x00", None, None, 400, "ValidationException"),  # trailing bytes
        (cbor.encode({}), {"smithy-protocol": "rpc-v3"}, None, 400, "ValidationException"),
        (cbor.encode({}), {"Content-Type": "application/json"}, None, 400, "ValidationException"),
        (
            cbor.encode({}),
            None,
            "/service/EUCMIFrontendAPIService/operation/LaunchRockets",
            404,
            "UnknownOperationException",
        ),
        (
            cbor.encode({}),
            None,
            "/service/OtherService/operation/ListRegions",
            404,
            "UnknownOperationException",
        ),
        (
            cbor.encode({"MaxResults": b"\x01"}),
            None,
            None,
            400,
            "ValidationException",
        ),  # bytes for an integer
    ],
)
def test_unreadable_cbor_requests_get_cbor_errors(
    emu: Emulator, body: bytes, headers: dict[str, str] | None, path: str | None, status: int, code: str
) -> None:
    got_status, got_headers, answer = _cbor_call(emu, "ListRegions", body, headers, path)
    assert (got_status, answer["__type"].rpartition("#")[2]) == (status, code)
    # Modeled errors spell it as their shape does (Message); unmodeled ones as AWS's front door does.
    assert answer["Message" if code == "ValidationException" else "message"]
    assert got_headers["smithy-protocol"] == "rpc-v2-cbor"
    assert emu.calls()[-1]["status"] == status
