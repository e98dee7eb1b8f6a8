"""Workspace instance lifecycle, catalogue checks, idempotency and tags, through boto3."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import HELD_SECONDS, EmulatorFactory, settled, wait_for
from tests.emulator.conftest import (
    LINUX_AMI,
    WINDOWS_AMI,
    client_for,
    create_instance,
    error_of,
)


def _get(client: Any, instance_id: str) -> dict[str, Any]:
    return dict(client.get_workspace_instance(WorkspaceInstanceId=instance_id))


def test_create_allocates_then_shows_the_ec2_instance(allocating: Emulator, client: Any) -> None:
    # Read midway where allocation lasts an hour: on the session's emulator (0.2 s) a loaded machine can
    # reach the Get after allocation ended. The end state is awaited there.
    held = client_for(allocating.endpoint_url)
    allocating_id = create_instance(held)
    assert re.fullmatch(r"wsinst-[0-9a-f]{17}", allocating_id)
    first = _get(held, allocating_id)
    assert first["ProvisionState"] == "ALLOCATING"
    assert "EC2ManagedInstance" not in first
    later = settled(client, create_instance(client))
    assert later["ProvisionState"] == "ALLOCATED"
    assert re.fullmatch(r"i-[0-9a-f]{17}", later["EC2ManagedInstance"]["InstanceId"])
    assert later["EC2InstanceErrors"] == []


def test_billing_defaults_to_hourly_and_monthly_is_kept(client: Any) -> None:
    hourly = create_instance(client)
    monthly = create_instance(client, BillingConfiguration={"BillingMode": "MONTHLY"})
    assert _get(client, hourly)["BillingConfiguration"] == {"BillingMode": "HOURLY"}
    assert _get(client, monthly)["BillingConfiguration"] == {"BillingMode": "MONTHLY"}


@pytest.mark.parametrize(
    ("managed", "billing", "code"),
    [
        ({"ImageId": WINDOWS_AMI, "InstanceType": "m5.huge"}, "HOURLY", "InvalidParameterValue"),
        # g5 has no MONTHLY billing in the catalogue.
        ({"ImageId": WINDOWS_AMI, "InstanceType": "g5.xlarge"}, "MONTHLY", "InvalidParameterCombination"),
        # t3 has no DEDICATED tenancy.
        (
            {"ImageId": WINDOWS_AMI, "InstanceType": "t3.large", "Placement": {"Tenancy": "dedicated"}},
            "HOURLY",
            "InvalidParameterCombination",
        ),
        # c5 runs no SUSE; the SLES AMI is SUSE Linux.
        (
            {"ImageId": "ami-0a1b2c3d4e5f60006", "InstanceType": "c5.large"},
            "HOURLY",
            "InvalidParameterCombination",
        ),
        ({"InstanceType": "m5.large"}, "HOURLY", "MissingParameter"),
        (
            {
                "ImageId": WINDOWS_AMI,
                "InstanceType": "m5.large",
                "Placement": {"AvailabilityZone": "eu-west-1a"},
            },
            "HOURLY",
            "InvalidParameterValue",
        ),
    ],
)
def test_unsupported_request_is_accepted_then_fails_allocation(
    client: Any, managed: dict[str, Any], billing: str, code: str
) -> None:
    instance_id = client.create_workspace_instance(
        ManagedInstance=managed, BillingConfiguration={"BillingMode": billing}
    )["WorkspaceInstanceId"]
    failed = settled(client, instance_id)
    assert failed["ProvisionState"] == "ERROR_ALLOCATING"
    assert "EC2ManagedInstance" not in failed
    [error] = failed["EC2InstanceErrors"]
    assert error["EC2ErrorCode"] == code
    assert error["EC2ExceptionType"]
    assert error["EC2ErrorMessage"]


def test_linux_ami_uses_the_linux_configuration(client: Any) -> None:
    # g5 offers Linux/UNIX hourly shared; the Linux AMI's platform comes from the catalogue.
    instance_id = create_instance(client, ManagedInstance={"ImageId": LINUX_AMI, "InstanceType": "g5.xlarge"})
    assert settled(client, instance_id)["ProvisionState"] == "ALLOCATED"


def test_unknown_ami_is_treated_as_windows(client: Any) -> None:
    # t3a offers Windows but no Red Hat; an unknown AMI counts as Windows, so it allocates.
    instance_id = create_instance(
        client, ManagedInstance={"ImageId": "ami-123456789", "InstanceType": "t3a.large"}
    )
    assert settled(client, instance_id)["ProvisionState"] == "ALLOCATED"


def test_delete_deallocates_and_get_still_answers(deallocating: Emulator, client: Any) -> None:
    # Midway, where deallocation lasts an hour: a second delete conflicts with the one in progress.
    held = client_for(deallocating.endpoint_url)
    deleting = create_instance(held)
    held.delete_workspace_instance(WorkspaceInstanceId=deleting)
    assert _get(held, deleting)["ProvisionState"] == "DEALLOCATING"
    with pytest.raises(held.exceptions.ConflictException) as conflict:
        held.delete_workspace_instance(WorkspaceInstanceId=deleting)
    assert conflict.value.response["ResourceId"] == deleting
    # Its end, on the session's emulator: still answered, with the EC2 instance it had.
    instance_id = create_instance(client)
    ec2_id = settled(client, instance_id)["EC2ManagedInstance"]["InstanceId"]
    client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    gone = settled(client, instance_id)
    assert gone["ProvisionState"] == "DEALLOCATED"
    assert gone["EC2ManagedInstance"]["InstanceId"] == ec2_id
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_workspace_instance(WorkspaceInstanceId=instance_id)


def test_instance_in_error_can_be_deleted(client: Any) -> None:
    instance_id = create_instance(
        client, ManagedInstance={"ImageId": WINDOWS_AMI, "InstanceType": "x9.nothing"}
    )
    assert settled(client, instance_id)["ProvisionState"] == "ERROR_ALLOCATING"
    client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    assert settled(client, instance_id)["ProvisionState"] == "DEALLOCATED"


def test_unknown_id_is_not_found_everywhere(client: Any) -> None:
    unknown = "wsinst-0123456789abcdef0"
    for call in (
        lambda: client.get_workspace_instance(WorkspaceInstanceId=unknown),
        lambda: client.delete_workspace_instance(WorkspaceInstanceId=unknown),
        lambda: client.list_tags_for_resource(WorkspaceInstanceId=unknown),
        lambda: client.tag_resource(WorkspaceInstanceId=unknown, Tags=[{"Key": "a", "Value": "b"}]),
        lambda: client.untag_resource(WorkspaceInstanceId=unknown, TagKeys=["a"]),
    ):
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            call()


def test_same_client_token_and_request_returns_the_same_instance(client: Any) -> None:
    first = create_instance(client, ClientToken="deploy-42")
    again = create_instance(client, ClientToken="deploy-42")
    assert again == first
    assert len(client.list_workspace_instances()["WorkspaceInstances"]) == 1


def test_same_client_token_with_a_different_request_conflicts(client: Any) -> None:
    first = create_instance(client, ClientToken="deploy-43")
    with pytest.raises(client.exceptions.ConflictException) as excinfo:
        create_instance(client, ClientToken="deploy-43", BillingConfiguration={"BillingMode": "MONTHLY"})
    assert excinfo.value.response["ResourceId"] == first
    assert len(client.list_workspace_instances()["WorkspaceInstances"]) == 1


def test_tags_applied_at_create_then_tagged_and_untagged(client: Any) -> None:
    instance_id = create_instance(client, Tags=[{"Key": "team", "Value": "a"}, {"Key": "keep", "Value": "1"}])
    client.tag_resource(WorkspaceInstanceId=instance_id, Tags=[{"Key": "team", "Value": "b"}, {"Key": "new"}])
    client.untag_resource(WorkspaceInstanceId=instance_id, TagKeys=["keep", "absent"])
    tags = client.list_tags_for_resource(WorkspaceInstanceId=instance_id)["Tags"]
    assert tags == [{"Key": "team", "Value": "b"}, {"Key": "new", "Value": ""}]


def test_at_most_50_tags_per_instance(client: Any) -> None:
    instance_id = create_instance(client, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(40)])
    with pytest.raises(client.exceptions.ValidationException) as excinfo:
        client.tag_resource(
            WorkspaceInstanceId=instance_id, Tags=[{"Key": f"n{i}", "Value": "v"} for i in range(11)]
        )
    assert "Tags" in excinfo.value.response["Error"]["Message"]
    assert len(client.list_tags_for_resource(WorkspaceInstanceId=instance_id)["Tags"]) == 40


@pytest.mark.parametrize(
    "tags",
    [[{"Key": "aws:createdBy", "Value": "me"}], [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]],
)
def test_reserved_and_duplicate_tag_keys_are_rejected(client: Any, tags: list[dict[str, str]]) -> None:
    with pytest.raises(client.exceptions.ValidationException) as excinfo:
        create_instance(client, Tags=tags)
    assert "Tags[" in excinfo.value.response["Error"]["Message"]


def test_deallocated_instance_cannot_be_tagged(client: Any) -> None:
    instance_id = create_instance(client)
    client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    assert settled(client, instance_id)["ProvisionState"] == "DEALLOCATED"
    with pytest.raises(ClientError) as excinfo:
        client.tag_resource(WorkspaceInstanceId=instance_id, Tags=[{"Key": "a", "Value": "b"}])
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"


# --- the read-after-create lag and the delete refused while allocating (behaviour switches) ----------

#: Long enough that calls made right after a create fall inside it on any machine.
LAG_SECONDS = 30.0


def test_a_new_instance_is_unknown_to_every_call_naming_it_during_the_lag(emu: Emulator, client: Any) -> None:
    emu.set_behaviour(visibility_lag_seconds=LAG_SECONDS)
    token = "lagged-create"
    instance_id = create_instance(client, ClientToken=token)
    calls = {
        "GetWorkspaceInstance": lambda: client.get_workspace_instance(WorkspaceInstanceId=instance_id),
        "ListTagsForResource": lambda: client.list_tags_for_resource(WorkspaceInstanceId=instance_id),
        "TagResource": lambda: client.tag_resource(
            WorkspaceInstanceId=instance_id, Tags=[{"Key": "k", "Value": "v"}]
        ),
        "DeleteWorkspaceInstance": lambda: client.delete_workspace_instance(WorkspaceInstanceId=instance_id),
    }
    for name, call in calls.items():
        with pytest.raises(ClientError) as raised:
            call()
        assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException", name
    listed = client.list_workspace_instances()["WorkspaceInstances"]
    assert instance_id not in {item["WorkspaceInstanceId"] for item in listed}
    # The create itself is idempotent throughout: the same token answers the same id.
    assert create_instance(client, ClientToken=token) == instance_id

    emu.set_behaviour(visibility_lag_seconds=0)  # the lag over: the same instance, nothing was deleted
    assert _get(client, instance_id)["ProvisionState"] in ("ALLOCATING", "ALLOCATED")
    listed = client.list_workspace_instances()["WorkspaceInstances"]
    assert instance_id in {item["WorkspaceInstanceId"] for item in listed}


def test_the_lag_ends_by_itself(emu: Emulator, client: Any) -> None:
    emu.set_behaviour(visibility_lag_seconds=0.3)
    instance_id = create_instance(client)
    time.sleep(0.4)
    assert _get(client, instance_id)["WorkspaceInstanceId"] == instance_id


def test_delete_while_allocating_conflicts_in_that_mode_until_allocated(
    allocating: Emulator, deallocating: Emulator
) -> None:
    # ALLOCATING where allocation lasts an hour: refused, and nothing changed.
    allocating.set_behaviour(delete_conflict_while_allocating=True)
    client = client_for(allocating.endpoint_url)
    instance_id = create_instance(client)
    with pytest.raises(ClientError) as raised:
        client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    error = error_of(raised)
    assert error["Error"]["Code"] == "ConflictException"
    assert error["ResourceId"] == instance_id and "ALLOCATING" in error["Error"]["Message"]
    assert _get(client, instance_id)["ProvisionState"] == "ALLOCATING", "the refused delete changed nothing"
    # ALLOCATED (at once, there) in the same mode: accepted, and the deletion is under way.
    deallocating.set_behaviour(delete_conflict_while_allocating=True)
    client = client_for(deallocating.endpoint_url)
    allocated = create_instance(client)
    assert _get(client, allocated)["ProvisionState"] == "ALLOCATED"
    client.delete_workspace_instance(WorkspaceInstanceId=allocated)
    assert _get(client, allocated)["ProvisionState"] == "DEALLOCATING"


def test_delete_while_allocating_is_accepted_by_default(slow_emulator: EmulatorFactory) -> None:
    # Both transitions last an hour: the delete surely meets ALLOCATING, the Get surely DEALLOCATING.
    client = client_for(slow_emulator(HELD_SECONDS, HELD_SECONDS).endpoint_url)
    instance_id = create_instance(client)
    assert _get(client, instance_id)["ProvisionState"] == "ALLOCATING"
    client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    assert _get(client, instance_id)["ProvisionState"] == "DEALLOCATING"


def test_a_deallocated_instance_is_forgotten_after_its_time_but_its_token_still_answers(
    emu: Emulator, client: Any
) -> None:
    emu.set_behaviour(deallocated_visible_seconds=0)
    instance_id = create_instance(client, ClientToken="short-lived")
    client.delete_workspace_instance(WorkspaceInstanceId=instance_id)

    def forgotten() -> bool:
        try:
            client.get_workspace_instance(WorkspaceInstanceId=instance_id)
        except client.exceptions.ResourceNotFoundException:
            return True
        return False

    # Known while DEALLOCATING (0.1 s here), then forgotten: nothing else makes Get answer not-found.
    wait_for(forgotten, f"{instance_id} forgotten once DEALLOCATED")
    listed = client.list_workspace_instances()["WorkspaceInstances"]
    assert instance_id not in {item["WorkspaceInstanceId"] for item in listed}
    assert create_instance(client, ClientToken="short-lived") == instance_id
    emu.set_behaviour(deallocated_visible_seconds=3600)
    assert _get(client, instance_id)["ProvisionState"] == "DEALLOCATED"
