"""The AWS JSON 1.0 wire format: reading a request's target and body, writing answers and errors."""

from __future__ import annotations

import json
from typing import Any

from .errors import ServiceError
from .model import operation_names, target_prefix

CONTENT_TYPE = "application/x-amz-json-1.0"
ERROR_NAMESPACE = "com.amazonaws.workspacesinstances"


def operation_from_target(target: str | None) -> str:
    """The operation named by ``X-Amz-Target``; UnknownOperationException if it names none."""
    prefix, _, name = (target or "").partition(".")
    if prefix != target_prefix() or name not in operation_names():
        raise ServiceError("UnknownOperationException", f"Unknown operation {target!r}.", status=400)
    return name


def decode_body(raw: bytes) -> Any:
    """The JSON request body (an empty body means no parameters)."""
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ServiceError(
            "ValidationException", f"The request body is not valid JSON: {exc}", Reason="CANNOT_PARSE"
        ) from exc


def encode_result(result: dict[str, Any]) -> bytes:
    """A successful answer's body."""
    return json.dumps(result).encode()


def encode_error(error: ServiceError) -> bytes:
    """An error body: ``__type`` and ``message`` plus the error shape's other members."""
    body: dict[str, Any] = {"__type": f"{ERROR_NAMESPACE}#{error.code}", "message": error.message}
    body.update(error.fields)
    return json.dumps(body).encode()
