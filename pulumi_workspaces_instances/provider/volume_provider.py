"""The dynamic ResourceProvider behind :class:`.volume.Volume`.

Pickled by reference into every Volume's state (this module is importable, the class has no attributes);
clients live in :mod:`provider.aws.clients` and :mod:`provider.aws.ec2`, made lazily in the provider host.

Lifecycle:

- ``create``: CreateVolume with a ClientToken (below), then wait until EC2 shows it ``available``.
- ``update``: tags change **in place** with EC2 CreateTags/DeleteTags (the volume is an EBS volume in
  the caller's account); size (grow only), type, IOPS and throughput with one ModifyVolume.
  EBS takes one modification at a time, so update first waits for the previous one to complete,
  and after its call waits until EC2 reports the new one ``optimizing`` (the new configuration is
  in effect) or ``completed`` — both bounded by ``timeouts.update``.
- ``read``: DescribeVolumes (EC2); a volume EC2 no longer has is dropped from the stack.
- ``delete``: refused, with the instance and device, while something outside this stack keeps the
  volume attached (the stack's own VolumeAttachment is deleted first: it depends on the volume);
  otherwise DeleteVolume and wait until EC2 no longer shows it.

ClientTokens (the design of :mod:`provider.aws.tokens`, reused): hash of the resource's identity, its saved
random seed, the CreateVolume request and a generation. A create resumed after a crash gets the
same token, so the same volume back, which it adopts; a token that returns a volume EC2 shows
deleted (an earlier life: the volume was destroyed, replaced delete-first, or deleted out of band)
or attached (never the case for a create that did not finish: its attachment needs its id) moves
on to the next generation. There is no claim tag: this API cannot tag a volume after creating it
(EC2 could, but a claim would need ec2:CreateTags for every create, not only for tag changes).
A ``--replace`` with identical inputs would get the old, live volume back from its token, which is
why ``Volume`` replaces delete-first by default (see volume.py): the old volume is gone by then.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from botocore.exceptions import BotoCoreError, ClientError
from pulumi.dynamic import (
    CheckResult,
    CreateResult,
    ReadResult,
    UpdateResult,
)

from .aws import clients, consistency, ec2, preflight, tagging, waiter
from .aws.errors import CONFLICT_CODE, NOT_FOUND_CODE, WorkspaceInstanceError, describe_aws_error, error_code
from .aws.tokens import derive_client_token, tokens_exhausted
from .inputs import properties
from .inputs.checks import Problem
from .inputs.detailed_diff import DetailedDiffResult, property_changes
from .inputs.timeouts import timeout_knob
from .inputs.wire_values import contains_unknown, is_unknown
from .provider_base import CALL_TIMEOUT_SECONDS, PackageProvider, check_failure, default_region
from .reporting import diagnostics
from .volumes import state as vs
from .volumes.spec import VolumeSpec
from .volumes.validation import shrink_problems, shrink_reason, validate_volume_inputs

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

RATE_EXCEEDED_CODE = "VolumeModificationRateExceededException"
MODIFICATION_DONE = frozenset({"optimizing", "completed"})
"""Modification states in which the new configuration is in effect (ModifyVolume may return)."""
MODIFICATION_BUSY = frozenset({"modifying", "optimizing"})
"""Modification states that keep the next ModifyVolume waiting (EBS: one at a time)."""
LIST_PAGE_LIMIT = 20
"""Most ListWorkspaceInstances pages read to name the instance an EC2 instance id belongs to."""

# Volumes this process deleted: a token that returns one of them is an earlier life, at once
# (without the grace above). Process-local, never pickled.
_deleted_lock = threading.Lock()
_deleted: set[str] = set()


class VolumeProvider(PackageProvider):
    """Create, read, modify in place and delete the EBS volumes of WorkSpaces Instances."""

    # --- check / diff -------------------------------------------------------------------------

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Every problem at once, before any AWS call that changes anything (then both endpoints are
        probed once); a shrink is refused here; the region filled in."""
        inputs = properties.clean(news)
        region = default_region(inputs)
        problems = validate_volume_inputs(inputs, region)
        filled = vs.with_region(inputs, region)
        previous = properties.clean(olds)
        if previous:
            problems += shrink_problems(previous, filled)
        if not problems and region is not None:
            problems += [Problem("", reason) for reason in preflight.volume_problems(region)]
        return CheckResult(filled, [check_failure(problem) for problem in problems])

    def detailed_diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DetailedDiffResult:
        """Size, type, IOPS, throughput and tags change in place; the other inputs replace the volume."""
        old, new = properties.clean(olds), properties.clean(news)
        replaces = [
            name
            for name in vs.CREATE_ONLY
            if contains_unknown(new.get(name)) or vs.comparable(name, new) != vs.comparable(name, old)
        ]
        modified = [
            name
            for name in vs.MODIFIABLE
            if new.get(name) is not None
            and (is_unknown(new.get(name)) or vs.whole(new.get(name)) != vs.whole(old.get(name)))
        ]
        if not replaces:
            _refuse_shrink(old, new)
        retimed = vs.comparable(vs.TIMEOUTS, new) != vs.comparable(vs.TIMEOUTS, old)
        retagged = vs.comparable(vs.TAGS, new) != vs.comparable(vs.TAGS, old)
        changed = replaces + modified + ([vs.TIMEOUTS] if retimed else []) + ([vs.TAGS] if retagged else [])
        detailed = [
            change
            for name in changed
            for change in property_changes(name, old, new, replaces=name in replaces, nested=name == vs.TAGS)
        ]
        # Replacing delete-first is the resource's default option (volume.py), not forced here: a
        # changed input changes the ClientToken too, so the old volume cannot come back from it.
        return DetailedDiffResult(changes=bool(changed), replaces=replaces, detailed=detailed)

    # --- create -------------------------------------------------------------------------------

    def create(self, props: dict[str, Any]) -> CreateResult:
        """CreateVolume (idempotently) and wait until EC2 shows the volume available."""
        spec = VolumeSpec.read(props)
        region = clients.resolve_region(spec.region)
        limit = spec.timeout_seconds("create")
        deadline = waiter.Deadline(limit)
        ec2_client = ec2.client_for(region)
        client = clients.client_for(region)
        volume_id = _create(client, ec2_client, spec, deadline)
        volume = _await_available(client, ec2_client, volume_id, deadline, limit)
        outs = vs.volume_outputs(spec.bag, volume_id=volume_id, region=region, volume=volume)
        return CreateResult(volume_id, outs)

    # --- read ---------------------------------------------------------------------------------

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The volume as EC2 shows it; an empty id when it is gone, so refresh drops it."""
        spec = VolumeSpec.read(props)
        current = dict(spec.bag)
        region = clients.resolve_region(spec.region)
        try:
            volume = ec2.describe_volume(ec2.client_for(region), id_, waiter.Deadline(CALL_TIMEOUT_SECONDS))
        except (ClientError, BotoCoreError) as exc:
            raise WorkspaceInstanceError(ec2.describe_ec2_error(ec2.DESCRIBE_VOLUMES, exc, id_)) from None
        if volume is None:
            return ReadResult("", {})
        declared_names = vs.declared_in(current)
        if current.get(vs.AVAILABILITY_ZONE) is None:
            # An import (only the id is known): the inputs come from what EC2 shows.
            current = vs.imported_inputs(current, volume)
            declared_names = list(vs.IMPORT_DECLARED)
        outs = vs.volume_outputs(
            current, volume_id=id_, region=region, volume=volume, declared_names=declared_names
        )
        return ReadResult(id_, outs, vs.volume_inputs_from_outputs(outs))

    # --- update -------------------------------------------------------------------------------

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Tags with EC2 CreateTags/DeleteTags; one ModifyVolume for every changed size/type/IOPS/throughput,
        waited for; return every output."""
        old_spec, new_spec = VolumeSpec.read(olds), VolumeSpec.read(news)
        old, new = dict(old_spec.bag), dict(new_spec.bag)
        region = clients.resolve_region(old_spec.region)
        request = vs.modify_request(old, new)
        if request:
            _refuse_shrink(old, new)  # before any call, tags included
        limit = new_spec.timeout_seconds("update")
        deadline = waiter.Deadline(limit)
        ec2_client = ec2.client_for(region)
        changes = tagging.plan(old_spec.tags, new_spec.tags)
        if not changes.empty:
            _retag(ec2_client, id_, changes, deadline)
        if not request:  # only tags or timeouts changed: no modification to wait for
            outs = vs.volume_outputs(new, volume_id=id_, region=region, volume=None, previous=old)
            return UpdateResult(outs)
        _await_previous_modification(ec2_client, id_, deadline, limit)
        token = _modification_token(new_spec, id_, old, request)
        answer = _modify(clients.client_for(region), id_, request, token, deadline)
        _await_modification(ec2_client, id_, answer, deadline, limit)
        try:
            volume = ec2.describe_volume(ec2_client, id_, waiter.Deadline(CALL_TIMEOUT_SECONDS))
        except (ClientError, BotoCoreError) as exc:
            raise WorkspaceInstanceError(
                f"{ec2.describe_ec2_error(ec2.DESCRIBE_VOLUMES, exc, id_)}; the modification was made: "
                "run `pulumi refresh` to read the volume"
            ) from None
        outs = vs.volume_outputs(new, volume_id=id_, region=region, volume=volume, previous=old)
        return UpdateResult(outs)

    # --- delete -------------------------------------------------------------------------------

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Refuse while an undeclared attachment holds the volume; else DeleteVolume and wait until gone."""
        spec = VolumeSpec.read(props)
        region = clients.resolve_region(spec.region)
        limit = spec.timeout_seconds("delete")
        _delete(clients.client_for(region), ec2.client_for(region), id_, waiter.Deadline(limit), limit)
        with _deleted_lock:
            _deleted.add(id_)


# --- diff helpers -----------------------------------------------------------------------------


def _refuse_shrink(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Raise when the new size is smaller than the volume's (check catches this first when it can)."""
    current, wanted = old.get(vs.SIZE_IN_GB), new.get(vs.SIZE_IN_GB)
    if not all(isinstance(size, int | float) and not isinstance(size, bool) for size in (current, wanted)):
        return
    if float(cast(float, wanted)) < float(cast(float, current)):
        urn = properties.resource_urn(new, vs.VOLUME_TYPE_TOKEN)
        raise WorkspaceInstanceError(
            f"size_in_gb: {shrink_reason(cast(float, current), cast(float, wanted), urn)}"
        )


