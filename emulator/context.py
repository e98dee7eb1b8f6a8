"""What an operation handler gets besides its parameters."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from .catalogue import Catalogue
from .pagination import Paginator
from .records import Ec2Error
from .store import Store

# Record kinds in the store.
INSTANCE = "instance"
VOLUME = "volume"
IDEMPOTENCY = "idempotency"


@dataclass(frozen=True)
class Timing:
    """How long the emulated transitions take, in seconds."""

    allocate_seconds: float
    deallocate_seconds: float


@dataclass
class RequestContext:
    """One AWS call: the caller's region, the clock reading for this call, and shared services."""

    region: str
    now: float
    store: Store
    catalogue: Catalogue
    paginator: Paginator
    timing: Timing
    # Set by a fail_allocation fault: the EC2 error the created instance ends with.
    failed_allocation: Ec2Error | None = None


def new_id(prefix: str) -> str:
    """A fresh resource id: the prefix followed by 17 lowercase hex digits, as EC2 ids look."""
    return prefix + secrets.token_hex(9)[:17]
