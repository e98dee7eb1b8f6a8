"""Cross-field rules for ``ManagedInstance`` and EBS volumes that the API model cannot express.

The WorkSpaces Instances model types each field but says nothing about how fields combine;
the instance is launched through EC2, whose RunInstances reference states these rules, and its
volumes are EBS volumes, for which EC2's CreateVolume/ModifyVolume/EbsBlockDevice references state
the rest. Each rule quotes its source (the EC2 API reference, also shipped as documentation in
botocore's ``ec2`` model). Only rules stated there are enforced: a wrong rule would block a valid
stack.

The EBS rules (:data:`EBS_VOLUME_RULES`) serve two callers: each EBS block device of a
``ManagedInstance`` (PascalCase members) and the ``Volume`` resource (snake_case inputs). They take
the volume's members as a dict plus :class:`EbsNames`, which says what the caller calls them, so
paths and messages use the caller's own names.

Rules receive the ``ManagedInstance`` dict with every preview-time unknown replaced by
:data:`NOT_YET_KNOWN`, and must never report a problem that an unknown could make go away: a
conflict needs both values known (:func:`_is_set`), a missing value must not even possibly be set
(:func:`_may_be_set`). They also tolerate values of the wrong type, which the shape check
reports. Each yields ``(path, reason)`` with the path relative to ``ManagedInstance``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from botocore.model import ListShape, StringShape, StructureShape

# EBS's limits are one table the emulator applies too; the names stay public here.
from ...ebs_limits import (
    IOPS_REQUIRED_VOLUME_TYPES,
    IOPS_VOLUME_TYPES,
    THROUGHPUT_VOLUME_TYPES,
    VOLUME_SIZE_RANGES_GIB,
)
from .model import CREATE_OPERATION, member_shape

Finding = tuple[str, str]
"""A broken rule: the property path (relative to ManagedInstance) and what to change."""

Rule = Callable[[Mapping[str, Any]], Iterator[Finding]]


class _NotYetKnown:
    """The type of :data:`NOT_YET_KNOWN`."""

    def __repr__(self) -> str:
        return "NOT_YET_KNOWN"


NOT_YET_KNOWN = _NotYetKnown()
"""Stands in for a value that ``pulumi preview`` does not know yet."""


@dataclass(frozen=True)
class EbsNames:
    """What one description of an EBS volume calls its members (for paths and messages)."""

    volume_type: str
    iops: str
    throughput: str
    size: str


BLOCK_DEVICE_EBS = EbsNames(volume_type="VolumeType", iops="Iops", throughput="Throughput", size="VolumeSize")
"""The members of ``ManagedInstance.BlockDeviceMappings[].Ebs`` (EC2's EbsBlockDevice)."""

# Where each instance-level network field goes when NetworkInterfaces is used instead.
_INTERFACE_FIELD_FOR = {
    "SubnetId": "SubnetId",
    "SecurityGroupIds": "Groups",
    "SecurityGroups": "Groups (security group IDs, not names)",
    "PrivateIpAddress": "PrivateIpAddress",
    "Ipv6AddressCount": "Ipv6AddressCount",
    "Ipv6Addresses": "Ipv6Addresses",
}


@cache
def volume_types() -> frozenset[str]:
    """The EBS volume types the model accepts; rules about other values would only add noise."""
    mappings = member_shape(CREATE_OPERATION, "ManagedInstance.BlockDeviceMappings")
    assert isinstance(mappings, ListShape) and isinstance(mappings.member, StructureShape)
    ebs = mappings.member.members["Ebs"]
    assert isinstance(ebs, StructureShape)
    volume_type = ebs.members["VolumeType"]
    assert isinstance(volume_type, StringShape)
    return frozenset(volume_type.enum)


def _mapping(value: Any) -> Mapping[str, Any]:
    """``value`` if it is a dict, else an empty one (wrong types are the shape check's job)."""
    return value if isinstance(value, Mapping) else {}


def _is_set(parent: Mapping[str, Any], key: str) -> bool:
    """Whether ``key`` has a known value (``None`` means not given, as in boto3)."""
    value = parent.get(key)
    return value is not None and value is not NOT_YET_KNOWN


def _may_be_set(parent: Mapping[str, Any], key: str) -> bool:
    """Whether ``key`` has a value or may have one once preview's unknowns are resolved."""
    return parent.get(key) is not None


def _elements(parent: Mapping[str, Any], key: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Index and value of each dict element of the list ``parent[key]``."""
    items = parent.get(key)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, Mapping):
                yield index, item


def image_and_instance_type_given(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """``ImageId`` and ``InstanceType`` are needed to launch anything.

    EC2 RunInstances: "ImageId ... An AMI ID is required to launch an instance and must be specified
    here or in a launch template" (ManagedInstance has no launch template). The WorkSpaces Instances
    model marks neither as required, so without this rule an empty ``managed_instance`` passes
    preview and fails minutes later with ERROR_ALLOCATING (MissingParameter). InstanceType is
    required too: a WorkSpace is billed and offered per instance type (ListInstanceTypes).
    """
    for key, example in (("ImageId", "ami-0123456789abcdef0"), ("InstanceType", "t3.large")):
        if not _may_be_set(instance, key):
            yield key, f"required to launch an instance; set it (e.g. '{example}')"


AMI_ID_PATTERN = re.compile(r"ami-(?:[0-9a-f]{8}|[0-9a-f]{17})")
"""An AMI id: ``ami-`` and 8 (older) or 17 lowercase hexadecimal characters."""


def image_id_format(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """``ImageId`` has the form of an AMI id.

    EC2 User Guide, "Resource IDs": each resource ID is the resource type's prefix and a hyphen,
    then "a unique combination of letters and numbers"; AMI ids (``ami-``) use the 8-character
    form or, since 2018, the 17-character one, hexadecimal in both (EC2 DescribeImages examples:
    ``ami-1234567890abcdef0``). The WorkSpaces Instances model's pattern (``ami-[0-9a-zA-Z]{1,63}``)
    lets ``ami-123`` through, which fails only after launch with InvalidAMIID.Malformed — and a
    changed image replaces every desktop, so a typo must fail the preview.
    """
    image_id = instance.get("ImageId")
    if not _is_set(instance, "ImageId") or not isinstance(image_id, str):
        return
    model_pattern = member_shape(CREATE_OPERATION, "ManagedInstance.ImageId").metadata.get("pattern")
    if model_pattern and not re.fullmatch(model_pattern, image_id):
        return  # the shape check reports it, once
    if not AMI_ID_PATTERN.fullmatch(image_id):
        yield (
            "ImageId",
            f"{image_id!r} is not an AMI id: use 'ami-' and 17 (or, for older images, 8) lowercase "
            "hexadecimal characters, e.g. 'ami-0123456789abcdef0'",
        )


def iops_matches_volume_type(
    ebs: Mapping[str, Any], names: EbsNames, known_types: frozenset[str]
) -> Iterator[Finding]:
    """IOPS only for gp3/io1/io2 volumes, and required for io1/io2.

    EC2 EbsBlockDevice.Iops and CreateVolume.Iops: "Required for io1 and io2 volumes. Optional for
    gp3 volumes. Omit for all other volume types." Checked only when the volume type is one of
    ``known_types`` (the model's enum): without one the type comes from the AMI's snapshot or
    EC2's default, and a wrong one is the shape check's to report.
    """
    volume_type = ebs.get(names.volume_type)
    if not isinstance(volume_type, str) or volume_type not in known_types:
        return
    if _is_set(ebs, names.iops) and volume_type not in IOPS_VOLUME_TYPES:
        yield (
            names.iops,
            (
                f"{names.iops} applies only to volume types {', '.join(IOPS_VOLUME_TYPES)}, "
                f"not '{volume_type}'; remove {names.iops} or change {names.volume_type}"
            ),
        )
    elif not _may_be_set(ebs, names.iops) and volume_type in IOPS_REQUIRED_VOLUME_TYPES:
        yield names.iops, f"required when {names.volume_type} is '{volume_type}'; set the provisioned IOPS"


def throughput_only_gp3(
    ebs: Mapping[str, Any], names: EbsNames, known_types: frozenset[str]
) -> Iterator[Finding]:
    """Throughput only for gp3 volumes.

    EC2 EbsBlockDevice.Throughput: "This parameter is valid only for gp3 volumes."; CreateVolume.
    Throughput: "Supported for gp3 volumes only." Checked only for a known volume type, like IOPS.
    """
    volume_type = ebs.get(names.volume_type)
    if not isinstance(volume_type, str) or volume_type not in known_types:
        return
    if _is_set(ebs, names.throughput) and volume_type not in THROUGHPUT_VOLUME_TYPES:
        yield (
            names.throughput,
            (
                f"{names.throughput} applies only to gp3 volumes, not '{volume_type}'; "
                f"set {names.volume_type} to 'gp3' or remove {names.throughput}"
            ),
        )


def size_matches_volume_type(
    ebs: Mapping[str, Any], names: EbsNames, known_types: frozenset[str]
) -> Iterator[Finding]:
    """The size is within the range of the volume type (:data:`VOLUME_SIZE_RANGES_GIB`).

    Checked only when both are known whole numbers/types: a size of the wrong type is the shape
    check's to report, and without a type EC2 picks one (or the snapshot's).
    """
    volume_type = ebs.get(names.volume_type)
    size = ebs.get(names.size)
    if not isinstance(volume_type, str) or volume_type not in known_types:
        return
    if (
        isinstance(size, bool)
        or not isinstance(size, int | float)
        or volume_type not in VOLUME_SIZE_RANGES_GIB
    ):
        return
    least, most = VOLUME_SIZE_RANGES_GIB[volume_type]
    if not least <= size <= most:
        yield (
            names.size,
            f"{volume_type} volumes are {least:,} to {most:,} GiB, got {size:g}; "
            f"change {names.size} or {names.volume_type}",
        )


EbsRule = Callable[[Mapping[str, Any], EbsNames, frozenset[str]], Iterator[Finding]]

EBS_VOLUME_RULES: tuple[EbsRule, ...] = (
    iops_matches_volume_type,
    throughput_only_gp3,
    size_matches_volume_type,
)
"""The rules of one EBS volume's type, IOPS, throughput and size, in the order they are reported."""


def ebs_volume_findings(
    ebs: Mapping[str, Any], names: EbsNames, known_types: frozenset[str]
) -> list[Finding]:
    """Every broken EBS volume rule of ``ebs`` (paths are ``names``' members)."""
    return [finding for rule in EBS_VOLUME_RULES for finding in rule(ebs, names, known_types)]


def ebs_block_devices(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """The EBS volume rules for every EBS block device mapping of the instance."""
    for index, mapping in _elements(instance, "BlockDeviceMappings"):
        ebs = _mapping(mapping.get("Ebs"))
        for path, reason in ebs_volume_findings(ebs, BLOCK_DEVICE_EBS, volume_types()):
            yield f"BlockDeviceMappings[{index}].Ebs.{path}", reason


def block_device_single_source(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """A block device mapping is one of: an EBS volume, an instance store volume, no device.

    EC2 BlockDeviceMapping: NoDevice removes the device "regardless of the assigned value" (so an
    Ebs beside it is silently dropped) and VirtualName names an instance store (ephemeralN)
    volume, which is not an EBS volume.
    """
    for index, mapping in _elements(instance, "BlockDeviceMappings"):
        given = [key for key in ("Ebs", "NoDevice", "VirtualName") if _is_set(mapping, key)]
        if len(given) > 1:
            yield (
                f"BlockDeviceMappings[{index}]",
                (
                    f"sets {' and '.join(given)}, which exclude each other; keep Ebs for an EBS volume, "
                    "VirtualName for an instance store volume or NoDevice to remove the device"
                ),
            )


def network_interfaces_exclude_instance_level(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """With ``NetworkInterfaces``, subnet, security groups and addresses go on the interface.

    EC2 RunInstances: SubnetId, SecurityGroupIds, SecurityGroups — "If you specify a network
    interface, you must specify any … as part of the network interface instead of using this
    parameter"; PrivateIpAddress, Ipv6AddressCount, Ipv6Addresses — "You cannot specify this
    option and the network interfaces option in the same request."
    """
    interfaces = instance.get("NetworkInterfaces")
    if not isinstance(interfaces, list) or not interfaces:
        return
    for key, interface_field in _INTERFACE_FIELD_FOR.items():
        if _is_set(instance, key):
            yield (
                key,
                f"cannot be combined with NetworkInterfaces; set {interface_field} on the primary network "
                "interface (DeviceIndex 0) instead, or drop NetworkInterfaces",
            )


def count_or_explicit_list(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """A count of addresses/prefixes or an explicit list of them, not both.

    EC2 RunInstances and InstanceNetworkInterfaceSpecification, for Ipv6AddressCount/Ipv6Addresses,
    Ipv4PrefixCount/Ipv4Prefixes and Ipv6PrefixCount/Ipv6Prefixes: "You cannot specify this option
    and the option to assign specific IPv6 addresses in the same request" (and the like).
    """
    pairs = [("Ipv6AddressCount", "Ipv6Addresses")]
    yield from _count_list_conflicts(instance, "", pairs)
    pairs += [("Ipv4PrefixCount", "Ipv4Prefixes"), ("Ipv6PrefixCount", "Ipv6Prefixes")]
    for index, interface in _elements(instance, "NetworkInterfaces"):
        yield from _count_list_conflicts(interface, f"NetworkInterfaces[{index}].", pairs)


def _count_list_conflicts(
    parent: Mapping[str, Any], prefix: str, pairs: list[tuple[str, str]]
) -> Iterator[Finding]:
    """Each (count, list) pair of ``parent`` that has both members set."""
    for count_key, list_key in pairs:
        if _is_set(parent, count_key) and _is_set(parent, list_key):
            yield f"{prefix}{count_key}", f"cannot be combined with {list_key}; give either a count or a list"


def network_interface_device_index(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """Every network interface needs ``DeviceIndex``.

    EC2 InstanceNetworkInterfaceSpecification.DeviceIndex: "If you specify a network interface
    when launching an instance, you must specify the device index."
    """
    for index, interface in _elements(instance, "NetworkInterfaces"):
        if not _may_be_set(interface, "DeviceIndex"):
            yield (
                f"NetworkInterfaces[{index}].DeviceIndex",
                "required for every network interface; use 0 for the primary interface",
            )


def single_primary_private_ip(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """At most one private IPv4 address per interface is primary.

    EC2 InstanceNetworkInterfaceSpecification.PrivateIpAddresses: "Only one private IPv4 address
    can be designated as primary."
    """
    for index, interface in _elements(instance, "NetworkInterfaces"):
        primaries = [
            item for _, item in _elements(interface, "PrivateIpAddresses") if item.get("Primary") is True
        ]
        if len(primaries) > 1:
            yield (
                f"NetworkInterfaces[{index}].PrivateIpAddresses",
                f"marks {len(primaries)} addresses as Primary; set Primary on one address only",
            )


def spot_options_need_spot_market(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """``SpotOptions`` contradict any market type other than spot.

    EC2 InstanceMarketOptionsRequest: SpotOptions are "The options for Spot Instances"; the other
    MarketType (capacity-block) launches into a Capacity Block, not the Spot market. An absent
    MarketType is not flagged: the reference does not say what EC2 assumes then.
    """
    market = _mapping(instance.get("InstanceMarketOptions"))
    market_type = market.get("MarketType")
    if _is_set(market, "SpotOptions") and isinstance(market_type, str) and market_type != "spot":
        yield (
            "InstanceMarketOptions.SpotOptions",
            (
                f"only applies when MarketType is 'spot', not '{market_type}'; "
                "remove SpotOptions or set MarketType to 'spot'"
            ),
        )


def spot_request_type_options(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """Persistent Spot requests need stop/hibernate interruption; ValidUntilUtc needs persistent.

    EC2 RunInstances.InstanceMarketOptions: "persistent Spot Instance requests are only supported
    when InstanceInterruptionBehavior is set to either hibernate or stop" (EC2's default is
    terminate, unless hibernation is configured, which makes it hibernate). EC2
    SpotMarketOptions.ValidUntil: "For a one-time request, ValidUntil is not supported" (one-time
    is the default request type).
    """
    spot = _mapping(_mapping(instance.get("InstanceMarketOptions")).get("SpotOptions"))
    path = "InstanceMarketOptions.SpotOptions"
    request_type = spot.get("SpotInstanceType")
    persistent = request_type == "persistent"
    may_be_persistent = persistent or request_type is NOT_YET_KNOWN
    configured = _mapping(instance.get("HibernationOptions")).get("Configured")
    may_hibernate = configured is True or configured is NOT_YET_KNOWN
    if persistent and not may_hibernate and not _may_be_set(spot, "InstanceInterruptionBehavior"):
        yield (
            f"{path}.InstanceInterruptionBehavior",
            "required when SpotInstanceType is 'persistent'; set 'stop' or 'hibernate'",
        )
    if _is_set(spot, "ValidUntilUtc") and not may_be_persistent:
        yield (
            f"{path}.ValidUntilUtc",
            (
                "only supported for persistent Spot requests; set SpotInstanceType to 'persistent' "
                "or remove ValidUntilUtc"
            ),
        )


def hibernation_spot_interruption(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """With hibernation configured, a Spot instance can only be interrupted by hibernating.

    EC2 HibernationOptionsRequest.Configured: "When Configured is true: … If you set
    InstanceInterruptionBehavior to a value other than hibernate, you'll get an error."
    """
    if _mapping(instance.get("HibernationOptions")).get("Configured") is not True:
        return
    spot = _mapping(_mapping(instance.get("InstanceMarketOptions")).get("SpotOptions"))
    behaviour = spot.get("InstanceInterruptionBehavior")
    if isinstance(behaviour, str) and behaviour != "hibernate":
        yield (
            "InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior",
            (
                f"must be 'hibernate' (or omitted) when HibernationOptions.Configured is true, "
                f"not '{behaviour}'"
            ),
        )


def cpu_core_and_thread_counts(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """CoreCount and ThreadsPerCore go together; ThreadsPerCore is 1 or 2.

    EC2 CpuOptionsRequest: "Both the core count and threads per core must be specified in the
    request." ThreadsPerCore: "To disable multithreading for the instance, specify a value of 1.
    Otherwise, specify the default value of 2."
    """
    cpu = _mapping(instance.get("CpuOptions"))
    for given, missing in (("CoreCount", "ThreadsPerCore"), ("ThreadsPerCore", "CoreCount")):
        if _is_set(cpu, given) and not _may_be_set(cpu, missing):
            yield f"CpuOptions.{missing}", f"required when CpuOptions.{given} is set; give both counts"
    threads = cpu.get("ThreadsPerCore")
    if isinstance(threads, int | float) and not isinstance(threads, bool) and threads not in (1, 2):
        yield "CpuOptions.ThreadsPerCore", f"must be 1 (multithreading off) or 2 (on), got {threads:g}"


def placement_group_id_or_name(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """A placement group by ID or by name, not both.

    EC2 Placement.GroupId: "On input, you can specify GroupId or GroupName, but not both."
    """
    placement = _mapping(instance.get("Placement"))
    if _is_set(placement, "GroupId") and _is_set(placement, "GroupName"):
        yield "Placement.GroupName", "cannot be combined with Placement.GroupId; give one of them"


def host_resource_group_tenancy(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """A host resource group means host tenancy.

    EC2 Placement.HostResourceGroupArn: "if you specify this parameter, either omit the Tenancy
    parameter or set it to host."
    """
    placement = _mapping(instance.get("Placement"))
    tenancy = placement.get("Tenancy")
    if _is_set(placement, "HostResourceGroupArn") and isinstance(tenancy, str) and tenancy != "host":
        yield (
            "Placement.Tenancy",
            f"must be 'host' (or omitted) when HostResourceGroupArn is set, not '{tenancy}'",
        )


def capacity_reservation_target_preference(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """A capacity reservation target only with the 'capacity-reservations-only' preference.

    EC2 CapacityReservationSpecification: "You can only specify CapacityReservationPreference and
    CapacityReservationTarget if the CapacityReservationPreference is capacity-reservations-only."
    """
    spec = _mapping(instance.get("CapacityReservationSpecification"))
    preference = spec.get("CapacityReservationPreference")
    target_given = _is_set(spec, "CapacityReservationTarget")
    if target_given and isinstance(preference, str) and preference != "capacity-reservations-only":
        yield (
            "CapacityReservationSpecification.CapacityReservationPreference",
            (
                f"must be 'capacity-reservations-only' (or omitted) when CapacityReservationTarget is set, "
                f"not '{preference}'"
            ),
        )


def t3_host_tenancy_credits(instance: Mapping[str, Any]) -> Iterator[Finding]:
    """T3 instances on a Dedicated Host take only standard CPU credits.

    EC2 RunInstances.CreditSpecification: "For T3 instances with host tenancy, only standard is
    supported." (Placement.Tenancy repeats it for host tenancy.)
    """
    instance_type = instance.get("InstanceType")
    tenancy = _mapping(instance.get("Placement")).get("Tenancy")
    credits = _mapping(instance.get("CreditSpecification")).get("CpuCredits")
    is_t3 = isinstance(instance_type, str) and instance_type.startswith("t3.")
    if is_t3 and tenancy == "host" and credits == "unlimited":
        yield (
            "CreditSpecification.CpuCredits",
            (
                f"{instance_type} with host tenancy supports only 'standard' CPU credits; "
                "set CpuCredits to 'standard' or change Placement.Tenancy"
            ),
        )


RULES: tuple[Rule, ...] = (
    image_and_instance_type_given,
    image_id_format,
    ebs_block_devices,
    block_device_single_source,
    network_interfaces_exclude_instance_level,
    count_or_explicit_list,
    network_interface_device_index,
    single_primary_private_ip,
    spot_options_need_spot_market,
    spot_request_type_options,
    hibernation_spot_interruption,
    cpu_core_and_thread_counts,
    placement_group_id_or_name,
    host_resource_group_tenancy,
    capacity_reservation_target_preference,
    t3_host_tenancy_credits,
)
"""Every cross-field rule, in the order their findings are reported."""


def check_rules(instance: Mapping[str, Any]) -> list[Finding]:
    """All broken cross-field rules of a ManagedInstance dict (unknowns as NOT_YET_KNOWN)."""
    return [finding for rule in RULES for finding in rule(instance)]
