"""The ``Workspace`` component as the provider plugin builds it in ``construct``.

The component is the Python face's own class (:class:`...components.workspace.Workspace`): the
same arguments, checks, secure defaults and mapping to ``ManagedInstance``. Only its child differs:
a program in another language has no Python dynamic provider host, so the child is the plugin's
own ``workspacesinstances:index:WorkspaceInstance`` custom resource (:class:`PluginWorkspaceInstance`),
served by this same plugin.
"""

from __future__ import annotations

import re
from typing import Any

import pulumi

from ..components.workspace import Workspace
from ..provider.aws.errors import WorkspaceInstanceError
from . import description
from .schema import package_version
from .values import rename_python

INSTANCE_TOKEN = description.token("WorkspaceInstance")
VERSION = package_version()


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


def child_version(provider_name: str | None) -> str | None:
    """The version the component's child registers with, given the name of the provider serving it.

    A program's SDK may leave the component's provider to the engine (the Java SDK does); the engine
    then picks a default provider named after the version the SDK registered the component with
    (``default_0_2_0``, or ``default`` without one), and its other resources use the same. The child
    joins that provider only by asking for the same version: without this, a Java program's stack
    would hold two default providers of this package. An explicit provider arrives in the request's
    options and wins anyway.
    """
    if provider_name == "default_" + re.sub(r"[.+-]", "_", VERSION):
        return VERSION
    return None


class PluginWorkspace(Workspace):
    """``Workspace`` whose child is the plugin's WorkspaceInstance (see the module docstring)."""

    def __init__(self, *args: Any, child_version: str | None = None, **kwargs: Any) -> None:
        """As ``Workspace``; ``child_version``: what the child registers with (:func:`child_version`)."""
        self._child_version = child_version
        super().__init__(*args, **kwargs)

    def _new_instance(self, resource_name: str, **arguments: Any) -> Any:
        opts = pulumi.ResourceOptions.merge(
            arguments.pop("opts", None), pulumi.ResourceOptions(version=self._child_version)
        )
        return PluginWorkspaceInstance(resource_name, opts=opts, **arguments)
