"""ClientToken handling: the same token and request return the first answer; a different request conflicts."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .context import IDEMPOTENCY, RequestContext
from .errors import conflict


def _fingerprint(params: dict[str, Any]) -> str:
    without_token = {k: v for k, v in params.items() if k != "ClientToken"}
    return hashlib.sha256(json.dumps(without_token, sort_keys=True).encode()).hexdigest()


def replay(ctx: RequestContext, operation: str, params: dict[str, Any], resource_type: str) -> Any:
    """The stored answer for a repeated token, or None for a new token.

    Raises ConflictException when the token was used with different parameters.
    """
    token = params.get("ClientToken")
    if token is None:
        return None
    seen = ctx.store.get(ctx.region, IDEMPOTENCY, f"{operation}/{token}")
    if seen is None:
        return None
    if seen["fingerprint"] != _fingerprint(params):
        raise conflict(
            seen["resource_id"],
            resource_type,
            f"ClientToken was already used with different parameters for {resource_type} "
            f"{seen['resource_id']}; use a new token for a different request.",
        )
    return seen["result"]


def remember(
    ctx: RequestContext, operation: str, params: dict[str, Any], resource_id: str, result: Any
) -> None:
    """Store the answer given for this token (no-op when the request had no token)."""
    token = params.get("ClientToken")
    if token is None:
        return
    ctx.store.put(
        ctx.region,
        IDEMPOTENCY,
        f"{operation}/{token}",
        {"fingerprint": _fingerprint(params), "resource_id": resource_id, "result": result},
    )