# --- create helpers ---------------------------------------------------------------------------


def _create(
    client: WorkspacesInstancesClient,
    ec2_client: ec2.Ec2Client,
    spec: VolumeSpec,
    deadline: waiter.Deadline,
) -> str:
    """Call CreateVolume until a token yields a volume this create may adopt; return its id."""
    request, user_token = spec.create_request(), spec.client_token
    for token in spec.client_tokens(request):
        call = functools.partial(client.create_volume, ClientToken=token, **request)
        try:
            volume_id = str(waiter.call(call, deadline)["VolumeId"])
        except ClientError as exc:
            if error_code(exc) == CONFLICT_CODE and not user_token:
                continue  # this token went with other parameters earlier: take the next one
            text = describe_aws_error(vs.CREATE_VOLUME, exc)
            if error_code(exc) == CONFLICT_CODE:
                text += "; client_token already made a volume with other settings: set a new client_token"
            raise WorkspaceInstanceError(text) from None
        except BotoCoreError as exc:
            raise WorkspaceInstanceError(describe_aws_error(vs.CREATE_VOLUME, exc)) from None
        new = consistency.grace(deadline)
        taken = _taken_by_earlier_create(ec2_client, volume_id, deadline, new, moving_on=not user_token)
        if taken is None:
            return volume_id
        if user_token:
            raise WorkspaceInstanceError(
                f"client_token: this token already created {volume_id}, which is {taken}; set a new "
                "client_token (or remove it) to create another volume"
            )
    raise WorkspaceInstanceError(tokens_exhausted(vs.CREATE_VOLUME, "volumes"))


