"""The catalogue operations: ListInstanceTypes and ListRegions."""

from __future__ import annotations

from typing import Any

from .context import RequestContext

# Default page sizes are below the catalogue's size on purpose: clients must follow NextToken,
# as they must against AWS, whose lists are longer than one page.
INSTANCE_TYPES_PAGE_SIZE = 20
REGIONS_PAGE_SIZE = 10


def list_instance_types(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """ListInstanceTypes: the catalogue, optionally only types offering one configuration, paged."""
    wanted = params.get("InstanceConfigurationFilter")
    types = [
        {"InstanceType": name, "SupportedInstanceConfigurations": configurations}
        for name, configurations in ctx.catalogue.instance_types.items()
        if wanted is None or wanted in configurations
    ]
    scope = {"op": "ListInstanceTypes", "filter": wanted}
    return ctx.paginator.answer("InstanceTypes", types, scope, params, INSTANCE_TYPES_PAGE_SIZE)


def list_regions(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """ListRegions: the regions the service is offered in, paged."""
    regions = [{"RegionName": name} for name in ctx.catalogue.regions]
    return ctx.paginator.answer("Regions", regions, {"op": "ListRegions"}, params, REGIONS_PAGE_SIZE)
