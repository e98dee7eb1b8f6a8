"""The emulator's catalogue: instance types, AMIs and regions, read from ``catalogue.json``.

Instance types: each entry lists "offers"; an offer expands to every combination of its
billing modes, platforms and tenancies, which becomes the type's
``SupportedInstanceConfigurations``. 45 types in 13 families, which differ on purpose:
``t3a``, ``m7i``, ``c6i``, ``r6i``, ``g5`` and ``g6`` offer no MONTHLY billing; ``t3``, ``t3a``,
``m6a``, ``r5``, ``g4dn`` and ``g5`` no DEDICATED tenancy; only ``m5``, ``m7i`` and ``r6i`` run
every platform (``g5`` runs only Windows and Linux/UNIX); where DEDICATED is offered it is
sometimes for fewer platforms or HOURLY only (``m6i``, ``c5``, ``r6i``).

AMIs → platform (used to check a create against the type's configurations):

- ``ami-0a1b2c3d4e5f60001`` Windows Server 2022 → ``Windows``
- ``ami-0a1b2c3d4e5f60002`` Windows Server 2019 BYOL → ``Windows BYOL``
- ``ami-0a1b2c3d4e5f60003`` Amazon Linux 2023 → ``Linux/UNIX``
- ``ami-0a1b2c3d4e5f60004`` Ubuntu Pro 22.04 → ``Ubuntu Pro Linux``
- ``ami-0a1b2c3d4e5f60005`` RHEL 9 → ``Red Hat Enterprise Linux``
- ``ami-0a1b2c3d4e5f60006`` SLES 15 → ``SUSE Linux``
- any other AMI → ``Windows`` (``default_platform``), since WorkSpaces are mostly Windows desktops.

Tenancy: ``Placement.Tenancy`` ``default`` (or absent) → SHARED; ``dedicated`` and ``host`` → DEDICATED.

Regions and their Availability Zones (``regions`` maps each region to its zones, in order): as many
zones as AWS lists AZ IDs for the region (AWS Regions and Availability Zones guide, "AWS Availability
Zones"; us-east-1 has six, us-west-2 and ap-northeast-2 four, the others three), named as EC2
DescribeAvailabilityZones names them for most accounts, gaps included: ca-central-1 has ``a``, ``b``
and ``d``, ap-northeast-1 ``a``, ``c`` and ``d`` (its ``b`` is closed to newer accounts). In the oldest
regions AWS maps zone names to physical zones per account, so a name is only ever a name. A region the
catalogue does not list (the emulator answers any region a request is signed for) gets ``a``, ``b`` and
``c``: the same guide says every region has at least three zones.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CATALOGUE_FILE = Path(__file__).with_name("catalogue.json")

# Placement.Tenancy (EC2 vocabulary) → the tenancy in SupportedInstanceConfigurations.
TENANCY_BY_PLACEMENT = {"default": "SHARED", "dedicated": "DEDICATED", "host": "DEDICATED"}
DEFAULT_TENANCY = "SHARED"
#: The zone letters of a region the catalogue does not list: AWS gives every region at least three zones.
UNLISTED_REGION_ZONE_LETTERS = ("a", "b", "c")


@dataclass(frozen=True)
class Catalogue:
    """What the emulated service offers."""

    instance_types: dict[str, list[dict[str, str]]]
    ami_platforms: dict[str, str]
    default_platform: str
    regions: list[str]
    #: Each listed region's Availability Zones, in order.
    zones: dict[str, tuple[str, ...]]

    def platform_of(self, image_id: str | None) -> str:
        """The platform an AMI runs (the documented default for AMIs not in the catalogue)."""
        if image_id is None:
            return self.default_platform
        return self.ami_platforms.get(image_id, self.default_platform)

    def zones_of(self, region: str) -> tuple[str, ...]:
        """The region's Availability Zones, in order (``a``, ``b``, ``c`` for a region not listed)."""
        listed = self.zones.get(region)
        return listed if listed else tuple(region + letter for letter in UNLISTED_REGION_ZONE_LETTERS)

    def supports(self, instance_type: str, billing_mode: str, platform: str, tenancy: str) -> bool:
        """True when ``instance_type`` offers that (billing mode, platform, tenancy)."""
        wanted = {"BillingMode": billing_mode, "PlatformType": platform, "Tenancy": tenancy}
        return wanted in self.instance_types.get(instance_type, [])


def _expand(offers: list[dict[str, Any]]) -> list[dict[str, str]]:
    configurations: list[dict[str, str]] = []
    for offer in offers:
        for billing, platform, tenancy in itertools.product(
            offer["billing_modes"], offer["platforms"], offer["tenancies"]
        ):
            entry = {"BillingMode": billing, "PlatformType": platform, "Tenancy": tenancy}
            if entry not in configurations:
                configurations.append(entry)
    return configurations


@cache
def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    """Read and expand the catalogue file (cached: it never changes while running)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Catalogue(
        instance_types={t["InstanceType"]: _expand(t["offers"]) for t in raw["instance_types"]},
        ami_platforms={ami: entry["platform"] for ami, entry in raw["amis"].items()},
        default_platform=raw["default_platform"],
        regions=list(raw["regions"]),
        zones={region: tuple(zones) for region, zones in raw["regions"].items()},
    )
