"""Failed allocations, timeouts, AWS errors: cleaned up, and reported in one line a user can act on."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.aws import clients
from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from tests.conftest import HELD_SECONDS, EmulatorFactory, emulator_client, settled

from .conftest import UNSUPPORTED_INSTANCE_TYPE

pytestmark = pytest.mark.usefixtures("fast_polling")

Props = dict[str, Any]
Create = Callable[..., tuple[str, Props]]


def states(client: WorkspacesInstancesClient) -> dict[str, str]:
    answer = client.list_workspace_instances()["WorkspaceInstances"]
    return {item["WorkspaceInstanceId"]: item["ProvisionState"] for item in answer}


def create_fails(provider: WorkspaceInstanceProvider, props: Props) -> str:
    with pytest.raises(WorkspaceInstanceError) as failure:
        provider.create(props)
    message = str(failure.value)
    assert "\n" not in message
    return message


def delete_fails(provider: WorkspaceInstanceProvider, instance_id: str, outs: Props) -> str:
    """The one-line message of the error the provider's delete raises."""
    with pytest.raises(WorkspaceInstanceError) as failure:
        provider.delete(instance_id, outs)
    message = str(failure.value)
    assert "\n" not in message
    return message


def error_fault(operation: str, error: str, times: int = 5) -> dict[str, Any]:
    """An emulator fault: ``operation`` answers ``error`` ``times`` times (5 outlasts botocore's retries)."""
    return {"operation": operation, "action": "error", "error": error, "times": times}


