"""``WorkspaceInstance``: an Amazon WorkSpaces Instance as a Pulumi resource.

The resource is a ``pulumi.dynamic.Resource`` (type token
``pulumi-python:dynamic/workspacesinstances:WorkspaceInstance``) backed by
:class:`provider.instance_provider.WorkspaceInstanceProvider`. This module runs in the user's
program: it only shapes the inputs (marking secrets, naming the resource's identity for
ClientTokens) and declares the outputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi
import pulumi.dynamic

from .inputs import properties
from .inputs.arguments import init_checked, refuse_import, warn_custom_timeouts
from .inputs.timeouts import TIMEOUT_KEYS
from .instance_provider import WorkspaceInstanceProvider
from .instances import state
from .instances.secrets import declares_private_address, mark_managed_instance_secrets
from .seed import SUFFIX as SEED_SUFFIX
from .seed import InstanceSeed

KIND = "WorkspaceInstance"
SECRET_OUTPUTS = [properties.CLIENT_TOKEN]
"""Outputs kept secret even when the engine could not infer it from the inputs."""


def resource_identity(resource_name: str, opts: pulumi.ResourceOptions | None) -> str:
    """Organization, project, stack, parent and name: what makes this resource unique.

    The dynamic provider never sees the URN, so the program passes this along as a hidden input.
    The parent is named by its type and name rather than its ``urn`` Output: an input that depends
    on a component parent would make the child depend on itself (the SDK reports a cycle).
    """
    scope = (pulumi.get_organization(), pulumi.get_project(), pulumi.get_stack())
    parts = [str(part or "") for part in scope]
    parent = opts.parent if opts is not None else None
    if parent is not None:
        # Set by pulumi.Resource.__init__ for every resource; the public API has only the urn Output.
        parts.append(f"{getattr(parent, '_type', '')}${getattr(parent, '_name', '')}")
    parts.append(resource_name)
    return "::".join(parts)


def _seed_options(opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
    """The seed sits beside the instance: same parent and provider, protected with it."""
    opts = opts or pulumi.ResourceOptions()
    return pulumi.ResourceOptions(parent=opts.parent, provider=opts.provider, protect=opts.protect)


class WorkspaceInstance(pulumi.dynamic.Resource, module="workspacesinstances", name="WorkspaceInstance"):
    """An Amazon WorkSpaces Instance managed by ``CreateWorkspaceInstance``/``DeleteWorkspaceInstance``.

    Changing ``managed_instance``, ``billing_mode``, ``region`` or ``client_token`` replaces the
    instance; ``tags`` are updated in place; ``timeouts`` only change how long Pulumi waits.
    """

    workspace_instance_id: pulumi.Output[str]
    """The instance id (``wsinst-…``): the resource id itself, so a preview knows it whenever the
    engine does (it stays known across a tag update; a dependent attachment is not replaced)."""
    provision_state: pulumi.Output[str]
    """ALLOCATED after a successful create; what the service reported at the last refresh."""
    ec2_instance_id: pulumi.Output[str | None]
    """The EC2 instance behind the workspace instance."""
    billing_mode: pulumi.Output[str]
    """MONTHLY or HOURLY, as the service reports it (HOURLY when not set)."""
    tags: pulumi.Output[dict[str, str]]
    """The instance's tags."""
    region: pulumi.Output[str]
    """The region the instance lives in (input, else ``aws:region``, else the AWS environment)."""
    managed_instance: pulumi.Output[dict[str, Any]]
    """The ManagedInstance configuration it was created with (sensitive members stay secret)."""
    managed_instance_extras: pulumi.Output[dict[str, Any] | None]
    """ManagedInstance members newer than the installed botocore, sent as given."""
    client_token: pulumi.Output[str | None]
    """The user-supplied ClientToken, if any (secret)."""
    timeouts: pulumi.Output[dict[str, str] | None]
    """The create/delete timeouts in effect."""
    adopt_id: pulumi.Output[str | None]
    """The existing instance this resource took over, if it was adopted."""
    adopt_claimed: pulumi.Output[bool | None]
    """Whether adoption was allowed to take a claimed instance."""
    ec2_instance: pulumi.Output[dict[str, Any] | None]
    """The EC2 instance as ``DescribeInstances`` reported it at the last create or refresh (state,
    type, image, network, IMDS options, root volume, …; the keys of :class:`.ec2_view.Ec2InstanceView`,
    which the SDK cannot take as the annotation). None until EC2 could be read; it keeps its last
    values while EC2 cannot tell. Never a diff."""
    private_ip: pulumi.Output[str | None]
    """The EC2 instance's primary private IPv4 address (secret when ``managed_instance`` declares one)."""
    public_ip: pulumi.Output[str | None]
    """Its public IPv4 address, if it has one (none while stopped)."""
    availability_zone: pulumi.Output[str | None]
    """The Availability Zone it runs in: where its volumes must be."""

    @init_checked(KIND)
    def __init__(
        self,
        resource_name: str,
        *,
        managed_instance: pulumi.Input[Mapping[str, Any]],
        billing_mode: pulumi.Input[str] | None = None,
        tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        region: pulumi.Input[str] | None = None,
        client_token: pulumi.Input[str] | None = None,
        timeouts: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        managed_instance_extras: pulumi.Input[Mapping[str, Any]] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
        adopt_claimed: pulumi.Input[bool] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare an instance (arguments after the name are keyword-only, ``opts`` last).

        :param managed_instance: the API's ``ManagedInstance`` in its PascalCase shape
            (``{"ImageId": "ami-…", "InstanceType": "t3.medium", …}``).
        :param billing_mode: ``"MONTHLY"`` or ``"HOURLY"``; unset means the API default (HOURLY).
        :param tags: tag keys to values.
        :param region: where to create it; default ``aws:region`` config, then the AWS environment.
        :param client_token: a fixed idempotency token; by default one is derived per create.
        :param timeouts: ``{"create": "30m", "delete": "30m"}`` (these are the defaults).
        :param managed_instance_extras: ``ManagedInstance`` members the installed botocore does not
            model yet (AWS added them later), merged into the request as given; changing them replaces.
        :param adopt_id: an existing instance (``wsinst-…``) for create to take over instead of
            launching one: it must be in the resolved region, ALLOCATING or ALLOCATED, bill as
            ``billing_mode`` says and not be claimed by another Pulumi resource; create then sets
            the declared tags and claims it. ``managed_instance`` is taken as declared (the API
            cannot report it). Changing or removing it later changes nothing.
        :param adopt_claimed: adopt even an instance another Pulumi resource has claimed (moving
            it between stacks); off by default, so two stacks never end up owning one desktop.
        """
        refuse_import(KIND, resource_name, opts)
        seed = InstanceSeed(resource_name + SEED_SUFFIX, opts=_seed_options(opts))
        props: dict[str, Any] = {
            state.MANAGED_INSTANCE: mark_managed_instance_secrets(managed_instance),
            state.MANAGED_INSTANCE_EXTRAS: managed_instance_extras,
            state.BILLING_MODE: billing_mode,
            properties.TAGS: tags,
            properties.REGION: region,
            properties.CLIENT_TOKEN: None if client_token is None else pulumi.Output.secret(client_token),
            properties.TIMEOUTS: timeouts,
            state.ADOPT_ID: adopt_id,
            state.ADOPT_CLAIMED: adopt_claimed,
            properties.IDENTITY: resource_identity(resource_name, opts),
            # Waiting on the seed's output makes Pulumi save the seed before this create starts.
            properties.SEED: seed.seed,
            # Computed outputs must be present (as None) to become attributes of the resource.
            state.WORKSPACE_INSTANCE_ID: None,
            state.PROVISION_STATE: None,
            state.EC2_INSTANCE_ID: None,
            **dict.fromkeys(state.EC2_VIEW_OUTPUTS),
        }
        # The private address is the same value as a declared (sensitive) PrivateIpAddress.
        secret_outputs = SECRET_OUTPUTS + (
            [state.PRIVATE_IP] if declares_private_address(managed_instance) else []
        )
        opts = pulumi.ResourceOptions.merge(
            opts, pulumi.ResourceOptions(additional_secret_outputs=secret_outputs)
        )
        super().__init__(WorkspaceInstanceProvider(), resource_name, props, opts)
        # The SDK's dynamic host drops a diff's stable outputs, so at preview every output of an
        # instance being updated is unknown, except its id: dependents take the id.
        self.workspace_instance_id = self.id
        warn_custom_timeouts(self, KIND, opts, TIMEOUT_KEYS)
