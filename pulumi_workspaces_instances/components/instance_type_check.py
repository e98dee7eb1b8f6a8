"""Preview-time check that ``instance_type`` exists and supports the billing mode, platform and tenancy.

An unsupported type is accepted by CreateWorkspaceInstance and only fails minutes later
(ERROR_ALLOCATING), so the component asks ListInstanceTypes during preview instead. A type the
region does not offer at all is named as unknown, with the closest real one. When the question
cannot be asked (no connection, something that is not AWS answering, bad credentials) the preview
fails too: ``up`` would fail the same way, after registering the component. Only a throttled or
failing service (transient) downgrades the check to a warning.

The lookup is replaceable (``use_instance_type_lookup``) so unit tests and programs that already
know the answer need no AWS.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

import pulumi

from ..provider.aws.model import API_DEFAULT_BILLING_MODE
from ..provider.data_sources.instance_types import (
    InstanceTypesLookupError,
    InvalidInstanceTypeFilterError,
    get_instance_types,
)
from ..provider.inputs.arguments import function_checked
from ..provider.inputs.suggestions import did_you_mean

#: How many supported types an error message names.
MAX_SUGGESTED_TYPES = 10
#: The way out every message of this check offers.
SKIP_HINT = "(or set validate_instance_type=False to skip this check)"


class InstanceTypeLookup(Protocol):
    """Names of the instance types offering a (billing mode, platform, tenancy) combination.

    A ``None`` criterion matches every value, so with all three ``None`` the answer is every
    instance type of the region.
    """

    def __call__(
        self,
        *,
        billing_mode: str | None,
        platform_type: str | None,
        tenancy: str | None,
        region: str | None,
    ) -> Sequence[str]:
        """Return the matching type names (any order)."""
        ...


def data_source_lookup(
    *, billing_mode: str | None, platform_type: str | None, tenancy: str | None, region: str | None
) -> Sequence[str]:
    """The default lookup: the provider's ``get_instance_types`` data source."""
    return get_instance_types(
        billing_mode=billing_mode, platform_type=platform_type, tenancy=tenancy, region=region
    ).names


_lookup_override: ContextVar[InstanceTypeLookup | None] = ContextVar("instance_type_lookup", default=None)


@function_checked("use_instance_type_lookup")
@contextmanager
def use_instance_type_lookup(lookup: InstanceTypeLookup) -> Iterator[None]:
    """Within the block, ``Workspace`` components being created ask ``lookup`` instead of AWS.

    For unit tests under ``pulumi.runtime.set_mocks``, or a program that already knows the answer.
    A component keeps the lookup it was created with, also for checks that wait for Outputs.
    """
    token = _lookup_override.set(lookup)
    try:
        yield
    finally:
        _lookup_override.reset(token)


def current_lookup() -> InstanceTypeLookup:
    """The lookup a ``Workspace`` created now uses."""
    return _lookup_override.get() or data_source_lookup


class InstanceTypeCheckError(pulumi.RunError):
    """The check failed: a value the user set, or the check could not be made (one line, no trace)."""


class UnsupportedInstanceTypeError(InstanceTypeCheckError):
    """``instance_type`` does not support the requested combination."""


class UnknownInstanceTypeError(InstanceTypeCheckError):
    """``instance_type`` is not an instance type the region offers at all (usually a typo)."""


@dataclass(frozen=True)
class _Answer:
    """What the lookup said: the supporting types, and every type when that was needed."""

    supported: list[str]
    known: list[str] | None = None


def unsupported_message(
    *,
    instance_type: str,
    billing_mode: str,
    platform_type: str | None,
    tenancy: str,
    region: str | None,
    supported: Sequence[str],
) -> str:
    """One line saying what is wrong and what to use instead."""
    combination = (
        f"billing_mode={billing_mode}, platform_type={platform_type or 'any'}, tenancy={tenancy}{_in(region)}"
    )
    if not supported:
        alternatives = (
            "no instance type supports that combination; change billing_mode, platform_type or tenancy"
        )
    else:
        names = sorted(supported)
        shown = ", ".join(names[:MAX_SUGGESTED_TYPES])
        more = f" (and {len(names) - MAX_SUGGESTED_TYPES} more)" if len(names) > MAX_SUGGESTED_TYPES else ""
        alternatives = f"use one of: {shown}{more}"
    return f"instance_type: {instance_type!r} does not support {combination}; {alternatives} {SKIP_HINT}"


