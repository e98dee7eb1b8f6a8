"""Error bodies on the wire carry exactly the members of the model's error shape, under its names.

Smithy-generated clients (the Go SDK v2, the JavaScript SDK over CBOR) read an error member only
under the name its shape declares: ``Message``, not ``message``. Each modeled error the service can
answer is provoked through a real boto3 client in both protocols, and its raw body is checked
against the error shape with the emulator's own model-driven validation (required members, types,
enum values) and for stray spellings; botocore must still hand its users the message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError
from botocore.model import StructureShape

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core import cbor
from pulumi_workspaces_instances.emulator.core.model import error_shape
from pulumi_workspaces_instances.emulator.core.validation import violations
from tests.emulator.conftest import client_for, raw_call

#: Errors only a fault can produce here, with the fields each fault rule gives them.
INJECTED = {
    "ThrottlingException": {"retry_after": 3},
    "InternalServerException": {"retry_after": 2},
    "AccessDeniedException": {},
    "ServiceQuotaExceededException": {},
}


def _capture_error_bodies(client: Any, protocol: str) -> list[dict[str, Any]]:
    """Every error body ``client`` receives from now on, decoded from the raw bytes."""
    bodies: list[dict[str, Any]] = []
    read: Callable[[bytes], Any] = json.loads if protocol == "json" else cbor.decode

    def capture(response_dict: dict[str, Any], **_: Any) -> None:
        if response_dict["status_code"] >= 400:
            bodies.append(dict(read(response_dict["body"])))

    client.meta.events.register("before-parse.workspaces-instances.*", capture)
    return bodies


def _provoke(call: Callable[[], Any]) -> ClientError:
    with pytest.raises(ClientError) as excinfo:
        call()
    return excinfo.value


def _check_against_shape(body: dict[str, Any], raised: ClientError) -> str:
    """Assert ``body`` is exactly an instance of its error shape; returns the error code."""
    code = body["__type"].rpartition("#")[2]
    shape = error_shape(code)
    assert isinstance(shape, StructureShape), f"{code} is not a modeled error"
    members = {name: value for name, value in body.items() if name != "__type"}
    assert set(members) <= set(shape.members), f"{code}: {sorted(set(members) - set(shape.members))}"
    assert "message" not in members and members["Message"]
    assert violations(members, shape) == [], f"{code} body breaks its shape: {members}"
    # botocore reads either spelling: its users still get the message and the modeled members.
    assert raised.response["Error"]["Code"] == code
    assert raised.response["Error"]["Message"] == members["Message"]
    return code


def test_every_modeled_error_uses_the_shape_member_names(modifying: Emulator, protocol: str) -> None:
    # Where a modification stays `modifying`, so the second ModifyVolume surely meets the first in progress
    # (the session's 0.4 s one ended first once, in a loaded run, and nothing was refused).
    client = client_for(modifying.endpoint_url, protocol=protocol, validate=False)
    bodies = _capture_error_bodies(client, protocol)
    raised = [
        _provoke(lambda: client.list_workspace_instances(MaxResults=0)),
        _provoke(lambda: client.get_workspace_instance(WorkspaceInstanceId="wsinst-abcdef1234")),
    ]
    volume_id = client.create_volume(AvailabilityZone="us-east-1a", SizeInGB=20, ClientToken="members-1")[
        "VolumeId"
    ]
    raised.append(
        _provoke(
            lambda: client.create_volume(AvailabilityZone="us-east-1a", SizeInGB=30, ClientToken="members-1")
        )
    )
    client.modify_volume(VolumeId=volume_id, SizeInGB=30)
    raised.append(_provoke(lambda: client.modify_volume(VolumeId=volume_id, SizeInGB=40)))
    for code, fields in INJECTED.items():
        modifying.add_faults([{"operation": "ListRegions", "action": "error", "error": code, **fields}])
        raised.append(_provoke(client.list_regions))

    codes = [_check_against_shape(body, error) for body, error in zip(bodies, raised, strict=True)]

    assert codes == [
        "ValidationException",
        "ResourceNotFoundException",
        "ConflictException",
        "VolumeModificationRateExceededException",
        *INJECTED,
    ]
    validation, not_found, conflict, _, throttling, internal, *_ = bodies
    assert validation["Reason"] == "FIELD_VALIDATION_FAILED"
    assert set(validation["FieldList"][0]) == {"Name", "Reason", "Message"}
    assert (not_found["ResourceId"], not_found["ResourceType"]) == ("wsinst-abcdef1234", "WorkspaceInstance")
    assert (conflict["ResourceId"], conflict["ResourceType"]) == (volume_id, "Volume")
    assert (throttling["RetryAfterSeconds"], internal["RetryAfterSeconds"]) == (3, 2)


def test_an_error_outside_the_model_keeps_aws_front_door_spelling(emu: Emulator) -> None:
    answer = raw_call(emu.endpoint_url, "LaunchRockets", {})
    assert answer.body["__type"].endswith("#UnknownOperationException")
    assert set(answer.body) == {"__type", "message"}
