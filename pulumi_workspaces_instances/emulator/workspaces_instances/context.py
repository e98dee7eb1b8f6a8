"""What an operation handler gets besides its parameters."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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


# EBS's rate rule for one volume: "You can modify a volume up to four times within a rolling 24-hour
# period" (EC2 API reference, ModifyVolume; the same in WorkSpaces Instances' model,
# VolumeModificationRateExceededException).
EBS_MODIFICATIONS_PER_WINDOW = 4
EBS_MODIFICATION_WINDOW_SECONDS = 24 * 3600.0


@dataclass(frozen=True)
class Timing:
    """How long the emulated transitions take, in seconds."""

    allocate_seconds: float
    deallocate_seconds: float
    #: A ModifyVolume stays ``modifying`` this long (the volume still shows its old configuration) ...
    volume_modifying_seconds: float = 0.2
    #: ... then ``optimizing`` this long (the new configuration shows) before ``completed``.
    volume_optimizing_seconds: float = 0.2
    #: How many modifications of one volume may start within any ``volume_modification_window_seconds``.
    volume_modifications_per_window: int = EBS_MODIFICATIONS_PER_WINDOW
    volume_modification_window_seconds: float = EBS_MODIFICATION_WINDOW_SECONDS


def _no_service(changes: dict[str, Any]) -> object:
    raise RuntimeError("this request context has no service whose behaviour it could change")


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
    # Sets behaviour switches for every later call (EC2's ModifyManagedResourceVisibility changes an
    # account setting, which is a switch); a context without a service to change has none to offer.
    change_behaviour: Callable[[dict[str, Any]], object] = field(default=_no_service)

    def sees(self, created_at: float) -> bool:
        """Whether a resource made at ``created_at`` is visible to this call yet.

        The read-after-create lag (``Behaviour.visibility_lag_seconds``): the one rule every handler that
        finds or lists resources for a caller applies.
        """
        return self.now - created_at >= self.behaviour.visibility_lag_seconds


def new_id(prefix: str) -> str:
    """A fresh resource id: the prefix followed by 17 lowercase hex digits, as EC2 ids look."""
    return prefix + secrets.token_hex(9)[:17]