def _taken_by_earlier_create(
    ec2_client: ec2.Ec2Client,
    volume_id: str,
    deadline: waiter.Deadline,
    new: waiter.Deadline,
    *,
    moving_on: bool,
) -> str | None:
    """Why the volume a token returned is not this create's to adopt (None: adopt it).

    EC2 not knowing it is "not visible yet" until its grace ``new`` runs out
    (:mod:`provider.aws.consistency`); only then is it an earlier life of the token, deleted since, which
    a warning names when the create then tries the next token (``moving_on``).
    """
    with _deleted_lock:
        if volume_id in _deleted:
            return "deleted"

    def look() -> ec2.Volume | bool | None:
        volume = _describe(ec2_client, volume_id, deadline, ec2.find_volume)
        if volume is not None:
            return False if volume.get("State") in ec2.GONE_VOLUME_STATES else volume  # False: deleted
        return False if new.expired() else None  # False: still unknown after the grace

    try:
        found = waiter.poll(look, deadline)
    except waiter.WaitTimeout:
        # Out of time before EC2 showed it: never a reason to make another volume.
        raise WorkspaceInstanceError(
            f"{vs.CREATE_VOLUME}: {volume_id} was not visible to {ec2.DESCRIBE_VOLUMES} yet when "
            f"{timeout_knob('create')} ({deadline.seconds:g}s) ran out; run `pulumi up` again to adopt it "
            "(its ClientToken returns it)"
        ) from None
    if found is False and moving_on:
        diagnostics.warning(
            f"{volume_id}, which this volume's ClientToken returned, was still unknown to "
            f"{ec2.DESCRIBE_VOLUMES} after {new.seconds:g}s, so it is taken for an earlier life of the token "
            f"(deleted since) and the next ClientToken is tried; if {volume_id} shows up after all, no stack "
            "holds it: delete it"
        )
    if found is False:
        return "deleted"
    attached = ec2.live_attachments(cast(ec2.Volume, found))
    if attached:
        return f"attached to {attached[0].get('InstanceId')}"
    return None


