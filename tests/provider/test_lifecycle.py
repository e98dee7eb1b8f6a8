"""create → read → update tags → delete, called directly on the provider against the emulator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient
from mypy_boto3_workspaces_instances.type_defs import TagTypeDef

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY

pytestmark = pytest.mark.usefixtures("fast_polling")

Props = dict[str, Any]
Create = Callable[..., tuple[str, Props]]


def operations(emulator: Emulator) -> list[str]:
    return [call["operation"] for call in emulator.calls()]


def live_tags(client: WorkspacesInstancesClient, instance_id: str) -> dict[str, str]:
    answer = client.list_tags_for_resource(WorkspaceInstanceId=instance_id)
    return {tag["Key"]: tag["Value"] for tag in answer["Tags"]}


Retagged = Callable[[dict[str, str]], tuple[str, Props]]


@pytest.fixture
def retagged(created: Create, wsi_client: WorkspacesInstancesClient) -> Retagged:
    """Factory: an instance created with tags {"team": "desk"}, then given the tags passed outside Pulumi.

    Returns (id, outputs as Pulumi saved them, before the edit): the start of the tag drift tests.
    """

    def make(behind_pulumis_back: dict[str, str]) -> tuple[str, Props]:
        instance_id, outs = created(tags={"team": "desk"})
        tags: list[TagTypeDef] = [{"Key": key, "Value": value} for key, value in behind_pulumis_back.items()]
        wsi_client.tag_resource(WorkspaceInstanceId=instance_id, Tags=tags)
        return instance_id, outs

    return make


def test_create_waits_for_allocated_and_reports_every_output(
    created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    instance_id, outs = created()

    live = wsi_client.get_workspace_instance(WorkspaceInstanceId=instance_id)
    assert live["ProvisionState"] == "ALLOCATED"
    assert outs["workspace_instance_id"] == instance_id
    assert outs["provision_state"] == "ALLOCATED"
    assert outs["ec2_instance_id"] == live["EC2ManagedInstance"]["InstanceId"]
    assert outs["region"] == "us-east-1"
    assert outs["tags"] == {"team": "desk"}
    # Not given: the API's default applies and is what the output reports.
    assert outs["billing_mode"] == "HOURLY"
    assert outs["managed_instance"]["InstanceType"] == "t3.medium"
    assert "__provider" not in outs


def test_billing_mode_is_sent_and_reported(created: Create, wsi_client: WorkspacesInstancesClient) -> None:
    instance_id, outs = created(billing_mode="MONTHLY")

    assert outs["billing_mode"] == "MONTHLY"
    live = wsi_client.get_workspace_instance(WorkspaceInstanceId=instance_id)
    assert live["BillingConfiguration"]["BillingMode"] == "MONTHLY"


def test_create_and_delete_make_only_the_needed_calls(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, created: Create
) -> None:
    instance_id, outs = created()
    provider.delete(instance_id, outs)

    calls = operations(aws_env)
    assert calls[0] == "CreateWorkspaceInstance"
    assert calls.count("CreateWorkspaceInstance") == 1
    assert calls.count("DeleteWorkspaceInstance") == 1
    # The only non-polling extras: the ownership tag that makes a later --replace get a new instance,
    # and one read of the EC2 view (the instance, then its root volume).
    assert calls.count("TagResource") == 1
    assert (calls.count("DescribeInstances"), calls.count("DescribeVolumes")) == (1, 1)
    assert set(calls) == {
        "CreateWorkspaceInstance",
        "GetWorkspaceInstance",
        "TagResource",
        "DescribeInstances",
        "DescribeVolumes",
        "DeleteWorkspaceInstance",
    }
    assert all(call["status"] == 200 for call in aws_env.calls())


def test_read_returns_outputs_and_inputs_that_keep_the_next_diff_clean(
    provider: WorkspaceInstanceProvider, created: Create, inputs: Callable[..., Props]
) -> None:
    instance_id, outs = created(billing_mode="MONTHLY", tags={"b": "2", "a": "1"})

    read = provider.read(instance_id, {**outs, "__provider": "p"})

    assert read.id == instance_id
    assert read.outs is not None and read.inputs is not None
    assert read.outs["tags"] == {"a": "1", "b": "2"}, "the provider's own tag is hidden"
    assert read.outs["billing_mode"] == "MONTHLY"
    assert read.inputs["managed_instance"] == outs["managed_instance"]
    diff = provider.diff(instance_id, read.outs, inputs(billing_mode="MONTHLY", tags={"a": "1", "b": "2"}))
    assert diff.changes is False


def test_update_changes_only_tags_with_the_fewest_calls(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    created: Create,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    instance_id, outs = created(tags={"keep": "1", "change": "old", "drop": "x"})
    before = len(aws_env.calls())

    result = provider.update(instance_id, outs, inputs(tags={"keep": "1", "change": "new", "add": "y"}))

    made = [call["operation"] for call in aws_env.calls()[before:]]
    assert made == ["ListTagsForResource", "UntagResource", "TagResource"]
    assert aws_env.calls()[-1]["params"]["Tags"] == [
        {"Key": "add", "Value": "y"},
        {"Key": "change", "Value": "new"},
    ]
    assert live_tags(wsi_client, instance_id) == {
        "keep": "1",
        "change": "new",
        "add": "y",
        CLAIM_TAG_KEY: live_tags(wsi_client, instance_id)[CLAIM_TAG_KEY],
    }
    # Full outputs, not the host's default of none.
    assert result.outs is not None
    assert result.outs["workspace_instance_id"] == instance_id
    assert result.outs["ec2_instance_id"] == outs["ec2_instance_id"]
    assert result.outs["tags"] == {"keep": "1", "change": "new", "add": "y"}


def test_update_with_equal_tags_makes_no_call(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, created: Create, inputs: Callable[..., Props]
) -> None:
    instance_id, outs = created()
    before = len(aws_env.calls())

    result = provider.update(instance_id, outs, inputs(timeouts={"create": "1h"}))

    assert len(aws_env.calls()) == before
    assert result.outs is not None and result.outs["timeouts"] == {"create": "1h"}


def test_update_also_undoes_tag_edits_made_behind_pulumis_back(
    provider: WorkspaceInstanceProvider,
    retagged: Retagged,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    instance_id, outs = retagged({"intruder": "1"})

    provider.update(instance_id, outs, inputs(tags={"team": "ops"}))

    tags = live_tags(wsi_client, instance_id)
    tags.pop(CLAIM_TAG_KEY)
    assert tags == {"team": "ops"}


def test_removing_every_tag_keeps_the_ownership_tag(
    provider: WorkspaceInstanceProvider,
    created: Create,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    instance_id, outs = created(tags={"a": "1"})

    provider.update(instance_id, outs, inputs(tags=None))

    assert set(live_tags(wsi_client, instance_id)) == {CLAIM_TAG_KEY}


def test_delete_waits_for_deallocated_and_tolerates_gone(
    provider: WorkspaceInstanceProvider, created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    instance_id, outs = created()

    provider.delete(instance_id, outs)
    assert (
        wsi_client.get_workspace_instance(WorkspaceInstanceId=instance_id)["ProvisionState"] == "DEALLOCATED"
    )
    provider.delete(instance_id, outs)  # already gone: success


def test_delete_of_an_instance_already_deallocating_waits_for_it(
    provider: WorkspaceInstanceProvider, created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    instance_id, outs = created()
    wsi_client.delete_workspace_instance(WorkspaceInstanceId=instance_id)

    provider.delete(instance_id, outs)

    assert (
        wsi_client.get_workspace_instance(WorkspaceInstanceId=instance_id)["ProvisionState"] == "DEALLOCATED"
    )


def test_delete_of_an_unknown_id_succeeds(aws_env: Emulator, provider: WorkspaceInstanceProvider) -> None:
    provider.delete("wsinst-doesnotexist0", {"region": "us-east-1"})


@pytest.mark.parametrize("how", ["deleted", "unknown id"])
def test_read_of_a_gone_instance_returns_an_empty_id(
    how: str, provider: WorkspaceInstanceProvider, created: Create, wsi_client: WorkspacesInstancesClient
) -> None:
    instance_id, outs = created()
    if how == "deleted":
        wsi_client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    else:
        instance_id = "wsinst-0000000000"

    assert provider.read(instance_id, outs).id == ""


def test_read_shows_tag_drift_as_a_diff(
    provider: WorkspaceInstanceProvider, retagged: Retagged, inputs: Callable[..., Props]
) -> None:
    instance_id, outs = retagged({"team": "ops"})

    read = provider.read(instance_id, outs)

    assert read.outs is not None and read.inputs is not None
    assert read.outs["tags"] == {"team": "ops"}
    assert read.inputs["tags"] == {"team": "ops"}
    diff = provider.diff(instance_id, read.outs, inputs(tags={"team": "desk"}))
    assert diff.changes is True and diff.replaces == []


def test_read_shows_billing_drift_as_a_replacement(
    provider: WorkspaceInstanceProvider, created: Create, inputs: Callable[..., Props]
) -> None:
    # The service cannot change billing in place; drift means state says MONTHLY, AWS says HOURLY.
    instance_id, outs = created()

    read = provider.read(instance_id, {**outs, "billing_mode": "MONTHLY"})

    assert read.outs is not None and read.outs["billing_mode"] == "HOURLY"
    diff = provider.diff(instance_id, read.outs, inputs(billing_mode="MONTHLY"))
    assert diff.replaces == ["billing_mode"]


def test_configured_region_is_used_and_stored(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, created: Create, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pulumi.dynamic import ConfigureRequest
    from pulumi.dynamic.config import Config

    monkeypatch.delenv("AWS_REGION")
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    provider.configure(ConfigureRequest(Config({"aws:region": "eu-west-1"}, "project")))

    instance_id, outs = created()

    assert outs["region"] == "eu-west-1"
    assert aws_env.calls()[0]["region"] == "eu-west-1"
    # Read and delete go where it lives even when the default region changes later.
    provider.configure(ConfigureRequest(Config({"aws:region": "us-west-2"}, "project")))
    assert provider.read(instance_id, outs).id == instance_id
    assert {call["region"] for call in aws_env.calls()} == {"eu-west-1"}


def test_region_input_wins(aws_env: Emulator, created: Create) -> None:
    _, outs = created(region="ap-south-1")

    assert outs["region"] == "ap-south-1"
    assert {call["region"] for call in aws_env.calls()} == {"ap-south-1"}


def test_whole_numbers_from_the_wire_are_sent_as_integers(aws_env: Emulator, created: Create) -> None:
    # Pulumi's wire format carries every number as a double: 80 in a program arrives as 80.0.
    managed = {
        "ImageId": "ami-0a1b2c3d4e5f60001",
        "InstanceType": "t3.medium",
        "BlockDeviceMappings": [
            {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 80.0, "VolumeType": "gp3"}}
        ],
    }

    _, outs = created(managed_instance=managed)

    assert outs["provision_state"] == "ALLOCATED"
    [create] = [call for call in aws_env.calls() if call["operation"] == "CreateWorkspaceInstance"]
    sent = create["params"]["ManagedInstance"]["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"]
    assert sent == 80 and isinstance(sent, int)
