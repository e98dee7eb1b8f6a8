"""The AWS JSON 1.0 wire format: ``POST /`` with ``X-Amz-Target: EUCMIFrontendAPIService.<Operation>``."""

from __future__ import annotations

import json
from email.message import Message
from typing import Any

from .errors import ServiceError
from .limits import quote, read_json
from .model import message_member, operation_names, target_prefix

CONTENT_TYPE = "application/x-amz-json-1.0"
ERROR_NAMESPACE = "com.amazonaws.workspacesinstances"


def operation_from_target(target: str | None) -> str:
    """The operation named by ``X-Amz-Target``; UnknownOperationException if it names none."""
    prefix, _, name = (target or "").partition(".")
    if prefix != target_prefix() or name not in operation_names():
        raise ServiceError("UnknownOperationException", f"Unknown operation {quote(target)}.", status=400)
    return name


def decode_body(raw: bytes) -> Any:
    """The JSON request body (an empty body means no parameters)."""
    if not raw.strip():
        return {}
    try:
        return read_json(raw)
    except ValueError as exc:
        raise ServiceError(
            "ValidationException", f"The request body is not valid JSON: {exc}", Reason="CANNOT_PARSE"
        ) from None


def encode_result(result: dict[str, Any]) -> bytes:
    """A successful answer's body."""
    return json.dumps(result).encode()


def error_document(error: ServiceError) -> dict[str, Any]:
    """An error's ``__type``, message and other members, each under the name the model gives it.

    Both wire formats use this document (RPC v2 CBOR encodes the same map): the message goes under
    the shape's member name (``Message``), as do ``Reason``, ``FieldList``, ``RetryAfterSeconds``...
    (``ServiceError.fields`` are keyed by member name). Errors the model does not describe use
    ``message``, like AWS's own front-door errors.
    """
    body: dict[str, Any] = {
        "__type": f"{ERROR_NAMESPACE}#{error.code}",
        message_member(error.code): error.message,
    }
    body.update(error.fields)
    return body


def encode_error(error: ServiceError) -> bytes:
    """An error body: ``__type`` and the message plus the error shape's other members."""
    return json.dumps(error_document(error)).encode()


class JsonWire:
    """AWS JSON 1.0, the protocol botocore picks first."""

    name = "json"

    def claimed_operation(self, path: str, headers: Message) -> str:
        """The part of ``X-Amz-Target`` after the last dot."""
        return (headers.get("X-Amz-Target") or "").rpartition(".")[2] or "(none)"

    def operation(self, path: str, headers: Message) -> str:
        """The operation ``X-Amz-Target`` names."""
        return operation_from_target(headers.get("X-Amz-Target"))

    def decode(self, body: bytes, operation: str, headers: Message) -> Any:
        """The JSON body."""
        return decode_body(body)

    def encode_result(self, operation: str, result: dict[str, Any]) -> bytes:
        """The result as JSON."""
        return encode_result(result)

    def encode_error(self, error: ServiceError) -> bytes:
        """The error as JSON."""
        return encode_error(error)

    def headers(self, error: ServiceError | None) -> dict[str, str]:
        """JSON 1.0's content type, and the error code header on errors."""
        extra = {"Content-Type": CONTENT_TYPE}
        if error is not None:
            extra["x-amzn-ErrorType"] = error.code
        return extra
