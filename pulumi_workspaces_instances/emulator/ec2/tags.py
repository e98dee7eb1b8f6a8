"""EC2's CreateTags and DeleteTags, on the emulator's volumes and EC2 instances.

Resources are named by ``ResourceId.N``: a volume made with CreateVolume or launched with an
instance (``InvalidVolume.NotFound`` when none has that id), an EC2 instance behind a workspace
instance (``InvalidInstanceID.NotFound``); any other id, or a malformed one, is ``InvalidID``.
Every id is checked before anything changes, so a call changes all its resources or none.
Managed instances and volumes (all of them here) take tags like any other, whatever the account's
visibility setting: the EC2 User Guide's "Amazon EC2 managed instances" page allows adding, changing
and removing their tags, and the WorkSpaces Core admin guide's example policy grants ec2:CreateTags.

Tags are ``Tag.N.Key`` / ``Tag.N.Value``, within the limits the WorkSpaces Instances model gives
its own tags (the same as EC2's): key 1 to 128 characters, value up to 256, at most 50 per
resource (``TagLimitExceeded``, as EC2 answers); keys starting with ``aws:`` are reserved and a
key given twice in one call is refused (``InvalidParameterValue``). CreateTags adds or overwrites.
DeleteTags removes a key given alone whatever its value, a key given with a value only when the
value matches (an empty value matches only an empty value), and every tag when no Tag.N is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..core.ec2_query import ec2_error
from ..core.limits import quote
from ..core.model import service_model
from ..workspaces_instances.context import RequestContext
from ..workspaces_instances.ec2_launch import Ec2Instance, save, visible_ec2_instances, volumes_launched_with
from ..workspaces_instances.record_store import all_volumes, save_volume
from ..workspaces_instances.records import Tag, VolumeRecord
from ..workspaces_instances.tag_rules import RESERVED_PREFIX, max_tags
from .filters import refuse_dry_run

_VOLUME_ID = re.compile(r"vol-[0-9a-f]{8}(?:[0-9a-f]{9})?")
_INSTANCE_ID = re.compile(r"i-[0-9a-f]{8}(?:[0-9a-f]{9})?")


@dataclass
class _Target:
    """One resource whose tags a call changes: a stored volume, or an instance or its launch volume."""

    resource_id: str
    tags: list[Tag]
    volume: VolumeRecord | None = None
    instance: Ec2Instance | None = None

    def keep(self, ctx: RequestContext) -> None:
        """Write the new tags where the resource keeps them."""
        if self.volume is not None:
            self.volume.tags = self.tags
            save_volume(ctx, self.volume)
        elif self.instance is not None:
            record = self.instance.record
            if self.resource_id == record.ec2_instance_id:
                record.tags = self.tags
            else:
                record.volume_tags[self.resource_id] = self.tags
            save(ctx, self.instance)


def _targets(ctx: RequestContext, resource_ids: list[str]) -> list[_Target]:
    instances = {instance.instance_id: instance for instance in visible_ec2_instances(ctx)}
    stored = {v.volume_id: v for v in all_volumes(ctx) if not v.deleted and ctx.sees(v.created_at)}
    launched = {
        volume.volume_id: (instance, volume)
        for instance in instances.values()
        for volume in volumes_launched_with(instance)
    }
    targets: dict[str, _Target] = {}
    for resource_id in resource_ids:
        if resource_id in targets:
            continue
        if _VOLUME_ID.fullmatch(resource_id):
            if resource_id in stored:
                volume = stored[resource_id]
                targets[resource_id] = _Target(resource_id, list(volume.tags), volume=volume)
            elif resource_id in launched:
                instance, launch_volume = launched[resource_id]
                targets[resource_id] = _Target(resource_id, list(launch_volume.tags), instance=instance)
            else:
                raise ec2_error("InvalidVolume.NotFound", f"The volume {quote(resource_id)} does not exist.")
        elif _INSTANCE_ID.fullmatch(resource_id):
            if resource_id not in instances:
                raise ec2_error(
                    "InvalidInstanceID.NotFound", f"The instance ID {quote(resource_id)} does not exist"
                )
            instance = instances[resource_id]
            targets[resource_id] = _Target(resource_id, list(instance.record.tags), instance=instance)
        else:
            raise ec2_error("InvalidID", f"The ID {quote(resource_id)} is not valid")
    return list(targets.values())


def _check_tags(tags: list[dict[str, Any]], with_values: bool) -> None:
    """Keys and values within the model's lengths, no reserved key, no key twice."""
    key_bounds = service_model().shape_for("TagKey").metadata
    value_bounds = service_model().shape_for("TagValue").metadata
    seen: set[str] = set()
    for index, tag in enumerate(tags, 1):
        key = tag.get("Key")
        if key is None:
            raise ec2_error("MissingParameter", f"The request must contain the parameter Tag.{index}.Key.")
        if not key_bounds["min"] <= len(key) <= key_bounds["max"]:
            raise ec2_error(
                "InvalidParameterValue",
                f"Tag.{index}.Key must be {key_bounds['min']} to {key_bounds['max']} characters long; "
                f"it has {len(key)}.",
            )
        if key.lower().startswith(RESERVED_PREFIX):
            raise ec2_error(
                "InvalidParameterValue",
                f"Tag.{index}.Key {quote(key)}: keys starting with {RESERVED_PREFIX!r} are reserved.",
            )
        if key in seen:
            raise ec2_error("InvalidParameterValue", f"Tag.{index}.Key {quote(key)} is given more than once.")
        seen.add(key)
        value = tag.get("Value")
        if with_values and value is not None and len(value) > value_bounds["max"]:
            raise ec2_error(
                "InvalidParameterValue",
                f"Tag.{index}.Value may have at most {value_bounds['max']} characters; it has {len(value)}.",
            )


def create_tags(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """CreateTags: add or overwrite tags on every resource named, or on none."""
    refuse_dry_run(params)
    _check_tags(params["Tags"], with_values=True)
    targets = _targets(ctx, params["Resources"])
    for target in targets:
        merged = {tag["Key"]: tag["Value"] for tag in target.tags}
        merged.update({tag["Key"]: tag.get("Value") or "" for tag in params["Tags"]})
        if len(merged) > max_tags():
            raise ec2_error(
                "TagLimitExceeded",
                f"The maximum number of tags for a resource ({max_tags()}) would be exceeded on "
                f"{quote(target.resource_id)}: it would have {len(merged)}.",
            )
        target.tags = [{"Key": key, "Value": value} for key, value in merged.items()]
    for target in targets:
        target.keep(ctx)
    return {}


def delete_tags(ctx: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """DeleteTags: remove the tags given (a key alone, or a key and the value it must have), or all."""
    refuse_dry_run(params)
    given = params.get("Tags")
    if given is not None:
        _check_tags(given, with_values=False)
    # Key -> the value it must have to go (None: any value).
    wanted = {tag["Key"]: tag.get("Value") for tag in given} if given is not None else None
    for target in _targets(ctx, params["Resources"]):
        target.tags = (
            []
            if wanted is None
            else [
                t for t in target.tags if t["Key"] not in wanted or wanted[t["Key"]] not in (None, t["Value"])
            ]
        )
        target.keep(ctx)
    return {}
