"""The ``Workspace`` component as the provider plugin builds it in ``construct``.

The component is the Python face's own class (:class:`...components.workspace.Workspace`): the
same arguments, checks, secure defaults and mapping to ``ManagedInstance``. Only its child differs:
a program in another language has no Python dynamic provider host, so the child is the plugin's
own ``workspacesinstances:index:WorkspaceInstance`` custom resource (:class:`PluginWorkspaceInstance`),
served by this same plugin.
"""

from __future__ import annotations

from typing import Any

import pulumi

from ..components.workspace import Workspace
from ..provider.errors import WorkspaceInstanceError
from . import description
from .values import rename_python

INSTANCE_TOKEN = description.token("WorkspaceInstance")


class PluginWorkspaceInstance(pulumi.CustomResource):
    """A ``WorkspaceInstance`` of the plugin, declared with the Python face's snake_case arguments.

    Its inputs go out under their wire names (``managedInstance.metadataOptions.httpTokens``); the
    outputs the component reads are offered under the Python face's names.
    """

    def __init__(self, resource_name: str, *, opts: pulumi.ResourceOptions | None = None, **arguments: Any):
        """Declare the instance; ``adopt_id``/``adopt_claimed`` are the Python face's own."""
        if arguments.pop("adopt_id", None) is not None or arguments.pop("adopt_claimed", None) is not None:
            raise WorkspaceInstanceError(
                "adopt_id: taking an existing instance over is for Python programs; "
                "here, use `pulumi import workspacesinstances:index:WorkspaceInstance <name> <id>`"
            )
        spec = description.resource(INSTANCE_TOKEN)
        record = spec.record()
        props: dict[str, Any] = {}
        for name, value in arguments.items():
            field = record.field_of(name)
            if field is None:
                raise TypeError(f"unknown WorkspaceInstance argument {name!r}")
            props[field.name] = rename_python(value, field.type, to_wire=True)
        for field in spec.outputs:
            props.setdefault(field.name, None)
        super().__init__(INSTANCE_TOKEN, resource_name, props, opts)

    def _output(self, wire_name: str) -> pulumi.Output[Any]:
        return pulumi.Output.from_input(getattr(self, wire_name))

    @property
    def workspace_instance_id(self) -> pulumi.Output[str]:
        """The instance id: the resource id itself (known at preview whenever the engine knows it)."""
        return self.id

    @property
    def ec2_instance_id(self) -> pulumi.Output[Any]:
        """The EC2 instance behind it."""
        return self._output("ec2InstanceId")

    @property
    def provision_state(self) -> pulumi.Output[Any]:
        """The provision state."""
        return self._output("provisionState")

    @property
    def billing_mode(self) -> pulumi.Output[Any]:
        """The billing mode the service reports."""
        return self._output("billingMode")

    @property
    def private_ip(self) -> pulumi.Output[Any]:
        """The EC2 instance's private IPv4 address."""
        return self._output("privateIp")

    @property
    def public_ip(self) -> pulumi.Output[Any]:
        """Its public IPv4 address."""
        return self._output("publicIp")

    @property
    def availability_zone(self) -> pulumi.Output[Any]:
        """Its Availability Zone."""
        return self._output("availabilityZone")

    @property
    def ec2_instance(self) -> pulumi.Output[Any]:
        """The EC2 view, under the Python face's (snake_case) names, as the component reads it."""
        field = description.resource(INSTANCE_TOKEN).record().field_named("ec2Instance")
        assert field is not None
        return self._output("ec2Instance").apply(lambda view: rename_python(view, field.type, to_wire=False))


class PluginWorkspace(Workspace):
    """``Workspace`` whose child is the plugin's WorkspaceInstance (see the module docstring)."""

    def _new_instance(self, resource_name: str, **arguments: Any) -> Any:
        return PluginWorkspaceInstance(resource_name, **arguments)
