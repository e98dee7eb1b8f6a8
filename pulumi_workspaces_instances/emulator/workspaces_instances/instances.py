"""Workspace instances: their lifecycle (computed from timestamps) and the instance operations.

States: ALLOCATING → ALLOCATED (or ERROR_ALLOCATING, with the EC2 error RunInstances would have given:
a missing ImageId or InstanceType, a zone outside the region, a type or configuration the catalogue
does not offer, a BlockDeviceMappings volume without a size) once ``allocate_seconds`` have passed;
DeleteWorkspaceInstance → DEALLOCATING → DEALLOCATED (or, with a ``fail_deallocation`` fault,
ERROR_DEALLOCATING, whose WorkspaceInstanceErrors say why) after ``deallocate_seconds``; an
instance in ERROR_DEALLOCATING can be deleted again. Only the state entered and its start time
are stored; the current state is derived on every read, so no timer threads exist and a
restarted emulator resumes transitions where they were.

Deleting an instance that is already DEALLOCATING answers ConflictException (the request
conflicts with the deletion in progress); deleting one that is DEALLOCATED answers
ResourceNotFoundException (it no longer exists as far as any mutation goes, as with a
terminated EC2 instance), so callers can treat "not found" on delete as done.

The zone an instance lands in is chosen at create and stored with it (``zones``: Placement's, else
its subnet's, else EC2's choice, by the ``zone_choice`` switch).
"""

from __future__ import annotations

from typing import Any

from ..core.errors import conflict, invalid, not_found
from .block_devices import mapping_error
from .catalogue import DEFAULT_TENANCY, TENANCY_BY_PLACEMENT
from .context import RequestContext, new_id
from .idempotency import remember, replay
from .record_store import all_instances, all_volumes, load_instance, save_instance, save_volume
from .records import Ec2InstanceError, InstanceRecord
from .tag_rules import check_tags, normalise
from .zones import is_zone_of_region, placement_zone

RESOURCE_TYPE = "WorkspaceInstance"
DEFAULT_BILLING_MODE = "HOURLY"
DEFAULT_PAGE_SIZE = 25
# States in which the EC2 instance behind the workspace instance exists and has an id to show.
_EC2_VISIBLE = {"ALLOCATED", "DEALLOCATING", "ERROR_DEALLOCATING"}


def state_of(record: InstanceRecord, ctx: RequestContext) -> str:
    """The instance's state at ``ctx.now``."""
    elapsed = ctx.now - record.state_since
    if record.state == "ALLOCATING" and elapsed >= ctx.timing.allocate_seconds:
        return "ERROR_ALLOCATING" if record.allocation_failure else "ALLOCATED"
    if record.state == "DEALLOCATING" and elapsed >= ctx.timing.deallocate_seconds:
        return "ERROR_DEALLOCATING" if record.deallocation_failure else "DEALLOCATED"
    return record.state


def known(record: InstanceRecord, ctx: RequestContext) -> bool:
    """Whether calls can find the instance: past its read-after-create lag (``RequestContext.sees``), and
    not DEALLOCATED for longer than ``Behaviour.deallocated_visible_seconds`` (then forgotten)."""
    if not ctx.sees(record.created_at):
        return False
    if state_of(record, ctx) != "DEALLOCATED":
        return True
    deallocated_at = record.state_since + ctx.timing.deallocate_seconds
    return ctx.now - deallocated_at < ctx.behaviour.deallocated_visible_seconds


def require_instance(ctx: RequestContext, instance_id: str) -> InstanceRecord:
    """The stored instance, or ResourceNotFoundException when the region has no such id that calls can
    find (:func:`known`: not yet, or no more)."""
    record = load_instance(ctx, instance_id)
    if record is None or not known(record, ctx):
        raise not_found(instance_id, RESOURCE_TYPE)
    return record


def _allocation_failure(
    ctx: RequestContext, managed: dict[str, Any], billing_mode: str
) -> Ec2InstanceError | None:
    """The EC2 error the instance will end with, or None when it can be allocated."""
    if ctx.failed_allocation is not None:
        return ctx.failed_allocation
    for required in ("ImageId", "InstanceType"):
        if required not in managed:
            return Ec2InstanceError("MissingParameter", f"The request must contain the parameter {required}.")
    placement = managed.get("Placement", {})
    zone = placement.get("AvailabilityZone")
    # RunInstances takes only a zone of the region (botocore's ec2 model, Placement.AvailabilityZone);
    # the region's zones are the catalogue's.
    if zone is not None and not is_zone_of_region(ctx, zone):
        return Ec2InstanceError(
            "InvalidParameterValue", f"Invalid availability zone: [{zone}] in region {ctx.region}."
        )
    if ctx.behaviour.require_mapping_size:
        # A new volume without a size is refused by RunInstances (block_devices says which and why).
        refused = mapping_error(ctx.catalogue.image_of(managed.get("ImageId")), managed)
        if refused is not None:
            return refused
    instance_type = managed["InstanceType"]
    if instance_type not in ctx.catalogue.instance_types:
        return Ec2InstanceError("InvalidParameterValue", f"Invalid value '{instance_type}' for InstanceType.")
    platform = ctx.catalogue.platform_of(managed.get("ImageId"))
    tenancy = TENANCY_BY_PLACEMENT.get(placement.get("Tenancy", ""), DEFAULT_TENANCY)
    if not ctx.catalogue.supports(instance_type, billing_mode, platform, tenancy):
        return Ec2InstanceError(
            "InvalidParameterCombination",
            f"The instance type {instance_type} does not support {billing_mode} billing for platform "
            f"'{platform}' with {tenancy} tenancy.",
        )
    return None