def _describe(
    ec2_client: ec2.Ec2Client,
    volume_id: str,
    deadline: waiter.Deadline,
    read: Callable[[ec2.Ec2Client, str, waiter.Deadline], ec2.Volume | None] = ec2.describe_volume,
) -> ec2.Volume | None:
    try:
        return read(ec2_client, volume_id, deadline)
    except (ClientError, BotoCoreError) as exc:
        raise WorkspaceInstanceError(
            f"{ec2.describe_ec2_error(ec2.DESCRIBE_VOLUMES, exc, volume_id)}; run `pulumi up` again to adopt "
            f"{volume_id} (its ClientToken returns it), or delete it yourself"
        ) from None


def _await_available(
    client: WorkspacesInstancesClient,
    ec2_client: ec2.Ec2Client,
    volume_id: str,
    deadline: waiter.Deadline,
    limit: float,
) -> ec2.Volume:
    """Wait until EC2 shows the volume available (or in use); an ``error`` volume is deleted."""
    last = ["creating"]

    def available() -> ec2.Volume | None:
        volume = _describe(ec2_client, volume_id, deadline)
        if volume is None:
            return None  # not visible yet
        last.append(str(volume.get("State")))
        if volume.get("State") == "error":
            raise _CreateFailed()
        return volume if volume.get("State") in ("available", "in-use") else None

    try:
        return waiter.poll(available, deadline)
    except _CreateFailed:
        raise WorkspaceInstanceError(
            f"CreateVolume: {volume_id} ended in state 'error' (EC2 could not create it; check kms_key_id "
            f"and snapshot_id); {_cleanup(client, volume_id)}"
        ) from None
    except waiter.WaitTimeout:
        raise WorkspaceInstanceError(
            f"CreateVolume: {volume_id} was still {last[-1]} after {limit:g}s ({timeout_knob('create')}); "
            "run "
            f"`pulumi up` again to adopt it (its ClientToken returns it) or raise {timeout_knob('create')}"
        ) from None


class _CreateFailed(Exception):
    """EC2 shows the new volume in state ``error``."""


def _cleanup(client: WorkspacesInstancesClient, volume_id: str) -> str:
    """Delete a volume a failed create leaves behind; says what happened, for the error message."""
    try:
        client.delete_volume(VolumeId=volume_id)
    except (ClientError, BotoCoreError) as exc:
        if error_code(exc) == NOT_FOUND_CODE:
            return f"{volume_id} is already gone ({NOT_FOUND_CODE})"
        failure = describe_aws_error(vs.DELETE_VOLUME, exc, volume_id)
        return (
            f"deleting it also failed ({failure}): {volume_id} is left; delete it yourself: "
            f"`aws workspaces-instances delete-volume --volume-id {volume_id}`"
        )
    return f"{volume_id} is being deleted so nothing is left behind"


# --- update helpers ---------------------------------------------------------------------------


def _modification_token(
    spec: VolumeSpec, volume_id: str, current: dict[str, Any], request: dict[str, Any]
) -> str:
    """A ClientToken for this modification: the same for a retried call, another for the next change."""
    before = {name: vs.whole(current.get(name)) for name in vs.MODIFIABLE}
    body = {"VolumeId": volume_id, "from": before, **request}
    return derive_client_token(spec.identity, body, 0, spec.seed)


