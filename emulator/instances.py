"""Workspace instances: their lifecycle (computed from timestamps) and the instance operations.

States: ALLOCATING → ALLOCATED (or ERROR_ALLOCATING) once ``allocate_seconds`` have passed;
DeleteWorkspaceInstance → DEALLOCATING → DEALLOCATED after ``deallocate_seconds``. Only the
state entered and its start time are stored; the current state is derived on every read, so
no timer threads exist and a restarted emulator resumes transitions where they were.

Deleting an instance that is already DEALLOCATING answers ConflictException (the request
conflicts with the deletion in progress); deleting one that is DEALLOCATED answers
ResourceNotFoundException (it no longer exists as far as any mutation goes, as with a
terminated EC2 instance), so callers can treat "not found" on delete as done.
"""

from __future__ import annotations

import re
from typing import Any

from .catalogue import DEFAULT_TENANCY, TENANCY_BY_PLACEMENT
from .context import INSTANCE, VOLUME, RequestContext, new_id
from .errors import conflict, invalid, not_found
from .idempotency import remember, replay
from .tag_rules import check_tags, normalise

RESOURCE_TYPE = "WorkspaceInstance"
DEFAULT_BILLING_MODE = "HOURLY"
DEFAULT_PAGE_SIZE = 25
EC2_EXCEPTION_TYPE = "ClientError"
# States in which the EC2 instance behind the workspace instance exists and has an id to show.
_EC2_VISIBLE = {"ALLOCATED", "DEALLOCATING"}


def state_of(doc: dict[str, Any], ctx: RequestContext) -> str:
    """The instance's state at ``ctx.now``."""
    state, elapsed = doc["state"], ctx.now - doc["since"]
    if state == "ALLOCATING" and elapsed >= ctx.timing.allocate_seconds:
        return "ERROR_ALLOCATING" if doc["failure"] else "ALLOCATED"
    if state == "DEALLOCATING" and elapsed >= ctx.timing.deallocate_seconds:
        return "DEALLOCATED"
    return str(state)


def require_instance(ctx: RequestContext, instance_id: str) -> dict[str, Any]:
    """The stored instance, or ResourceNotFoundException when the region has no such id."""
    doc = ctx.store.get(ctx.region, INSTANCE, instance_id)
    if doc is None:
        raise not_found(instance_id, RESOURCE_TYPE)
    return doc


def default_availability_zone(region: str) -> str:
    """The zone an instance lands in when Placement names none."""
    return f"{region}a"


def _allocation_failure(
    ctx: RequestContext, managed: dict[str, Any], billing_mode: str
) -> dict[str, str] | None:
    """The EC2 error the instance will end with, or None when it can be allocated."""

    def error(code: str, message: str) -> dict[str, str]:
        return {"EC2ErrorCode": code, "EC2ExceptionType": EC2_EXCEPTION_TYPE, "EC2ErrorMessage": message}

    if ctx.failed_allocation is not None:
        return ctx.failed_allocation
    for required in ("ImageId", "InstanceType"):
        if required not in managed:
            return error("MissingParameter", f"The request must contain the parameter {required}.")
    placement = managed.get("Placement", {})
    zone = placement.get("AvailabilityZone")
    if zone is not None and not re.fullmatch(re.escape(ctx.region) + "[a-z]", zone):
        return error("InvalidParameterValue", f"Invalid availability zone: [{zone}] in region {ctx.region}.")
    instance_type = managed["InstanceType"]
    if instance_type not in ctx.catalogue.instance_types:
        return error("InvalidParameterValue", f"Invalid value '{instance_type}' for InstanceType.")
    platform = ctx.catalogue.platform_of(managed.get("ImageId"))
    tenancy = TENANCY_BY_PLACEMENT.get(placement.get("Tenancy", ""), DEFAULT_TENANCY)
    if not ctx.catalogue.supports(instance_type, billing_mode, platform, tenancy):
        return error(
            "InvalidParameterCombination",
            f"The instance type {instance_type} does not support {billing_mode} billing for platform "
            f"'{platform}' with {tenancy} tenancy.",
        )
    return None


