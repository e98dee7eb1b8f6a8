"""A small CBOR (RFC 8949) encoder and a strict, bounded decoder: what Smithy RPC v2 needs.

Decoded: integers, byte and text strings (definite or chunked), arrays, maps with text keys,
booleans, null/undefined (→ None), half/single/double floats, and tag 1 (epoch time, → its number).
Anything else, truncated input, trailing bytes, invalid UTF-8, duplicate map keys or nesting deeper
than ``max_depth`` raises ``CborError``. Declared lengths are checked against the bytes left before
anything is allocated, so a short body cannot claim a huge array.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from typing import Any

# Major types (the top three bits of an item's first byte).
_UNSIGNED, _NEGATIVE, _BYTES, _TEXT, _ARRAY, _MAP, _TAG, _SIMPLE = range(8)
_INDEFINITE = 31
_BREAK = 0xFF
EPOCH_TAG = 1
DEFAULT_MAX_DEPTH = 64


class CborError(ValueError):
    """The bytes are not a CBOR item this decoder accepts; the message says why and where."""


@dataclass(frozen=True)
class Tagged:
    """A value to encode under a CBOR tag (tag 1 for timestamps)."""

    tag: int
    value: Any


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise CborError(f"integer {argument} does not fit in 64 bits")


def encode(value: Any) -> bytes:
    """The CBOR encoding of a JSON-like value (plus bytes and ``Tagged``)."""
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def _encode(value: Any, out: bytearray) -> None:
    if value is None:
        out.append(0xF6)
    elif value is True:
        out.append(0xF5)
    elif value is False:
        out.append(0xF4)
    elif isinstance(value, int):
        out += _head(_UNSIGNED, value) if value >= 0 else _head(_NEGATIVE, -1 - value)
    elif isinstance(value, float):
        out += b"\xfb" + struct.pack(">d", value)
    elif isinstance(value, str):
        data = value.encode("utf-8")
        out += _head(_TEXT, len(data)) + data
    elif isinstance(value, bytes | bytearray):
        out += _head(_BYTES, len(value)) + value
    elif isinstance(value, list | tuple):
        out += _head(_ARRAY, len(value))
        for item in value:
            _encode(item, out)
    elif isinstance(value, dict):
        out += _head(_MAP, len(value))
        for key, item in value.items():
            _encode(key, out)
            _encode(item, out)
    elif isinstance(value, Tagged):
        out += _head(_TAG, value.tag)
        _encode(value.value, out)
    else:
        raise CborError(f"cannot encode a {type(value).__name__}")


def decode(data: bytes, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """The one item ``data`` holds; CborError for anything malformed, unsupported or too deep."""
    decoder = _Decoder(data, max_depth)
    value = decoder.item(0)
    if decoder.position != len(data):
        raise CborError(f"{len(data) - decoder.position} bytes follow the item at offset {decoder.position}")
    return value


class _Decoder:
    def __init__(self, data: bytes, max_depth: int) -> None:
        self.data = data
        self.position = 0
        self.max_depth = max_depth

    def take(self, count: int) -> bytes:
        if count > len(self.data) - self.position:
            raise CborError(f"{count} bytes announced at offset {self.position}, only {self.remaining} left")
        chunk = self.data[self.position : self.position + count]
        self.position += count
        return chunk

    @property
    def remaining(self) -> int:
        return len(self.data) - self.position

    def argument(self, info: int) -> int:
        if info < 24:
            return info
        if info in (24, 25, 26, 27):
            return int.from_bytes(self.take(1 << (info - 24)), "big")
        raise CborError(f"reserved additional information {info} at offset {self.position - 1}")

    def item(self, depth: int) -> Any:
        if depth > self.max_depth:
            raise CborError(f"nesting deeper than {self.max_depth} levels")
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 0x1F
        if major == _UNSIGNED:
            return self.argument(info)
        if major == _NEGATIVE:
            return -1 - self.argument(info)
        if major in (_BYTES, _TEXT):
            raw = self.chunks(major) if info == _INDEFINITE else self.take(self.argument(info))
            if major == _BYTES:
                return raw
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise CborError(f"text string is not valid UTF-8: {exc.reason}") from None
        if major == _ARRAY:
            return self.array(info, depth)
        if major == _MAP:
            return self.map(info, depth)
        if major == _TAG:
            return self.tagged(self.argument(info), depth)
        return self.simple(info)

    def chunks(self, major: int) -> bytes:
        parts: list[bytes] = []
        while True:
            if self.remaining and self.data[self.position] == _BREAK:
                self.position += 1
                return b"".join(parts)
            initial = self.take(1)[0]
            if initial >> 5 != major or initial & 0x1F == _INDEFINITE:
                raise CborError(f"bad chunk in an indefinite-length string at offset {self.position - 1}")
            parts.append(self.take(self.argument(initial & 0x1F)))

    def at_break(self) -> bool:
        if not self.remaining:
            raise CborError("an indefinite-length item has no break")
        if self.data[self.position] == _BREAK:
            self.position += 1
            return True
        return False

    def array(self, info: int, depth: int) -> list[Any]:
        if info == _INDEFINITE:
            items = []
            while not self.at_break():
                items.append(self.item(depth + 1))
            return items
        count = self.argument(info)
        if count > self.remaining:  # every item takes at least one byte
            raise CborError(f"array of {count} items announced with {self.remaining} bytes left")
        return [self.item(depth + 1) for _ in range(count)]

    def map(self, info: int, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        count = None if info == _INDEFINITE else self.argument(info)
        if count is not None and 2 * count > self.remaining:
            raise CborError(f"map of {count} entries announced with {self.remaining} bytes left")
        index = 0
        while (index < count) if count is not None else not self.at_break():
            key = self.item(depth + 1)
            if not isinstance(key, str):
                raise CborError(f"map key {key!r:.60} is not a text string")
            if key in result:
                raise CborError(f"map key {key!r:.60} appears twice")
            result[key] = self.item(depth + 1)
            index += 1
        return result

    def tagged(self, tag: int, depth: int) -> Any:
        if tag != EPOCH_TAG:
            raise CborError(f"tag {tag} is not supported (only tag 1, epoch time)")
        value = self.item(depth + 1)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise CborError("tag 1 (epoch time) must hold a finite number")
        return value

    def simple(self, info: int) -> Any:
        if info == 20:
            return False
        if info == 21:
            return True
        if info in (22, 23):
            return None
        if info == 25:
            return struct.unpack(">e", self.take(2))[0]
        if info == 26:
            return struct.unpack(">f", self.take(4))[0]
        if info == 27:
            return struct.unpack(">d", self.take(8))[0]
        if info == _INDEFINITE:
            raise CborError(f"unexpected break at offset {self.position - 1}")
        raise CborError(f"simple value {info} is not supported")
