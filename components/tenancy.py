"""Tenancy in the service's two vocabularies, and the one translation the component uses.

``ListInstanceTypes`` (the capability check) speaks ``SHARED | DEDICATED``; the instance itself,
``ManagedInstance.Placement.Tenancy``, speaks EC2's ``default | dedicated | host``. The component's
``tenancy`` argument uses the first (it is what the check asks); ``placement.tenancy`` uses the
second and wins when both are given. ``host`` (a Dedicated Host) checks as ``DEDICATED``: it is
single-tenant hardware, and the API offers no third answer.
"""

from __future__ import annotations

import pulumi

from provider import model

#: EC2 placement tenancy → the ListInstanceTypes tenancy the capability check asks about.
PLACEMENT_TO_CHECK: dict[str, str] = {"default": "SHARED", "dedicated": "DEDICATED", "host": "DEDICATED"}
#: ListInstanceTypes tenancy (the component's ``tenancy`` argument) → EC2 placement tenancy.
CHECK_TO_PLACEMENT: dict[str, str] = {"SHARED": "default", "DEDICATED": "dedicated"}
#: What the service does without ``Placement.Tenancy``: shared hardware.
DEFAULT_TENANCY = "SHARED"
#: Placement tenancy the service applies when none is sent (so sending it is redundant).
DEFAULT_PLACEMENT_TENANCY = CHECK_TO_PLACEMENT[DEFAULT_TENANCY]


class TenancyError(ValueError):
    """A tenancy value is unknown, or ``tenancy`` and ``placement.tenancy`` disagree."""


def check_vocabulary() -> list[str]:
    """Values of the ``tenancy`` argument, from botocore's ListInstanceTypes model."""
    return sorted(model.enum_values("ListInstanceTypes", "InstanceConfigurationFilter.Tenancy"))


def placement_vocabulary() -> list[str]:
    """Values of ``placement.tenancy``, from botocore's CreateWorkspaceInstance model."""
    return sorted(model.enum_values("CreateWorkspaceInstance", "ManagedInstance.Placement.Tenancy"))


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


def placement_tenancy_input(tenancy: pulumi.Input[str]) -> pulumi.Input[str] | None:
    """What ``tenancy`` contributes to ``Placement.Tenancy``: nothing when it is the service default.

    An ``Output`` can't be inspected here, so it always contributes its translated value.
    """
    if isinstance(tenancy, pulumi.Output):
        return tenancy.apply(to_placement)
    if not isinstance(tenancy, str):
        raise TenancyError(f"tenancy: expected a string, got {type(tenancy).__name__}")
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
