"""adopt_id: create takes over an existing instance instead of launching one — or says why it cannot."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.aws import clients
from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from tests.conftest import HELD_SECONDS, WINDOW_SECONDS, EmulatorFactory, emulator_client, settled
from toolchain.environment import emulator_environment

from .conftest import IMAGE_ID, INSTANCE_TYPE, Props, make_inputs

pytestmark = pytest.mark.usefixtures("fast_polling")


def _existing(client: WorkspacesInstancesClient, *, allocated: bool = True, **extra: Any) -> str:
    """An instance made outside Pulumi (console, script)."""
    instance_id = client.create_workspace_instance(
        ManagedInstance={"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE}, **extra
    )["WorkspaceInstanceId"]
    deadline = time.monotonic() + 5
    while (
        allocated
        and client.get_workspace_instance(WorkspaceInstanceId=instance_id)["ProvisionState"] != "ALLOCATED"
    ):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return instance_id


def _tags(client: WorkspacesInstancesClient, instance_id: str) -> dict[str, str]:
    return {
        t["Key"]: t["Value"] for t in client.list_tags_for_resource(WorkspaceInstanceId=instance_id)["Tags"]
    }


def _adopt(provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], **overrides: Any) -> Any:
    checked = provider.check({}, inputs(**overrides))
    assert checked.failures == [], [f.reason for f in checked.failures]
    return provider.create(checked.inputs)


def _adopt_fails(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], at_check: bool = True, **overrides: Any
) -> str:
    """The line a refused adoption fails with: at check (so at preview), and again at create.

    ``at_check`` False: a failure only the create can see (the allocation itself).
    """
    checked = provider.check({}, inputs(**overrides))
    with pytest.raises(WorkspaceInstanceError) as failure:
        provider.create(checked.inputs)
    assert "\n" not in str(failure.value)
    assert [f.reason for f in checked.failures] == ([str(failure.value)] if at_check else [])
    return str(failure.value)


@dataclass
class Adoption:
    """What an adoption test works with: the provider, valid inputs, and a client behind Pulumi's back."""

    provider: WorkspaceInstanceProvider
    inputs: Callable[..., Props]
    client: WorkspacesInstancesClient

    def existing(self, **extra: Any) -> str:
        return _existing(self.client, **extra)

    def tags(self, instance_id: str) -> dict[str, str]:
        return _tags(self.client, instance_id)

    def adopt(self, **overrides: Any) -> Any:
        return _adopt(self.provider, self.inputs, **overrides)

    def fails(self, **overrides: Any) -> str:
        return _adopt_fails(self.provider, self.inputs, **overrides)


@pytest.fixture
def adoption(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], wsi_client: WorkspacesInstancesClient
) -> Adoption:
    """The provider, inputs and client of the session's emulator, with the adoption helpers bound to them."""
    return Adoption(provider, inputs, wsi_client)


