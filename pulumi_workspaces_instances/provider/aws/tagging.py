"""Bringing tags from one set to another with the fewest calls: an instance's (Tag/UntagResource here)
and a volume's (EC2 CreateTags/DeleteTags, :func:`provider.aws.ec2.retag`)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from . import waiter
from .tokens import CLAIM_TAG_KEY

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

T = TypeVar("T")

MAX_TAGS_PER_CALL = 50
"""The model's maximum list length for TagResource.Tags and UntagResource.TagKeys."""

RESERVED_TAG_KEYS = (CLAIM_TAG_KEY,)
"""Tags the provider manages itself: hidden from the ``tags`` output, never removed by updates."""


@dataclass(frozen=True)
class TagPlan:
    """Tags to set (new or changed values) and keys to remove."""

    to_set: dict[str, str]
    to_remove: list[str]

    @property
    def empty(self) -> bool:
        """True when the tags already match."""
        return not self.to_set and not self.to_remove


def plan(current: Mapping[str, str], desired: Mapping[str, str]) -> TagPlan:
    """What to change to go from ``current`` to ``desired`` (reserved keys are left alone)."""
    to_set = {key: value for key, value in desired.items() if current.get(key) != value}
    to_remove = sorted(key for key in current if key not in desired and key not in RESERVED_TAG_KEYS)
    return TagPlan(to_set=to_set, to_remove=to_remove)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def user_tags(api_tags: Sequence[Mapping[str, str]]) -> dict[str, str]:
    """ListTagsForResource's answer as a dict, without the provider's reserved tags."""
    return {
        str(tag["Key"]): str(tag.get("Value", ""))
        for tag in api_tags
        if tag.get("Key") not in RESERVED_TAG_KEYS
    }


def apply(
    client: WorkspacesInstancesClient, instance_id: str, changes: TagPlan, deadline: waiter.Deadline
) -> None:
    """Make the calls (each retried while throttled or unreachable, until ``deadline``): removals
    first, so a key whose case changed does not collide with itself.

    Raises the botocore error of a call that failed; ``failed_operation`` names it.
    """
    for keys in _chunks(changes.to_remove, MAX_TAGS_PER_CALL):
        call(
            "UntagResource",
            client.untag_resource,
            deadline,
            WorkspaceInstanceId=instance_id,
            TagKeys=list(keys),
        )
    for chunk in _chunks(api_tags(changes.to_set), MAX_TAGS_PER_CALL):
        call("TagResource", client.tag_resource, deadline, WorkspaceInstanceId=instance_id, Tags=list(chunk))


_OPERATION_ATTRIBUTE = "workspaces_instances_operation"


def call(operation: str, method: Any, deadline: waiter.Deadline, **params: Any) -> None:
    """One tagging call, retried until ``deadline``; its error remembers ``operation``
    (:func:`failed_operation`)."""
    try:
        waiter.call(functools.partial(method, **params), deadline)
    except (ClientError, BotoCoreError) as exc:
        setattr(exc, _OPERATION_ATTRIBUTE, operation)
        raise


def failed_operation(exc: BaseException) -> str:
    """Which tagging call ``exc`` came from (raised by :func:`apply`)."""
    return str(getattr(exc, _OPERATION_ATTRIBUTE, "TagResource"))


def api_tags(tags: Mapping[str, str]) -> list[dict[str, str]]:
    """Tags in the API's list-of-pairs shape, sorted so equal sets make equal requests."""
    return [{"Key": key, "Value": tags[key]} for key in sorted(tags)]
