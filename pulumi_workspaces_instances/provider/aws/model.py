"""Access to the botocore service model of ``workspaces-instances``.

Every rule the provider enforces that comes from the AWS API (enums, patterns, lengths,
required members) is read from here rather than retyped, so a botocore upgrade updates them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from botocore.model import OperationModel, ServiceModel, Shape, StringShape, StructureShape

from . import sessions

SERVICE_NAME: Final = "workspaces-instances"
CREATE_OPERATION: Final = "CreateWorkspaceInstance"
"""The operation whose input (``ManagedInstance``, ``BillingConfiguration``, ``Tags``) the resource models."""
API_DEFAULT_BILLING_MODE: Final = "HOURLY"
"""What the service bills when CreateWorkspaceInstance has no ``BillingConfiguration`` (API reference)."""


@cache
def service_model() -> ServiceModel:
    """The installed botocore's model of the service (loaded once per process)."""
    return sessions.service_model(SERVICE_NAME)


def operation(name: str) -> OperationModel:
    """The model of one operation, e.g. ``operation("CreateWorkspaceInstance")``."""
    return service_model().operation_model(name)


def input_shape(operation_name: str) -> StructureShape:
    """The input structure of an operation."""
    shape = operation(operation_name).input_shape
    assert shape is not None, f"{operation_name} has no input"
    return shape


def member_shape(operation_name: str, path: str) -> Shape:
    """The shape at a dotted member path of an operation's input.

    ``member_shape("ListInstanceTypes", "InstanceConfigurationFilter.BillingMode")``
    """
    shape: Shape = input_shape(operation_name)
    for part in path.split("."):
        assert isinstance(shape, StructureShape), f"{path}: {shape.name} is not a structure"
        shape = shape.members[part]
    return shape


def managed_instance_shape() -> StructureShape:
    """The request shape of ``ManagedInstance`` in CreateWorkspaceInstance."""
    shape = member_shape(CREATE_OPERATION, "ManagedInstance")
    assert isinstance(shape, StructureShape)
    return shape


def enum_values(operation_name: str, path: str) -> list[str]:
    """The allowed values of an enum member, in model order."""
    shape = member_shape(operation_name, path)
    assert isinstance(shape, StringShape), f"{path}: {shape.name} is not a string enum"
    return list(shape.enum)


def model_markdown(html: str) -> str:
    """The botocore model's HTML documentation as plain Markdown (tags dropped, code kept)."""
    text = re.sub(r"</?code>", "`", html or "")
    text = re.sub(r"<li>", "\n- ", text)
    text = re.sub(r"</p>\s*<p>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()
