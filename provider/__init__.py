"""Pulumi dynamic provider for Amazon WorkSpaces Instances.

- :class:`WorkspaceInstance`: the resource (create, read, update tags, delete, billing mode).
- :func:`get_instance_types` / :func:`get_instance_types_output`: the instance-type data source.
"""

from provider.instance_provider import WorkspaceInstanceProvider
from provider.instance_types import (
    InstanceConfiguration,
    InstanceTypeInfo,
    InstanceTypesResult,
    get_instance_types,
    get_instance_types_output,
)
from provider.workspace_instance import WorkspaceInstance

__all__ = [
    "InstanceConfiguration",
    "InstanceTypeInfo",
    "InstanceTypesResult",
    "WorkspaceInstance",
    "WorkspaceInstanceProvider",
    "get_instance_types",
    "get_instance_types_output",
]