def unknown_message(*, instance_type: str, region: str | None, known: Sequence[str]) -> str:
    """One line saying the type does not exist, with the closest one that does."""
    hint = did_you_mean(instance_type, known) or "; get_instance_types() lists the ones offered"
    return f"instance_type: unknown instance type {instance_type!r}{_in(region)}{hint} {SKIP_HINT}"


def check_instance_type(
    instance_type: str,
    *,
    billing_mode: str | None,
    platform_type: str | None,
    tenancy: str,
    region: str | None,
    lookup: InstanceTypeLookup,
    resource: pulumi.Resource | None = None,
) -> None:
    """Raise unless ``instance_type`` supports the combination (all values known)."""
    criteria = _criteria(billing_mode, platform_type, tenancy, region)
    _judge(instance_type, criteria, _ask(lookup, instance_type, criteria), resource)


async def verify_instance_type(
    instance_type: str,
    *,
    billing_mode: pulumi.Input[str] | None,
    platform_type: pulumi.Input[str] | None,
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
    answer = await asyncio.to_thread(_ask, lookup, instance_type, criteria)
    _judge(instance_type, criteria, answer, resource)
    return instance_type


def _criteria(
    billing_mode: str | None, platform_type: str | None, tenancy: str, region: str | None
) -> dict[str, Any]:
    return {
        "billing_mode": billing_mode or API_DEFAULT_BILLING_MODE,
        "platform_type": platform_type,
        "tenancy": tenancy,
        "region": region,
    }


def _ask(lookup: InstanceTypeLookup, instance_type: str, criteria: dict[str, Any]) -> _Answer | Exception:
    """The lookup's answer, or what it raised (so a worker thread can hand it back to the loop).

    Every type of the region is asked for only when ``instance_type`` is not among the supporting
    ones, to tell a typo from an unsupported combination.
    """
    try:
        supported = list(lookup(**criteria))
        if instance_type in supported:
            return _Answer(supported)
        every = lookup(billing_mode=None, platform_type=None, tenancy=None, region=criteria["region"])
        return _Answer(supported, list(every))
    except Exception as error:  # judged by the caller; nothing is swallowed here
        return error


def _judge(
    instance_type: str,
    criteria: dict[str, Any],
    answer: _Answer | Exception,
    resource: pulumi.Resource | None,
) -> None:
    if isinstance(answer, InvalidInstanceTypeFilterError):
        # The data source names the argument and its valid values.
        raise InstanceTypeCheckError(answer.reason) from answer
    if isinstance(answer, InstanceTypesLookupError) and answer.transient:
        # Throttling or a failing service: the create may well succeed, and the service re-checks.
        pulumi.log.warn(
            f"instance_type: could not check {instance_type!r} ({answer}); "
            "an unsupported type will surface as ERROR_ALLOCATING after create",
            resource=resource,
        )
        return
    if isinstance(answer, Exception):
        raise InstanceTypeCheckError(
            f"instance_type: cannot check {instance_type!r}: {answer} {SKIP_HINT}"
        ) from answer
    if instance_type in answer.supported:
        return
    if answer.known is not None and instance_type not in answer.known:
        raise UnknownInstanceTypeError(
            unknown_message(instance_type=instance_type, region=criteria["region"], known=answer.known)
        )
    raise UnsupportedInstanceTypeError(
        unsupported_message(instance_type=instance_type, supported=answer.supported, **criteria)
    )


async def _resolved(value: pulumi.Input[Any]) -> tuple[bool, Any]:
    """(known, value) of an Input; during preview an unknown Output resolves to (False, None)."""
    output = pulumi.Output.from_input(value)
    return await output.is_known(), await output.future()


def _in(region: str | None) -> str:
    return f" in {region}" if region else ""
