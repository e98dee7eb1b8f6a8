"""EC2's GetManagedResourceVisibility and ModifyManagedResourceVisibility: the account's setting.

The setting is the ``managed_resource_visibility`` behaviour switch, so the switch's three ways of
being set and these two actions read and change one value (``managed`` says what it hides).
EC2 API reference: GetManagedResourceVisibility "Retrieves the managed resource visibility
configuration for the account"; ModifyManagedResourceVisibility: "Visibility settings are account-wide
and affect all IAM principals uniformly. Hidden resources remain fully operational and billable."
Whether the setting is per region is not documented; here it is one value for every region, and like
every switch it is restored by a reset and not kept in the state file.
"""

from __future__ import annotations

from typing import Any

from ..workspaces_instances.context import RequestContext
from .filters import View, refuse_dry_run

SWITCH = "managed_resource_visibility"


def _answer(visibility: str) -> View:
    return {"Visibility": {"DefaultVisibility": visibility}}


def get_managed_resource_visibility(ctx: RequestContext, params: dict[str, Any]) -> View:
    """GetManagedResourceVisibility: ``hidden`` or ``visible``."""
    refuse_dry_run(params)
    return _answer(ctx.behaviour.managed_resource_visibility)


def modify_managed_resource_visibility(ctx: RequestContext, params: dict[str, Any]) -> View:
    """ModifyManagedResourceVisibility: set the account's default visibility; answers the new setting."""
    refuse_dry_run(params)
    # The model's enum (hidden | visible) was checked when the form was read.
    visibility = params["DefaultVisibility"]
    ctx.change_behaviour({SWITCH: visibility})
    return _answer(visibility)
