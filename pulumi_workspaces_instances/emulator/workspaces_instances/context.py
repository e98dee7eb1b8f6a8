"""What an operation handler gets besides its parameters."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.pagination import Paginator
from ..core.store import Store
from .behaviour import Behaviour
from .catalogue import Catalogue
from .records import Ec2InstanceError, InstanceError

# Record kinds in the store.
INSTANCE = "instance"
EC2_INSTANCE = "ec2-instance"
VOLUME = "volume"
IDEMPOTENCY = "idempotency"


# EC2 allows one modification of a volume per six hours.
EC2_MODIFY_COOLDOWN_SECONDS = 6 * 3600.0


@dataclass(frozen=True)
class Timing:
    """How long the emulated transitions take, in seconds."""

    allocate_seconds: float
    deallocate_seconds: float
    #: A ModifyVolume stays ``modifying`` this long (the volume still shows its old configuration) ...
    volume_modifying_seconds: float = 0.2
    #: ... then ``optimizing`` this long (the new configuration shows) before ``completed``.
    volume_optimizing_seconds: float = 0.2
    #: The least time between two ModifyVolume calls on one volume.
    modify_cooldown_seconds: float = EC2_MODIFY_COOLDOWN_SECONDS


@dataclass
class RequestContext:
    """One AWS call: the caller's region, the clock reading for this call, and shared services."""

    region: str
    now: float
    store: Store
    catalogue: Catalogue
    paginator: Paginator
    timing: Timing
    #: The switches for AWS's inconvenient behaviours in effect for this call.
    behaviour: Behaviour = field(default_factory=Behaviour)
    # Set by a fail_allocation fault: the EC2 error the created instance ends with.
    failed_allocation: Ec2InstanceError | None = None
    # Called when a deletion starts: the error it ends with if a fail_deallocation fault fires.
    # Taken only then, so a delete refused for another reason does not use up the rule.
    take_deallocation_failure: Callable[[], InstanceError | None] = field(default=lambda: None)

    def sees(self, created_at: float) -> bool:
        """Whether a resource made at ``created_at`` is visible to this call yet.

        The read-after-create lag (``Behaviour.visibility_lag_seconds``): the one rule every handler that
        finds or lists resources for a caller applies.
        """
        return self.now - created_at >= self.behaviour.visibility_lag_seconds


def new_id(prefix: str) -> str:
    """A fresh resource id: the prefix followed by 17 lowercase hex digits, as EC2 ids look."""
    return prefix + secrets.token_hex(9)[:17]
