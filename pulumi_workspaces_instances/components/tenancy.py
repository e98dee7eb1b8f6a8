"""Tenancy in the service's two vocabularies, and the one translation the component uses.

``ListInstanceTypes`` (the capability check) speaks ``SHARED | DEDICATED``; the instance itself,
``ManagedInstance.Placement.Tenancy``, speaks EC2's ``default | dedicated | host``. The component's
``tenancy`` argument uses the first (it is what the check asks); ``placement.tenancy`` uses the
second and wins when both are given. ``host`` (a Dedicated Host) checks as ``DEDICATED``: it is
single-tenant hardware, and the API offers no third answer.
"""

from __future__ import annotations

import pulumi

from ..provider.aws import model
from .errors import InvalidArgumentError

#: EC2 placement tenancy → the ListInstanceTypes tenancy the capability check asks about.
PLACEMENT_TO_CHECK: dict[str, str] = {"default": "SHARED", "dedicated": "DEDICATED", "host": "DEDICATED"}
#: ListInstanceTypes tenancy (the component's ``tenancy`` argument) → EC2 placement tenancy.
CHECK_TO_PLACEMENT: dict[str, str] = {"SHARED": "default", "DEDICATED": "dedicated"}
#: What the service does without ``Placement.Tenancy``: shared hardware.
DEFAULT_TENANCY = "SHARED"
#: Placement tenancy the service applies when none is sent (so sending it is redundant).
DEFAULT_PLACEMENT_TENANCY = CHECK_TO_PLACEMENT[DEFAULT_TENANCY]


class TenancyError(InvalidArgumentError):
    """A tenancy value is unknown, or ``tenancy`` and ``placement.tenancy`` disagree."""


def check_vocabulary() -> list[str]:
    """Values of the ``tenancy`` argument, from botocore's ListInstanceTypes model."""
    return sorted(model.enum_values("ListInstanceTypes", "InstanceConfigurationFilter.Tenancy"))


def placement_vocabulary() -> list[str]:
    """Values of ``placement.tenancy``, from botocore's CreateWorkspaceInstance model."""
    return sorted(model.enum_values(model.CREATE_OPERATION, "ManagedInstance.Placement.Tenancy"))


def to_placement(tenancy: str) -> str:
    """``SHARED``/``DEDICATED`` → ``default``/``dedicated``."""
    try:
        return CHECK_TO_PLACEMENT[tenancy]
    except KeyError:
        raise TenancyError(
            f"tenancy: {tenancy!r} is not valid; use one of: {', '.join(check_vocabulary())}"
        ) from None


def to_check(placement_tenancy: str | None) -> str:
    """``default``/``dedicated``/``host`` (or unset) → the tenancy the capability check asks about."""
    if placement_tenancy is None:
        return DEFAULT_TENANCY
    try:
        return PLACEMENT_TO_CHECK[placement_tenancy]
    except KeyError:
        raise TenancyError(
            f"placement.tenancy: {placement_tenancy!r} is not valid; "
            f"use one of: {', '.join(placement_vocabulary())}"
        ) from None


def placement_tenancy_input(tenancy: pulumi.Input[str | None]) -> pulumi.Input[str | None] | None:
    """What ``tenancy`` contributes to ``Placement.Tenancy``: nothing when it is the service default.

    A plain value is translated now; an ``Output`` is translated once it resolves, by the same
    rule, so moving ``tenancy`` from a literal to config or another resource's output does not
    change the request (a changed ``managed_instance`` would replace the instance).
    """
    if isinstance(tenancy, pulumi.Output):
        # The mapping can't look inside an Output, so it keeps ``Placement.Tenancy`` and the
        # Output resolves to None for "the service default": None, absent and empty members are
        # all the same request to the provider, which prunes them before sending and diffing.
        return tenancy.apply(_placement_unless_default)
    if tenancy is not None and not isinstance(tenancy, str):
        raise TenancyError(f"tenancy: expected a string, got {type(tenancy).__name__}")
    return _placement_unless_default(tenancy)


def _placement_unless_default(tenancy: str | None) -> str | None:
    """``DEDICATED`` → ``dedicated``; ``SHARED`` or unset → None (send nothing, the service default)."""
    if tenancy is None:
        return None
    placement = to_placement(tenancy)
    return None if placement == DEFAULT_PLACEMENT_TENANCY else placement


def ensure_consistent(tenancy: pulumi.Input[str] | None, placement_tenancy: pulumi.Input[str] | None) -> None:
    """Fail when both are plain values that mean different things (Outputs can't be compared here)."""
    if isinstance(tenancy, str) and isinstance(placement_tenancy, str):
        to_placement(tenancy)  # reject an invalid value with its own message first
        if to_check(placement_tenancy) != tenancy:
            raise TenancyError(
                f"tenancy: {tenancy!r} contradicts placement.tenancy {placement_tenancy!r} "
                f"(which means {to_check(placement_tenancy)}); set only one of them"
            )
