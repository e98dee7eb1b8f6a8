"""The Availability Zones of a region, where instances are placed and volumes created.

The region's zones are the catalogue's (``catalogue.Catalogue.zones_of``). A zone given in Placement
that is not one of the region's ends the allocation in ERROR_ALLOCATING (``instances``); CreateVolume
refuses such a zone (``volumes``). An instance whose Placement names no zone is in the region's first.
"""

from __future__ import annotations

from .context import RequestContext


def zones_of(ctx: RequestContext) -> tuple[str, ...]:
    """The Availability Zones of the caller's region, in order."""
    return ctx.catalogue.zones_of(ctx.region)


def is_zone_of_region(ctx: RequestContext, zone: str) -> bool:
    """True when ``zone`` is one of the caller's region's zones."""
    return zone in zones_of(ctx)
