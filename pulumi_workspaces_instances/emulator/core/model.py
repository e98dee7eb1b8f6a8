"""The botocore service models the emulator serves, loaded once and shared.

WorkSpaces Instances is served whole; of EC2 the actions the emulator names (``Backend.ec2_actions``). Every
rule the emulator enforces (shapes, enums, lengths, patterns, error status codes, sensitive
members, EC2 wire names) is read from here so it tracks the installed botocore, never a retyped list.
"""

from __future__ import annotations

import threading
from functools import cache

import botocore.session
from botocore.model import OperationModel, ServiceModel, Shape, StructureShape

SERVICE_NAME = "workspaces-instances"
EC2_SERVICE_NAME = "ec2"


_load_lock = threading.Lock()
_loaded: dict[str, ServiceModel] = {}


def _model(name: str) -> ServiceModel:
    """The installed botocore model ``name``, loaded once even when many requests ask at once.

    Single-flight under a lock: ``functools.cache`` lets every thread that misses load its own
    copy, and 40 first EC2 requests at once (a fleet's creates reading their EC2 view) each parsing
    EC2's large model held the emulator up for seconds.
    """
    model = _loaded.get(name)
    if model is not None:  # the hot path: every request asks
        return model
    with _load_lock:
        model = _loaded.get(name)
        if model is None:
            model = _loaded[name] = botocore.session.get_session().get_service_model(name)
        return model


def service_model() -> ServiceModel:
    """Return the installed botocore model of the service (loaded on first use)."""
    return _model(SERVICE_NAME)


def ec2_service_model() -> ServiceModel:
    """Return the installed botocore model of EC2 (loaded on first use)."""
    return _model(EC2_SERVICE_NAME)


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


#: What an error the model does not describe calls its message: AWS's own front-door errors
#: (UnknownOperationException, MissingAuthenticationTokenException, ...) spell it this way.
UNMODELED_MESSAGE_MEMBER = "message"


@cache
def message_member(code: str) -> str:
    """The wire name of error ``code``'s message: the model's own spelling (``Message`` here).

    Smithy-generated clients (the Go SDK v2, and the JavaScript SDK's typed members) read an error
    member only under the exact name its shape declares; botocore accepts either case.
    """
    shape = error_shape(code)
    if isinstance(shape, StructureShape):
        for name in shape.members:
            if name.lower() == "message":
                return name
    return UNMODELED_MESSAGE_MEMBER


def error_status(code: str, default: int = 400) -> int:
    """HTTP status of a modeled error; ``default`` for errors the model does not describe."""
    shape = error_shape(code)
    if shape is None:
        return default
    return int(shape.metadata.get("error", {}).get("httpStatusCode", default))


def is_sensitive(shape: Shape) -> bool:
    """True when the model marks the shape's value as sensitive (never echoed or logged)."""
    return bool(shape.metadata.get("sensitive"))
