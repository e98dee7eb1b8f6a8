"""The exception handlers raise to answer with an AWS error."""

from __future__ import annotations

from typing import Any

from .limits import MAX_ERROR_CHARS, clip
from .model import error_status


def _clipped(value: Any) -> Any:
    """``value`` with every string cut to MAX_ERROR_CHARS: an answer never grows with the input."""
    if isinstance(value, str):
        return clip(value, MAX_ERROR_CHARS)
    if isinstance(value, dict):
        return {k: _clipped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clipped(v) for v in value]
    return value


class ServiceError(Exception):
    """An error answer: ``code`` is the error shape name, ``fields`` its other modeled members.

    ``fields`` are keyed by the shape's member names exactly (``Reason``, ``FieldList``, ``ResourceId``,
    ``RetryAfterSeconds``); the wire formats send them as they are and the message under the
    shape's own name for it (``model.message_member``), as Smithy-generated clients expect.

    The HTTP status comes from the model's error shape, so botocore maps it to the same
    ``ClientError`` code and status the real service would produce. Messages and members are
    cut to MAX_ERROR_CHARS; callers quote values with ``limits.quote`` to keep them far shorter.
    """

    def __init__(self, code: str, message: str, status: int | None = None, **fields: Any) -> None:
        message = clip(message, MAX_ERROR_CHARS)
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status if status is not None else error_status(code)
        self.fields = _clipped(fields)


def not_found(resource_id: str, resource_type: str) -> ServiceError:
    """ResourceNotFoundException for an id that does not exist in the caller's region."""
    return ServiceError(
        "ResourceNotFoundException",
        f"{resource_type} {clip(resource_id)} was not found.",
        ResourceId=resource_id,
        ResourceType=resource_type,
    )


def conflict(resource_id: str, resource_type: str, message: str) -> ServiceError:
    """ConflictException: the resource's current state does not allow the request."""
    return ServiceError("ConflictException", message, ResourceId=resource_id, ResourceType=resource_type)


def invalid(message: str, field: str | None = None, reason: str = "FIELD_VALIDATION_FAILED") -> ServiceError:
    """ValidationException for a rule outside the shapes (e.g. a value that must match the region)."""
    fields: dict[str, Any] = {"Reason": reason}
    if field is not None:
        fields["FieldList"] = [{"Name": field, "Reason": "invalidValue", "Message": message}]
    return ServiceError("ValidationException", message, **fields)
