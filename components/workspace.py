"""The ``Workspace`` component: friendly arguments in, one ``WorkspaceInstance`` out."""

from __future__ import annotations

from typing import Any, TypeGuard

import pulumi

from ..provider import WorkspaceInstance
from ..provider.unmodeled import split_unmodeled
from . import tenancy
from .args import WorkspaceArgs
from .instance_type_check import (
    InstanceTypeLookup,
    check_instance_type,
    data_source_lookup,
    verify_instance_type,
)
from .mapping import PLACEMENT, TENANCY, to_managed_instance
from .sensitive import mark_sensitive

#: Pulumi type token of the component.
TYPE_TOKEN = "workspacesinstances:index:Workspace"
INSTANCE_TYPE = "InstanceType"


class Workspace(pulumi.ComponentResource):
    """A WorkSpaces Instance with secure defaults, built from snake_case ``WorkspaceArgs``.

    Creates one child ``WorkspaceInstance`` named like the component. ``protect``,
    ``retain_on_delete`` and ``depends_on`` given to the component apply to the child; providers
    and aliases reach it through the parent link.
    """

    workspace_instance: WorkspaceInstance
    """The child resource."""
    workspace_instance_id: pulumi.Output[str]
    """ID of the WorkSpaces Instance (``wsinst-…``)."""
    ec2_instance_id: pulumi.Output[str | None]
    """ID of the EC2 instance behind it, once allocated."""
    provision_state: pulumi.Output[str]
    """Provision state, e.g. ALLOCATED."""
    billing_mode: pulumi.Output[str | None]
    """Billing mode the service reports."""
    managed_instance: pulumi.Output[dict[str, Any]]
    """The ManagedInstance request sent; secret as a whole when it holds UserData or another
    sensitive member (the registered stack output keeps only those members secret)."""

    def __init__(
        self,
        resource_name: str,
        args: WorkspaceArgs,
        opts: pulumi.ResourceOptions | None = None,
        *,
        instance_type_lookup: InstanceTypeLookup | None = None,
    ) -> None:
        """Create the component.

        ``instance_type_lookup`` replaces the ListInstanceTypes data source used by the preview
        check (tests; or a program that already knows the answer).
        """
        super().__init__(TYPE_TOKEN, resource_name, None, opts)
        managed = to_managed_instance(args)
        if args.validate_instance_type and pulumi.runtime.is_dry_run() and INSTANCE_TYPE in managed:
            managed[INSTANCE_TYPE] = self._checked_instance_type(
                managed, args, instance_type_lookup or data_source_lookup
            )
        managed = mark_sensitive(managed)
        # Override members newer than the installed botocore travel apart, so the provider can
        # still refuse unknown (mistyped) members of the modeled part.
        modeled, extras = split_unmodeled(managed)

        self.workspace_instance = WorkspaceInstance(
            resource_name,
            managed_instance=modeled,
            managed_instance_extras=extras or None,
            billing_mode=args.billing_mode,
            tags=args.tags,
            region=args.region,
            client_token=args.client_token,
            timeouts=args.timeouts,
            opts=self._child_options(opts),
        )
        self.workspace_instance_id = self.workspace_instance.workspace_instance_id
        self.ec2_instance_id = self.workspace_instance.ec2_instance_id
        self.provision_state = self.workspace_instance.provision_state
        self.billing_mode = self.workspace_instance.billing_mode
        self.managed_instance = pulumi.Output.from_input(managed)
        self.register_outputs(
            {
                "workspace_instance_id": self.workspace_instance_id,
                "ec2_instance_id": self.ec2_instance_id,
                "provision_state": self.provision_state,
                "billing_mode": self.billing_mode,
                # The dict itself, not the Output: Pulumi then keeps only the sensitive leaves secret.
                "managed_instance": managed,
            }
        )

    def _child_options(self, opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
        # protect and providers are inherited from the parent by the SDK, aliases by the engine;
        # retain_on_delete and depends_on are not, so they are copied.
        opts = opts or pulumi.ResourceOptions()
        return pulumi.ResourceOptions(
            parent=self,
            protect=opts.protect,
            retain_on_delete=opts.retain_on_delete,
            depends_on=opts.depends_on,
        )

    def _checked_instance_type(
        self, managed: dict[str, Any], args: WorkspaceArgs, lookup: InstanceTypeLookup
    ) -> pulumi.Input[str]:
        """The instance type, failing the preview when it doesn't support the configuration.

        Plain values are checked right here, so the error is raised from the constructor. When
        any is an Output, the check runs inside an ``apply`` that the child's input waits on,
        so a failure still stops the program before anything is sent.
        """
        # Check what will be sent: overrides may have replaced the type or the placement.
        instance_type = managed[INSTANCE_TYPE]
        placement = managed.get(PLACEMENT)
        placement_tenancy = placement.get(TENANCY) if isinstance(placement, dict) else None
        billing_mode, platform_type, region = args.billing_mode, args.platform_type, args.region
        if (
            isinstance(instance_type, str)
            and isinstance(platform_type, str)
            and _plain(placement_tenancy)
            and _plain(billing_mode)
            and _plain(region)
        ):
            check_instance_type(
                instance_type,
                billing_mode=billing_mode,
                platform_type=platform_type,
                tenancy=tenancy.to_check(placement_tenancy),
                region=region,
                lookup=lookup,
                resource=self,
            )
            return instance_type
        check_tenancy = pulumi.Output.from_input(placement_tenancy).apply(tenancy.to_check)
        return pulumi.Output.from_input(instance_type).apply(
            lambda known_type: verify_instance_type(
                known_type,
                billing_mode=args.billing_mode,
                platform_type=args.platform_type,
                tenancy=check_tenancy,
                region=args.region,
                lookup=lookup,
                resource=self,
            )
        )


def _plain(value: object) -> TypeGuard[str | None]:
    """A value usable as is (not an Output or other awaitable)."""
    return value is None or isinstance(value, str)
