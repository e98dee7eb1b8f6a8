"""Pulumi dynamic provider for Amazon WorkSpaces Instances (``pulumi_workspaces_instances.provider``).

Public: :class:`WorkspaceInstance` (the resource: create or adopt, read, update tags, delete,
billing mode), :class:`Volume` and :class:`VolumeAttachment`, and the data sources
:func:`get_instance_types`, :func:`get_workspace_instance` and :func:`list_workspace_instances`
(each with an ``_output`` form).

The layout. This floor holds what users declare and what the engine unpickles; each folder
below holds parts, and imports only the folders named in its own docstring (a test checks it):

- ``workspace_instance`` / ``volume`` — the resource classes programs declare (``WorkspaceInstance``;
  ``Volume`` and ``VolumeAttachment``); ``seed`` — the per-resource random seed (``InstanceSeed``);
- ``instance_provider`` / ``volume_provider`` / ``attachment_provider`` — their ``ResourceProvider``
  classes, and ``seed``'s: each is pickled by reference into every resource's state, so these
  module paths are part of the state format and stay where they are;
- ``provider_base`` — what those providers share (pickling, the stack's region, the host);
- ``instances/`` — a WorkspaceInstance's parts: state, validation, diffing, the EC2 view and drift,
  import inputs, secrets, state upgrades;
- ``volumes/`` — a Volume's and a VolumeAttachment's parts: state and validation;
- ``data_sources/`` — ``get_instance_types``, ``get_workspace_instance``, ``list_workspace_instances``;
- ``aws/`` — the AWS layer they share: clients, the model, rules, waiter, errors, tokens, tagging,
  EC2 reads, the preflight probe;
- ``inputs/`` — what every resource does with its inputs: shared property names, shared checks,
  timeouts, argument errors, wire values, suggestions;
- ``host/`` — the dynamic provider host process: its watchdog, the ``pulumi import`` hint;
- ``reporting/`` — progress lines and warnings.
"""

if __name__ == "provider":
    # Imported under its pre-0.2 top-level name: a stack created before the package existed stores
    # ``provider.instance_provider.WorkspaceInstanceProvider`` (see instances/upgrades.py). Hand out the
    # installed package's modules under the old names rather than loading a second copy.
    import importlib as _importlib
    import sys as _sys

    _package = _importlib.import_module("pulumi_workspaces_instances.provider")
    _sys.modules["provider"] = _package
    _sys.modules["provider.instance_provider"] = _package.instance_provider
else:
    from .data_sources.instance_types import (
        GetInstanceTypesResult,
        InstanceConfiguration,
        InstanceTypeInfo,
        InstanceTypesLookupError,
        InvalidInstanceTypeFilterError,
        get_instance_types,
        get_instance_types_output,
    )
    from .data_sources.invokes import DataSourceError, InvokeOptionError
    from .data_sources.lookups import (
        GetWorkspaceInstanceResult,
        ListWorkspaceInstancesResult,
        WorkspaceInstanceLookupError,
        WorkspaceInstanceSummary,
        get_workspace_instance,
        get_workspace_instance_output,
        list_workspace_instances,
        list_workspace_instances_output,
    )
    from .instance_provider import WorkspaceInstanceProvider
    from .seed import InstanceSeed
    from .volume import Volume, VolumeAttachment
    from .workspace_instance import WorkspaceInstance

__all__ = [
    "DataSourceError",
    "GetInstanceTypesResult",
    "GetWorkspaceInstanceResult",
    "InstanceConfiguration",
    "InstanceSeed",
    "InstanceTypeInfo",
    "InstanceTypesLookupError",
    "InvalidInstanceTypeFilterError",
    "InvokeOptionError",
    "ListWorkspaceInstancesResult",
    "Volume",
    "VolumeAttachment",
    "WorkspaceInstance",
    "WorkspaceInstanceLookupError",
    "WorkspaceInstanceProvider",
    "WorkspaceInstanceSummary",
    "get_instance_types",
    "get_instance_types_output",
    "get_workspace_instance",
    "get_workspace_instance_output",
    "list_workspace_instances",
    "list_workspace_instances_output",
]
