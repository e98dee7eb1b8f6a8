"""Preview-time check that ``instance_type`` supports the billing mode, platform and tenancy.

An unsupported type is accepted by CreateWorkspaceInstance and only fails minutes later
(ERROR_ALLOCATING), so the component asks ListInstanceTypes during preview instead. The lookup is
injectable (``InstanceTypeLookup``) so tests and other callers need no AWS.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Protocol

import pulumi

from ..provider.instance_types import InvalidInstanceTypeFilterError, get_instance_types

#: How many supported types an error message names.
MAX_SUGGESTED_TYPES = 10
#: The billing mode the service applies when the request has no BillingConfiguration.
SERVICE_DEFAULT_BILLING_MODE = "HOURLY"


class InstanceTypeLookup(Protocol):
    """Names of the instance types supporting one (billing mode, platform, tenancy) combination."""

    def __call__(
        self, *, billing_mode: str, platform_type: str, tenancy: str, region: str | None
    ) -> Sequence[str]:
        """Return the supported type names (any order)."""
        ...


def data_source_lookup(
    *, billing_mode: str, platform_type: str, tenancy: str, region: str | None
) -> Sequence[str]:
    """The default lookup: the provider's ``get_instance_types`` data source."""
    return get_instance_types(
        billing_mode=billing_mode, platform_type=platform_type, tenancy=tenancy, region=region
    ).names


class InstanceTypeCheckError(pulumi.RunError):
    """The check failed because of something the user set (reported without a stack trace)."""


class UnsupportedInstanceTypeError(InstanceTypeCheckError):
    """``instance_type`` does not support the requested combination."""


def unsupported_message(
    *,
    instance_type: str,
    billing_mode: str,
    platform_type: str,
    tenancy: str,
    region: str | None,
    supported: Sequence[str],
) -> str:
    """One line saying what is wrong and what to use instead."""
    where = f" in {region}" if region else ""
    combination = f"billing_mode={billing_mode}, platform_type={platform_type}, tenancy={tenancy}{where}"
    if not supported:
        alternatives = (
            "no instance type supports that combination; change billing_mode, platform_type or tenancy"
        )
    else:
        names = sorted(supported)
        shown = ", ".join(names[:MAX_SUGGESTED_TYPES])
        more = f" (and {len(names) - MAX_SUGGESTED_TYPES} more)" if len(names) > MAX_SUGGESTED_TYPES else ""
        alternatives = f"use one of: {shown}{more}"
    return (
        f"instance_type: {instance_type!r} does not support {combination}; {alternatives} "
        "(or set validate_instance_type=False to skip this check)"
    )


def check_instance_type(
    instance_type: str,
    *,
    billing_mode: str | None,
    platform_type: str,
    tenancy: str,
    region: str | None,
    lookup: InstanceTypeLookup,
    resource: pulumi.Resource | None = None,
) -> None:
    """Raise unless ``instance_type`` supports the combination (all values known).

    When the lookup itself fails (no credentials, network, throttling) it only warns: the check
    is an early warning, and the service still rejects a bad type at creation.
    """
    criteria = _criteria(billing_mode, platform_type, tenancy, region)
    _judge(instance_type, criteria, _ask(lookup, criteria), resource)


def _criteria(
    billing_mode: str | None, platform_type: str, tenancy: str, region: str | None
) -> dict[str, Any]:
    return {
        "billing_mode": billing_mode or SERVICE_DEFAULT_BILLING_MODE,
        "platform_type": platform_type,
        "tenancy": tenancy,
        "region": region,
    }


def _ask(lookup: InstanceTypeLookup, criteria: dict[str, Any]) -> list[str] | Exception:
    """The lookup's answer, or what it raised (so a worker thread can hand it back to the loop)."""
    try:
        return list(lookup(**criteria))
    except Exception as error:  # judged by the caller; nothing is swallowed here
        return error


def _judge(
    instance_type: str,
    criteria: dict[str, Any],
    answer: list[str] | Exception,
    resource: pulumi.Resource | None,
) -> None:
    if isinstance(answer, InvalidInstanceTypeFilterError):
        # The data source names the argument and its valid values.
        raise InstanceTypeCheckError(str(answer)) from answer
    if isinstance(answer, Exception):
        # Any other failure of the lookup only downgrades the check to a warning.
        pulumi.log.warn(
            f"instance_type: could not check {instance_type!r} with ListInstanceTypes ({answer}); "
            "an unsupported type will surface as ERROR_ALLOCATING after create",
            resource=resource,
        )
        return
    if instance_type not in answer:
        raise UnsupportedInstanceTypeError(
            unsupported_message(instance_type=instance_type, supported=answer, **criteria)
        )


async def _resolved(value: pulumi.Input[Any]) -> tuple[bool, Any]:
    """(known, value) of an Input; during preview an unknown Output resolves to (False, None)."""
    output = pulumi.Output.from_input(value)
    return await output.is_known(), await output.future()


async def verify_instance_type(
    instance_type: str,
    *,
    billing_mode: pulumi.Input[str] | None,
    platform_type: pulumi.Input[str],
    tenancy: pulumi.Input[str],
    region: pulumi.Input[str] | None,
    lookup: InstanceTypeLookup,
    resource: pulumi.Resource | None = None,
) -> str:
    """``check_instance_type`` over Inputs, returning ``instance_type`` for use in an ``apply``.

    Skips the check when any input is still unknown (a preview with values from new resources).
    The lookup runs in a worker thread so the program's event loop keeps serving other resources.
    """
    values: list[Any] = []
    for value in (billing_mode, platform_type, tenancy, region):
        known, resolved = await _resolved(value)
        if not known:
            return instance_type
        values.append(resolved)
    criteria = _criteria(*values)
    # Only the lookup leaves the loop: warnings and errors are raised back on it.
    answer = await asyncio.to_thread(_ask, lookup, criteria)
    _judge(instance_type, criteria, answer, resource)
    return instance_type