def test_error_allocating_deletes_the_instance_and_reports_the_ec2_error(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    bad = inputs(
        managed_instance={"ImageId": "ami-0a1b2c3d4e5f60001", "InstanceType": UNSUPPORTED_INSTANCE_TYPE}
    )

    message = create_fails(provider, provider.check({}, bad).inputs)

    [(instance_id, provision_state)] = states(wsi_client).items()
    assert provision_state in ("DEALLOCATING", "DEALLOCATED"), "nothing left running or billed"
    assert instance_id in message
    assert "ERROR_ALLOCATING" in message
    assert "InvalidParameterValue" in message and UNSUPPORTED_INSTANCE_TYPE in message


def test_every_allocation_error_is_reported(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    aws_env.add_faults(
        [
            {
                "operation": "CreateWorkspaceInstance",
                "action": "fail_allocation",
                "ec2_error_code": "InsufficientInstanceCapacity",
                "message": "No capacity in us-east-1a.",
            }
        ]
    )

    message = create_fails(provider, provider.check({}, inputs()).inputs)

    assert "InsufficientInstanceCapacity" in message and "No capacity in us-east-1a." in message


def test_create_timeout_deletes_the_instance_and_names_it_and_its_state(
    aws_env: Emulator,
    aimed_emulator: EmulatorFactory,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
) -> None:
    # Allocation lasts an hour there, so the 50 ms run out while ALLOCATING: the session's 0.2 s can end
    # before the create's first look on a loaded machine, and the create then succeeds.
    emulator = aimed_emulator(HELD_SECONDS)

    message = create_fails(provider, provider.check({}, inputs(timeouts={"create": "50ms"})).inputs)

    [(instance_id, provision_state)] = states(emulator_client(emulator)).items()
    assert provision_state in ("DEALLOCATING", "DEALLOCATED")
    assert instance_id in message and "ALLOCATING" in message and "timeouts.create" in message


def test_delete_timeout_names_the_instance_and_its_state(
    aws_env: Emulator,
    aimed_emulator: EmulatorFactory,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
) -> None:
    # ALLOCATED at once, and DEALLOCATING for an hour once deleted: the 10 ms surely run out before the
    # end (the session's 0.1 s deallocation can end before the delete's first look on a loaded machine).
    aimed_emulator(0, HELD_SECONDS)
    created = provider.create(provider.check({}, inputs()).inputs)
    instance_id, outs = created.id, created.outs or {}

    with pytest.raises(WorkspaceInstanceError) as failure:
        provider.delete(instance_id, {**outs, "timeouts": {"delete": "10ms"}})

    message = str(failure.value)
    assert instance_id in message and "DEALLOCATING" in message and "timeouts.delete" in message


def test_access_denied_names_the_missing_iam_action(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    aws_env.add_faults([error_fault("CreateWorkspaceInstance", "AccessDeniedException")])

    message = create_fails(provider, provider.check({}, inputs()).inputs)

    assert message.startswith("CreateWorkspaceInstance failed: AccessDeniedException:")
    assert "workspaces-instances:CreateWorkspaceInstance" in message


@pytest.mark.parametrize(
    ("faults", "denied"),
    [
        pytest.param(
            [error_fault("DeleteWorkspaceInstance", "AccessDeniedException")],
            "DeleteWorkspaceInstance",
            id="access denied on delete",
        ),
        pytest.param(
            [
                {"operation": "DeleteWorkspaceInstance", "action": "error", "error": "ConflictException"},
                error_fault("GetWorkspaceInstance", "AccessDeniedException"),
            ],
            "GetWorkspaceInstance",
            id="a failed look during delete",
        ),
    ],
)
def test_a_delete_denied_names_the_call_and_instance(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    created: Create,
    faults: list[dict[str, Any]],
    denied: str,
) -> None:
    instance_id, outs = created()
    aws_env.add_faults(faults)

    message = delete_fails(provider, instance_id, outs)

    assert f"{denied} failed for {instance_id}: AccessDeniedException" in message
    assert f"workspaces-instances:{denied}" in message


def test_throttling_waits_as_long_as_the_service_asks(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    # More throttles than botocore's two attempts absorb: our loop must wait RetryAfterSeconds.
    aws_env.add_faults(
        [
            {
                "operation": "GetWorkspaceInstance",
                "action": "error",
                "error": "ThrottlingException",
                "retry_after": 1,
                "times": 2,
            }
        ]
    )
    started = time.monotonic()

    result = provider.create(provider.check({}, inputs()).inputs)

    assert result.outs is not None and result.outs["provision_state"] == "ALLOCATED"
    assert time.monotonic() - started >= 1.0
    provider.delete(result.id, result.outs)


def test_error_deallocating_fails_delete_with_the_service_reasons(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The emulator never fails a deletion; botocore's Stubber plays the service's answers.
    client = boto3.client("workspaces-instances", region_name="us-east-1")
    stubber = Stubber(client)
    instance_id = "wsinst-abcdef123456"
    stubber.add_response("delete_workspace_instance", {}, {"WorkspaceInstanceId": instance_id})
    stubber.add_response(
        "get_workspace_instance",
        {
            "WorkspaceInstanceId": instance_id,
            "ProvisionState": "ERROR_DEALLOCATING",
            "WorkspaceInstanceErrors": [
                {"ErrorCode": "VolumeInUse", "ErrorMessage": "vol-1 is still attached"}
            ],
            "EC2InstanceErrors": [],
        },
        {"WorkspaceInstanceId": instance_id},
    )
    monkeypatch.setattr(clients, "client_for", lambda region: client)

    with stubber, pytest.raises(WorkspaceInstanceError) as failure:
        provider.delete(instance_id, {"region": "us-east-1"})

    message = str(failure.value)
    assert instance_id in message and "ERROR_DEALLOCATING" in message
    assert "VolumeInUse: vol-1 is still attached" in message


def test_a_failed_refresh_names_the_operation_and_instance(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, created: Create
) -> None:
    instance_id, outs = created()
    aws_env.add_faults([error_fault("ListTagsForResource", "AccessDeniedException")])

    with pytest.raises(WorkspaceInstanceError) as failure:
        provider.read(instance_id, outs)

    expected = f"ListTagsForResource failed for {instance_id}: AccessDeniedException"
    assert str(failure.value).startswith(expected)


def test_an_instance_already_failed_at_the_first_look_is_cleaned_up_not_skipped(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    # The first GetWorkspaceInstance arrives after allocation has already failed.
    aws_env.add_faults([{"operation": "GetWorkspaceInstance", "action": "delay", "seconds": 0.5}])
    bad = inputs(
        managed_instance={"ImageId": "ami-0a1b2c3d4e5f60001", "InstanceType": UNSUPPORTED_INSTANCE_TYPE}
    )

    message = create_fails(provider, provider.check({}, bad).inputs)

    creates = [call for call in aws_env.calls() if call["operation"] == "CreateWorkspaceInstance"]
    assert len(creates) == 1, "a failed instance is this create's own, not an earlier life to step over"
    [(instance_id, provision_state)] = states(wsi_client).items()
    assert provision_state in ("DEALLOCATING", "DEALLOCATED")
    assert instance_id in message and "ERROR_ALLOCATING" in message


# --- errors that name the cause and the next step ---------------------------------------------


def test_a_create_throttled_until_its_timeout_says_which_timeout_ran_out(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    aws_env.add_faults([error_fault("CreateWorkspaceInstance", "ThrottlingException", times=10_000)])

    started = time.monotonic()
    message = create_fails(provider, provider.check({}, inputs(timeouts={"create": "1s"})).inputs)
    print(f"{len(aws_env.calls())} calls, {time.monotonic() - started:.1f}s: {message}")

    assert message.startswith("CreateWorkspaceInstance failed: ThrottlingException:")
    assert "still failing when timeouts.create (1s) ran out" in message
    assert "run `pulumi up` again" in message


def test_a_delete_refused_with_conflict_until_its_timeout_names_the_conflict_not_a_longer_timeout(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, created: Create
) -> None:
    instance_id, outs = created()
    aws_env.add_faults([error_fault("DeleteWorkspaceInstance", "ConflictException", times=10_000)])

    started, before = time.monotonic(), len(aws_env.calls())
    with pytest.raises(WorkspaceInstanceError) as failure:
        provider.delete(instance_id, {**outs, "timeouts": {"delete": "1s"}})

    message = str(failure.value)
    print(f"{len(aws_env.calls()) - before} calls, {time.monotonic() - started:.1f}s: {message}")
    assert "\n" not in message
    assert message.startswith(f"DeleteWorkspaceInstance failed for {instance_id}: ConflictException:")
    assert "timeouts.delete (1s) ran out" in message and "ALLOCATED" in message
    assert "wait for that to finish, then run `pulumi destroy` again" in message
    aws_env.clear_faults()


def test_a_tag_update_of_an_instance_deleted_outside_pulumi_says_to_refresh(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    created: Create,
    wsi_client: WorkspacesInstancesClient,
) -> None:
    instance_id, outs = created()
    wsi_client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    assert settled(wsi_client, instance_id)["ProvisionState"] == "DEALLOCATED"

    started, before = time.monotonic(), len(aws_env.calls())
    with pytest.raises(WorkspaceInstanceError) as failure:
        provider.update(instance_id, outs, {**outs, "tags": {"team": "other"}})

    message = str(failure.value)
    print(f"{len(aws_env.calls()) - before} calls, {time.monotonic() - started:.1f}s: {message}")
    assert "ResourceNotFoundException" in message and instance_id in message
    assert "run `pulumi refresh` to drop it from the stack" in message
