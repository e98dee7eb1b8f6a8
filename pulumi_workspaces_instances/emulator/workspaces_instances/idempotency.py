"""ClientToken handling: the same token and request return the first answer; a different request conflicts.

CreateWorkspaceInstance, CreateVolume and ModifyVolume take a ``ClientToken`` (the model marks it
``idempotencyToken``; the SDKs fill in a random one when the caller gives none). Per region and
operation, a token remembers the parameters it came with and the answer it got:

- the same token with the same parameters answers the first answer again, without acting again,
  even when the resource has changed or gone since (EC2's documented behaviour: "Ensuring
  idempotency in Amazon EC2 API requests");
- the same token with different parameters is refused with ``ConflictException`` (409) naming the
  resource the token made, and nothing is done. EC2 itself answers ``IdempotentParameterMismatch``
  there, but that code is not in this API's model: every operation that takes a ClientToken lists
  ``ConflictException``, the answer other AWS services whose models have no mismatch error
  document for a token reused with other parameters (HTTP 409), so a generated client raises its
  typed ``ConflictException`` for it;
- a request that failed leaves nothing behind: its token may be used again, with any parameters;
- a token is scoped to its region: the same token in another region makes another resource.

Tokens are kept for the life of the emulator's state (EC2 keeps them for at least 24 hours after
the resource is gone).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..core.errors import conflict
from .context import IDEMPOTENCY, RequestContext


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
