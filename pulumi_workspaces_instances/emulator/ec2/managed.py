"""Managed instances: EC2 refuses changes to the settings of the instances WorkSpaces Instances manages.

Every EC2 instance the emulator knows was launched by WorkSpaces Instances on the caller's behalf, so
every one is a *managed* instance (the EC2 User Guide, "Amazon EC2 instances": "A managed instance is
managed by a service provider"). ``refuse_change``: its settings cannot be changed through EC2 (the
``managed_instance_ec2_changes`` switch says which calls and cites why). PRINCIPAL, the provider that
manages them, is not documented: it is WorkSpaces Instances' service principal (the service-linked
role's trusted service and the ``aws:CalledVia`` value of the WorkSpaces Core admin guide's policy).
"""

from __future__ import annotations

from ..core.ec2_query import ec2_error
from ..core.errors import ServiceError
from ..workspaces_instances.context import RequestContext
from .account import ACCOUNT_ID

#: The service provider that manages the desktops' EC2 instances (its service principal; see above).
PRINCIPAL = "workspaces-instances.amazonaws.com"
#: EC2 answers UnauthorizedOperation with HTTP 403.
UNAUTHORIZED_STATUS = 403


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
