"""EBS's limits on one volume's type, size, IOPS and throughput, refused as the service refuses them.

WorkSpaces Instances' CreateVolume and ModifyVolume make and change EBS volumes through EC2, so a
configuration EC2 would refuse cannot succeed here either. The numbers are the table the provider's
preview rules use too (:mod:`pulumi_workspaces_instances.ebs_limits`, each quoting its source):

- ``Iops`` only for gp3, io1 and io2, and required for io1 and io2; ``Throughput`` only for gp3;
- the size range of the type (e.g. io1 4-16,384 GiB, st1/sc1 125-16,384 GiB, standard 1-1,024 GiB);
- the IOPS range of the type (gp3 3,000-80,000, io1 100-64,000, io2 100-256,000) and its most IOPS
  per GiB (gp3 500, io1 50, io2 1,000; gp3's 3,000 baseline is allowed on any size);
- gp3 throughput 125-2,000 MiB/s and at most 0.25 MiB/s per IOPS (of the 3,000 baseline when no
  ``Iops`` is given).

The answer is a ``ValidationException`` (400, ``Reason: FIELD_VALIDATION_FAILED``) whose
``FieldList`` names each member at fault (``SizeInGB``, ``Iops``, ``Throughput``), not EC2's own
``InvalidParameterValue``: the WorkSpaces Instances model lists for CreateVolume and ModifyVolume
only ValidationException, AccessDenied, Throttling, InternalServer, ServiceQuotaExceeded and
Conflict (plus ResourceNotFound and VolumeModificationRateExceeded for ModifyVolume), and a code
outside an operation's list reaches generated clients as an untyped error that
``except client.exceptions.ValidationException`` would not catch. Each message states the value,
the limit EC2 applies and what to change.
"""

from __future__ import annotations

from collections.abc import Collection

from ...ebs_limits import (
    GP3_BASELINE_IOPS,
    IOPS_RANGES,
    IOPS_REQUIRED_VOLUME_TYPES,
    IOPS_VOLUME_TYPES,
    MAX_IOPS_PER_GIB,
    MAX_THROUGHPUT_PER_IOPS,
    THROUGHPUT_RANGE_MIBPS,
    THROUGHPUT_VOLUME_TYPES,
    VOLUME_SIZE_RANGES_GIB,
)
from ..core.validation import Violation, validation_error
from .records import VolumeConfig

#: FieldList reason of every EBS limit (the one ``errors.invalid`` gives rules outside the shapes).
REASON = "invalidValue"


def most_iops(config: VolumeConfig) -> int | None:
    """The most IOPS the type allows at the configuration's size (None: the type takes no IOPS)."""
    if config.volume_type not in IOPS_RANGES:
        return None
    by_size = MAX_IOPS_PER_GIB[config.volume_type] * config.size_gib
    if config.volume_type == "gp3":
        # gp3 delivers its baseline on every size; the per-GiB ratio limits IOPS above it.
        by_size = max(by_size, GP3_BASELINE_IOPS)
    return min(IOPS_RANGES[config.volume_type][1], by_size)


def _applicability(config: VolumeConfig, given: Collection[str]) -> list[Violation]:
    """Iops and Throughput only where the volume type takes them, and Iops where it needs them."""
    kind, found = config.volume_type, []
    if "Iops" in given and kind not in IOPS_VOLUME_TYPES:
        found.append(
            Violation(
                "Iops",
                REASON,
                f"Iops is not supported for {kind} volumes (only {', '.join(IOPS_VOLUME_TYPES)}); "
                "remove Iops or change VolumeType.",
            )
        )
    if "Throughput" in given and kind not in THROUGHPUT_VOLUME_TYPES:
        found.append(
            Violation(
                "Throughput",
                REASON,
                f"Throughput is not supported for {kind} volumes (only gp3); "
                "remove Throughput or change VolumeType.",
            )
        )
    if kind in IOPS_REQUIRED_VOLUME_TYPES and config.iops is None:
        found.append(Violation("Iops", REASON, f"Iops is required for {kind} volumes."))
    return found


def _size(config: VolumeConfig) -> list[Violation]:
    """The size is within the type's range."""
    kind, size = config.volume_type, config.size_gib
    if kind not in VOLUME_SIZE_RANGES_GIB:
        return []
    least, most = VOLUME_SIZE_RANGES_GIB[kind]
    if least <= size <= most:
        return []
    return [
        Violation(
            "SizeInGB",
            REASON,
            f"{kind} volumes are {least:,} to {most:,} GiB, not {size:,}; change SizeInGB or VolumeType.",
        )
    ]


def _iops(config: VolumeConfig) -> list[Violation]:
    """Provisioned IOPS within the type's range and its IOPS-per-GiB ratio."""
    kind, iops = config.volume_type, config.iops
    if iops is None or kind not in IOPS_RANGES:
        return []
    least, most = IOPS_RANGES[kind]
    if not least <= iops <= most:
        return [
            Violation(
                "Iops",
                REASON,
                f"{kind} volumes take {least:,} to {most:,} IOPS, not {iops:,}; change Iops.",
            )
        ]
    allowed = most_iops(config)
    if allowed is not None and iops > allowed:
        return [
            Violation(
                "Iops",
                REASON,
                f"Iops {iops:,} is too high for a {config.size_gib:,} GiB {kind} volume: at most "
                f"{MAX_IOPS_PER_GIB[kind]:,} IOPS per GiB, {allowed:,} here; lower Iops or raise SizeInGB.",
            )
        ]
    return []


def _throughput(config: VolumeConfig) -> list[Violation]:
    """gp3 throughput within its range and its ratio to the volume's IOPS."""
    throughput = config.throughput
    if throughput is None or config.volume_type not in THROUGHPUT_VOLUME_TYPES:
        return []
    least, most = THROUGHPUT_RANGE_MIBPS
    if not least <= throughput <= most:
        return [
            Violation(
                "Throughput",
                REASON,
                f"gp3 volumes take {least:,} to {most:,} MiB/s of throughput, not {throughput:,}; "
                "change Throughput.",
            )
        ]
    iops = config.iops if config.iops is not None else GP3_BASELINE_IOPS
    allowed = int(iops * MAX_THROUGHPUT_PER_IOPS)
    if throughput > allowed:
        return [
            Violation(
                "Throughput",
                REASON,
                f"Throughput {throughput:,} MiB/s is too high for {iops:,} IOPS: gp3 allows at most "
                f"{MAX_THROUGHPUT_PER_IOPS} MiB/s per IOPS, {allowed:,} here; "
                "lower Throughput or raise Iops.",
            )
        ]
    return []


def violations(config: VolumeConfig, given: Collection[str]) -> list[Violation]:
    """Every EBS limit ``config`` breaks; ``given`` names the members the request itself set."""
    found = _applicability(config, given)
    if found:
        # Limits of a type the volume cannot have would only repeat the same mistake.
        return found
    return [*_size(config), *_iops(config), *_throughput(config)]


def check(config: VolumeConfig, given: Collection[str]) -> None:
    """Raise ValidationException naming each member of ``config`` that breaks an EBS limit."""
    found = violations(config, given)
    if found:
        raise validation_error(found)
