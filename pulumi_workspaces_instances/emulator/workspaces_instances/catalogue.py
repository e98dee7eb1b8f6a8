"""The emulator's catalogue: instance types, AMIs and regions, read from ``catalogue.json``.

Instance types: each entry lists "offers"; an offer expands to every combination of its
billing modes, platforms and tenancies, which becomes the type's
``SupportedInstanceConfigurations``. 45 types in 13 families, which differ on purpose:
``t3a``, ``m7i``, ``c6i``, ``r6i``, ``g5`` and ``g6`` offer no MONTHLY billing; ``t3``, ``t3a``,
``m6a``, ``r5``, ``g4dn`` and ``g5`` no DEDICATED tenancy; only ``m5``, ``m7i`` and ``r6i`` run
every platform (``g5`` runs only Windows and Linux/UNIX); where DEDICATED is offered it is
sometimes for fewer platforms or HOURLY only (``m6i``, ``c5``, ``r6i``).

AMIs: each is an EC2 image of the emulated account (``DescribeImages`` shows them, see
``ec2.images``) with the WorkSpaces Instances platform a create is checked against, EC2's billing
fields, and the root device a launch boots from:

- ``ami-0a1b2c3d4e5f60001`` Windows Server 2022 → ``Windows``, root ``/dev/sda1``, 30 GiB
- ``ami-0a1b2c3d4e5f60002`` Windows Server 2019 BYOL → ``Windows BYOL``, ``/dev/sda1``, 30 GiB
- ``ami-0a1b2c3d4e5f60003`` Amazon Linux 2023 → ``Linux/UNIX``, ``/dev/xvda``, 8 GiB
- ``ami-0a1b2c3d4e5f60004`` Ubuntu Pro 22.04 → ``Ubuntu Pro Linux`` (EC2's ``Ubuntu Pro``), ``/dev/sda1``,
  8 GiB
- ``ami-0a1b2c3d4e5f60005`` RHEL 9 → ``Red Hat Enterprise Linux``, ``/dev/sda1``, 8 GiB
- ``ami-0a1b2c3d4e5f60006`` SLES 15 → ``SUSE Linux``, ``/dev/sda1``, 8 GiB
- any other AMI launches like the first (``default_image``), since WorkSpaces are mostly Windows
  desktops; DescribeImages does not know it.

Root device names: the EC2 User Guide's device naming page says only that the root device "Differs
by AMI" (``/dev/sda1`` or ``/dev/xvda``) and points to DescribeImages' RootDeviceName; per
distribution it documents nothing. Amazon Linux's public AMIs boot from ``/dev/xvda``, Windows',
Ubuntu's, Red Hat's and SUSE's from ``/dev/sda1`` (as their published images show). Root sizes are
these images' own snapshot sizes; a launch's root volume takes it unless a mapping sizes the root
device (EC2 API reference, EbsBlockDevice.VolumeSize: "If you specify a snapshot, the default is the
snapshot size").
Platform details and usage operations: the EC2 User Guide, "AMI billing information fields"
(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/billing-info-fields.html).

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

import dataclasses
import itertools
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .ec2_network import stable_id

CATALOGUE_FILE = Path(__file__).with_name("catalogue.json")

# Placement.Tenancy (EC2 vocabulary) → the tenancy in SupportedInstanceConfigurations.
TENANCY_BY_PLACEMENT = {"default": "SHARED", "dedicated": "DEDICATED", "host": "DEDICATED"}
DEFAULT_TENANCY = "SHARED"
#: The zone letters of a region the catalogue does not list: AWS gives every region at least three zones.
UNLISTED_REGION_ZONE_LETTERS = ("a", "b", "c")


@dataclass(frozen=True)
class CatalogueImage:
    """One AMI: what a launch takes from it and what EC2's DescribeImages shows of it."""

    image_id: str
    name: str
    #: The WorkSpaces Instances PlatformType (SupportedInstanceConfigurations' vocabulary).
    platform: str
    #: EC2's PlatformDetails and UsageOperation (the AMI's billing fields).
    platform_details: str
    usage_operation: str
    architecture: str
    root_device_name: str
    root_size_gib: int
    #: ISO 8601, as EC2 gives Image.CreationDate (a string in the model).
    creation_date: str

    @property
    def root_snapshot_id(self) -> str:
        """The snapshot the root volume is made from (the same id for the same AMI, always)."""
        return stable_id("snap-", self.image_id)

    @property
    def windows(self) -> bool:
        """Whether EC2 calls it a Windows image (Platform ``windows``)."""
        return self.platform_details.startswith("Windows")


@dataclass(frozen=True)
class Catalogue:
    """What the emulated service offers."""

    instance_types: dict[str, list[dict[str, str]]]
    images: dict[str, CatalogueImage]
    #: The image any AMI outside the catalogue launches like.
    default_image: str
    regions: list[str]
    #: Each listed region's Availability Zones, in order.
    zones: dict[str, tuple[str, ...]]

    def image_of(self, image_id: str | None) -> CatalogueImage:
        """The AMI a launch boots (an AMI outside the catalogue: the default image under its own id)."""
        known = self.images.get(image_id or "")
        if known is not None:
            return known
        return dataclasses.replace(self.images[self.default_image], image_id=image_id or self.default_image)

    def platform_of(self, image_id: str | None) -> str:
        """The platform an AMI runs (the default image's for AMIs not in the catalogue)."""
        return self.image_of(image_id).platform

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
        images={ami: CatalogueImage(image_id=ami, **entry) for ami, entry in raw["amis"].items()},
        default_image=raw["default_image"],
        regions=list(raw["regions"]),
        zones={region: tuple(zones) for region, zones in raw["regions"].items()},
    )
