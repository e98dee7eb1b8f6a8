"""EC2's query protocol: form-encoded requests in, XML answers and XML errors out, driven by botocore's model.

A request is ``Action=DescribeVolumes&Version=2016-11-15&VolumeId.1=vol-…&Filter.1.Name=…&
Filter.1.Value.1=…``: each member is sent under its ``queryName``, else its ``locationName``
with the first letter capitalised, else its own name; list items follow as ``.1``, ``.2``… (EC2
lists are always flattened). Answers are ``<ActionResponse xmlns=…><requestId>…`` with members
under their ``locationName`` and list items as ``<item>``; errors are
``<Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…``.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl
from xml.etree import ElementTree

from botocore.model import ListShape, OperationModel, Shape, StructureShape

from .errors import ServiceError
from .limits import quote
from .model import ec2_service_model

CONTENT_TYPE = "text/xml;charset=UTF-8"
#: This protocol's name in the call log (botocore's).
EC2_PROTOCOL = "ec2"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
_INDEX = re.compile(r"[1-9][0-9]{0,5}")


def ec2_error(code: str, message: str, status: int = 400) -> ServiceError:
    """An EC2 error answer (``code`` as EC2 spells it, e.g. ``InvalidVolume.NotFound``)."""
    return ServiceError(code, message, status=status)


def parse_form(body: bytes) -> dict[str, str]:
    """The form fields of a request body; MalformedQueryString for bytes that are not a form."""
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise ec2_error(
            "MalformedQueryString", f"The request body is not a form-encoded query: {exc}"
        ) from exc
    fields: dict[str, str] = {}
    for key, value in pairs:
        if key in fields:
            raise ec2_error("InvalidParameterValue", f"The parameter {quote(key)} is given more than once.")
        fields[key] = value
    return fields


def _wire_name(shape: Shape, default: str) -> str:
    if "queryName" in shape.serialization:
        return str(shape.serialization["queryName"])
    name = shape.serialization.get("name")
    return name[0].upper() + name[1:] if name else default


class _Reader:
    """Reads the fields an input shape describes, remembering which ones it used."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        self.used: set[str] = set()
        # The list indexes under every prefix ("Filter.1.Value" -> {1, 2}), found in one pass so
        # reading many lists stays linear in the number of fields.
        self.indexes: dict[str, set[int]] = {}
        for field in fields:
            parts = field.split(".")
            for position, part in enumerate(parts[1:], 1):
                if _INDEX.fullmatch(part):
                    self.indexes.setdefault(".".join(parts[:position]), set()).add(int(part))

    def structure(self, shape: StructureShape, prefix: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, member in shape.members.items():
            key = _wire_name(member, name)
            value = self.value(member, f"{prefix}.{key}" if prefix else key)
            if value is not None:
                result[name] = value
        return result

    def value(self, shape: Shape, key: str) -> Any:
        if isinstance(shape, StructureShape):
            nested = self.structure(shape, key)
            return nested or None
        if isinstance(shape, ListShape):
            indexes = self.indexes.get(key)
            if not indexes:
                return None
            return [self.value(shape.member, f"{key}.{index}") for index in sorted(indexes)]
        if key not in self.fields:
            return None
        self.used.add(key)
        return _scalar(shape, key, self.fields[key])


def _scalar(shape: Shape, key: str, raw: str) -> Any:
    kind = shape.type_name
    if kind in ("integer", "long"):
        try:
            return int(raw)
        except ValueError:
            raise ec2_error(
                "InvalidParameterValue",
                f"Value ({quote(raw)}) for parameter {key} is invalid: not an integer.",
            ) from None
    if kind == "boolean":
        if raw.lower() not in ("true", "false"):
            raise ec2_error(
                "InvalidParameterValue",
                f"Value ({quote(raw)}) for parameter {key} is invalid: not true or false.",
            )
        return raw.lower() == "true"
    if kind in ("float", "double"):
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise ec2_error("InvalidParameterValue", f"Value ({quote(raw)}) for parameter {key} is invalid.")
        return number
    allowed = shape.metadata.get("enum")
    if allowed and raw not in allowed:
        raise ec2_error(
            "InvalidParameterValue",
            f"Value ({quote(raw)}) for parameter {key} is invalid: it must be one of {', '.join(allowed)}.",
        )
    return raw


def decode_params(operation: OperationModel, fields: dict[str, str]) -> dict[str, Any]:
    """The parameters of one action, by the model's member names.

    UnknownParameter for any other field, MissingParameter for a required top-level member that
    is absent (a list with no items is absent), InvalidParameterValue for a value outside its enum.
    """
    reader = _Reader(fields)
    shape = operation.input_shape
    params = reader.structure(shape, "") if shape is not None else {}
    unknown = sorted(set(fields) - reader.used - {"Action", "Version"})
    if unknown:
        raise ec2_error("UnknownParameter", f"The parameter {quote(unknown[0])} is not recognized.")
    if shape is not None:
        for name in shape.required_members:
            if name not in params:
                wire = _wire_name(shape.members[name], name)
                raise ec2_error("MissingParameter", f"The request must contain the parameter {wire}.")
    return params


def _timestamp(value: float) -> str:
    return datetime.fromtimestamp(value, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _element(parent: ElementTree.Element, name: str, shape: Shape, value: Any) -> None:
    node = ElementTree.SubElement(parent, name)
    if isinstance(shape, StructureShape):
        for member_name, member in shape.members.items():
            if value.get(member_name) is not None:
                _element(node, member.serialization.get("name", member_name), member, value[member_name])
    elif isinstance(shape, ListShape):
        item_name = shape.member.serialization.get("name", "member")
        for item in value:
            _element(node, item_name, shape.member, item)
    elif shape.type_name == "boolean":
        node.text = "true" if value else "false"
    elif shape.type_name == "timestamp":
        node.text = _timestamp(value)
    else:
        node.text = str(value)


def _namespace() -> str:
    return str(ec2_service_model().metadata["xmlNamespace"]) + "/"


def encode_result(operation: OperationModel, result: dict[str, Any], request_id: str) -> bytes:
    """The XML answer of a successful action; ``result`` uses the output shape's member names."""
    root = ElementTree.Element(f"{operation.name}Response", xmlns=_namespace())
    ElementTree.SubElement(root, "requestId").text = request_id
    shape = operation.output_shape
    if shape is not None:
        for name, member in shape.members.items():
            if result.get(name) is not None:
                _element(root, member.serialization.get("name", name), member, result[name])
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def encode_error(error: ServiceError, request_id: str) -> bytes:
    """EC2's XML error document for ``error``."""
    root = ElementTree.Element("Response")
    entry = ElementTree.SubElement(ElementTree.SubElement(root, "Errors"), "Error")
    ElementTree.SubElement(entry, "Code").text = error.code
    ElementTree.SubElement(entry, "Message").text = error.message
    ElementTree.SubElement(root, "RequestID").text = request_id
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
