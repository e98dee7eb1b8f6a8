"""Data source over ``ListInstanceTypes``: which instance types support which configurations.

``get_instance_types`` answers from one full sweep of the API per (region, filter) per program run
and endpoint, so a program that asks several times (the component validating a type, the stack
program picking one) pays for the pages once, while another run in the same process (Automation
API inline programs: another stack, maybe another account) or another endpoint asks afresh.

The service only filters server-side when all three of billing mode, platform type and tenancy
are given; with fewer, every type is fetched and filtered here.

Named like Pulumi's invokes (``get_…``/``get_…_output`` returning ``Get…Result``, ``opts`` last),
but it runs in the program itself with boto3: no provider plugin serves it, so only the options
that make sense without one are accepted (see :func:`get_instance_types`).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pulumi
from pulumi.runtime import settings as pulumi_settings

from ..aws import clients, model
from ..inputs.arguments import InvalidValueError, class_checked, function_checked
from ..inputs.suggestions import did_you_mean
from .invokes import DataSourceError, ask, check_invoke_options, resolve_region

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

OPERATION = "ListInstanceTypes"
FUNCTION = "get_instance_types"
#: Largest page the API accepts, read from the model (by :func:`page_size`, on first use: a program that
#: imports the component but never looks types up loads no model) so a botocore upgrade carries a new
#: limit. A module attribute (read at call time) so tests can shrink it to exercise pagination.
PAGE_SIZE: int | None = None


def page_size() -> int:
    """:data:`PAGE_SIZE`, read from the model the first time."""
    global PAGE_SIZE
    if PAGE_SIZE is None:
        PAGE_SIZE = int(model.member_shape(OPERATION, "MaxResults").metadata["max"])
    return PAGE_SIZE


# Filter argument name → member path in the operation input; the argument names are what a user
# passes, so errors cite them.
_FILTER_MEMBERS: dict[str, str] = {
    "billing_mode": "InstanceConfigurationFilter.BillingMode",
    "platform_type": "InstanceConfigurationFilter.PlatformType",
    "tenancy": "InstanceConfigurationFilter.Tenancy",
}


class InvalidInstanceTypeFilterError(InvalidValueError):
    """A filter value is not one the service's model allows (one line, no traceback in a program).

    ``argument``, ``value`` and ``valid`` let a caller word its own message (e.g. a stack program
    naming its config key instead of the argument); ``reason`` is the message without the function.
    """

    def __init__(self, argument: str, value: str, valid: list[str], function: str | None = None) -> None:
        self.reason = (
            f"{argument}: {value!r} is not valid{did_you_mean(value, valid)}; use one of: {', '.join(valid)}"
        )
        super().__init__(f"{function}: {self.reason}" if function else self.reason)
        self.argument = argument
        self.value = value
        self.valid = valid


class InstanceTypesLookupError(DataSourceError):
    """ListInstanceTypes failed (see :class:`provider.data_sources.invokes.DataSourceError`)."""


@class_checked
@dataclass(frozen=True)
class InstanceConfiguration:
    """One combination an instance type supports."""

    billing_mode: str
    platform_type: str
    tenancy: str


@class_checked
@dataclass(frozen=True)
class InstanceTypeInfo:
    """An instance type and every configuration it supports (a tuple, so cached values can't change)."""

    instance_type: str
    supported_configurations: tuple[InstanceConfiguration, ...]

    def supports(
        self,
        billing_mode: str | None = None,
        platform_type: str | None = None,
        tenancy: str | None = None,
    ) -> bool:
        """Whether any supported configuration matches every criterion given (``None`` matches all)."""
        return any(
            (billing_mode is None or c.billing_mode == billing_mode)
            and (platform_type is None or c.platform_type == platform_type)
            and (tenancy is None or c.tenancy == tenancy)
            for c in self.supported_configurations
        )


@class_checked
@dataclass(frozen=True)
class GetInstanceTypesResult:
    """What :func:`get_instance_types` returns."""

    instance_types: list[InstanceTypeInfo]
    """The matching instance types with every configuration each supports, in the service's order."""
    names: list[str]
    """The matching types' names, sorted."""


# (project, stack, endpoint, region, server-side filter or None) → the types one sweep returned.
# Project and stack are None outside a Pulumi program.
_CacheKey = tuple[str | None, str | None, str | None, str, tuple[str, str, str] | None]
_Sweeps = dict[_CacheKey, tuple[InstanceTypeInfo, ...]]
# One cache per program run, keyed weakly by the run's resource monitor: every run (each CLI
# invocation, and each Automation API inline run in a long-lived process) gets a monitor of its
# own, so a run never sees another's answers, and its sweeps are dropped when it is collected.
# (The SDK keeps the monitor's address private; the object itself is the public handle.)
_run_caches: weakref.WeakKeyDictionary[object, _Sweeps] = weakref.WeakKeyDictionary()
# Plain Python (no program running): one cache for the process.
_process_cache: _Sweeps = {}
# Held across a sweep so two concurrent askers for the same key don't both page through the API.
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every sweep (tests; or a long-lived process that wants fresh answers)."""
    with _cache_lock:
        _run_caches.clear()
        _process_cache.clear()


def _sweeps_and_key(region: str, server_filter: tuple[str, str, str] | None) -> tuple[_Sweeps, _CacheKey]:
    """The cache for the current program run (or the process) and the key of this question in it."""
    monitor = pulumi_settings.get_monitor()
    endpoint = clients.endpoint_override()
    if monitor is None:
        return _process_cache, (None, None, endpoint, region, server_filter)
    key: _CacheKey = (pulumi.get_project(), pulumi.get_stack(), endpoint, region, server_filter)
    return _run_caches.setdefault(monitor, {}), key


def valid_values(argument: str) -> list[str]:
    """The values the model allows for ``billing_mode``, ``platform_type`` or ``tenancy``."""
    return model.enum_values(OPERATION, _FILTER_MEMBERS[argument])


def _validate(argument: str, value: str | None) -> None:
    if value is None:
        return
    allowed = valid_values(argument)
    if value not in allowed:
        raise InvalidInstanceTypeFilterError(argument, value, allowed, FUNCTION)


def _parse(items: Iterable[Any]) -> list[InstanceTypeInfo]:
    return [
        InstanceTypeInfo(
            instance_type=item["InstanceType"],
            supported_configurations=tuple(
                InstanceConfiguration(
                    billing_mode=c["BillingMode"],
                    platform_type=c["PlatformType"],
                    tenancy=c["Tenancy"],
                )
                for c in item.get("SupportedInstanceConfigurations", [])
            ),
        )
        for item in items
    ]


def _sweep(
    client: WorkspacesInstancesClient, server_filter: tuple[str, str, str] | None
) -> tuple[InstanceTypeInfo, ...]:
    """Every page of ``ListInstanceTypes`` for one filter, at the largest page size."""
    request: dict[str, Any] = {"MaxResults": page_size()}
    if server_filter is not None:
        billing_mode, platform_type, tenancy = server_filter
        request["InstanceConfigurationFilter"] = {
            "BillingMode": billing_mode,
            "PlatformType": platform_type,
            "Tenancy": tenancy,
        }
    found: list[InstanceTypeInfo] = []
    while True:
        page = client.list_instance_types(**request)
        found.extend(_parse(page.get("InstanceTypes", [])))
        token = page.get("NextToken")
        if not token:
            return tuple(found)
        request["NextToken"] = token


def _cached_sweep(region: str, server_filter: tuple[str, str, str] | None) -> tuple[InstanceTypeInfo, ...]:
    with _cache_lock:
        sweeps, key = _sweeps_and_key(region, server_filter)
        if key not in sweeps:
            client = clients.client_for(region)
            sweeps[key] = ask(
                OPERATION,
                client.meta.endpoint_url,
                lambda: _sweep(client, server_filter),
                InstanceTypesLookupError,
            )
        return sweeps[key]


@function_checked(FUNCTION)
def get_instance_types(
    billing_mode: str | None = None,
    platform_type: str | None = None,
    tenancy: str | None = None,
    region: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetInstanceTypesResult:
    """The instance types supporting the given configuration (each ``None`` criterion matches all).

    :param billing_mode: ``MONTHLY`` or ``HOURLY``.
    :param platform_type: e.g. ``Windows``, ``Linux/UNIX`` (the values botocore's model lists).
    :param tenancy: ``SHARED`` or ``DEDICATED``.
    :param region: where to ask; else the stack's ``aws:region`` (inside a Pulumi program), else
        the AWS default chain, as for the resource.
    :param opts: Pulumi's invoke options, for the conventional signature. The call runs here with
        boto3, not through a provider plugin: ``parent`` is accepted and changes nothing, while
        ``provider``, ``version``, ``plugin_download_url`` (and ``depends_on`` of
        ``InvokeOutputOptions``) raise ``InvokeOptionError`` instead of being ignored.

    An invalid filter value raises ``InvalidInstanceTypeFilterError`` naming the valid values; a
    failed ListInstanceTypes raises ``InstanceTypesLookupError`` (one line: the cause, and the
    endpoint when it was not reached or is not AWS).
    """
    check_invoke_options(FUNCTION, opts)
    for argument, value in (
        ("billing_mode", billing_mode),
        ("platform_type", platform_type),
        ("tenancy", tenancy),
    ):
        _validate(argument, value)
    resolved = resolve_region(region)
    if billing_mode is not None and platform_type is not None and tenancy is not None:
        # The service can filter only on the full combination, which saves fetching every type.
        types = list(_cached_sweep(resolved, (billing_mode, platform_type, tenancy)))
    else:
        types = [
            t
            for t in _cached_sweep(resolved, None)
            if t.supports(billing_mode=billing_mode, platform_type=platform_type, tenancy=tenancy)
        ]
    return GetInstanceTypesResult(instance_types=types, names=sorted(t.instance_type for t in types))


@function_checked("get_instance_types_output")
def get_instance_types_output(
    billing_mode: pulumi.Input[str | None] = None,
    platform_type: pulumi.Input[str | None] = None,
    tenancy: pulumi.Input[str | None] = None,
    region: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetInstanceTypesResult]:
    """:func:`get_instance_types` over Inputs, as an Output (Pulumi's ``*_output`` invoke convention).

    It asks once every argument is known; ``opts`` is checked as there, right away.
    """
    check_invoke_options("get_instance_types", opts)

    def call(args: list[Any]) -> GetInstanceTypesResult:
        return get_instance_types(
            billing_mode=args[0], platform_type=args[1], tenancy=args[2], region=args[3]
        )

    return pulumi.Output.all(billing_mode, platform_type, tenancy, region).apply(call)