def _live_zones(ctx: RequestContext) -> list[str]:
    """The zone of each instance of the region that is not DEALLOCATED (what EC2 balances over)."""
    live = (record for record in all_instances(ctx) if state_of(record, ctx) != "DEALLOCATED")
    return [record.availability_zone for record in live]


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
    record = InstanceRecord(
        workspace_instance_id=new_id("wsinst-"),
        created_at=ctx.now,
        state="ALLOCATING",
        state_since=ctx.now,
        was_allocated=False,
        billing_mode=billing_mode,
        ec2_instance_id=new_id("i-"),
        availability_zone=placement_zone(ctx, managed, _live_zones(ctx)),
        managed_instance=managed,
        tags=normalise(tags),
        allocation_failure=_allocation_failure(ctx, managed, billing_mode),
    )
    save_instance(ctx, record)
    result = {"WorkspaceInstanceId": record.workspace_instance_id}
    remember(ctx, "CreateWorkspaceInstance", params, record.workspace_instance_id, result)
    return result


def ec2_instance_id(record: InstanceRecord, ctx: RequestContext) -> str | None:
    """The id of the EC2 instance behind the workspace instance, once it has one to show."""
    state = state_of(record, ctx)
    if state == "ALLOCATED" or (state in _EC2_VISIBLE | {"DEALLOCATED"} and record.was_allocated):
        return record.ec2_instance_id
    return None


def describe(record: InstanceRecord, ctx: RequestContext) -> dict[str, Any]:
    """The GetWorkspaceInstance view of an instance."""
    state = state_of(record, ctx)
    failure, deallocation = record.allocation_failure, record.deallocation_failure
    answer: dict[str, Any] = {
        "WorkspaceInstanceId": record.workspace_instance_id,
        "ProvisionState": state,
        "BillingConfiguration": {"BillingMode": record.billing_mode},
        "WorkspaceInstanceErrors": (
            [deallocation.to_api()] if state == "ERROR_DEALLOCATING" and deallocation else []
        ),
        "EC2InstanceErrors": [failure.to_api()] if state == "ERROR_ALLOCATING" and failure else [],
    }
    ec2_id = ec2_instance_id(record, ctx)
    if ec2_id is not None:
        answer["EC2ManagedInstance"] = {"InstanceId": ec2_id}
    return answer


def get_workspace_instance(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """GetWorkspaceInstance: state, EC2 instance id, billing and errors (DEALLOCATED ones still answer)."""
    return describe(require_instance(ctx, params["WorkspaceInstanceId"]), ctx)


def delete_workspace_instance(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteWorkspaceInstance: start deallocating; volumes attached to it are detached."""
    instance_id = params["WorkspaceInstanceId"]
    record = require_instance(ctx, instance_id)
    state = state_of(record, ctx)
    if state == "DEALLOCATED":
        raise not_found(instance_id, RESOURCE_TYPE)
    if state == "DEALLOCATING":
        raise conflict(instance_id, RESOURCE_TYPE, f"{RESOURCE_TYPE} {instance_id} is already being deleted.")
    if state == "ALLOCATING" and ctx.behaviour.delete_conflict_while_allocating:
        # Behaviour switch: AWS documents neither answer for a deletion during allocation; the model's
        # ConflictException is "a conflict with the current state of the resource".
        raise conflict(
            instance_id,
            RESOURCE_TYPE,
            f"{RESOURCE_TYPE} {instance_id} is ALLOCATING; delete it once it is ALLOCATED or "
            "ERROR_ALLOCATING.",
        )
    # A retried deletion keeps what the first one found: the EC2 instance was there or not.
    if state != "ERROR_DEALLOCATING":
        record.was_allocated = state == "ALLOCATED"
    record.state, record.state_since = "DEALLOCATING", ctx.now
    record.deallocation_failure = ctx.take_deallocation_failure()
    save_instance(ctx, record)
    for volume in all_volumes(ctx):
        if volume.attachment is not None and volume.attachment.workspace_instance_id == instance_id:
            volume.attachment = None
            save_volume(ctx, volume)
    return {}


def list_workspace_instances(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """ListWorkspaceInstances: every instance of the region (optionally only some states), paged."""
    wanted = params.get("ProvisionStates")
    if wanted is not None and not wanted:
        raise invalid("ProvisionStates must name at least one state when given.", field="ProvisionStates")
    summaries = []
    for record in all_instances(ctx):
        if not known(record, ctx):
            continue  # the read-after-create lag, or forgotten since its deletion
        view = describe(record, ctx)
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
