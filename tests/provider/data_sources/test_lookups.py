"""Lookups of existing instances against the emulator: get one, list them all (every page)."""

from __future__ import annotations

import asyncio

import pulumi
import pytest
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from pulumi_workspaces_instances.provider.data_sources import lookups
from pulumi_workspaces_instances.provider.data_sources.invokes import InvokeOptionError
from pulumi_workspaces_instances.provider.data_sources.lookups import (
    GetWorkspaceInstanceResult,
    WorkspaceInstanceLookupError,
    get_workspace_instance,
    get_workspace_instance_output,
    list_workspace_instances,
)

from ..conftest import IMAGE_ID, INSTANCE_TYPE


def _instance(client: WorkspacesInstancesClient, **extra: object) -> str:
    return client.create_workspace_instance(
        ManagedInstance={"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE},
        **extra,  # type: ignore[arg-type]
    )["WorkspaceInstanceId"]


def test_get_reports_state_billing_ec2_instance_and_tags_without_the_claim(
    aws_env: Emulator, wsi_client: WorkspacesInstancesClient
) -> None:
    instance_id = _instance(
        wsi_client,
        BillingConfiguration={"BillingMode": "MONTHLY"},
        Tags=[{"Key": "team", "Value": "desk"}, {"Key": CLAIM_TAG_KEY, "Value": "someone"}],
    )

    result = get_workspace_instance(instance_id)

    assert result.workspace_instance_id == instance_id
    assert result.provision_state in ("ALLOCATING", "ALLOCATED")
    assert result.billing_mode == "MONTHLY"
    assert result.tags == {"team": "desk"}


def test_a_missing_instance_names_the_id_and_region(aws_env: Emulator) -> None:
    with pytest.raises(WorkspaceInstanceLookupError) as failure:
        get_workspace_instance("wsinst-0123456789", region="us-west-2")
    assert str(failure.value) == "workspace_instance_id: wsinst-0123456789 does not exist in us-west-2"


def test_a_malformed_id_is_refused_before_any_call(aws_env: Emulator) -> None:
    with pytest.raises(ValueError, match=r"workspace_instance_id: .*pattern"):
        get_workspace_instance("i-0123456789abcdef0")
    assert aws_env.calls() == []


def test_list_follows_every_page_and_filters_by_state(
    aws_env: Emulator, wsi_client: WorkspacesInstancesClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lookups, "PAGE_SIZE", 2)
    made = [_instance(wsi_client) for _ in range(5)]
    wsi_client.delete_workspace_instance(WorkspaceInstanceId=made[0])

    everything = list_workspace_instances()
    deallocating = list_workspace_instances(provision_states=["DEALLOCATING", "DEALLOCATED"])

    assert sorted(everything.ids) == sorted(made)
    assert [summary.workspace_instance_id for summary in everything.instances] == everything.ids
    assert deallocating.ids == [made[0]]
    pages = [call for call in aws_env.calls() if call["operation"] == "ListWorkspaceInstances"]
    assert len(pages) >= 3, "five instances at two a page"


def test_an_unknown_state_is_refused_with_a_suggestion(aws_env: Emulator) -> None:
    with pytest.raises(
        ValueError, match=r"provision_states\[0\]: invalid value 'ALOCATED'; did you mean 'ALLOCATED'"
    ):
        list_workspace_instances(provision_states=["ALOCATED"])


def test_output_form_and_invoke_options(aws_env: Emulator, wsi_client: WorkspacesInstancesClient) -> None:
    instance_id = _instance(wsi_client)

    async def resolve() -> GetWorkspaceInstanceResult:
        return await get_workspace_instance_output(pulumi.Output.from_input(instance_id)).future()  # type: ignore[return-value]

    assert asyncio.run(resolve()).workspace_instance_id == instance_id
    with pytest.raises(InvokeOptionError, match=r"opts\.version: get_workspace_instance runs in the program"):
        get_workspace_instance(instance_id, opts=pulumi.InvokeOptions(version="1.0.0"))
