"""The tag operations: TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from typing import Any

from .context import INSTANCE, RequestContext
from .errors import invalid, not_found
from .instances import RESOURCE_TYPE, require_instance, state_of
from .tag_rules import check_tags, max_tags, normalise


def _taggable(ctx: RequestContext, instance_id: str) -> dict[str, Any]:
    doc = require_instance(ctx, instance_id)
    # A deallocated instance is gone for tagging purposes, as terminated EC2 instances are.
    if state_of(doc, ctx) == "DEALLOCATED":
        raise not_found(instance_id, RESOURCE_TYPE)
    return doc


def tag_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """TagResource: add or overwrite tags, keeping at most the model's maximum per resource."""
    doc = _taggable(ctx, params["WorkspaceInstanceId"])
    check_tags(params["Tags"], "Tags")
    merged = {t["Key"]: t["Value"] for t in doc["tags"]}
    merged.update({t["Key"]: t["Value"] for t in normalise(params["Tags"])})
    if len(merged) > max_tags():
        raise invalid(
            f"Tags: the instance would have {len(merged)} tags; at most {max_tags()} are allowed.",
            field="Tags",
        )
    doc["tags"] = [{"Key": k, "Value": v} for k, v in merged.items()]
    ctx.store.put(ctx.region, INSTANCE, doc["WorkspaceInstanceId"], doc)
    return {}


def untag_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """UntagResource: remove the given keys (keys not present are ignored)."""
    doc = _taggable(ctx, params["WorkspaceInstanceId"])
    removed = set(params["TagKeys"])
    doc["tags"] = [t for t in doc["tags"] if t["Key"] not in removed]
    ctx.store.put(ctx.region, INSTANCE, doc["WorkspaceInstanceId"], doc)
    return {}


def list_tags_for_resource(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """ListTagsForResource: the instance's tags, in the order they were first set."""
    doc = require_instance(ctx, params["WorkspaceInstanceId"])
    return {"Tags": doc["tags"]}
