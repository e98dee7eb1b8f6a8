"""ClientTokens: the same create retried or resumed gets the same instance; a replacement a new one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider, instance_provider
from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from pulumi_workspaces_instances.provider.aws.tokens import TOKEN_LENGTH, derive_client_token
from pulumi_workspaces_instances.provider.instances import state

pytestmark = pytest.mark.usefixtures("fast_polling")

Props = dict[str, Any]
Create = Callable[..., tuple[str, Props]]


def creates(emulator: Emulator) -> int:
    """CreateWorkspaceInstance calls made (the emulator's log redacts the tokens themselves)."""
    return sum(1 for call in emulator.calls() if call["operation"] == "CreateWorkspaceInstance")


def instance_ids(client: WorkspacesInstancesClient) -> list[str]:
    return [i["WorkspaceInstanceId"] for i in client.list_workspace_instances()["WorkspaceInstances"]]


def create_killed_while_waiting(
    provider: WorkspaceInstanceProvider, checked: Props, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A create cut off (the CLI killed) while it waits for allocation: the instance started, not saved."""

    def crash(*_args: Any) -> None:
        raise KeyboardInterrupt("the CLI was killed while waiting")

    with monkeypatch.context() as patch:
        patch.setattr(instance_provider._Allocation, "wait", crash)
        with pytest.raises(KeyboardInterrupt):
            provider.create(checked)


def test_token_is_deterministic_printable_and_within_the_model_limit() -> None:
    request = {"ManagedInstance": {"ImageId": "ami-1", "InstanceType": "t3.medium"}}
    token = derive_client_token("org/p/s::web", request, 0)

    assert token == derive_client_token("org/p/s::web", dict(request), 0)
    assert 1 <= len(token) <= TOKEN_LENGTH and token.isprintable()
    assert token != derive_client_token("org/p/s::db", request, 0), "another resource"
    assert token != derive_client_token("org/p/s::web", request, 1), "another generation"
    assert token != derive_client_token("org/p/s::web", {"ManagedInstance": {"ImageId": "ami-2"}}, 0)


def test_a_create_whose_response_was_lost_is_retried_with_the_same_token(
    aws_env: Emulator, created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    aws_env.add_faults([{"operation": "CreateWorkspaceInstance", "action": "drop_response", "times": 1}])

    instance_id, _ = created()

    assert creates(aws_env) == 2
    assert instance_ids(wsi_client) == [instance_id], "the retry got the first instance back"


def test_a_create_resumed_after_a_crash_adopts_the_instance_it_started(
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked = provider.check({}, inputs()).inputs
    create_killed_while_waiting(provider, checked, monkeypatch)
    [orphan] = instance_ids(wsi_client)

    # The next `pulumi up`: a fresh provider process, check with empty olds, create again.
    again = WorkspaceInstanceProvider()
    result = again.create(again.check({}, inputs()).inputs)

    assert result.id == orphan
    assert instance_ids(wsi_client) == [orphan]
    again.delete(result.id, result.outs or {})


def test_a_replacement_with_identical_inputs_gets_a_new_instance(
    aws_env: Emulator, created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    # `pulumi up --replace`: the engine calls check({}, same inputs) and create while the old one lives.
    old_id, _ = created()
    new_id, new_outs = created()

    assert new_id != old_id
    assert new_outs["provision_state"] == "ALLOCATED"
    assert wsi_client.get_workspace_instance(WorkspaceInstanceId=old_id)["ProvisionState"] == "ALLOCATED"
    # The second create first got the old instance back, saw it is managed, and moved on.
    assert creates(aws_env) == 3


def test_recreating_after_destroy_or_refresh_makes_a_new_instance(
    provider: WorkspaceInstanceProvider, created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    old_id, old_outs = created()
    provider.delete(old_id, old_outs)

    new_id, new_outs = created()

    assert new_id != old_id and new_outs["provision_state"] == "ALLOCATED"


def test_a_create_retried_after_a_failed_allocation_makes_a_new_instance(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], created: Create
) -> None:
    aws_env.add_faults([{"operation": "CreateWorkspaceInstance", "action": "fail_allocation"}])
    with pytest.raises(WorkspaceInstanceError):
        provider.create(provider.check({}, inputs()).inputs)

    _, outs = created()

    assert outs["provision_state"] == "ALLOCATED"


def test_two_resources_with_identical_inputs_get_two_instances(
    created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    first, _ = created(__identity="org/project/stack::web-1")
    second, _ = created(__identity="org/project/stack::web-2")

    assert first != second
    assert sorted(instance_ids(wsi_client)) == sorted([first, second])


def test_a_user_client_token_is_sent_verbatim(
    created: Create, inputs: Callable[..., Props], wsi_client: WorkspacesInstancesClient
) -> None:
    instance_id, outs = created(client_token="my-token-1")

    # The service answers the same token and request with the same instance.
    request = state.create_request(inputs())
    again = wsi_client.create_workspace_instance(ClientToken="my-token-1", **request)
    assert again["WorkspaceInstanceId"] == instance_id
    assert outs["client_token"] == "my-token-1"


def test_a_used_up_user_client_token_says_to_change_it(
    provider: WorkspaceInstanceProvider, created: Create, inputs: Callable[..., Props]
) -> None:
    instance_id, outs = created(client_token="my-token-1")
    provider.delete(instance_id, outs)

    with pytest.raises(WorkspaceInstanceError) as failure:
        provider.create(provider.check({}, inputs(client_token="my-token-1")).inputs)

    message = str(failure.value)
    assert "client_token" in message and instance_id in message and "\n" not in message


def test_the_create_request_is_part_of_the_token(inputs: Callable[..., Props]) -> None:
    monthly = state.create_request(inputs(billing_mode="MONTHLY"))
    hourly = state.create_request(inputs(billing_mode="HOURLY"))

    assert derive_client_token("i", monthly, 0) != derive_client_token("i", hourly, 0)


def test_the_seed_separates_resources_whose_names_are_identical(
    aws_env: Emulator, created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    # Two stacks with the same project, stack and resource names in different backends.
    mine, _ = created(__seed="seed-of-my-backend")
    theirs, _ = created(__seed="seed-of-their-backend")

    assert mine != theirs
    assert creates(aws_env) == 2, "each derived its own token; neither adopted the other's instance"


def test_a_resumed_create_with_its_saved_seed_adopts_its_own_instance(
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seeded = provider.check({}, inputs(__seed="saved-before-the-create")).inputs
    create_killed_while_waiting(provider, seeded, monkeypatch)
    [started] = instance_ids(wsi_client)

    result = provider.create(provider.check({}, inputs(__seed="saved-before-the-create")).inputs)

    assert result.id == started and instance_ids(wsi_client) == [started]
    provider.delete(result.id, result.outs or {})


def test_defaults_filled_by_check_leave_the_request_and_token_as_before(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    # A create interrupted under 0.1 (no defaults in its inputs) and resumed now derives the same token.
    given = {key: value for key, value in inputs().items() if key != "__provider"}
    checked = provider.check({}, inputs()).inputs

    assert checked["billing_mode"] == "HOURLY" and checked["region"] == "us-east-1"
    assert sorted(checked["__defaults"]) == ["billing_mode", "region"]
    assert state.create_request(checked) == state.create_request(given)
    assert "BillingConfiguration" not in state.create_request(checked)
    assert state.create_request(provider.check({}, inputs(billing_mode="HOURLY")).inputs)[
        "BillingConfiguration"
    ] == {"BillingMode": "HOURLY"}, "given explicitly, it is sent"