def test_an_existing_instance_is_taken_over_tagged_and_claimed_without_a_launch(
    aws_env: Emulator, adoption: Adoption
) -> None:
    existing = adoption.existing(Tags=[{"Key": "made-by", "Value": "console"}])
    aws_env.service.calls.clear()

    result = adoption.adopt(adopt_id=existing, tags={"team": "desk"})

    assert result.id == existing and result.outs["provision_state"] == "ALLOCATED"
    assert result.outs["managed_instance"] == {"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE}
    assert "CreateWorkspaceInstance" not in [call["operation"] for call in aws_env.calls()]
    tags = adoption.tags(existing)
    assert tags.pop(CLAIM_TAG_KEY) and tags == {"team": "desk"}, "the declared tags, and the claim"
    adoption.provider.delete(result.id, result.outs)


def test_an_instance_still_allocating_is_waited_for(adoption: Adoption) -> None:
    existing = adoption.existing(allocated=False)

    result = adoption.adopt(adopt_id=existing)

    assert result.outs["provision_state"] == "ALLOCATED"
    adoption.provider.delete(result.id, result.outs)


def test_a_missing_or_gone_instance_is_named_with_its_state(
    adoption: Adoption, aimed_emulator: EmulatorFactory
) -> None:
    assert adoption.fails(adopt_id="wsinst-00000000") == (
        "adopt_id: wsinst-00000000 does not exist in us-east-1; check the id, and `region` or aws:region"
    )
    # Check and create each read the state, and must name the same one: a state that lasts. Gone: waited
    # for (DEALLOCATED is for good). Once, under load, the 0.1 s deallocation ended between the two.
    gone = adoption.existing()
    adoption.client.delete_workspace_instance(WorkspaceInstanceId=gone)
    assert settled(adoption.client, gone)["ProvisionState"] == "DEALLOCATED"
    assert adoption.fails(adopt_id=gone) == (
        f"adopt_id: {gone} is DEALLOCATED; only an ALLOCATING or ALLOCATED instance can be adopted"
    )
    # Being deleted: where deallocation lasts an hour (the provider's clients aimed there).
    deleting_emulator = aimed_emulator(0, HELD_SECONDS)
    deleting = _existing(emulator_client(deleting_emulator))
    emulator_client(deleting_emulator).delete_workspace_instance(WorkspaceInstanceId=deleting)
    assert adoption.fails(adopt_id=deleting) == (
        f"adopt_id: {deleting} is DEALLOCATING; only an ALLOCATING or ALLOCATED instance can be adopted"
    )


def test_another_resources_instance_needs_adopt_claimed(adoption: Adoption) -> None:
    theirs = adoption.existing(Tags=[{"Key": CLAIM_TAG_KEY, "Value": "0123456789abcdef"}])

    message = adoption.fails(adopt_id=theirs)
    assert message.startswith(f"adopt_id: {theirs} is already managed by another Pulumi resource")
    assert "adopt_claimed=True" in message

    result = adoption.adopt(adopt_id=theirs, adopt_claimed=True)
    assert result.id == theirs
    assert adoption.tags(theirs)[CLAIM_TAG_KEY] != "0123456789abcdef", "claimed for this resource now"
    adoption.provider.delete(result.id, result.outs)


def test_a_resumed_adoption_recognises_its_own_claim(adoption: Adoption) -> None:
    existing = adoption.existing()
    first = adoption.adopt(adopt_id=existing, __seed="s1")

    # The engine died before saving the state: the next up adopts again, with the same seed.
    again = adoption.adopt(adopt_id=existing, __seed="s1")

    assert again.id == first.id == existing
    message = adoption.fails(adopt_id=existing, __seed="another-stack")
    assert "already managed by another Pulumi resource" in message
    adoption.provider.delete(again.id, again.outs)


def test_a_billing_mode_that_differs_is_refused_and_nothing_is_deleted(adoption: Adoption) -> None:
    monthly = adoption.existing(BillingConfiguration={"BillingMode": "MONTHLY"})

    message = adoption.fails(adopt_id=monthly)

    assert message == (
        f"billing_mode: {monthly} bills MONTHLY but billing_mode says HOURLY; set billing_mode to "
        "'MONTHLY' to adopt it (another billing mode needs a new instance)"
    )
    assert (
        adoption.client.get_workspace_instance(WorkspaceInstanceId=monthly)["ProvisionState"] == "ALLOCATED"
    )


def test_a_failed_allocation_of_an_adopted_instance_leaves_it_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, default_region: str
) -> None:
    # Allocation slow enough that the adoption (its check's look and its create's) surely starts while it
    # is still ALLOCATING, however loaded the machine; the adoption then waits it out to see it fail.
    with Emulator(allocate_seconds=WINDOW_SECONDS) as slow:
        for name, value in emulator_environment(slow.endpoint_url, tmp_path).items():
            monkeypatch.setenv(name, value)
        clients.clear_clients()
        provider = WorkspaceInstanceProvider()
        # Before the window opens: a new provider's first check makes its clients and probes the service,
        # which took up to 5 s under load (most of a 1.5 s allocation was gone before the adoption looked).
        provider.check({}, make_inputs(adopt_id="wsinst-00000000"))
        slow.add_faults([{"operation": "CreateWorkspaceInstance", "action": "fail_allocation"}])
        failing = _existing(emulator_client(slow), allocated=False)

        message = _adopt_fails(provider, make_inputs, at_check=False, adopt_id=failing)

        assert "ERROR_ALLOCATING" in message and "left as it was (adopted, not launched by Pulumi)" in message
        assert "DeleteWorkspaceInstance" not in [call["operation"] for call in slow.calls()]
    clients.clear_clients()


def test_changing_or_removing_adopt_id_afterwards_is_no_change(adoption: Adoption) -> None:
    existing = adoption.existing()
    result = adoption.adopt(adopt_id=existing)

    provider, inputs = adoption.provider, adoption.inputs
    for news in (inputs(), inputs(adopt_id="wsinst-99999999"), inputs(adopt_claimed=True)):
        diff = provider.diff(result.id, result.outs, provider.check({}, news).inputs)
        assert not diff.changes and not diff.replaces
    adoption.provider.delete(result.id, result.outs)


def test_adopt_id_is_checked_against_the_model(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    failures = provider.check({}, inputs(adopt_id="i-0123456789abcdef0", adopt_claimed="yes")).failures

    reasons = sorted(failure.reason for failure in failures)
    assert reasons[0].startswith("adopt_claimed: must be true or false, got a string")
    assert reasons[1].startswith("adopt_id: ") and "wsinst-" in reasons[1]
