"""The botocore service models the emulator serves, loaded once and shared.

WorkSpaces Instances is served whole; of EC2 only the volume reads (see ``ec2_volumes``). Every
rule the emulator enforces (shapes, enums, lengths, patterns, error status codes, sensitive
members, EC2 wire names) is read from here so it tracks the installed botocore, never a retyped list.
"""

from __future__ import annotations

from functools import cache

import botocore.session
from botocore.model import OperationModel, ServiceModel, Shape

SERVICE_NAME = "workspaces-instances"
EC2_SERVICE_NAME = "ec2"


@cache
def service_model() -> ServiceModel:
    """Return the installed botocore model of the service (loaded on first use)."""
    return botocore.session.get_session().get_service_model(SERVICE_NAME)


@cache
def ec2_service_model() -> ServiceModel:
    """Return the installed botocore model of EC2 (loaded on first use)."""
    return botocore.session.get_session().get_service_model(EC2_SERVICE_NAME)


def target_prefix() -> str:
    """The ``X-Amz-Target`` prefix before the dot, e.g. ``EUCMIFrontendAPIService``."""
    return str(service_model().metadata["targetPrefix"])


def operation_names() -> list[str]:
    """Names of every operation in the model."""
    return list(service_model().operation_names)


def operation(name: str) -> OperationModel:
    """The operation model for ``name`` (raises botocore's OperationNotFoundError if unknown)."""
    return service_model().operation_model(name)


@cache
def error_shape(code: str) -> Shape | None:
    """The modeled error shape named ``code``, or None when the model has no such error."""
    try:
        shape = service_model().shape_for(code)
    except Exception:
        return None
    return shape if shape.metadata.get("exception") else None


def error_status(code: str, default: int = 400) -> int:
    """HTTP status of a modeled error; ``default`` for errors the model does not describe."""
    shape = error_shape(code)
    if shape is None:
        return default
    return int(shape.metadata.get("error", {}).get("httpStatusCode", default))


def is_sensitive(shape: Shape) -> bool:
    """True when the model marks the shape's value as sensitive (never echoed or logged)."""
    return bool(shape.metadata.get("sensitive"))
