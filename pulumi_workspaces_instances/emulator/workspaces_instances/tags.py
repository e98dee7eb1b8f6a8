"""The tag operations: TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from typing import Any

from ..core.errors import invalid, not_found
from .context import RequestContext
from .instances import RESOURCE_TYPE, require_instance, state_of
from .record_store import save_instance
from .records import InstanceRecord
from .tag_rules import check_tags, max_tags, normalise


def _taggable(ctx: RequestContext, instance_id: str) -> InstanceRecord:
    record = require_instance(ctx, instance_id)
    # A deallocated instance is gone for tagging purposes, as terminated EC2 instances are.
    if state_of(record, ctx) == "DEALLOCATED":
        raise not_found(instance_id, RESOURCE_TYPE)
    return record


def tag_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """TagResource: add or overwrite tags, keeping at most the model's maximum per resource."""
    record = _taggable(ctx, params["WorkspaceInstanceId"])
    check_tags(params["Tags"], "Tags")
    merged = {t["Key"]: t["Value"] for t in record.tags}
    merged.update({t["Key"]: t["Value"] for t in normalise(params["Tags"])})
    if len(merged) > max_tags():
        raise invalid(
            f"Tags: the instance would have {len(merged)} tags; at most {max_tags()} are allowed.",
            field="Tags",
        )
    record.tags = [{"Key": k, "Value": v} for k, v in merged.items()]
    save_instance(ctx, record)
    return {}


def untag_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """UntagResource: remove the given keys (keys not present are ignored)."""
    record = _taggable(ctx, params["WorkspaceInstanceId"])
    removed = set(params["TagKeys"])
    record.tags = [t for t in record.tags if t["Key"] not in removed]
    save_instance(ctx, record)
    return {}


def list_tags_for_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """ListTagsForResource: the instance's tags, in the order they were first set."""
    record = require_instance(ctx, params["WorkspaceInstanceId"])
    return {"Tags": record.tags}