def create_workspace_instance(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """CreateWorkspaceInstance: accept the request; the instance starts ALLOCATING."""
    previous = replay(ctx, "CreateWorkspaceInstance", params, RESOURCE_TYPE)
    if previous is not None:
        return dict(previous)
    tags = params.get("Tags", [])
    check_tags(tags, "Tags")
    managed = params["ManagedInstance"]
    for index, spec in enumerate(managed.get("TagSpecifications", [])):
        check_tags(spec.get("Tags", []), f"ManagedInstance.TagSpecifications[{index}].Tags")
    billing_mode = params.get("BillingConfiguration", {}).get("BillingMode", DEFAULT_BILLING_MODE)
    instance_id = new_id("wsinst-")
    doc = {
        "WorkspaceInstanceId": instance_id,
        "created": ctx.now,
        "state": "ALLOCATING",
        "since": ctx.now,
        "was_allocated": False,
        "failure": _allocation_failure(ctx, managed, billing_mode),
        "billing_mode": billing_mode,
        "ec2_instance_id": new_id("i-"),
        "availability_zone": managed.get("Placement", {}).get(
            "AvailabilityZone", default_availability_zone(ctx.region)
        ),
        "managed_instance": managed,
        "tags": normalise(tags),
    }
    ctx.store.put(ctx.region, INSTANCE, instance_id, doc)
    result = {"WorkspaceInstanceId": instance_id}
    remember(ctx, "CreateWorkspaceInstance", params, instance_id, result)
    return result


def describe(doc: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
    """The GetWorkspaceInstance view of an instance."""
    state = state_of(doc, ctx)
    answer: dict[str, Any] = {
        "WorkspaceInstanceId": doc["WorkspaceInstanceId"],
        "ProvisionState": state,
        "BillingConfiguration": {"BillingMode": doc["billing_mode"]},
        "WorkspaceInstanceErrors": [],
        "EC2InstanceErrors": [doc["failure"]] if state == "ERROR_ALLOCATING" else [],
    }
    if state == "ALLOCATED" or (state in _EC2_VISIBLE | {"DEALLOCATED"} and doc["was_allocated"]):
        answer["EC2ManagedInstance"] = {"InstanceId": doc["ec2_instance_id"]}
    return answer


def get_workspace_instance(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """GetWorkspaceInstance: state, EC2 instance id, billing and errors (DEALLOCATED ones still answer)."""
    return describe(require_instance(ctx, params["WorkspaceInstanceId"]), ctx)


def delete_workspace_instance(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteWorkspaceInstance: start deallocating; volumes attached to it are detached."""
    instance_id = params["WorkspaceInstanceId"]
    doc = require_instance(ctx, instance_id)
    state = state_of(doc, ctx)
    if state == "DEALLOCATED":
        raise not_found(instance_id, RESOURCE_TYPE)
    if state == "DEALLOCATING":
        raise conflict(instance_id, RESOURCE_TYPE, f"{RESOURCE_TYPE} {instance_id} is already being deleted.")
    doc.update(state="DEALLOCATING", since=ctx.now, was_allocated=state == "ALLOCATED")
    ctx.store.put(ctx.region, INSTANCE, instance_id, doc)
    for volume in ctx.store.all(ctx.region, VOLUME):
        if (volume.get("attachment") or {}).get("WorkspaceInstanceId") == instance_id:
            volume.update(state="available", attachment=None)
            ctx.store.put(ctx.region, VOLUME, volume["VolumeId"], volume)
    return {}


def list_workspace_instances(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """ListWorkspaceInstances: every instance of the region (optionally only some states), paged."""
    wanted = params.get("ProvisionStates")
    if wanted is not None and not wanted:
        raise invalid("ProvisionStates must name at least one state when given.", field="ProvisionStates")
    summaries = []
    for doc in ctx.store.all(ctx.region, INSTANCE):
        view = describe(doc, ctx)
        if wanted is None or view["ProvisionState"] in wanted:
            summary = {
                "WorkspaceInstanceId": view["WorkspaceInstanceId"],
                "ProvisionState": view["ProvisionState"],
            }
            if "EC2ManagedInstance" in view:
                summary["EC2ManagedInstance"] = view["EC2ManagedInstance"]
            summaries.append(summary)
    scope = {"op": "ListWorkspaceInstances", "region": ctx.region, "states": sorted(wanted or [])}
    return ctx.paginator.answer("WorkspaceInstances", summaries, scope, params, DEFAULT_PAGE_SIZE)
