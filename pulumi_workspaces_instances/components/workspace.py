"""The ``Workspace`` component: friendly arguments in, one ``WorkspaceInstance`` out.

No ``from __future__ import annotations`` here: ``pulumi.provider.experimental`` infers the
component's schema (to serve it to other languages) from these annotations at runtime, and it
cannot resolve strings.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeGuard, Unpack, overload

import pulumi

from ..provider import WorkspaceInstance
from ..provider.aws.unmodeled import split_unmodeled
from ..provider.inputs.arguments import refuse_import, warn_custom_timeouts
from ..provider.inputs.timeouts import TIMEOUT_KEYS
from ..provider.instances.secrets import mark_managed_instance_secrets
from . import tenancy
from .args import WorkspaceArgs
from .args_dicts import WorkspaceArgsDict
from .args_forms import workspace_args
from .argument_check import check_arguments
from .errors import WorkspaceArgumentError
from .instance_type_check import (
    InstanceTypeCheckError,
    InstanceTypeLookup,
    check_instance_type,
    current_lookup,
    verify_instance_type,
)
from .mapping import PLACEMENT, TENANCY, to_managed_instance
from .overrides import unmodeled_override_warnings

#: Pulumi type token of the component.
TYPE_TOKEN = "workspacesinstances:index:Workspace"
INSTANCE_TYPE = "InstanceType"


class Workspace(pulumi.ComponentResource):
    """A WorkSpaces Instance with secure defaults, built from snake_case arguments.

    Creates one child ``WorkspaceInstance`` named like the component. ``protect``,
    ``retain_on_delete`` and ``depends_on`` given to the component apply to the child; providers
    and aliases reach it through the parent link.
    """

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
    private_ip: pulumi.Output[str | None]
    """Primary private IPv4 address of the EC2 instance, as EC2 reported it at the last create or
    refresh (secret when a private address was declared)."""
    public_ip: pulumi.Output[str | None]
    """Public IPv4 address of the EC2 instance, if it has one."""
    availability_zone: pulumi.Output[str | None]
    """Availability Zone of the EC2 instance: where volumes for it must be created."""
    ec2_instance: pulumi.Output[dict[str, Any] | None]
    """The EC2 view of the instance (state, type, image, network, IMDS options, root volume, launch
    time), as ``WorkspaceInstance.ec2_instance`` documents it."""

    @overload
    def __init__(
        self, resource_name: str, args: WorkspaceArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        *,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[WorkspaceArgsDict],
    ) -> None: ...

    def __init__(
        self,
        resource_name: str,
        # Annotated with the class alone, default or not: the SDK's schema inference reads this
        # annotation and takes neither a Union nor an Optional. None means "the keyword form".
        args: WorkspaceArgs = None,  # type: ignore[assignment]
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        """Create the component from a ``WorkspaceArgs`` or the same keyword arguments.

        ``Workspace("desk", WorkspaceArgs(image_id=..., instance_type=...), opts)`` and
        ``Workspace("desk", image_id=..., instance_type=..., opts=opts)`` are the same; nested
        arguments also take their dict form (``root_volume={"volume_size": 100}``).

        Arguments are checked before anything is registered: an unknown name or a value the API
        refuses raises a ``WorkspaceArgumentError`` naming the argument. During preview the
        instance type is checked against ListInstanceTypes (see ``validate_instance_type``).
        """
        subject = f"Workspace {resource_name!r}"
        refuse_import("Workspace", resource_name, opts)
        with _named(subject):
            args = workspace_args(args, kwargs)
            managed = to_managed_instance(args)
            # Override members newer than the installed botocore travel apart, so the provider can
            # still refuse unknown (mistyped) members of the modeled part.
            modeled, extras = split_unmodeled(managed)
            check_arguments(args, modeled, extras)
        lookup = current_lookup()
        super().__init__(TYPE_TOKEN, resource_name, None, opts)
        warn_custom_timeouts(self, "Workspace", opts, TIMEOUT_KEYS)

        if pulumi.runtime.is_dry_run():
            for warning in unmodeled_override_warnings(extras):
                pulumi.log.warn(warning, resource=self)
            if args.validate_instance_type is not False and INSTANCE_TYPE in managed:
                with _named(subject):
                    checked = self._checked_instance_type(managed, args, lookup, subject)
                managed[INSTANCE_TYPE] = modeled[INSTANCE_TYPE] = checked

        self._workspace_instance = self._new_instance(
            resource_name,
            managed_instance=mark_managed_instance_secrets(modeled),
            managed_instance_extras=extras or None,
            billing_mode=args.billing_mode,
            tags=args.tags,
            region=args.region,
            client_token=args.client_token,
            timeouts=args.timeouts,
            adopt_id=args.adopt_id,
            adopt_claimed=args.adopt_claimed,
            opts=self._child_options(opts),
        )
        managed = mark_managed_instance_secrets(managed)
        self.workspace_instance_id = self._workspace_instance.workspace_instance_id
        self.ec2_instance_id = self._workspace_instance.ec2_instance_id
        self.provision_state = self._workspace_instance.provision_state
        self.billing_mode = self._workspace_instance.billing_mode
        self.managed_instance = pulumi.Output.from_input(managed)
        self.private_ip = self._workspace_instance.private_ip
        self.public_ip = self._workspace_instance.public_ip
        self.availability_zone = self._workspace_instance.availability_zone
        self.ec2_instance = self._workspace_instance.ec2_instance.apply(_plain_view)
        self.register_outputs(
            {
                "workspace_instance_id": self.workspace_instance_id,
                "ec2_instance_id": self.ec2_instance_id,
                "provision_state": self.provision_state,
                "billing_mode": self.billing_mode,
                # The dict itself, not the Output: Pulumi then keeps only the sensitive leaves secret.
                "managed_instance": managed,
                "private_ip": self.private_ip,
                "public_ip": self.public_ip,
                "availability_zone": self.availability_zone,
                "ec2_instance": self.ec2_instance,
            }
        )

    def _new_instance(self, resource_name: str, **arguments: Any) -> WorkspaceInstance:
        """The child resource (the provider plugin's component creates its own kind instead)."""
        return WorkspaceInstance(resource_name, **arguments)

    @property
    def workspace_instance(self) -> WorkspaceInstance:
        """The child resource, for Python programs (e.g. ``depends_on``).

        Not an output of the component: a schema served to other languages has only Outputs.
        """
        return self._workspace_instance

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
        self, managed: Mapping[str, Any], args: WorkspaceArgs, lookup: InstanceTypeLookup, subject: str
    ) -> pulumi.Input[str]:
        """The instance type, failing the preview when it doesn't exist or support the configuration.

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
            and _plain(platform_type)
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

        async def verified(known_type: str) -> str:
            with _named(subject):
                return await verify_instance_type(
                    known_type,
                    billing_mode=args.billing_mode,
                    platform_type=args.platform_type,
                    tenancy=check_tenancy,
                    region=args.region,
                    lookup=lookup,
                    resource=self,
                )

        return pulumi.Output.from_input(instance_type).apply(verified)


@contextmanager
def _named(subject: str) -> Iterator[None]:
    """Prefix the component's own errors with the component: a RunError reaches the user without
    the resource it came from."""
    try:
        yield
    except (WorkspaceArgumentError, InstanceTypeCheckError) as error:
        raise type(error)(f"{subject}: {error}") from error.__cause__


def _plain_view(view: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The child's EC2 view as a plain dict (the component's output type)."""
    return None if view is None else dict(view)


def _plain(value: object) -> TypeGuard[str | None]:
    """A value usable as is (not an Output or other awaitable)."""
    return value is None or isinstance(value, str)
