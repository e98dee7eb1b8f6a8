"""The wire protocol as boto3 and raw HTTP clients see it: signing, targets, errors, regions."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from tests.emulator.conftest import ClientFactory, create_instance, raw_call


def test_unsigned_request_is_refused_with_403(emu: Emulator) -> None:
    answer = raw_call(emu.endpoint_url, "ListRegions", {}, signed=False)
    assert answer.status == 403
    assert answer.body["__type"].endswith("MissingAuthenticationTokenException")
    assert answer.body["message"]


def test_malformed_authorization_is_refused_with_403(emu: Emulator) -> None:
    answer = raw_call(
        emu.endpoint_url, "ListRegions", {}, signed=False, headers={"Authorization": "Bearer abc"}
    )
    assert answer.status == 403
    assert answer.body["__type"].endswith("IncompleteSignatureException")


def test_request_signed_for_another_service_is_refused(emu: Emulator) -> None:
    scope = "AKIAX/20260101/us-east-1/ec2/aws4_request"
    header = f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host, Signature=abcdef"
    answer = raw_call(emu.endpoint_url, "ListRegions", {}, signed=False, headers={"Authorization": header})
    assert answer.status == 403


def test_signed_request_succeeds_with_json_1_0_content_type(emu: Emulator) -> None:
    answer = raw_call(emu.endpoint_url, "ListRegions", {})
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/x-amz-json-1.0"
    assert answer.body["Regions"]


def test_unknown_operation_is_rejected(emu: Emulator) -> None:
    answer = raw_call(emu.endpoint_url, "LaunchRockets", {})
    assert answer.status == 400
    assert answer.body["__type"].endswith("UnknownOperationException")


def test_unparsable_body_is_a_validation_error(emu: Emulator) -> None:
    answer = raw_call(emu.endpoint_url, "ListRegions", b"{not json")
    assert answer.status == 400
    assert answer.body["__type"].endswith("ValidationException")
    assert answer.body["Reason"] == "CANNOT_PARSE"


def test_errors_carry_the_model_status_and_modeled_members(client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.get_workspace_instance(WorkspaceInstanceId="wsinst-abcdef1234")
    response: Any = excinfo.value.response
    assert response["Error"]["Code"] == "ResourceNotFoundException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert response["ResourceId"] == "wsinst-abcdef1234"
    assert response["ResourceType"] == "WorkspaceInstance"


def test_state_is_per_region(make_client: ClientFactory) -> None:
    east, west = make_client(region="us-east-1"), make_client(region="eu-west-1")
    instance_id = create_instance(east)
    assert [i["WorkspaceInstanceId"] for i in east.list_workspace_instances()["WorkspaceInstances"]] == [
        instance_id
    ]
    assert west.list_workspace_instances()["WorkspaceInstances"] == []
    with pytest.raises(west.exceptions.ResourceNotFoundException):
        west.get_workspace_instance(WorkspaceInstanceId=instance_id)


def test_endpoint_from_environment_variable(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    import boto3

    monkeypatch.setenv("AWS_ENDPOINT_URL_WORKSPACES_INSTANCES", emu.endpoint_url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIADUMMY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "dummy")
    client = boto3.client("workspaces-instances", region_name="us-east-1")
    assert client.list_regions()["Regions"]
