"""The log of AWS calls the emulator answered, for tests and for ``GET /_emulator/calls``.

Bounded: the last CALL_LOG_ENTRIES calls, each call's parameters cut to CALL_PARAMS_BUDGET
characters with every string cut to CALL_VALUE_CHARS (see ``limits``).
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import UTC, datetime
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from .limits import CALL_LOG_ENTRIES, QUOTE_CHARS, bounded, clip
from .model import is_sensitive

REDACTED = "*** redacted ***"


def redact(value: Any, shape: Shape | None) -> Any:
    """A copy of ``value`` with every member the model marks sensitive replaced by REDACTED.

    Tolerates values that do not fit the shape (invalid requests are logged too).
    """
    if shape is None:
        return value
    if is_sensitive(shape):
        return REDACTED
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        return {k: redact(v, shape.members.get(k)) for k, v in value.items()}
    if isinstance(shape, ListShape) and isinstance(value, list):
        return [redact(v, shape.member) for v in value]
    if isinstance(shape, MapShape) and isinstance(value, dict):
        return {k: redact(v, shape.value) for k, v in value.items()}
    return value


class CallLog:
    """Thread-safe, ordered record of calls: operation, protocol, region, params, status, error, time.

    ``protocol`` is the wire protocol the client spoke, by botocore's names: ``json``,
    ``smithy-rpc-v2-cbor`` or ``ec2``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: deque[dict[str, Any]] = deque(maxlen=CALL_LOG_ENTRIES)

    def record(
        self, operation: str, region: str | None, params: Any, status: int, error: str | None, protocol: str
    ) -> None:
        """Append one call (``params`` must already be redacted); the oldest goes past the bound."""
        entry = {
            "operation": clip(operation, QUOTE_CHARS),
            "protocol": protocol,
            "region": region,
            "params": bounded(params),
            "status": status,
            "error": error,
            "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
        with self._lock:
            self._calls.append(entry)

    def entries(self) -> list[dict[str, Any]]:
        """A snapshot of every call so far, oldest first."""
        with self._lock:
            return [dict(c) for c in self._calls]

    def clear(self) -> None:
        """Forget every call."""
        with self._lock:
            self._calls.clear()
