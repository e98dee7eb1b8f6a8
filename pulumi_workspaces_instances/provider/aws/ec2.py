"""EC2, for what WorkSpaces Instances cannot tell: how a volume is now, and how its modification goes.

The workspaces-instances API creates, modifies, attaches and deletes volumes but has no call that
reads one; like the CloudFormation handlers of its peers, the provider reads them with EC2's
``DescribeVolumes`` and ``DescribeVolumesModifications`` (IAM: ``ec2:DescribeVolumes``,
``ec2:DescribeVolumesModifications``), with the same credentials and region; a volume's tags change
in place with EC2 ``CreateTags``/``DeleteTags`` (``ec2:CreateTags``, ``ec2:DeleteTags``).

Clients are made lazily and cached per region in this process only (never pickled, as in
:mod:`provider.aws.clients`). The endpoint is never passed explicitly: boto3's own ``AWS_ENDPOINT_URL_EC2``
(or ``AWS_ENDPOINT_URL``) is how a caller points it at the emulator.
"""

from __future__ import annotations

import functools
import threading
from datetime import datetime
from typing import Any, Final, Protocol, cast

from botocore.config import Config
from botocore.exceptions import ClientError

from . import clients, sessions, tagging, waiter
from .errors import ACCESS_DENIED_CODES, describe_aws_error, error_code, is_non_aws_answer
from .model import SERVICE_NAME as WSI_SERVICE_NAME
from .tagging import TagPlan, api_tags

SERVICE_NAME: Final = "ec2"
ENDPOINT_VARIABLES = clients.EC2_ENDPOINT_VARIABLES
"""The variables boto3 reads EC2's endpoint from, most specific first."""

DESCRIBE_VOLUMES = "DescribeVolumes"
DESCRIBE_MODIFICATIONS = "DescribeVolumesModifications"
CREATE_TAGS = "CreateTags"
DELETE_TAGS = "DeleteTags"
VOLUME_NOT_FOUND_CODE = "InvalidVolume.NotFound"
"""EC2's answer for a volume id it does not know (never existed, or deleted a while ago)."""
MODIFICATION_NOT_FOUND_CODE = "InvalidVolumeModification.NotFound"
"""EC2's answer for a volume that was never modified."""

GONE_VOLUME_STATES = frozenset({"deleting", "deleted"})
"""Volume states in which the volume is, or is about to be, no more."""
LIVE_ATTACHMENT_STATES = frozenset({"attaching", "attached", "busy"})
"""Attachment states in which the volume is (or is becoming) attached to the instance."""

MANAGED_TOO: Final = {"IncludeManagedResources": True}
"""Asked of every EC2 read: desktops and their volumes are resources WorkSpaces Instances manages, and an
account whose managed-resource visibility is ``hidden`` (EC2 ModifyManagedResourceVisibility) gets them
from DescribeInstances and DescribeVolumes only with this member ("the output includes resources that are
managed by Amazon Web Services services, even if managed resource visibility is set to hidden", EC2 API
reference). Without it a refresh would take a hidden volume for a deleted one, and a create would try
another ClientToken: a second, billed volume."""

Volume = dict[str, Any]
"""One entry of DescribeVolumes' ``Volumes``."""
Modification = dict[str, Any]
"""One entry of DescribeVolumesModifications' ``VolumesModifications``."""


class Ec2Client(Protocol):
    """The EC2 calls the provider makes (boto3's ``ec2`` client; its full stubs are not a dependency)."""

    def describe_volumes(self, **kwargs: Any) -> dict[str, Any]:
        """DescribeVolumes."""
        ...

    def describe_volumes_modifications(self, **kwargs: Any) -> dict[str, Any]:
        """DescribeVolumesModifications."""
        ...

    def describe_images(self, **kwargs: Any) -> dict[str, Any]:
        """DescribeImages (an image's root device, :mod:`provider.instances.image_check`)."""
        ...

    def describe_instances(self, **kwargs: Any) -> dict[str, Any]:
        """DescribeInstances (the EC2 view of a desktop, :mod:`provider.instances.ec2_view`)."""
        ...

    def create_tags(self, **kwargs: Any) -> dict[str, Any]:
        """CreateTags (adds or overwrites tags on a volume)."""
        ...

    def delete_tags(self, **kwargs: Any) -> dict[str, Any]:
        """DeleteTags (removes tags from a volume)."""
        ...


_lock = threading.Lock()
_clients: dict[tuple[str, str | None, int], Ec2Client] = {}


