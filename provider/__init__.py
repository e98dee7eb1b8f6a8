"""Pulumi dynamic provider for Amazon WorkSpaces Instances (``pulumi_workspaces_instances.provider``).

Public: :class:`WorkspaceInstance` (the resource: create, read, update tags, delete, billing mode)
and :func:`get_instance_types` / :func:`get_instance_types_output` (the instance-type data source).

Module map, one job each:

- ``workspace_instance`` — the resource class users declare (runs in the program);
- ``instance_provider`` — its ``ResourceProvider`` (runs in the provider host; its module path is
  part of the state format);
- ``instance_types`` — the ListInstanceTypes data source;
- ``validation`` / ``rules`` / ``timeouts`` — everything ``check`` reports (model-driven, EC2
  cross-field rules, durations);
- ``state`` — property names and conversions between inputs, requests and outputs;
- ``diffing`` — what a change does (nothing, tag update, replacement);
- ``tokens`` — ClientTokens and the claim tag (crash-safe creates);
- ``tagging`` — planning and applying tag changes; ``secrets`` — which members are secret;
- ``waiter`` — backoff, deadlines, retries; ``errors`` — one-line error messages;
- ``clients`` — boto3 clients and region resolution; ``model`` — the botocore service model;
- ``unmodeled`` — ManagedInstance members newer than botocore; ``upgrades`` — states written by
  earlier versions.
"""

if __name__ == "provider":
    # Imported under its pre-0.2 top-level name: a stack created before the package existed stores
    # ``provider.instance_provider.WorkspaceInstanceProvider`` (see upgrades.py). Hand out the
    # installed package's modules under the old names rather than loading a second copy.
    import importlib as _importlib
    import sys as _sys

    _package = _importlib.import_module("pulumi_workspaces_instances.provider")
    _sys.modules["provider"] = _package
    _sys.modules["provider.instance_provider"] = _package.instance_provider
else:
    from .instance_provider import WorkspaceInstanceProvider
    from .instance_types import (
        GetInstanceTypesResult,
        InstanceConfiguration,
        InstanceTypeInfo,
        InstanceTypesLookupError,
        InvalidInstanceTypeFilterError,
        InvokeOptionError,
        get_instance_types,
        get_instance_types_output,
    )
    from .workspace_instance import WorkspaceInstance

__all__ = [
    "GetInstanceTypesResult",
    "InstanceConfiguration",
    "InstanceTypeInfo",
    "InstanceTypesLookupError",
    "InvalidInstanceTypeFilterError",
    "InvokeOptionError",
    "WorkspaceInstance",
    "WorkspaceInstanceProvider",
    "get_instance_types",
    "get_instance_types_output",
]
