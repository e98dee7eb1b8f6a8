"""MaxResults/NextToken paging with opaque, tamper-evident tokens.

A token carries the offset of the next page and is bound (by an HMAC) to the operation,
region and filters of the request that produced it; anything else is rejected as forged.
The key is per process, so tokens do not survive an emulator restart (AWS tokens expire too).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from typing import Any, TypeVar

from .errors import invalid

Item = TypeVar("Item")


class Paginator:
    """Cuts lists into pages and issues/checks NextTokens."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key if key is not None else secrets.token_bytes(32)

    def _sign(self, payload: bytes) -> str:
        return hmac.new(self._key, payload, hashlib.sha256).hexdigest()[:32]

    def _scope(self, scope: Any) -> str:
        return hashlib.sha256(json.dumps(scope, sort_keys=True).encode()).hexdigest()[:16]

    def encode(self, offset: int, scope: Any) -> str:
        """The token for the page starting at ``offset`` of the list described by ``scope``."""
        payload = json.dumps({"o": offset, "s": self._scope(scope)}, separators=(",", ":")).encode()
        body = base64.urlsafe_b64encode(payload).decode().rstrip("=")
        return f"{body}.{self._sign(payload)}"

    def decode(self, token: str, scope: Any) -> int:
        """The offset a token points at; ValidationException if it was not issued for ``scope``."""
        body, _, signature = token.partition(".")
        try:
            payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            data = json.loads(payload)
            valid = hmac.compare_digest(signature, self._sign(payload)) and data["s"] == self._scope(scope)
            offset = int(data["o"])
        except (ValueError, KeyError, TypeError):
            valid, offset = False, 0
        if not valid or offset < 0:
            raise invalid("The NextToken is invalid or expired; start again without it.", field="NextToken")
        return offset

    def page(
        self,
        items: Sequence[Item],
        scope: Any,
        max_results: int | None,
        default_size: int,
        next_token: str | None,
    ) -> tuple[list[Item], str | None]:
        """One page of ``items`` and the token for the next page (None on the last page)."""
        start = self.decode(next_token, scope) if next_token is not None else 0
        size = max_results if max_results is not None else default_size
        end = start + size
        token = self.encode(end, scope) if end < len(items) else None
        return list(items[start:end]), token

    def answer(
        self,
        key: str,
        items: Sequence[Any],
        scope: Any,
        params: dict[str, Any],
        default_size: int,
    ) -> dict[str, Any]:
        """A list operation's response: one page of ``items`` under ``key``, plus NextToken if more."""
        page, token = self.page(items, scope, params.get("MaxResults"), default_size, params.get("NextToken"))
        response: dict[str, Any] = {key: page}
        if token is not None:
            response["NextToken"] = token
        return response