def client_for(region: str, *, max_attempts: int | None = None) -> Ec2Client:
    """A cached EC2 client for ``region`` and the endpoint in effect; safe under concurrent calls.

    ``max_attempts`` makes a probe's client (:func:`provider.aws.clients.probe_config`).
    """
    mode, attempts = clients.retry_policy()
    attempts = max_attempts or attempts
    key = (region, clients.endpoint_override(ENDPOINT_VARIABLES), attempts)
    with _lock:
        client = _clients.get(key)
        if client is None:
            config = (
                clients.probe_config(attempts)
                if max_attempts
                else Config(retries={"mode": mode, "total_max_attempts": attempts})
            )
            client = cast(Ec2Client, sessions.client(SERVICE_NAME, region, config))
            _clients[key] = client
        return client


def clear_clients() -> None:
    """Forget cached clients and the session (tests that change the endpoint or credentials between cases)."""
    with _lock:
        _clients.clear()
    sessions.forget()


def describe_volume(client: Ec2Client, volume_id: str, deadline: waiter.Deadline) -> Volume | None:
    """The volume as EC2 shows it; None when EC2 does not know it or it is being or was deleted."""
    volume = find_volume(client, volume_id, deadline)
    return None if volume is None or volume.get("State") in GONE_VOLUME_STATES else volume


def find_volume(client: Ec2Client, volume_id: str, deadline: waiter.Deadline) -> Volume | None:
    """The volume as EC2 shows it, also while being or once deleted; None when EC2 does not know it."""
    try:
        answer = waiter.call(
            functools.partial(client.describe_volumes, VolumeIds=[volume_id], **MANAGED_TOO), deadline
        )
    except ClientError as exc:
        if error_code(exc) == VOLUME_NOT_FOUND_CODE:
            return None
        raise
    for volume in answer.get("Volumes") or []:
        if volume.get("VolumeId") == volume_id:
            return dict(volume)
    return None


def latest_modification(client: Ec2Client, volume_id: str, deadline: waiter.Deadline) -> Modification | None:
    """The volume's most recent modification (by start time); None when it was never modified."""
    try:
        answer = waiter.call(
            functools.partial(client.describe_volumes_modifications, VolumeIds=[volume_id], **MANAGED_TOO),
            deadline,
        )
    except ClientError as exc:
        if error_code(exc) == MODIFICATION_NOT_FOUND_CODE:
            return None
        raise
    found = [
        dict(item) for item in answer.get("VolumesModifications") or [] if item.get("VolumeId") == volume_id
    ]
    return max(found, key=_start_time, default=None)


def _start_time(modification: Modification) -> float:
    started = modification.get("StartTime")
    return started.timestamp() if isinstance(started, datetime) else 0.0


def attachments_to(volume: Volume, ec2_instance_id: str) -> list[dict[str, Any]]:
    """The volume's live attachments to one EC2 instance."""
    return [
        attachment
        for attachment in volume.get("Attachments") or []
        if attachment.get("InstanceId") == ec2_instance_id
        and attachment.get("State") in LIVE_ATTACHMENT_STATES
    ]


def live_attachments(volume: Volume) -> list[dict[str, Any]]:
    """The volume's attachments that hold it (attaching, attached or busy)."""
    return [a for a in volume.get("Attachments") or [] if a.get("State") in LIVE_ATTACHMENT_STATES]


def retag(client: Ec2Client, resource_id: str, changes: TagPlan, deadline: waiter.Deadline) -> None:
    """Apply a tag plan to an EC2 resource in place: DeleteTags for removed keys, then CreateTags.

    Removals first, as for instances, so a key whose case changed does not collide with itself. EC2 takes
    every tag of one resource in one call (its limit is 50 tags per resource, which validation enforces).
    Raises the botocore error; :func:`provider.aws.tagging.failed_operation` names the call.
    """
    if changes.to_remove:
        tagging.call(
            DELETE_TAGS,
            client.delete_tags,
            deadline,
            Resources=[resource_id],
            Tags=[{"Key": key} for key in changes.to_remove],
        )
    if changes.to_set:
        tagging.call(
            CREATE_TAGS, client.create_tags, deadline, Resources=[resource_id], Tags=api_tags(changes.to_set)
        )


def describe_ec2_error(operation: str, exc: BaseException, volume_id: str | None = None) -> str:
    """One line for a failed EC2 call: :func:`provider.aws.errors.describe_aws_error`'s, naming EC2's IAM
    action and endpoint variable instead of the WorkSpaces Instances ones."""
    if is_non_aws_answer(exc):
        target = f" for {volume_id}" if volume_id else ""
        return (
            f"{operation} failed{target}: the endpoint is not AWS EC2 (HTTP {error_code(exc)}); "
            f"check {' and '.join(ENDPOINT_VARIABLES)}"
        )
    text = describe_aws_error(operation, exc, volume_id)
    if error_code(exc) in ACCESS_DENIED_CODES:
        text = text.replace(f"{WSI_SERVICE_NAME}:{operation}", f"{SERVICE_NAME}:{operation}")
    return text
