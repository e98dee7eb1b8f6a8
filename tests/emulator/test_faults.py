"""Fault injection through the control plane and the Python API, as a client experiences it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import settled
from tests.emulator.conftest import ClientFactory, client_for, control, create_instance


def _code(call: Any) -> str | None:
    try:
        call()
    except ClientError as error:
        return str(error.response["Error"]["Code"])
    return None


def test_error_fault_answers_the_modeled_error_with_retry_after(emu: Emulator, client: Any) -> None:
    status, _ = control(
        emu.endpoint_url,
        "POST",
        "/_emulator/faults",
        [
            {
                "operation": "CreateWorkspaceInstance",
                "action": "error",
                "error": "Throttling",
                "retry_after": 7,
            }
        ],
    )
    assert status == 200
    with pytest.raises(client.exceptions.ThrottlingException) as excinfo:
        create_instance(client)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert excinfo.value.response["RetryAfterSeconds"] == 7
    # Not applied, and used up after one call (times defaults to 1).
    assert client.list_workspace_instances()["WorkspaceInstances"] == []
    create_instance(client)


def test_error_fault_fires_the_given_number_of_times_on_its_operation_only(
    emu: Emulator, client: Any
) -> None:
    emu.add_faults(
        [{"operation": "ListRegions", "action": "error", "error": "InternalServerException", "times": 2}]
    )
    assert _code(client.list_instance_types) is None
    assert _code(client.list_regions) == "InternalServerException"
    assert _code(client.list_regions) == "InternalServerException"
    assert _code(client.list_regions) is None


def test_error_fault_with_required_members(emu: Emulator, client: Any) -> None:
    emu.add_faults([{"operation": "*", "action": "error", "error": "ServiceQuotaExceededException"}])
    with pytest.raises(client.exceptions.ServiceQuotaExceededException) as excinfo:
        create_instance(client)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 402
    assert excinfo.value.response["QuotaCode"]


def test_drop_response_applies_the_request_without_answering(emu: Emulator, client: Any) -> None:
    emu.add_faults([{"operation": "CreateWorkspaceInstance", "action": "drop_response"}])
    with pytest.raises(ConnectionClosedError):
        create_instance(client)
    assert len(client.list_workspace_instances()["WorkspaceInstances"]) == 1


def test_retry_after_a_dropped_response_reuses_the_client_token(
    emu: Emulator, make_client: ClientFactory
) -> None:
    retrying = make_client(attempts=3)
    emu.add_faults([{"operation": "CreateWorkspaceInstance", "action": "drop_response"}])
    instance_id = create_instance(retrying)
    listed = retrying.list_workspace_instances()["WorkspaceInstances"]
    assert [i["WorkspaceInstanceId"] for i in listed] == [instance_id]
    creates = [c for c in emu.calls() if c["operation"] == "CreateWorkspaceInstance"]
    assert len(creates) == 2


def test_delay_fault_slows_the_answer(emu: Emulator, client: Any) -> None:
    emu.add_faults([{"operation": "ListRegions", "action": "delay", "seconds": 0.3}])
    started = time.monotonic()
    client.list_regions()
    assert time.monotonic() - started >= 0.3
    # That call used the rule up (`times` defaults to 1), so nothing delays the next. Timing the next
    # against the 0.3 s would race a loaded machine, where a plain call can take longer than that.
    assert control(emu.endpoint_url, "POST", "/_emulator/faults", []) == (200, {"active": 0})
    client.list_regions()


def test_fail_allocation_sends_the_next_create_to_error_allocating(emu: Emulator, client: Any) -> None:
    emu.add_faults(
        [
            {
                "operation": "*",
                "action": "fail_allocation",
                "ec2_error_code": "InsufficientInstanceCapacity",
                "message": "No capacity in us-east-1a.",
            }
        ]
    )
    client.list_regions()  # other operations do not use up the rule
    failing, healthy = create_instance(client), create_instance(client)
    failed = settled(client, failing)
    assert failed["ProvisionState"] == "ERROR_ALLOCATING"
    assert failed["EC2InstanceErrors"][0]["EC2ErrorCode"] == "InsufficientInstanceCapacity"
    assert failed["EC2InstanceErrors"][0]["EC2ErrorMessage"] == "No capacity in us-east-1a."
    assert settled(client, healthy)["ProvisionState"] == "ALLOCATED"


def test_probability_with_a_seed_is_repeatable(emu: Emulator, client: Any) -> None:
    rule = {
        "operation": "ListRegions",
        "action": "error",
        "error": "ThrottlingException",
        "probability": 0.5,
        "seed": 7,
    }

    def pattern() -> list[str | None]:
        emu.clear_faults()
        emu.add_faults([rule])
        return [_code(client.list_regions) for _ in range(20)]

    first = pattern()
    assert first == pattern()
    assert 0 < first.count("ThrottlingException") < 20


def test_clearing_faults_over_http(emu: Emulator, client: Any) -> None:
    control(
        emu.endpoint_url,
        "POST",
        "/_emulator/faults",
        [{"operation": "*", "action": "error", "error": "AccessDeniedException", "times": 5}],
    )
    assert _code(client.list_regions) == "AccessDeniedException"
    assert control(emu.endpoint_url, "DELETE", "/_emulator/faults") == (200, {"active": 0})
    assert _code(client.list_regions) is None


@pytest.mark.parametrize(
    "rule",
    [
        {"operation": "LaunchRockets", "action": "error", "error": "ThrottlingException"},
        {"operation": "*", "action": "explode"},
        {"operation": "*", "action": "error", "error": "NoSuchError"},
        {"operation": "*", "action": "error"},
        {"operation": "*", "action": "delay", "seconds": "soon"},
        {"operation": "*", "action": "error", "error": "ThrottlingException", "times": 0},
        {"operation": "*", "action": "error", "error": "ThrottlingException", "probability": 2},
        {"operation": "*", "action": "fail_deallocation", "ec2_error_code": "Typo"},
        {"operation": "*", "action": "fail_deallocation", "error_code": ["DeallocationFailed"]},
    ],
)
def test_malformed_rule_is_refused_with_the_reason(emu: Emulator, rule: dict[str, Any]) -> None:
    status, body = control(emu.endpoint_url, "POST", "/_emulator/faults", [rule])
    assert status == 400
    assert body["error"]
    with pytest.raises(ValueError):
        emu.add_faults([rule])


TERMINATION_FAILS = {
    "operation": "DeleteWorkspaceInstance",
    "action": "fail_deallocation",
    "error_code": "InstanceTerminationFailed",
    "message": "The EC2 instance could not be terminated.",
}


def test_fail_deallocation_ends_the_next_delete_in_error_deallocating(
    deallocating: Emulator, emu: Emulator, client: Any
) -> None:
    # The failure shows when the deletion ends, not when it starts: DEALLOCATING first, read where
    # deallocation lasts an hour (the session's 0.1 s one once ended before this Get on a loaded machine).
    held = client_for(deallocating.endpoint_url)
    deleting = create_instance(held)
    deallocating.add_faults([TERMINATION_FAILS])
    held.delete_workspace_instance(WorkspaceInstanceId=deleting)
    assert held.get_workspace_instance(WorkspaceInstanceId=deleting)["ProvisionState"] == "DEALLOCATING"

    # Its end, and the rule taken by that delete only, on the session's emulator.
    failing, healthy, missing = create_instance(client), create_instance(client), "wsinst-0000000000"
    assert {settled(client, made)["ProvisionState"] for made in (failing, healthy)} == {"ALLOCATED"}
    emu.add_faults([TERMINATION_FAILS])
    client.list_regions()  # other operations do not use up the rule ...
    with pytest.raises(client.exceptions.ResourceNotFoundException):  # ... nor a delete that starts nothing
        client.delete_workspace_instance(WorkspaceInstanceId=missing)
    client.delete_workspace_instance(WorkspaceInstanceId=failing)
    client.delete_workspace_instance(WorkspaceInstanceId=healthy)

    failed = settled(client, failing)
    assert failed["ProvisionState"] == "ERROR_DEALLOCATING"
    assert failed["WorkspaceInstanceErrors"] == [
        {
            "ErrorCode": "InstanceTerminationFailed",
            "ErrorMessage": "The EC2 instance could not be terminated.",
        }
    ]
    assert failed["EC2ManagedInstance"]["InstanceId"].startswith("i-"), "the EC2 instance is still there"
    assert settled(client, healthy)["ProvisionState"] == "DEALLOCATED"
    listed = client.list_workspace_instances(ProvisionStates=["ERROR_DEALLOCATING"])["WorkspaceInstances"]
    assert [i["WorkspaceInstanceId"] for i in listed] == [failing]

    # Deleting it again starts a new deletion, which (the rule used up) succeeds.
    client.delete_workspace_instance(WorkspaceInstanceId=failing)
    retried = settled(client, failing)
    assert (retried["ProvisionState"], retried["WorkspaceInstanceErrors"]) == ("DEALLOCATED", [])
    assert retried["EC2ManagedInstance"]["InstanceId"] == failed["EC2ManagedInstance"]["InstanceId"]


def test_fail_deallocation_defaults_and_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with Emulator(allocate_seconds=0, deallocate_seconds=0.1, state_path=state) as first:
        client = client_for(first.endpoint_url)
        instance_id = create_instance(client)
        first.add_faults([{"operation": "*", "action": "fail_deallocation"}])
        client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    time.sleep(0.15)
    with Emulator(allocate_seconds=0, deallocate_seconds=0.1, state_path=state) as second:
        got = client_for(second.endpoint_url).get_workspace_instance(WorkspaceInstanceId=instance_id)
    assert got["ProvisionState"] == "ERROR_DEALLOCATING"
    assert got["WorkspaceInstanceErrors"] == [
        {"ErrorCode": "DeallocationFailed", "ErrorMessage": "Injected deallocation failure."}
    ]
