"""Pulumi dynamic provider for Amazon WorkSpaces Instances (``pulumi_workspaces_instances.provider``).

Public: :class:`WorkspaceInstance` (the resource: create or adopt, read, update tags, delete,
billing mode), :class:`Volume` and :class:`VolumeAttachment`, and the data sources
:func:`get_instance_types`, :func:`get_workspace_instance` and :func:`list_workspace_instances`
(each with an ``_output`` form).

Every public name is imported on first use (:data:`EXPORTS`): the dynamic provider host imports this
package only to unpickle a resource's provider, and then loads that provider's modules and no others
(no data source, no other resource), and a program loads only what it declares.

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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if __name__ == "provider":
    # Imported under its pre-0.2 top-level name: a stack created before the package existed stores
    # ``provider.instance_provider.WorkspaceInstanceProvider`` (see instances/upgrades.py). Hand out the
    # installed package's modules under the old names rather than loading a second copy.
    import sys as _sys

    _sys.modules["provider"] = importlib.import_module("pulumi_workspaces_instances.provider")
    _sys.modules["provider.instance_provider"] = importlib.import_module(
        "pulumi_workspaces_instances.provider.instance_provider"
    )

if TYPE_CHECKING:
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

EXPORTS = {
    "DataSourceError": "data_sources.invokes",
    "GetInstanceTypesResult": "data_sources.instance_types",
    "GetWorkspaceInstanceResult": "data_sources.lookups",
    "InstanceConfiguration": "data_sources.instance_types",
    "InstanceSeed": "seed",
    "InstanceTypeInfo": "data_sources.instance_types",
    "InstanceTypesLookupError": "data_sources.instance_types",
    "InvalidInstanceTypeFilterError": "data_sources.instance_types",
    "InvokeOptionError": "data_sources.invokes",
    "ListWorkspaceInstancesResult": "data_sources.lookups",
    "Volume": "volume",
    "VolumeAttachment": "volume",
    "WorkspaceInstance": "workspace_instance",
    "WorkspaceInstanceLookupError": "data_sources.lookups",
    "WorkspaceInstanceProvider": "instance_provider",
    "WorkspaceInstanceSummary": "data_sources.lookups",
    "get_instance_types": "data_sources.instance_types",
    "get_instance_types_output": "data_sources.instance_types",
    "get_workspace_instance": "data_sources.lookups",
    "get_workspace_instance_output": "data_sources.lookups",
    "list_workspace_instances": "data_sources.lookups",
    "list_workspace_instances_output": "data_sources.lookups",
}
"""Each public name and the module (below this one) that defines it, imported on first use."""

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


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for (PEP 562)."""
    module = EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
