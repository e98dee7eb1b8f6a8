"""Smithy RPC v2 CBOR: ``POST /service/EUCMIFrontendAPIService/operation/<Operation>``, CBOR bodies.

Requests carry ``smithy-protocol: rpc-v2-cbor`` and ``Content-Type: application/cbor``; answers
carry the same ``smithy-protocol`` header and errors name their shape in ``__type``, as in JSON.
Timestamps travel as tag 1 (epoch seconds) and blobs as byte strings; ``decode`` turns them into
the JSON protocol's forms (numbers, base64 text) so handlers, validation and the call log see the
same parameters whichever protocol the client chose.
"""

from __future__ import annotations

import base64
from email.message import Message
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from . import cbor
from .errors import ServiceError
from .json_wire import error_document
from .limits import MAX_DEPTH, quote
from .model import operation, operation_names, target_prefix

CONTENT_TYPE = "application/cbor"
PROTOCOL_HEADER = "smithy-protocol"
PROTOCOL_VALUE = "rpc-v2-cbor"
PATH_PREFIX = "/service/"


def _unreadable(message: str) -> ServiceError:
    return ServiceError("ValidationException", message, Reason="CANNOT_PARSE")


def _json_form(value: Any, shape: Shape | None, path: str) -> Any:
    """``value`` with blobs as base64 text; a byte string where the model has no blob is refused."""
    if isinstance(value, bytes):
        if shape is not None and shape.type_name == "blob":
            return base64.b64encode(value).decode("ascii")
        raise _unreadable(f"'{path or '(request)'}' is a CBOR byte string, which only blob members take.")
    if isinstance(value, dict):
        members = shape.members if isinstance(shape, StructureShape) else {}
        inner = shape.value if isinstance(shape, MapShape) else None
        return {
            k: _json_form(v, members.get(k) if members else inner, f"{path}.{k}" if path else k)
            for k, v in value.items()
        }
    if isinstance(value, list):
        member = shape.member if isinstance(shape, ListShape) else None
        return [_json_form(v, member, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def _cbor_form(value: Any, shape: Shape | None) -> Any:
    """``value`` (JSON form) with timestamps tagged and blobs as bytes, per the output shape."""
    if shape is None:
        return value
    if shape.type_name == "timestamp" and isinstance(value, int | float):
        return cbor.Tagged(cbor.EPOCH_TAG, value)
    if shape.type_name == "blob" and isinstance(value, str):
        return base64.b64decode(value)
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        return {k: _cbor_form(v, shape.members.get(k)) for k, v in value.items()}
    if isinstance(shape, ListShape) and isinstance(value, list):
        return [_cbor_form(v, shape.member) for v in value]
    if isinstance(shape, MapShape) and isinstance(value, dict):
        return {k: _cbor_form(v, shape.value) for k, v in value.items()}
    return value


class CborWire:
    """Smithy RPC v2 CBOR, which botocore picks when it ranks it above JSON."""

    name = "smithy-rpc-v2-cbor"

    def claimed_operation(self, path: str, headers: Message) -> str:
        """The last segment of the path."""
        return path.split("?", 1)[0].rstrip("/").rpartition("/")[2] or "(none)"

    def operation(self, path: str, headers: Message) -> str:
        """The operation of ``/service/<targetPrefix>/operation/<Operation>``."""
        parts = path.split("?", 1)[0].split("/")
        if (
            len(parts) != 5
            or parts[:2] != ["", "service"]
            or parts[2] != target_prefix()
            or parts[3] != "operation"
            or parts[4] not in operation_names()
        ):
            raise ServiceError(
                "UnknownOperationException", f"Unknown operation path {quote(path)}.", status=404
            )
        return parts[4]

    def decode(self, body: bytes, operation_name: str, headers: Message) -> Any:
        """The CBOR body in JSON form (checked against the operation's input shape for byte strings)."""
        if headers.get(PROTOCOL_HEADER) != PROTOCOL_VALUE:
            raise _unreadable(
                f"Requests to /service/… need the header '{PROTOCOL_HEADER}: {PROTOCOL_VALUE}'."
            )
        if not body:
            return {}
        content_type = (headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if content_type != CONTENT_TYPE:
            raise _unreadable(f"The body must be {CONTENT_TYPE}, not {quote(content_type)}.")
        try:
            value = cbor.decode(body, max_depth=MAX_DEPTH)
        except cbor.CborError as exc:
            raise _unreadable(f"The request body is not valid CBOR: {exc}") from None
        return _json_form(value, operation(operation_name).input_shape, "")

    def encode_result(self, operation_name: str, result: dict[str, Any]) -> bytes:
        """The result as CBOR."""
        return cbor.encode(_cbor_form(result, operation(operation_name).output_shape))

    def encode_error(self, error: ServiceError) -> bytes:
        """The error as CBOR, ``__type`` naming its shape."""
        return cbor.encode(error_document(error))

    def headers(self, error: ServiceError | None) -> dict[str, str]:
        """CBOR's content type and the protocol header."""
        return {"Content-Type": CONTENT_TYPE, PROTOCOL_HEADER: PROTOCOL_VALUE}
