"""Managed resources: what EC2 shows and refuses of the instances and volumes WorkSpaces Instances manages.

Every EC2 instance and volume the emulator knows was made by WorkSpaces Instances on the caller's
behalf, so every one is a *managed* resource (the EC2 User Guide, "Amazon EC2 instances": "A managed
instance is managed by a service provider"; the EBS User Guide has the same for managed volumes):

- ``operator``: the ``Operator`` member DescribeInstances, DescribeVolumes and
  DescribeVolumesModifications give each of them (EC2 API reference, OperatorResponse: ``Managed``,
  ``Principal`` "the service provider that manages the resource", ``HiddenByDefault``). The principal
  WorkSpaces Instances puts there is not documented: PRINCIPAL is its service principal (the
  service-linked role's trusted service and the ``aws:CalledVia`` value of the WorkSpaces Core admin
  guide's policy). That volumes made with WorkSpaces Instances' CreateVolume are managed is not
  documented either; the Service Authorization Reference calls them "workspace managed volume".
- ``shown``: whether a Describe answers them. With the account's visibility ``hidden``
  (GetManagedResourceVisibility; the ``managed_resource_visibility`` switch) they are "not included
  in Describe operation responses by default" (ManagedResourceVisibilitySettings), unless the call
  sets ``IncludeManagedResources``. AWS makes no exception for resources named by id, so a named
  hidden resource is left out too (as DescribeInstances leaves out a named instance you do not own)
  rather than answered "not found": it exists, and "Hidden resources remain fully operational".
- ``refuse_change``: the settings of a managed instance cannot be changed through EC2 (the
  ``managed_instance_ec2_changes`` switch says which calls and cites why).
"""

from __future__ import annotations

from typing import Any

from ..core.ec2_query import ec2_error
from ..core.errors import ServiceError
from ..workspaces_instances.context import RequestContext
from .account import ACCOUNT_ID

#: Operator.Principal of what WorkSpaces Instances manages (its service principal; see above).
PRINCIPAL = "workspaces-instances.amazonaws.com"
HIDDEN = "hidden"
#: EC2 answers UnauthorizedOperation with HTTP 403.
UNAUTHORIZED_STATUS = 403


def hidden_by_default(ctx: RequestContext) -> bool:
    """Whether the account hides managed resources from Describe calls that do not ask for them."""
    return ctx.behaviour.managed_resource_visibility == HIDDEN


def operator(ctx: RequestContext) -> dict[str, Any]:
    """The Operator member of a resource WorkSpaces Instances manages."""
    return {"Managed": True, "Principal": PRINCIPAL, "HiddenByDefault": hidden_by_default(ctx)}


def shown(ctx: RequestContext, params: dict[str, Any]) -> bool:
    """Whether this Describe call answers managed resources (IncludeManagedResources, else the setting)."""
    return bool(params.get("IncludeManagedResources")) or not hidden_by_default(ctx)


def refuse_change(ctx: RequestContext, action: str, instance_id: str) -> None:
    """UnauthorizedOperation for a change to a managed instance's settings, unless the switch allows it."""
    if ctx.behaviour.managed_instance_ec2_changes == "allow":
        return
    raise _unauthorized(ctx, action, instance_id)


def _unauthorized(ctx: RequestContext, action: str, instance_id: str) -> ServiceError:
    # The shape of IAM's denial messages ("User: ... is not authorized to perform: ... with an explicit
    # deny in a resource-based policy"); EC2 documents no message for managed instances.
    resource = f"arn:aws:ec2:{ctx.region}:{ACCOUNT_ID}:instance/{instance_id}"
    return ec2_error(
        "UnauthorizedOperation",
        f"You are not authorized to perform this operation. ec2:{action} on resource: {resource} is "
        f"denied with an explicit deny in a resource-based policy: the instance is managed by {PRINCIPAL}, "
        "and its settings can't be modified directly.",
        UNAUTHORIZED_STATUS,
    )
