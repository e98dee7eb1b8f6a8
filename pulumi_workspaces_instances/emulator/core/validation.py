"""Request validation driven entirely by the botocore model's shapes.

Checks what the real service checks and botocore's client mostly does not: required members,
JSON types, enum values, string length (in code points), integer ranges (the model's ``min``/``max``
and the 32-bit width of ``integer``, 64-bit of ``long``), regex patterns, list lengths and unknown
members. Each violation names the member path the way a user wrote it,
e.g. ``ManagedInstance.BlockDeviceMappings[0].Ebs.VolumeType``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from .errors import ServiceError
from .limits import QUOTE_CHARS, clip, quote
from .model import is_sensitive

# Most violations worth reporting in one answer; the real service also truncates its list.
MAX_REPORTED_VIOLATIONS = 10
# The most characters of one member name or map key a reported path repeats.
MEMBER_NAME_CHARS = 64

#: The width of each integer type of the model (botocore's names for Smithy's ``integer``/``long``).
INTEGER_BITS = {"integer": 32, "long": 64}

# Smithy patterns use ECMAScript \p{..} classes that Python's `re` lacks. Each category is
# replaced by one representative character, and the value's characters of that category are
# mapped to it before matching, which keeps the pattern's meaning for the classes it uses.
_UNICODE_CLASS = re.compile(r"\\p\{([A-Z])\}")
_REPRESENTATIVE = {"L": "a", "N": "0", "Z": " ", "P": ".", "S": "+", "M": "\u0301", "C": "\x00"}


@dataclass(frozen=True)
class Violation:
    """One broken rule: the member path, a short reason code and the sentence to show."""

    path: str
    reason: str
    message: str


@dataclass(frozen=True)
class _CompiledPattern:
    regex: re.Pattern[str]
    categories: frozenset[str]

    def matches(self, value: str) -> bool:
        if self.categories:
            value = "".join(
                _REPRESENTATIVE[cat] if (cat := unicodedata.category(ch)[0]) in self.categories else ch
                for ch in value
            )
        return self.regex.fullmatch(value) is not None


@cache
def _compile(pattern: str) -> _CompiledPattern:
    categories = frozenset(_UNICODE_CLASS.findall(pattern))
    translated = _UNICODE_CLASS.sub(lambda m: re.escape(_REPRESENTATIVE[m.group(1)]), pattern)
    # The model's patterns are applied to the whole value: stricter than a search, and the
    # real service rejects values with stray characters around an otherwise valid id.
    return _CompiledPattern(re.compile(translated, re.DOTALL), categories)


def integer_range(shape: Shape) -> tuple[int, int]:
    """The values an ``integer`` or ``long`` shape takes: its ``min``/``max``, within its width.

    Smithy's ``integer`` is a 32-bit and ``long`` a 64-bit signed number; a service decodes members
    into those types, so a larger value is refused even where the model states no ``max``
    (``NonNegativeInteger``, e.g. CreateVolume's ``Iops``, has only ``min: 0``).
    """
    bits = INTEGER_BITS[shape.type_name]
    low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    if shape.metadata.get("min") is not None:
        low = max(low, int(shape.metadata["min"]))
    if shape.metadata.get("max") is not None:
        high = min(high, int(shape.metadata["max"]))
    return low, high


def _show(value: Any, shape: Shape) -> str:
    return "Value" if is_sensitive(shape) else f"Value {quote(value)}"


def _join(path: str, member: str) -> str:
    # Member names and map keys come from the caller: a path quotes at most a few hundred of them.
    member = clip(member, MEMBER_NAME_CHARS)
    return clip(f"{path}.{member}" if path else member, QUOTE_CHARS)


class _Walker:
    def __init__(self) -> None:
        self.violations: list[Violation] = []

    def fail(self, path: str, reason: str, message: str) -> None:
        self.violations.append(Violation(path or "(request)", reason, message))

    def check(self, value: Any, shape: Shape, path: str) -> None:
        kind = shape.type_name
        if kind == "structure":
            assert isinstance(shape, StructureShape)
            self._structure(value, shape, path)
        elif kind == "list":
            assert isinstance(shape, ListShape)
            self._list(value, shape, path)
        elif kind == "map":
            assert isinstance(shape, MapShape)
            self._map(value, shape, path)
        elif kind == "string":
            self._string(value, shape, path)
        elif kind in ("integer", "long"):
            self._integer(value, shape, path)
        elif kind == "boolean":
            if not isinstance(value, bool):
                self.fail(path, "invalidType", f"{_show(value, shape)} at '{path}' must be a boolean")
        elif kind in ("float", "double", "timestamp"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.fail(path, "invalidType", f"{_show(value, shape)} at '{path}' must be a number")
        elif kind == "blob" and not isinstance(value, str):
            self.fail(path, "invalidType", f"{_show(value, shape)} at '{path}' must be base64 text")

    def _structure(self, value: Any, shape: StructureShape, path: str) -> None:
        if not isinstance(value, dict):
            self.fail(path, "invalidType", f"{_show(value, shape)} at '{path}' must be an object")
            return
        for name in shape.required_members:
            if value.get(name) is None:
                self.fail(
                    _join(path, name),
                    "required",
                    f"Value null at '{_join(path, name)}' failed to satisfy constraint: "
                    "Member must not be null",
                )
        for name, item in value.items():
            member_path = _join(path, name)
            if name not in shape.members:
                self.fail(member_path, "unknownMember", f"'{member_path}' is not a member of {shape.name}")
            elif item is not None:
                self.check(item, shape.members[name], member_path)

    def _length(self, size: int, shape: Shape, path: str, value: Any, unit: str) -> None:
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and size < low:
            self.fail(
                path,
                "length",
                f"{_show(value, shape)} at '{path}' failed to satisfy constraint: "
                f"Member must have length greater than or equal to {low}{unit}",
            )
        if high is not None and size > high:
            self.fail(
                path,
                "length",
                f"{_show(value, shape)} at '{path}' failed to satisfy constraint: "
                f"Member must have length less than or equal to {high}{unit}",
            )

    def _list(self, value: Any, shape: ListShape, path: str) -> None:
        if not isinstance(value, list):
            self.fail(path, "invalidType", f"{_show(value, shape)} at '{path}' must be a list")
            return
        self._length(len(value), shape, path, f"list of {len(value)} items", "")
        for index, item in enumerate(value):
            if item is None:
                self.fail(f"{path}[{index}]", "required", f"Value null at '{path}[{index}]' is not allowed")
            else:
                self.check(item, shape.member, f"{path}[{index}]")

    def _map(self, value: Any, shape: MapShape, path: str) -> None:
        if not isinstance(value, dict):
            self.fail(path, "invalidType", f"{_show(value, shape)} at '{path}' must be an object")
            return
        self._length(len(value), shape, path, f"map of {len(value)} entries", "")
        for key, item in value.items():
            self.check(key, shape.key, _join(path, key))
            if item is not None:
                self.check(item, shape.value, _join(path, key))

    def _string(self, value: Any, shape: Shape, path: str) -> None:
        if not isinstance(value, str):
            self.fail(path, "invalidType", f"{_show(value, shape)} at '{path}' must be a string")
            return
        enum = getattr(shape, "enum", None)
        if enum:
            if value not in enum:
                self.fail(
                    path,
                    "enumValueSet",
                    f"{_show(value, shape)} at '{path}' failed to satisfy constraint: "
                    f"Member must satisfy enum value set: [{', '.join(enum)}]",
                )
            return
        self._length(len(value), shape, path, value, "")
        pattern = shape.metadata.get("pattern")
        if pattern is not None and not _compile(pattern).matches(value):
            self.fail(
                path,
                "pattern",
                f"{_show(value, shape)} at '{path}' failed to satisfy constraint: "
                f"Member must satisfy regular expression pattern: {pattern}",
            )

    def _integer(self, value: Any, shape: Shape, path: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "invalidType", f"{_show(value, shape)} at '{path}' must be an integer")
            return
        low, high = integer_range(shape)
        if value < low:
            self.fail(
                path,
                "range",
                f"{_show(value, shape)} at '{path}' failed to satisfy constraint: "
                f"Member must have value greater than or equal to {low}",
            )
        if value > high:
            self.fail(
                path,
                "range",
                f"{_show(value, shape)} at '{path}' failed to satisfy constraint: "
                f"Member must have value less than or equal to {high}",
            )


def violations(params: Any, shape: Shape | None) -> list[Violation]:
    """Every rule of ``shape`` that ``params`` breaks, in document order."""
    if shape is None:
        return [] if params in ({}, None) else [Violation("(request)", "unknownMember", "No input expected")]
    walker = _Walker()
    walker.check(params, shape, "")
    return walker.violations


def validation_error(found: list[Violation]) -> ServiceError:
    """The ValidationException answering ``found`` (which must not be empty)."""
    shown = found[:MAX_REPORTED_VIOLATIONS]
    count = len(found)
    noun = "validation error" if count == 1 else "validation errors"
    message = f"{count} {noun} detected: " + "; ".join(v.message for v in shown)
    return ServiceError(
        "ValidationException",
        message,
        Reason="FIELD_VALIDATION_FAILED",
        FieldList=[{"Name": v.path, "Reason": v.reason, "Message": v.message} for v in shown],
    )


def validate(params: Any, shape: Shape | None) -> None:
    """Raise ValidationException if ``params`` breaks any rule of ``shape``."""
    found = violations(params, shape)
    if found:
        raise validation_error(found)
