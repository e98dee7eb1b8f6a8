"""Pulumi dynamic provider for Amazon WorkSpaces Instances (``pulumi_workspaces_instances.provider``).

Public: :class:`WorkspaceInstance` (the resource: create or adopt, read, update tags, delete,
billing mode), :class:`Volume` and :class:`VolumeAttachment`, and the data sources
:func:`get_instance_types`, :func:`get_workspace_instance` and :func:`list_workspace_instances`
(each with an ``_output`` form).

Module map, one job each:

- ``workspace_instance`` — the resource class users declare (runs in the program);
- ``instance_provider`` — its ``ResourceProvider`` (runs in the provider host; its module path is
  part of the state format);
- ``instance_types`` — the ListInstanceTypes data source; ``lookups`` — get/list existing
  instances; ``invokes`` — what the data sources share (options, region, errors);
- ``seed`` — the per-instance random seed resource (tokens.py explains why);
- ``volume`` — the Volume and VolumeAttachment classes; ``volume_provider`` /
  ``attachment_provider`` — their providers; ``volume_state`` / ``volume_validation`` — their
  property names and check; ``ec2`` — reading volumes through EC2 DescribeVolumes;
- ``host`` — the provider host's watchdog and worker count; ``progress`` — progress lines;
  ``diagnostics`` — where progress lines and warnings go; ``preflight`` — the once-per-endpoint
  reachability and credentials probe;
- ``ec2_view`` / ``instance_drift`` — the EC2 view of a desktop and drift inside it;
  ``import_inputs`` — what ``pulumi import`` rebuilds of an instance's inputs;

- ``validation`` / ``rules`` / ``timeouts`` — everything ``check`` reports (model-driven, EC2
  cross-field rules, durations);
- ``state`` — property names and conversions between inputs, requests and outputs;
- ``diffing`` — what a change does (nothing, tag update, replacement);
- ``tokens`` — ClientTokens and the claim tag (crash-safe creates);
- ``tagging`` — planning and applying tag changes; ``secrets`` — which members are secret;
- ``waiter`` — backoff, deadlines, retries; ``errors`` — one-line error messages;
- ``clients`` — boto3 clients and region resolution; ``model`` — the botocore service model;
- ``unmodeled`` — ManagedInstance members newer than botocore; ``upgrades`` — states written by
  earlier versions; ``wire_values`` — unknowns and secret wrappers; ``suggestions`` — did you mean.
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
        get_instance_types,
        get_instance_types_output,
    )
    from .invokes import DataSourceError, InvokeOptionError
    from .lookups import (
        GetWorkspaceInstanceResult,
        ListWorkspaceInstancesResult,
        WorkspaceInstanceLookupError,
        WorkspaceInstanceSummary,
        get_workspace_instance,
        get_workspace_instance_output,
        list_workspace_instances,
        list_workspace_instances_output,
    )
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
