"""The dynamic ResourceProvider behind :class:`.volume.VolumeAttachment`: one volume on one instance.

- ``create``: the instance must be ALLOCATED; AssociateVolume, then wait until EC2 shows the volume
  attached to the instance's EC2 instance. A create resumed after a crash finds the volume already
  attached there at the same device and adopts it (AssociateVolume has no ClientToken).
- ``read``: GetWorkspaceInstance gives the EC2 instance id, DescribeVolumes the volume's
  attachments; an instance or volume that is gone, or a volume no longer attached to the instance,
  drops the attachment from the stack. ``pulumi import`` gives only the id, which names both
  (``<workspaceInstanceId>:<volumeId>``); the device comes from EC2.
- ``delete``: DisassociateVolume (with ``disassociate_mode`` when set), then wait until EC2 no longer
  shows the volume attached to the instance. Already detached, or the instance or volume gone,
  counts as done.
- Any change of instance, volume, device or region replaces the attachment, detaching first (the
  device and the volume cannot be held twice); ``disassociate_mode`` and ``timeouts`` only change
  what the next delete does.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from botocore.exceptions import BotoCoreError, ClientError
from pulumi.dynamic import (
    CheckResult,
    CreateResult,
    ReadResult,
    UpdateResult,
)

from .aws import clients, consistency, ec2, preflight, waiter
from .aws.errors import (
    CONFLICT_CODE,
    NOT_FOUND_CODE,
    WorkspaceInstanceError,
    describe_aws_error,
    error_code,
    is_not_found,
)
from .inputs import properties
from .inputs.checks import Problem
from .inputs.detailed_diff import DetailedDiffResult, property_changes
from .inputs.timeouts import timeout_knob
from .inputs.wire_values import contains_unknown
from .provider_base import CALL_TIMEOUT_SECONDS, PackageProvider, check_failure, default_region
from .volumes import state as vs
from .volumes.spec import AttachmentSpec
from .volumes.validation import validate_attachment_inputs

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

GET_INSTANCE = "GetWorkspaceInstance"
ALLOCATED = "ALLOCATED"
GONE_INSTANCE_STATES = frozenset({"DEALLOCATING", "DEALLOCATED"})
"""Instance states whose volumes EC2 detaches (the attachment is gone with them)."""


class VolumeAttachmentProvider(PackageProvider):
    """Attach (AssociateVolume) and detach (DisassociateVolume) a volume and a workspace instance."""

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Every problem at once, before any AWS call that changes anything (then both endpoints are
        probed once); the region filled in."""
        inputs = properties.clean(news)
        problems = validate_attachment_inputs(inputs)
        region = default_region(inputs)
        if not problems and region is not None:
            problems += [Problem("", reason) for reason in preflight.volume_problems(region)]
        filled = vs.with_region(inputs, region)
        return CheckResult(filled, [check_failure(problem) for problem in problems])

    def detailed_diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DetailedDiffResult:
        """Instance, volume, device or region: replace, detaching first; the rest: update in state."""
        old, new = properties.clean(olds), properties.clean(news)
        replaces = [
            name
            for name in vs.ATTACHMENT_REPLACE
            if contains_unknown(new.get(name)) or new.get(name) != old.get(name)
        ]
        updated = [
            name
            for name in (vs.DISASSOCIATE_MODE, vs.TIMEOUTS)
            if contains_unknown(new.get(name))
            or properties.prune(new.get(name)) != properties.prune(old.get(name))
        ]
        return DetailedDiffResult(
            changes=bool(replaces or updated),
            replaces=replaces,
            detailed=[
                change
                for name in (*replaces, *updated)
                for change in property_changes(name, old, new, replaces=name in replaces, nested=False)
            ],
            delete_before_replace=True if replaces else None,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        """AssociateVolume, then wait until EC2 shows the volume attached."""
        spec = AttachmentSpec.read(props)
        region = clients.resolve_region(spec.region)
        client, ec2_client = clients.client_for(region), ec2.client_for(region)
        instance_id, volume_id, device = spec.workspace_instance_id, spec.volume_id, str(spec.device)
        limit = spec.timeout_seconds("create")
        deadline = waiter.Deadline(limit)
        ec2_instance_id = _ec2_instance_for_attach(client, instance_id, deadline)
        _associate(client, ec2_client, instance_id, ec2_instance_id, volume_id, device, deadline)
        attachment = _await_attached(ec2_client, volume_id, ec2_instance_id, deadline, limit)
        outs = vs.attachment_outputs(
            spec.bag, region=region, ec2_instance_id=ec2_instance_id, attachment=attachment
        )
        return CreateResult(vs.attachment_id(instance_id, volume_id), outs)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The attachment as EC2 shows it; an empty id when it is gone, so refresh drops it.

        An import brings only the id, ``<workspaceInstanceId>:<volumeId>``: it names the instance and volume.
        """
        try:
            spec = AttachmentSpec.read(vs.with_attachment_ids(id_, props))
        except ValueError as error:
            raise WorkspaceInstanceError(f"import: {error}") from None
        region = clients.resolve_region(spec.region)
        client, ec2_client = clients.client_for(region), ec2.client_for(region)
        instance_id, volume_id = spec.workspace_instance_id, spec.volume_id
        deadline = waiter.Deadline(CALL_TIMEOUT_SECONDS)
        try:
            instance = _get_instance(client, instance_id, deadline)
        except ClientError as exc:
            if error_code(exc) == NOT_FOUND_CODE:
                return ReadResult("", {})
            raise WorkspaceInstanceError(describe_aws_error(GET_INSTANCE, exc, instance_id)) from None
        except BotoCoreError as exc:
            raise WorkspaceInstanceError(describe_aws_error(GET_INSTANCE, exc, instance_id)) from None
        ec2_instance_id = _ec2_instance_id(instance) or spec.ec2_instance_id
        if instance.get("ProvisionState") in GONE_INSTANCE_STATES or not ec2_instance_id:
            return ReadResult("", {})
        attachment = _attachment(ec2_client, volume_id, str(ec2_instance_id), deadline)
        if attachment is None:
            return ReadResult("", {})
        outs = vs.attachment_outputs(
            spec.bag, region=region, ec2_instance_id=str(ec2_instance_id), attachment=attachment
        )
        return ReadResult(id_, outs, vs.attachment_inputs_from_outputs(outs))

    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Only ``disassociate_mode`` or ``timeouts`` changed: store them (no AWS call)."""
        old, new = properties.clean(olds), properties.clean(news)
        outs = {**old, **{name: new.get(name) for name in (vs.DISASSOCIATE_MODE, vs.TIMEOUTS)}}
        return UpdateResult(outs)

    def delete(self, _id: str, props: dict[str, Any]) -> None:
        """DisassociateVolume and wait until EC2 shows the volume detached from the instance."""
        spec = AttachmentSpec.read(props)
        region = clients.resolve_region(spec.region)
        client, ec2_client = clients.client_for(region), ec2.client_for(region)
        limit = spec.timeout_seconds("delete")
        _detach(client, ec2_client, spec, waiter.Deadline(limit), limit)


# --- helpers ----------------------------------------------------------------------------------


def _get_instance(
    client: WorkspacesInstancesClient, instance_id: str, deadline: waiter.Deadline
) -> dict[str, Any]:
    call = functools.partial(client.get_workspace_instance, WorkspaceInstanceId=instance_id)
    return cast(dict[str, Any], dict(waiter.call(call, deadline)))


def _ec2_instance_id(instance: dict[str, Any]) -> str | None:
    value = (instance.get("EC2ManagedInstance") or {}).get("InstanceId")
    return str(value) if value else None


def _ec2_instance_for_attach(
    client: WorkspacesInstancesClient, instance_id: str, deadline: waiter.Deadline
) -> str:
    """The EC2 instance behind an ALLOCATED workspace instance; anything else is a one-line error."""
    try:
        instance = _get_instance(client, instance_id, deadline)
    except (ClientError, BotoCoreError) as exc:
        raise WorkspaceInstanceError(describe_aws_error(GET_INSTANCE, exc, instance_id)) from None
    provision_state = instance.get("ProvisionState")
    ec2_instance_id = _ec2_instance_id(instance)
    if provision_state != ALLOCATED or ec2_instance_id is None:
        raise WorkspaceInstanceError(
            f"AssociateVolume: {instance_id} is {provision_state}; a volume can be attached only to an "
            "ALLOCATED instance: pass the instance's workspace_instance_id output (so Pulumi waits for it) "
            "or wait until it is allocated"
        )
    return ec2_instance_id


def _attachment(
    ec2_client: ec2.Ec2Client, volume_id: str, ec2_instance_id: str, deadline: waiter.Deadline
) -> dict[str, Any] | None:
    """The volume's live attachment to the EC2 instance (None: not attached, or the volume is gone)."""
    try:
        volume = ec2.describe_volume(ec2_client, volume_id, deadline)
    except (ClientError, BotoCoreError) as exc:
        raise WorkspaceInstanceError(ec2.describe_ec2_error(ec2.DESCRIBE_VOLUMES, exc, volume_id)) from None
    if volume is None:
        return None
    found = ec2.attachments_to(volume, ec2_instance_id)
    return found[0] if found else None


def _associate(
    client: WorkspacesInstancesClient,
    ec2_client: ec2.Ec2Client,
    instance_id: str,
    ec2_instance_id: str,
    volume_id: str,
    device: str,
    deadline: waiter.Deadline,
) -> None:
    """AssociateVolume; a volume already attached here at this device (a resumed create) is fine.

    The volume or the instance may have been made a moment ago in the same run: a "not found" is asked again
    until the grace of a new resource runs out (:mod:`provider.aws.consistency`).
    """
    call = functools.partial(
        client.associate_volume, WorkspaceInstanceId=instance_id, VolumeId=volume_id, Device=device
    )
    try:
        consistency.until_visible(call, is_not_found, deadline, consistency.grace(deadline))
    except consistency.NeverVisible as never:
        raise WorkspaceInstanceError(
            f"{describe_aws_error(vs.ASSOCIATE_VOLUME, never.last_error, volume_id)}; still so after "
            f"{never.seconds:g}s: check that {volume_id} and {instance_id} exist in this region"
        ) from None
    except waiter.WaitTimeout as timeout:
        cause = (
            describe_aws_error(vs.ASSOCIATE_VOLUME, timeout.last_error, volume_id)
            if timeout.last_error is not None
            else f"{vs.ASSOCIATE_VOLUME}: {volume_id} or {instance_id} was not visible yet"
        )
        raise WorkspaceInstanceError(
            f"{cause}; still so when {timeout_knob('create')} ({deadline.seconds:g}s) ran out"
        ) from None
    except (ClientError, BotoCoreError) as exc:
        text = describe_aws_error(vs.ASSOCIATE_VOLUME, exc, volume_id)
        if error_code(exc) != CONFLICT_CODE:
            raise WorkspaceInstanceError(text) from None
        attachment = _held_by(ec2_client, volume_id, deadline)
        if attachment is None:
            raise WorkspaceInstanceError(f"{text}; choose a device that is free on {instance_id}") from None
        if attachment.get("InstanceId") == ec2_instance_id and attachment.get("Device") == device:
            return  # attached by an earlier, interrupted create of this attachment: adopt it
        raise WorkspaceInstanceError(
            f"AssociateVolume: {volume_id} is already attached to EC2 instance "
            f"{attachment.get('InstanceId')} at {attachment.get('Device')}; detach it there first (or "
            "remove that attachment from its stack)"
        ) from None


def _held_by(ec2_client: ec2.Ec2Client, volume_id: str, deadline: waiter.Deadline) -> dict[str, Any] | None:
    try:
        volume = ec2.describe_volume(ec2_client, volume_id, deadline)
    except (ClientError, BotoCoreError) as exc:
        raise WorkspaceInstanceError(ec2.describe_ec2_error(ec2.DESCRIBE_VOLUMES, exc, volume_id)) from None
    attached = ec2.live_attachments(volume) if volume is not None else []
    return attached[0] if attached else None


def _await_attached(
    ec2_client: ec2.Ec2Client, volume_id: str, ec2_instance_id: str, deadline: waiter.Deadline, limit: float
) -> dict[str, Any]:
    """Wait until EC2 shows the attachment ``attached``."""
    last = ["attaching"]

    def attached() -> dict[str, Any] | None:
        attachment = _attachment(ec2_client, volume_id, ec2_instance_id, deadline)
        if attachment is None:
            return None  # not visible yet
        last.append(str(attachment.get("State")))
        return attachment if attachment.get("State") == "attached" else None

    try:
        return waiter.poll(attached, deadline)
    except waiter.WaitTimeout:
        raise WorkspaceInstanceError(
            f"AssociateVolume: {volume_id} was still {last[-1]} on {ec2_instance_id} after {limit:g}s "
            f"({timeout_knob('create')}); run `pulumi up` again to adopt the attachment, or raise "
            f"{timeout_knob('create')}"
        ) from None


def _detach(
    client: WorkspacesInstancesClient,
    ec2_client: ec2.Ec2Client,
    spec: AttachmentSpec,
    deadline: waiter.Deadline,
    limit: float,
) -> None:
    """DisassociateVolume until EC2 no longer shows the volume attached to the instance."""
    instance_id, volume_id = spec.workspace_instance_id, spec.volume_id
    request: dict[str, Any] = {"WorkspaceInstanceId": instance_id, "VolumeId": volume_id}
    if spec.disassociate_mode:
        request["DisassociateMode"] = spec.disassociate_mode
    ec2_instance_id = spec.ec2_instance_id
    requested = [False]
    last = ["attached"]

    def detached() -> bool | None:
        if not requested[0]:
            try:
                client.disassociate_volume(**request)
                requested[0] = True
            except ClientError as exc:
                if error_code(exc) == NOT_FOUND_CODE:
                    return True  # the instance or the volume is gone, and with it the attachment
                if error_code(exc) != CONFLICT_CODE:
                    raise
                # Not associated (any more), or busy: EC2 says which; busy is asked again next time.
        if not ec2_instance_id:
            return True  # never attached as far as the stack knows
        attachment = _attachment(ec2_client, volume_id, str(ec2_instance_id), deadline)
        if attachment is None:
            return True
        last.append(str(attachment.get("State")))
        return None

    try:
        waiter.poll(detached, deadline)
    except waiter.WaitTimeout:
        raise WorkspaceInstanceError(
            f"DisassociateVolume: {volume_id} was still {last[-1]} on {instance_id} after {limit:g}s "
            f"({timeout_knob('delete')}); raise {timeout_knob('delete')}, or set disassociate_mode='FORCE' "
            "(the instance may "
            "lose unwritten data)"
        ) from None
    except (ClientError, BotoCoreError) as exc:
        raise WorkspaceInstanceError(describe_aws_error(vs.DISASSOCIATE_VOLUME, exc, volume_id)) from None
