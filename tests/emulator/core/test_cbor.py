"""The CBOR codec: what it writes botocore reads back, and what it refuses to read."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.parsers import RpcV2CBORParser

from pulumi_workspaces_instances.emulator.core import cbor

SAMPLES: list[Any] = [
    0,
    23,
    24,
    255,
    256,
    65536,
    2**32,
    2**64 - 1,
    -1,
    -25,
    -(2**64),
    1.5,
    -0.0,
    "",
    "é ✓ 𝄞",
    "x" * 70_000,
    b"\x00\xff",
    [],
    [1, [2, [3]]],
    {"a": {"b": [True, False, None]}},
    {str(n): n for n in range(30)},
]


@pytest.mark.parametrize("value", SAMPLES, ids=lambda v: type(v).__name__)
def test_round_trip_and_botocore_reads_what_is_written(value: Any) -> None:
    data = cbor.encode(value)
    assert cbor.decode(data) == value
    parser = RpcV2CBORParser()
    assert parser.parse_data_item(io.BufferedReader(io.BytesIO(data))) == value


def test_tag_1_is_a_timestamp_for_botocore_and_a_number_for_the_emulator() -> None:
    data = cbor.encode(cbor.Tagged(cbor.EPOCH_TAG, 1_893_456_000.5))
    assert cbor.decode(data) == 1_893_456_000.5
    parsed = RpcV2CBORParser().parse_data_item(io.BufferedReader(io.BytesIO(data)))
    assert parsed == datetime(2030, 1, 1, 0, 0, 0, 500000, tzinfo=UTC).astimezone(parsed.tzinfo)


def test_indefinite_lengths_and_short_floats() -> None:
    assert cbor.decode(b"\x5f\x42\x01\x02\x41\x03\xff") == b"\x01\x02\x03"
    assert cbor.decode(b"\x9f\x01\x9f\xff\xff") == [1, []]
    assert cbor.decode(b"\xbf\x61a\x01\xff") == {"a": 1}
    assert cbor.decode(b"\xf9\x3c\x00") == 1.0  # half precision
    assert cbor.decode(b"\xfa\x3f\xc0\x00\x00") == 1.5  # single precision
    assert cbor.decode(b"\xf7") is None  # undefined


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "0 left"),
        (b"\x1c", "reserved"),
        (b"\x62a", "only 1 left"),
        (b"\x9b\xff\xff\xff\xff\xff\xff\xff\xff", "announced"),
        (b"\xbb\x00\x00\x00\x01\x00\x00\x00\x00", "announced"),
        (b"\x9f\x01", "no break"),
        (b"\x5f\x61a\xff", "bad chunk"),
        (b"\x61\xff", "UTF-8"),
        (b"\xa2\x61a\x01\x61a\x02", "twice"),
        (b"\xa1\x01\x02", "not a text string"),
        (b"\xc2\x41\x01", "tag 2"),
        (b"\xc1\x61a", "finite number"),
        (b"\xc1\xfb\x7f\xf0\x00\x00\x00\x00\x00\x00", "finite number"),
        (b"\xf8\x20", "simple value"),
        (b"\xff", "unexpected break"),
        (b"\x01\x02", "follow"),
        (b"\x81" * 65 + b"\x01", "deeper than 64"),
    ],
)
def test_malformed_input_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(cbor.CborError, match=reason):
        cbor.decode(data)


def test_deep_nesting_stops_at_the_limit_without_recursing_further() -> None:
    deep = b"\x81" * 100_000 + b"\x01"
    with pytest.raises(cbor.CborError, match="deeper than 8"):
        cbor.decode(deep, max_depth=8)
