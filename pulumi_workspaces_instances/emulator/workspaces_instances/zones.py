"""The Availability Zone a workspace instance lands in: where EC2 would launch the instance behind it.

The region's zones are the catalogue's (``catalogue.Catalogue.zones_of``). At create, by the
``zone_choice`` behaviour switch:

- ``ec2`` (the default, as EC2 does it): ``Placement.AvailabilityZone`` when given; else the zone of
  the subnet the ManagedInstance names (a subnet lies in one zone for good, so the same subnet id is
  always in the same zone, derived from the id: ``ec2_network.subnet_zone``); else EC2 chooses —
  the region's zone with the fewest live instances, ties broken at random, so nobody can count on
  a zone, not even the first instance of a fresh account on the region's first zone;
- ``first``: ``Placement.AvailabilityZone`` when given, else the region's first zone, wherever the
  subnet is (the emulator's behaviour before the switch existed; for tests that need a fixed zone).

The choice is stored with the instance, so it never changes afterwards (nor across a restart). A zone
given in Placement that is not one of the region's ends the allocation in ERROR_ALLOCATING
(``instances``); CreateVolume refuses such a zone (``volumes``).

Left out: on AWS an instance is in its subnet's zone, so a Placement zone other than the subnet's
cannot hold; the emulator keeps no subnets, so with both given it takes the Placement zone as the
subnet's (as it did before the switch).
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .context import RequestContext
from .ec2_network import named_subnet_id, subnet_zone


def zones_of(ctx: RequestContext) -> tuple[str, ...]:
    """The Availability Zones of the caller's region, in order."""
    return ctx.catalogue.zones_of(ctx.region)


def is_zone_of_region(ctx: RequestContext, zone: str) -> bool:
    """True when ``zone`` is one of the caller's region's zones."""
    return zone in zones_of(ctx)


def placement_zone(ctx: RequestContext, managed: dict[str, Any], live_zones: Iterable[str]) -> str:
    """The zone a new instance lands in (``live_zones``: the zone of each live instance of the region)."""
    given = managed.get("Placement", {}).get("AvailabilityZone")
    if given is not None:
        return str(given)
    zones = zones_of(ctx)
    if ctx.behaviour.zone_choice == "first":
        return zones[0]
    subnet_id = named_subnet_id(managed)
    if subnet_id is not None:
        return subnet_zone(subnet_id, zones)
    return _ec2_choice(zones, live_zones)


def _ec2_choice(zones: tuple[str, ...], live_zones: Iterable[str]) -> str:
    # EC2 chooses when neither a zone nor a subnet is given (botocore's ec2 model: Placement.
    # AvailabilityZone, EC2 selects the zone when none is named; RunInstances, EC2 picks a default
    # subnet of the default VPC). The member's older text, still in the AWS SDK for .NET reference
    # (Amazon.EC2.Model.Placement), has EC2 choose by the region's load-balancing criteria: so the
    # least-used zone here, and a random one among equals. Random, not hashed: the zone is stored
    # with the instance, and a client must not be able to guess it.
    in_use = Counter(zone for zone in live_zones if zone in zones)
    fewest = min(in_use[zone] for zone in zones)
    return secrets.choice([zone for zone in zones if in_use[zone] == fewest])
