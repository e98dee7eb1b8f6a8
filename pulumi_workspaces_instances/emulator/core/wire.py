"""What the server needs from a WorkSpaces Instances wire protocol (JSON 1.0 or Smithy RPC v2 CBOR)."""

from __future__ import annotations

from email.message import Message
from typing import Any, Protocol

from .errors import ServiceError


class Wire(Protocol):
    """One wire protocol of the service: where a request names its operation, and how bodies look."""

    #: botocore's name for the protocol, as the call log shows it.
    name: str

    def claimed_operation(self, path: str, headers: Message) -> str:
        """The operation the request names, unchecked (for the call log of a refused request)."""
        ...

    def operation(self, path: str, headers: Message) -> str:
        """The operation the request names; UnknownOperationException when it names none."""
        ...

    def decode(self, body: bytes, operation: str, headers: Message) -> Any:
        """The request's parameters in the JSON form the handlers take; a 4xx ServiceError if unreadable."""
        ...

    def encode_result(self, operation: str, result: dict[str, Any]) -> bytes:
        """A successful answer's body."""
        ...

    def encode_error(self, error: ServiceError) -> bytes:
        """An error answer's body."""
        ...

    def headers(self, error: ServiceError | None) -> dict[str, str]:
        """The headers of an answer (Content-Type first)."""
        ...
