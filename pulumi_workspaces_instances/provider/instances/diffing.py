"""What a change of inputs does to a WorkspaceInstance: nothing, an in-place tag update, or a replacement.

Old values come from the resource's *outputs* (what the service reported at the last create,
update or refresh), new values from the checked inputs. Comparison is on normalised values:
key order, absent vs ``None`` vs empty, and an unset ``billing_mode`` vs the API default are
not changes. A value still unknown during preview counts as changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import BotoCoreError

from ..aws import clients
from ..inputs import properties
from ..inputs.detailed_diff import PropertyChange, property_changes
from ..inputs.timeouts import TIMEOUT_KEYS, timeout_seconds
from ..inputs.wire_values import contains_unknown, is_unknown
from . import state

REPLACE_PROPERTIES = (
    state.MANAGED_INSTANCE,
    state.MANAGED_INSTANCE_EXTRAS,
    state.BILLING_MODE,
    properties.REGION,
    properties.CLIENT_TOKEN,
)
"""Inputs the service cannot change on an existing instance."""
UPDATE_PROPERTIES = (properties.TAGS, properties.TIMEOUTS)
"""Inputs changed in place (tags through Tag/UntagResource, timeouts only in state)."""
NESTED_PROPERTIES = (state.MANAGED_INSTANCE, state.MANAGED_INSTANCE_EXTRAS, properties.TAGS)
"""Inputs compared as they are (pruned), so a change is reported at the paths inside them that differ;
the others are compared normalised (the effective billing mode, timeouts in seconds, the region in
effect) and reported whole."""

_NETWORK_INTERFACE_PINS = ("NetworkInterfaceId", "PrivateIpAddress")
_ADDRESS_LISTS = (("PrivateIpAddresses", "PrivateIpAddress"), ("Ipv6Addresses", "Ipv6Address"))
_PREFIX_LISTS = (("Ipv4Prefixes", "Ipv4Prefix"), ("Ipv6Prefixes", "Ipv6Prefix"))


@dataclass
class Changes:
    """The outcome of a diff: changed inputs and which of them force a replacement."""

    changed: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    delete_before_replace: bool = False
    detailed: list[PropertyChange] = field(default_factory=list)
    """Where each changed input changed (:mod:`..inputs.detailed_diff`)."""


def _desired_region(news: Mapping[str, Any]) -> Any:
    region = news.get(properties.REGION)
    if region:
        return region
    try:
        return clients.resolve_region(None)
    except (clients.RegionNotFoundError, BotoCoreError):
        # check has already reported it; diff must not crash on it.
        return None


def _comparable(name: str, props: Mapping[str, Any], *, new: bool) -> Any:
    """The value of input ``name`` in a form where equal meaning means equal value."""
    if name == state.BILLING_MODE:
        return state.effective_billing_mode(props)
    if name == properties.TAGS:
        tags = props.get(properties.TAGS)
        return tags if is_unknown(tags) else properties.prune(dict(tags or {}))
    if name == properties.REGION and new:
        return _desired_region(props)
    if name == properties.TIMEOUTS:
        return _timeouts_in_seconds(props.get(properties.TIMEOUTS))
    return properties.prune(props.get(name)) or None


def _timeouts_in_seconds(timeouts: Any) -> Any:
    """Timeouts as seconds per operation, so "30m", "0.5h" and unset (the default) compare equal."""
    if timeouts is not None and not isinstance(timeouts, Mapping):
        return timeouts
    try:
        return {operation: timeout_seconds(timeouts, operation) for operation in TIMEOUT_KEYS}
    except ValueError:
        return properties.prune(timeouts)


def pinned_values(managed_instance: Any) -> Iterator[tuple[str, Any]]:
    """Network identities in ``managed_instance`` that two instances cannot hold at once.

    A fixed private IPv4/IPv6 address, an existing network interface, or an explicit prefix: the
    replacement cannot be created while the old instance still holds it. During preview a list (or
    the whole dict) may still be unknown; it is yielded as an unknown pin, since it may pin something.
    """
    if is_unknown(managed_instance):
        yield "unknown", managed_instance
        return
    if not isinstance(managed_instance, Mapping):
        return
    if managed_instance.get("PrivateIpAddress") is not None:
        yield "ip", managed_instance["PrivateIpAddress"]
    yield from _pins_in(managed_instance.get("Ipv6Addresses"), "Ipv6Address", "ip")
    for interface in _elements(managed_instance.get("NetworkInterfaces")):
        if is_unknown(interface):
            yield "eni", interface
            continue
        if not isinstance(interface, Mapping):
            continue
        for key in _NETWORK_INTERFACE_PINS:
            if interface.get(key) is not None:
                yield ("eni" if key == "NetworkInterfaceId" else "ip"), interface[key]
        for list_key, member in _ADDRESS_LISTS:
            yield from _pins_in(interface.get(list_key), member, "ip")
        for list_key, member in _PREFIX_LISTS:
            yield from _pins_in(interface.get(list_key), member, "prefix")


def _elements(value: Any) -> list[Any]:
    """The items of a list input; a list not known yet stands as one unknown item."""
    if isinstance(value, list | tuple):
        return list(value)
    return [value] if is_unknown(value) else []


def _pins_in(items: Any, member: str, kind: str) -> Iterator[tuple[str, Any]]:
    """Pins of kind ``kind`` held in the ``member`` field of each item of a list input."""
    for item in _elements(items):
        if is_unknown(item):
            yield kind, item
        elif isinstance(item, Mapping) and item.get(member) is not None:
            yield kind, item[member]


def needs_delete_before_replace(olds: Mapping[str, Any], news: Mapping[str, Any]) -> bool:
    """True when the new configuration pins a network identity the old instance holds (or might)."""
    new_pins = list(pinned_values(news.get(state.MANAGED_INSTANCE)))
    if not new_pins:
        return False
    old_pins = set(pinned_values(olds.get(state.MANAGED_INSTANCE)))
    if any(is_unknown(value) for _, value in new_pins):
        # Cannot tell yet whether the unknown value equals an old one: be safe.
        return bool(old_pins)
    return any((kind, value) in old_pins for kind, value in new_pins if not is_unknown(value))


def diff_properties(olds: Mapping[str, Any], news: Mapping[str, Any]) -> Changes:
    """Compare old outputs with new inputs."""
    result = Changes()
    for name in (*REPLACE_PROPERTIES, *UPDATE_PROPERTIES):
        new = _comparable(name, news, new=True)
        old = _comparable(name, olds, new=False)
        if contains_unknown(news.get(name)) or new != old:
            replaces = name in REPLACE_PROPERTIES
            result.changed.append(name)
            if replaces:
                result.replaces.append(name)
            result.detailed.extend(
                property_changes(name, olds, news, replaces=replaces, nested=name in NESTED_PROPERTIES)
            )
    if result.replaces:
        same_region = _comparable(properties.REGION, news, new=True) == olds.get(properties.REGION)
        result.delete_before_replace = same_region and needs_delete_before_replace(olds, news)
    return result
