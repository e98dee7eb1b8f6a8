"""What the HTTP server needs from the emulated service behind it: one call in, one ``Outcome`` out.

The server parses, authenticates and routes; everything a call means is the backend's. Declared
here so that the server knows no service: the emulator's ``service.Service`` is the backend.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Protocol

from .calls import CallLog
from .errors import ServiceError


@dataclass
class Outcome:
    """The answer to one call: a result or an error, and whether to drop the response."""

    result: dict[str, Any] | None = None
    error: ServiceError | None = None
    drop_response: bool = False

    @property
    def status(self) -> int:
        """The HTTP status the answer carries."""
        return self.error.status if self.error is not None else 200


class FaultRules(Protocol):
    """The injected faults, as the control plane changes them."""

    def add(self, raw_rules: Any) -> int:
        """Add rules from their JSON form (``ValueError`` for a bad one); the number now active."""
        ...

    def clear(self) -> None:
        """Remove every rule."""
        ...


class Backend(Protocol):
    """The service one server answers for: its calls, its call log and faults, and a reset."""

    @property
    def calls(self) -> CallLog:
        """The log of calls answered, for ``GET /_emulator/calls``."""
        ...

    @property
    def faults(self) -> FaultRules:
        """The injected faults, for ``/_emulator/faults``."""
        ...

    @property
    def ec2_actions(self) -> Collection[str]:
        """The EC2 actions served; any other is refused before it reaches ``call_ec2``."""
        ...

    def reset(self) -> None:
        """Forget every resource, call and fault; restore the behaviour switches it started with."""
        ...

    def behaviour_settings(self) -> dict[str, Any]:
        """The behaviour switches in effect, for ``GET /_emulator/behaviour``."""
        ...

    def change_behaviour(self, changes: Any) -> dict[str, Any]:
        """Set some behaviour switches (``POST /_emulator/behaviour``; ValueError names a bad one)."""
        ...

    def record_refusal(
        self, operation_name: str, region: str | None, params: Any, error: ServiceError, protocol: str
    ) -> None:
        """Log a call refused before dispatch (unsigned, unknown operation, unreadable body)."""
        ...

    def call(self, operation_name: str, region: str, params: Any, protocol: str) -> Outcome:
        """Answer one call of a known operation of the JSON/CBOR service, from ``region``."""
        ...

    def call_ec2(self, action: str, region: str, fields: dict[str, str]) -> Outcome:
        """Answer one EC2 query-protocol call of a served action (``fields``: the decoded form)."""
        ...