def _modify(
    client: WorkspacesInstancesClient,
    volume_id: str,
    request: dict[str, Any],
    token: str,
    deadline: waiter.Deadline,
) -> dict[str, Any]:
    """Call ModifyVolume; a refusal becomes one line saying what to do."""
    call = functools.partial(client.modify_volume, VolumeId=volume_id, ClientToken=token, **request)
    try:
        return cast(dict[str, Any], dict(waiter.call(call, deadline)))
    except (ClientError, BotoCoreError) as exc:
        text = describe_aws_error(vs.MODIFY_VOLUME, exc, volume_id)
        if error_code(exc) == RATE_EXCEEDED_CODE:
            text += (
                "; EBS modifies a volume one change at a time and at most four times in a rolling 24 hours: "
                "run `pulumi up` again once the previous change has completed or the time the message "
                "names has passed (the volume keeps its current size and type until then)"
            )
        elif error_code(exc) == NOT_FOUND_CODE:
            text += (
                "; it was deleted outside Pulumi: run `pulumi refresh`, then `pulumi up` to create it again"
            )
        raise WorkspaceInstanceError(text) from None


def _latest(ec2_client: ec2.Ec2Client, volume_id: str, deadline: waiter.Deadline) -> ec2.Modification | None:
    try:
        return ec2.latest_modification(ec2_client, volume_id, deadline)
    except (ClientError, BotoCoreError) as exc:
        raise WorkspaceInstanceError(
            ec2.describe_ec2_error(ec2.DESCRIBE_MODIFICATIONS, exc, volume_id)
        ) from None


def _await_previous_modification(
    ec2_client: ec2.Ec2Client, volume_id: str, deadline: waiter.Deadline, limit: float
) -> None:
    """Wait until the volume's previous modification, if any, has completed (or failed)."""
    last: list[ec2.Modification] = []

    def settled() -> bool | None:
        latest = _latest(ec2_client, volume_id, deadline)
        if latest is None or latest.get("ModificationState") not in MODIFICATION_BUSY:
            return True
        last.append(latest)
        return None

    try:
        waiter.poll(settled, deadline)
    except waiter.WaitTimeout:
        busy = last[-1] if last else {}
        raise WorkspaceInstanceError(
            f"ModifyVolume: the previous modification of {volume_id} was still "
            f"{busy.get('ModificationState')} ({busy.get('Progress', '?')}%) after {limit:g}s "
            f"({timeout_knob('update')}); EBS modifies a volume one change at a time: run `pulumi up` "
            "again once it "
            f"has completed, or raise {timeout_knob('update')}"
        ) from None


def _is_ours(modification: ec2.Modification, answer: dict[str, Any]) -> bool:
    """Whether a DescribeVolumesModifications entry is the modification ModifyVolume just answered."""
    return all(
        modification.get(member) == answer.get(member)
        for member in ("TargetSize", "TargetVolumeType")
        if answer.get(member) is not None
    )


def _await_modification(
    ec2_client: ec2.Ec2Client, volume_id: str, answer: dict[str, Any], deadline: waiter.Deadline, limit: float
) -> None:
    """Wait until EC2 reports the new modification ``optimizing`` or ``completed``; ``failed`` is an error."""
    last: list[ec2.Modification] = []

    def in_effect() -> bool | None:
        latest = _latest(ec2_client, volume_id, deadline)
        if latest is None or not _is_ours(latest, answer):
            return None  # EC2 has not shown it yet
        last.append(latest)
        if latest.get("ModificationState") == "failed":
            raise _ModificationFailed(str(latest.get("StatusMessage") or "EC2 gave no reason"))
        return True if latest.get("ModificationState") in MODIFICATION_DONE else None

    try:
        waiter.poll(in_effect, deadline)
    except _ModificationFailed as failed:
        raise WorkspaceInstanceError(
            f"ModifyVolume: the modification of {volume_id} failed: {failed}; the volume keeps its previous "
            "configuration: fix the values and run `pulumi up` again"
        ) from None
    except waiter.WaitTimeout:
        shown = last[-1].get("ModificationState") if last else "not yet visible"
        raise WorkspaceInstanceError(
            f"ModifyVolume: the modification of {volume_id} was still {shown} after {limit:g}s "
            f"({timeout_knob('update')}); it goes on in AWS: run `pulumi refresh` later to read the "
            "result, or raise "
            f"{timeout_knob('update')}"
        ) from None


class _ModificationFailed(Exception):
    """EC2 reports the modification ``failed``."""


