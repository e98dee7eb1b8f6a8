"""Data sources over existing instances: ``get_workspace_instance`` and ``list_workspace_instances``.

Like :mod:`provider.data_sources.instance_types`, they run in the program with boto3 (see
:mod:`provider.data_sources.invokes` for the options they accept and how they fail). Region resolution is
the resource's: the argument, else the stack's ``aws:region``, else the AWS environment. Arguments are
checked against botocore's model before any call. The provider's own claim tag is left out of ``tags``, as
on the resource.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pulumi
from botocore.exceptions import ClientError

from ..aws import clients, model, tagging, waiter
from ..aws.errors import NOT_FOUND_CODE, error_code
from ..inputs.arguments import InvalidValueError, class_checked, function_checked
from ..inputs.checks import shape_problems
from .invokes import DataSourceError, ask, check_invoke_options, resolve_region

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

GET = "GetWorkspaceInstance"
LIST = "ListWorkspaceInstances"
CALL_TIMEOUT_SECONDS = 120.0
"""How long one lookup keeps retrying a throttled or unreachable call."""
#: Largest page the API accepts, read from the model so a botocore upgrade carries a new limit.
#: A module attribute (read at call time) so tests can shrink it to exercise pagination.
PAGE_SIZE: int = int(model.member_shape(LIST, "MaxResults").metadata["max"])


class WorkspaceInstanceLookupError(DataSourceError):
    """GetWorkspaceInstance or ListWorkspaceInstances failed, or the instance does not exist."""


@class_checked
@dataclass(frozen=True)
class GetWorkspaceInstanceResult:
    """One instance as the service reports it (``get_workspace_instance``)."""

    workspace_instance_id: str
    provision_state: str
    """ALLOCATING, ALLOCATED, DEALLOCATING, DEALLOCATED, ERROR_ALLOCATING or ERROR_DEALLOCATING."""
    billing_mode: str | None
    """MONTHLY or HOURLY, as GetWorkspaceInstance reports it."""
    ec2_instance_id: str | None
    """The EC2 instance behind it, once allocated."""
    tags: dict[str, str]
    """Its tags (without the provider's claim tag)."""


@class_checked
@dataclass(frozen=True)
class WorkspaceInstanceSummary:
    """One instance of a listing: what ListWorkspaceInstances returns for it."""

    workspace_instance_id: str
    provision_state: str
    ec2_instance_id: str | None


@class_checked
@dataclass(frozen=True)
class ListWorkspaceInstancesResult:
    """Every instance of the region matching the filter (``list_workspace_instances``), every page."""

    ids: list[str]
    """Their ids, in the service's order."""
    instances: list[WorkspaceInstanceSummary]
    """Id, state and EC2 instance of each (``get_workspace_instance`` has billing mode and tags)."""


def _checked(function: str, operation: str, path: str, value: Any, argument: str) -> None:
    """Raise an InvalidValueError (a ValueError) naming ``function`` and ``argument`` when ``value``
    does not fit the model's member ``path``."""
    problems = shape_problems(model.member_shape(operation, path), value, argument)
    if problems:
        reasons = "; ".join(f"{problem.path}: {problem.reason}" for problem in problems)
        raise InvalidValueError(f"{function}: {reasons}")


def _call(client: WorkspacesInstancesClient, method: Any, **params: Any) -> Any:
    return waiter.call(functools.partial(method, **params), waiter.Deadline(CALL_TIMEOUT_SECONDS))


@function_checked("get_workspace_instance")
def get_workspace_instance(
    workspace_instance_id: str, region: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> GetWorkspaceInstanceResult:
    """An existing instance's state, billing mode, EC2 instance and tags.

    :param workspace_instance_id: ``wsinst-…``.
    :param region: where it lives; default as for the resource.
    :param opts: accepted as for ``get_instance_types`` (``parent`` only).

    Raises ``InvalidValueError`` (a ``ValueError``) for a malformed id and
    ``WorkspaceInstanceLookupError`` (one line) when
    the instance does not exist in the region or the call fails.
    """
    check_invoke_options("get_workspace_instance", opts)
    _checked(
        "get_workspace_instance", GET, "WorkspaceInstanceId", workspace_instance_id, "workspace_instance_id"
    )
    resolved = resolve_region(region)
    client = clients.client_for(resolved)

    def look() -> GetWorkspaceInstanceResult:
        try:
            answer = _call(client, client.get_workspace_instance, WorkspaceInstanceId=workspace_instance_id)
        except ClientError as exc:
            if error_code(exc) != NOT_FOUND_CODE:
                raise
            raise WorkspaceInstanceLookupError(
                f"workspace_instance_id: {workspace_instance_id} does not exist in {resolved}",
                transient=False,
            ) from None
        listed = _call(client, client.list_tags_for_resource, WorkspaceInstanceId=workspace_instance_id)
        return GetWorkspaceInstanceResult(
            workspace_instance_id=workspace_instance_id,
            provision_state=str(answer.get("ProvisionState")),
            billing_mode=(answer.get("BillingConfiguration") or {}).get("BillingMode"),
            ec2_instance_id=(answer.get("EC2ManagedInstance") or {}).get("InstanceId"),
            tags=tagging.user_tags(listed.get("Tags") or []),
        )

    return ask(GET, client.meta.endpoint_url, look, WorkspaceInstanceLookupError)


@function_checked("get_workspace_instance_output")
def get_workspace_instance_output(
    workspace_instance_id: pulumi.Input[str],
    region: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetWorkspaceInstanceResult]:
    """:func:`get_workspace_instance` over Inputs, as an Output; asks once the arguments are known."""
    check_invoke_options("get_workspace_instance_output", opts)
    return pulumi.Output.all(workspace_instance_id, region).apply(
        lambda args: get_workspace_instance(args[0], region=args[1])
    )


@function_checked("list_workspace_instances")
def list_workspace_instances(
    provision_states: Sequence[str] | None = None,
    region: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> ListWorkspaceInstancesResult:
    """Every instance of the region, or those in ``provision_states``; every page is followed.

    :param provision_states: e.g. ``["ALLOCATED"]``; the values botocore's model lists.
    :param region: where to look; default as for the resource.
    :param opts: accepted as for ``get_instance_types`` (``parent`` only).
    """
    check_invoke_options("list_workspace_instances", opts)
    request: dict[str, Any] = {"MaxResults": PAGE_SIZE}
    if provision_states is not None:
        states = list(provision_states)
        _checked("list_workspace_instances", LIST, "ProvisionStates", states, "provision_states")
        request["ProvisionStates"] = states
    resolved = resolve_region(region)
    client = clients.client_for(resolved)

    def sweep() -> list[WorkspaceInstanceSummary]:
        found: list[WorkspaceInstanceSummary] = []
        while True:
            page = _call(client, client.list_workspace_instances, **request)
            found.extend(
                WorkspaceInstanceSummary(
                    workspace_instance_id=str(item["WorkspaceInstanceId"]),
                    provision_state=str(item.get("ProvisionState")),
                    ec2_instance_id=(item.get("EC2ManagedInstance") or {}).get("InstanceId"),
                )
                for item in page.get("WorkspaceInstances", [])
            )
            token = page.get("NextToken")
            if not token:
                return found
            request["NextToken"] = token

    instances = ask(LIST, client.meta.endpoint_url, sweep, WorkspaceInstanceLookupError)
    return ListWorkspaceInstancesResult(ids=[i.workspace_instance_id for i in instances], instances=instances)


@function_checked("list_workspace_instances_output")
def list_workspace_instances_output(
    provision_states: pulumi.Input[Sequence[str] | None] = None,
    region: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[ListWorkspaceInstancesResult]:
    """:func:`list_workspace_instances` over Inputs, as an Output; asks once the arguments are known."""
    check_invoke_options("list_workspace_instances_output", opts)
    return pulumi.Output.all(provision_states, region).apply(
        lambda args: list_workspace_instances(args[0], region=args[1])
    )