def _retag(
    ec2_client: ec2.Ec2Client, volume_id: str, changes: tagging.TagPlan, deadline: waiter.Deadline
) -> None:
    """Bring the volume's tags to the declared ones in place (EC2 DeleteTags, then CreateTags)."""
    try:
        ec2.retag(ec2_client, volume_id, changes, deadline)
    except (ClientError, BotoCoreError) as exc:
        text = ec2.describe_ec2_error(tagging.failed_operation(exc), exc, volume_id)
        if error_code(exc) == ec2.VOLUME_NOT_FOUND_CODE:
            text += (
                "; it was deleted outside Pulumi: run `pulumi refresh`, then `pulumi up` to create it again"
            )
        raise WorkspaceInstanceError(f"{text}; the volume keeps its other settings") from None


# --- delete helpers ---------------------------------------------------------------------------


def _delete(
    client: WorkspacesInstancesClient,
    ec2_client: ec2.Ec2Client,
    volume_id: str,
    deadline: waiter.Deadline,
    limit: float,
) -> None:
    """DeleteVolume and wait until EC2 no longer shows it; refuse while something keeps it attached."""
    requested = [False]

    def gone() -> bool | None:
        volume = _read_for_delete(ec2_client, volume_id, deadline)
        if volume is None:
            return True
        attached = ec2.live_attachments(volume)
        if attached:
            raise WorkspaceInstanceError(_attached_message(client, volume_id, attached[0]))
        if not requested[0]:
            try:
                client.delete_volume(VolumeId=volume_id)
            except ClientError as exc:
                if error_code(exc) == NOT_FOUND_CODE:
                    return True
                if error_code(exc) != CONFLICT_CODE:
                    raise WorkspaceInstanceError(
                        describe_aws_error(vs.DELETE_VOLUME, exc, volume_id)
                    ) from None
                return None  # attached or busy a moment ago: look again
            requested[0] = True
        return None

    try:
        waiter.poll(gone, deadline)
    except waiter.WaitTimeout:
        raise WorkspaceInstanceError(
            f"DeleteVolume: {volume_id} was still there after {limit:g}s ({timeout_knob('delete')}); raise "
            f"{timeout_knob('delete')} or delete it yourself"
        ) from None
    except (ClientError, BotoCoreError) as exc:
        raise WorkspaceInstanceError(describe_aws_error(vs.DELETE_VOLUME, exc, volume_id)) from None


def _read_for_delete(
    ec2_client: ec2.Ec2Client, volume_id: str, deadline: waiter.Deadline
) -> ec2.Volume | None:
    try:
        return ec2.describe_volume(ec2_client, volume_id, deadline)
    except (ClientError, BotoCoreError) as exc:
        raise WorkspaceInstanceError(ec2.describe_ec2_error(ec2.DESCRIBE_VOLUMES, exc, volume_id)) from None


def _attached_message(client: WorkspacesInstancesClient, volume_id: str, attachment: dict[str, Any]) -> str:
    """Why the volume cannot be deleted: which instance holds it at which device, and what to do."""
    ec2_instance = str(attachment.get("InstanceId") or "an unknown instance")
    device = attachment.get("Device") or "an unknown device"
    workspace = workspace_instance_of(client, ec2_instance)
    holder = (
        f"workspace instance {workspace} (EC2 {ec2_instance})"
        if workspace
        else f"EC2 instance {ec2_instance}"
    )
    detach = "DisassociateVolume"
    if workspace:
        detach = (
            f"aws workspaces-instances disassociate-volume --workspace-instance-id {workspace} "
            f"--volume-id {volume_id}"
        )
    return (
        f"DeleteVolume: {volume_id} is attached to {holder} at {device} by something this stack does not "
        f"declare (no VolumeAttachment of it remains); detach it ({detach}) or declare that attachment, then "
        "run the command again"
    )


def workspace_instance_of(client: WorkspacesInstancesClient, ec2_instance_id: str) -> str | None:
    """The workspace instance whose EC2 instance is ``ec2_instance_id`` (None: not found or not listed)."""
    token: str | None = None
    deadline = waiter.Deadline(CALL_TIMEOUT_SECONDS)
    try:
        for _ in range(LIST_PAGE_LIMIT):
            call = (
                functools.partial(client.list_workspace_instances, NextToken=token)
                if token
                else client.list_workspace_instances
            )
            page = waiter.call(call, deadline)
            for summary in page.get("WorkspaceInstances") or []:
                if (summary.get("EC2ManagedInstance") or {}).get("InstanceId") == ec2_instance_id:
                    return str(summary.get("WorkspaceInstanceId"))
            token = page.get("NextToken")
            if not token:
                return None
    except (ClientError, BotoCoreError):
        return None  # only for the message: the instance id is named without it
    return None
