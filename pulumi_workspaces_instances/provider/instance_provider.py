"""The dynamic ResourceProvider behind :class:`.workspace_instance.WorkspaceInstance`.

The provider object is pickled (by reference: this module is importable, and its path is part of the state
format) into every resource's state, so it has no attributes: clients live in :mod:`provider.aws.clients`,
made lazily in the provider host process, and the stack's ``aws:region`` arrives through ``configure``,
which also prepares the host (:mod:`provider.host.process`: a watchdog that ends it with the engine, and no
cap of four calls at once). The host runs many calls at once on one shared instance; nothing here keeps
per-call state on it.

Lifecycle: ``check`` validates (:mod:`provider.instances.validation`), probes the service once
(:mod:`provider.aws.preflight`) and fills in defaults; ``create`` waits for ALLOCATED, cleans up after a
failed or timed-out allocation and claims the instance (ClientTokens: :mod:`provider.aws.tokens`);
``update`` changes tags only; ``read`` reports a missing or deallocated instance as gone, and (as create
does) reads the EC2 view of the instance into outputs, warning about drift inside it
(:mod:`provider.instances.ec2_view`); ``delete`` waits for DEALLOCATED (already gone is fine). Every failure
is one line naming the AWS error and the next step.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from botocore.exceptions import BotoCoreError, ClientError
from pulumi.dynamic import (
    CheckResult,
    CreateResult,
    ReadResult,
    UpdateResult,
)

from .aws import clients, consistency, preflight, tagging, waiter
from .aws.errors import (
    CONFLICT_CODE,
    NOT_FOUND_CODE,
    WorkspaceInstanceError,
    describe_aws_error,
    describe_instance_errors,
    error_code,
    is_not_found,
)
from .aws.model import CREATE_OPERATION
from .aws.tokens import CLAIM_TAG_KEY, tokens_exhausted
from .host import process
from .inputs import properties
from .inputs.arguments import class_checked
from .inputs.detailed_diff import DetailedDiffResult, Kind, PropertyChange
from .inputs.timeouts import timeout_knob
from .inputs.wire_values import contains_unknown
from .instances import diffing, ec2_view, image_check, import_inputs, state, upgrades
from .instances.spec import InstanceSpec
from .instances.validation import Problem, validate_inputs
from .provider_base import CALL_TIMEOUT_SECONDS, PackageProvider, check_failure, default_region
from .reporting import diagnostics
from .reporting.progress import Progress, announce

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

Instance = dict[str, Any]
"""A GetWorkspaceInstance answer."""

ALLOCATED = "ALLOCATED"
ALLOCATING = "ALLOCATING"
DEALLOCATING = "DEALLOCATING"
DEALLOCATED = "DEALLOCATED"
ERROR_ALLOCATING = "ERROR_ALLOCATING"
ERROR_DEALLOCATING = "ERROR_DEALLOCATING"
GONE_STATES = frozenset({DEALLOCATING, DEALLOCATED})
"""States in which the instance is, or is about to be, no more: refresh drops it."""

GET = "GetWorkspaceInstance"
DELETE = "DeleteWorkspaceInstance"
LIST_TAGS = "ListTagsForResource"
TAG = "TagResource"

ADOPT_HINT = "run `pulumi up` again to adopt {id} (its ClientToken returns it), or delete it yourself"
DELETE_COMMAND = "aws workspaces-instances delete-workspace-instance --workspace-instance-id {id}"
"""What a user runs to delete an instance Pulumi could not."""
LOST_ANSWER_HINT = "run `pulumi up` again: the same ClientToken adopts any instance this attempt launched"
REFRESH_HINT = (
    "{id} no longer exists (deleted outside Pulumi?): run `pulumi refresh` to drop it from the stack, "
    "then `pulumi up` to create a new one"
)


def _as_instance(answer: Any) -> Instance:
    return cast(Instance, dict(answer))


def _get(client: WorkspacesInstancesClient, instance_id: str, deadline: waiter.Deadline) -> Instance:
    return _as_instance(
        waiter.call(
            functools.partial(client.get_workspace_instance, WorkspaceInstanceId=instance_id), deadline
        )
    )


def _describe(
    client: WorkspacesInstancesClient,
    operation: str,
    exc: BaseException,
    instance_id: str | None = None,
    *,
    timeout: str | None = None,
) -> str:
    """The one-line AWS error, plus which timeout ran out when retries outlasted it."""
    text = describe_aws_error(operation, exc, instance_id, endpoint=client.meta.endpoint_url)
    seconds = waiter.gave_up_after(exc)
    if seconds is not None and timeout is not None:
        text += f"; still failing when {timeout} ({seconds:g}s) ran out"
    return text


def _failure(
    client: WorkspacesInstancesClient,
    operation: str,
    exc: BaseException,
    instance_id: str | None = None,
    *,
    timeout: str | None = None,
    then: str | None = None,
) -> WorkspaceInstanceError:
    """The error to raise for a failed call: :func:`_describe`'s line, then what to do (``then``)."""
    text = _describe(client, operation, exc, instance_id, timeout=timeout)
    return WorkspaceInstanceError(f"{text}; {then}" if then else text)


def _unreachable(exc: BaseException) -> bool:
    """The service could not be asked (lost connection, or throttled/failing until the deadline)."""
    return waiter.gave_up_after(exc) is not None or waiter.is_retryable(exc)


class _AllocationFailed(Exception):
    def __init__(self, instance: Instance) -> None:
        super().__init__(instance.get("ProvisionState"))
        self.instance = instance


@class_checked
class WorkspaceInstanceProvider(PackageProvider):
    """Create (or adopt), read, update (tags) and delete Amazon WorkSpaces Instances."""

    # --- check / diff -------------------------------------------------------------------------

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate every input, then probe the service, before any change; fill in defaults.

        A new resource with ``adopt_id`` has the adoption's checks run here too (read-only: exists,
        state, billing mode, claim), so ``pulumi preview`` fails as ``up`` would, and says that the
        create will adopt that instance rather than launch one.
        """
        inputs = properties.clean(news)
        problems = validate_inputs(inputs)
        region = default_region(inputs)
        if not problems and region is not None:
            reason = preflight.problem(region)
            if reason is not None:
                problems.append(Problem("", reason))
        new = not properties.clean(olds)
        if not problems and region is not None:
            # An adopted desktop exists already: its image is only warned about, as for one in the stack.
            launching = new and not inputs.get(state.ADOPT_ID)
            managed = inputs.get(state.MANAGED_INSTANCE)
            problems += image_check.root_device_problems(managed, region, launching=launching)
        if not problems and region is not None and new:
            problems += _adoption_problems(inputs, region)
        return CheckResult(
            state.with_defaults(inputs, region), [check_failure(problem) for problem in problems]
        )

    def detailed_diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DetailedDiffResult:
        """Tags update in place; managed_instance, billing_mode, region and client_token replace."""
        changes = diffing.diff_properties(properties.clean(olds), properties.clean(news))
        detailed = list(changes.detailed)
        # A state written before 0.2 stores the provider under its old module name: an update
        # with no AWS call stores the current one (see instances/upgrades.py).
        if upgrades.provider_reference_outdated(olds, news):
            detailed.append(PropertyChange((properties.PROVIDER_KEY,), Kind.UPDATE))
        return DetailedDiffResult(
            changes=bool(detailed),
            replaces=changes.replaces,
            detailed=detailed,
            delete_before_replace=changes.delete_before_replace if changes.replaces else None,
        )

    # --- create -------------------------------------------------------------------------------

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Launch the instance (idempotently) and wait until it is ALLOCATED."""
        spec = InstanceSpec.read(props)
        region = clients.resolve_region(spec.region)
        client = clients.client_for(region)
        deadline = waiter.Deadline(spec.timeout_seconds("create"))
        if spec.adopt_id:
            instance_id, first = spec.adopt_id, _adoptable(client, spec, spec.adopt_id, region, deadline)
            new = consistency.no_grace()  # an instance that exists already: "not found" means gone
        else:
            instance_id, first, new = _launch(client, spec, deadline)
        owned = spec.adopt_id is None
        ec2_view.prepare(region)  # the EC2 view is read once ALLOCATED: its client is made meanwhile
        progress = Progress(spec.name, instance_id, ALLOCATING)
        allocation = _Allocation(
            client, instance_id, first, progress, new, spec.timeout_seconds("delete"), owned
        )
        instance = allocation.wait(deadline)
        if not owned:
            _retag(client, instance_id, spec.tags)
        allocation.claim(spec.claim)
        outs = state.outputs(
            spec.bag, instance_id=instance_id, region=region, instance=instance, tags=spec.tags
        )
        # Claimed and recorded from here on: whatever EC2 answers is a warning, never a failure.
        ec2_view.observe_safely(outs, refreshing=False)
        return CreateResult(instance_id, outs)

    # --- read ---------------------------------------------------------------------------------

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The live instance; an empty id when it is gone, so refresh drops it from the stack."""
        spec = InstanceSpec.read(props)
        region = clients.resolve_region(spec.region)
        client = clients.client_for(region)
        deadline = waiter.Deadline(CALL_TIMEOUT_SECONDS)
        operation = GET
        try:
            instance = _get(client, id_, deadline)
            if instance.get("ProvisionState") in GONE_STATES:
                return ReadResult("", {})
            operation = LIST_TAGS
            answer = waiter.call(
                functools.partial(client.list_tags_for_resource, WorkspaceInstanceId=id_), deadline
            )
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) == NOT_FOUND_CODE:
                return ReadResult("", {})
            raise _failure(client, operation, exc, id_) from None
        tags = tagging.user_tags(cast(list[dict[str, str]], answer.get("Tags") or []))
        outs = state.outputs(spec.bag, instance_id=id_, region=region, instance=instance, tags=tags)
        # The EC2 view: outputs and warnings only; EC2 drift never replaces a desktop by itself.
        ec2_view.observe_safely(outs, refreshing=True)
        view = outs.get(state.EC2_INSTANCE)
        if not spec.bag.get(state.MANAGED_INSTANCE) and isinstance(view, Mapping):
            # An import (only the id is known): the API cannot return ManagedInstance; EC2 shows most.
            outs[state.MANAGED_INSTANCE] = import_inputs.managed_instance_of(view)
        # The inputs in effect (check stores region and billing mode too), so the next diff
        # shows only what really differs from the program.
        return ReadResult(id_, outs, state.inputs_from_outputs(outs))

    # --- update -------------------------------------------------------------------------------

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Change tags with the fewest Tag/UntagResource calls; return every output."""
        old, new = InstanceSpec.read(olds), InstanceSpec.read(news)
        region = clients.resolve_region(old.region)
        if new.tags != old.tags:
            _retag(clients.client_for(region), id_, new.tags)
        # Inputs that could only change by replacement are equal; timeouts and hidden ones may not be.
        kept = (properties.TIMEOUTS, *properties.HIDDEN_INPUTS)
        merged = {**old.bag, **{name: new.bag.get(name) for name in kept}}
        outs = state.outputs(merged, instance_id=id_, region=region, instance=None, tags=new.tags)
        return UpdateResult(outs)

    # --- delete -------------------------------------------------------------------------------

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Delete and wait for DEALLOCATED; an instance already gone counts as deleted."""
        spec = InstanceSpec.read(props)
        client = clients.client_for(clients.resolve_region(spec.region))
        progress = Progress(spec.name, id_, DEALLOCATING)
        _Deletion(client, id_, progress).wait(waiter.Deadline(spec.timeout_seconds("delete")))


# --- create helpers ---------------------------------------------------------------------------


def _launch(
    client: WorkspacesInstancesClient, spec: InstanceSpec, deadline: waiter.Deadline
) -> tuple[str, Instance, waiter.Deadline]:
    """Call CreateWorkspaceInstance until a token yields an instance this create may adopt.

    Returns the instance id, its first GetWorkspaceInstance answer and its grace
    (:mod:`provider.aws.consistency`): an instance the service has just returned stays "not visible yet",
    never "gone", until that grace runs out.
    """
    request = spec.create_request()
    user_token = spec.client_token
    for token in spec.client_tokens(request):
        create = functools.partial(client.create_workspace_instance, ClientToken=token, **request)
        try:
            instance_id = str(waiter.call(create, deadline)["WorkspaceInstanceId"])
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) == CONFLICT_CODE and not user_token:
                continue  # this token went with other parameters earlier: take the next one
            # Unreachable: the call may have launched an instance whose answer was lost; the token finds it.
            then = LOST_ANSWER_HINT if _unreachable(exc) else None
            raise _failure(client, CREATE_OPERATION, exc, timeout=timeout_knob("create"), then=then) from None
        new = consistency.grace(deadline)
        operation = [GET]
        try:
            instance, taken = consistency.until_visible(
                functools.partial(_first_look, client, instance_id, deadline, operation),
                is_not_found,
                deadline,
                new,
            )
        except consistency.NeverVisible as never:
            if user_token:
                raise WorkspaceInstanceError(
                    f"client_token: {CREATE_OPERATION} answered {instance_id} for this token, but "
                    f"{operation[-1]} still did not know {instance_id} after {never.seconds:g}s (an instance "
                    "of this token deleted long ago?); set a new client_token (or remove it) to create "
                    "another instance"
                ) from None
            diagnostics.warning(
                f"{spec.name}: {instance_id}, which this resource's ClientToken returned, was still "
                f"unknown to {operation[-1]} after {never.seconds:g}s, so it is taken for an earlier life of "
                "the token (deleted and purged since) and the next ClientToken is tried; if "
                f"{instance_id} shows up after all, no stack holds it: delete it"
            )
            continue
        except waiter.WaitTimeout as timeout:
            cause = (
                _describe(client, operation[-1], timeout.last_error, instance_id)
                if timeout.last_error is not None
                else f"{CREATE_OPERATION}: {instance_id} was not visible to {operation[-1]} yet"
            )
            raise WorkspaceInstanceError(
                f"{cause}; still so when {timeout_knob('create')} ({deadline.seconds:g}s) ran out; "
                f"{ADOPT_HINT.format(id=instance_id)}"
            ) from None
        except (ClientError, BotoCoreError) as exc:
            # Not deleted: it may be an instance Pulumi already manages (the old one of a
            # replacement). If it is this create's, the same token adopts it on the next run.
            raise _failure(
                client,
                operation[-1],
                exc,
                instance_id,
                timeout=timeout_knob("create"),
                then=f"run `pulumi up` again to adopt {instance_id} if it is this resource's new instance",
            ) from None
        if taken is None:
            return instance_id, instance, new
        if user_token:
            raise WorkspaceInstanceError(
                f"client_token: this token already created {instance_id}, which is {taken}; "
                "set a new client_token (or remove it) to create another instance"
            )
    raise WorkspaceInstanceError(tokens_exhausted(CREATE_OPERATION, "instances"))


def _first_look(
    client: WorkspacesInstancesClient, instance_id: str, deadline: waiter.Deadline, operation: list[str]
) -> tuple[Instance, str | None]:
    """The instance a token returned, and why it is not this create's (None: adopt it).

    ``operation`` gets the call in flight appended, for the error message.
    """
    operation.append(GET)
    instance = _as_instance(client.get_workspace_instance(WorkspaceInstanceId=instance_id))
    operation.append(LIST_TAGS)
    return instance, _taken_by_earlier_create(client, instance_id, instance, deadline)


def _taken_by_earlier_create(
    client: WorkspacesInstancesClient, instance_id: str, instance: Instance, deadline: waiter.Deadline
) -> str | None:
    """Why the instance a token returned belongs to an earlier, finished create (None: adopt it).

    An instance still ALLOCATING, or already ERROR_ALLOCATING, is this create's own (or a crashed
    attempt's that nobody cleaned up): adopt it, so a failure is cleaned up and reported here.
    """
    provision_state = instance.get("ProvisionState")
    if provision_state in (ALLOCATING, ERROR_ALLOCATING):
        return None
    if provision_state != ALLOCATED:
        return str(provision_state)
    answer = waiter.call(
        functools.partial(client.list_tags_for_resource, WorkspaceInstanceId=instance_id), deadline
    )
    claimed = any(tag.get("Key") == CLAIM_TAG_KEY for tag in answer.get("Tags") or [])
    return "ALLOCATED and already managed by Pulumi" if claimed else None


def _adoptable(
    client: WorkspacesInstancesClient,
    spec: InstanceSpec,
    instance_id: str,
    region: str,
    deadline: waiter.Deadline,
) -> Instance:
    """The instance ``adopt_id`` names, if this resource may take it over (else a one-line error).

    It must exist in the region, be ALLOCATING or ALLOCATED, bill as declared, and not be claimed
    by another Pulumi resource unless ``adopt_claimed`` says so. Nothing is changed here.
    """
    operation = GET
    try:
        instance = _get(client, instance_id, deadline)
        operation = LIST_TAGS
        listed = waiter.call(
            functools.partial(client.list_tags_for_resource, WorkspaceInstanceId=instance_id), deadline
        )
    except (ClientError, BotoCoreError) as exc:
        if error_code(exc) == NOT_FOUND_CODE:
            raise WorkspaceInstanceError(
                f"adopt_id: {instance_id} does not exist in {region}; "
                "check the id, and `region` or aws:region"
            ) from None
        raise _failure(client, operation, exc, instance_id, timeout=timeout_knob("create")) from None
    provision_state = str(instance.get("ProvisionState"))
    if provision_state not in (ALLOCATING, ALLOCATED):
        raise WorkspaceInstanceError(
            f"adopt_id: {instance_id} is {provision_state}; "
            "only an ALLOCATING or ALLOCATED instance can be adopted"
        )
    live_mode = (instance.get("BillingConfiguration") or {}).get("BillingMode")
    declared = spec.billing_mode
    if live_mode and live_mode != declared:
        raise WorkspaceInstanceError(
            f"billing_mode: {instance_id} bills {live_mode} but billing_mode says {declared}; set "
            f"billing_mode to {live_mode!r} to adopt it (another billing mode needs a new instance)"
        )
    claims = [tag.get("Value") for tag in listed.get("Tags") or [] if tag.get("Key") == CLAIM_TAG_KEY]
    if claims and claims[0] != spec.claim and not spec.adopt_claimed:
        raise WorkspaceInstanceError(
            f"adopt_id: {instance_id} is already managed by another Pulumi resource (tag {CLAIM_TAG_KEY}); "
            "two stacks would then delete one desktop: set adopt_claimed=True only if that resource "
            "is gone or you are moving the instance on purpose"
        )
    return instance


UNSEEDED_PREVIEW = "not-yet-drawn"
"""Stands in for a seed the preview does not know yet (it matches no claim value)."""
ADOPTION_CHECK_SECONDS = 30.0
"""How long check's read-only look at an ``adopt_id`` instance may retry (throttling, a lost connection)."""


def _adoption_problems(inputs: dict[str, Any], region: str) -> list[Problem]:
    """Why ``adopt_id`` cannot be adopted, as check problems; announces the adoption when it can.

    Skipped while anything the checks compare is unknown, except the seed: the preview of a new
    resource does not know its seed yet, and a claim is then always another resource's, as create
    will find too.
    """
    adopt_id = inputs.get(state.ADOPT_ID)
    compared = (
        adopt_id,
        inputs.get(state.BILLING_MODE),
        inputs.get(state.ADOPT_CLAIMED),
        inputs.get(properties.IDENTITY),
    )
    if not adopt_id or any(contains_unknown(value) for value in compared):
        return []
    if contains_unknown(inputs.get(properties.SEED)):
        # A new seed: no claim can carry it yet, so any claim found is another resource's.
        inputs = {**inputs, properties.SEED: UNSEEDED_PREVIEW}
    spec = InstanceSpec.read(inputs)
    client = clients.client_for(region)
    try:
        instance = _adoptable(client, spec, str(adopt_id), region, waiter.Deadline(ADOPTION_CHECK_SECONDS))
    except WorkspaceInstanceError as error:
        return [Problem("", str(error))]
    announce(
        f"{spec.name}: create will adopt {adopt_id} ({instance.get('ProvisionState')}, "
        f"billing {spec.billing_mode}) instead of launching an instance"
    )
    return []


@dataclass
class _Allocation:
    """Waiting for one instance to be ALLOCATED, then claiming it; a failure deletes one Pulumi launched."""

    client: WorkspacesInstancesClient
    instance_id: str
    unseen: Instance | None
    """The answer ``_launch`` (or ``_adoptable``) already fetched: the first look costs no call."""
    progress: Progress
    new: waiter.Deadline
    """The instance's grace (:mod:`provider.aws.consistency`): until it runs out, "not found" is "not yet"."""
    cleanup_seconds: float
    """How long deleting it after a failure may wait (``timeouts.delete``), e.g. through ConflictException."""
    owned: bool = True
    """Launched by this create; False for an adopted instance, which a failure leaves alone."""

    def _cleanup(self) -> str:
        if not self.owned:
            return f"{self.instance_id} is left as it was (adopted, not launched by Pulumi)"
        return _cleanup(self.client, self.instance_id, self.progress, self.cleanup_seconds)

    def _look(self) -> Instance | None:
        if self.unseen is not None:
            instance, self.unseen = self.unseen, None
        else:
            try:
                instance = _as_instance(
                    self.client.get_workspace_instance(WorkspaceInstanceId=self.instance_id)
                )
            except ClientError as exc:
                if not is_not_found(exc):
                    raise
                if not self.new.expired():
                    return None  # eventually consistent reads: not visible (again) yet
                raise _Vanished() from None
        provision_state = str(instance.get("ProvisionState"))
        self.progress.state = provision_state
        if provision_state == ALLOCATED:
            return instance
        if provision_state == ALLOCATING:
            return None
        raise _AllocationFailed(instance)

    def wait(self, deadline: waiter.Deadline) -> Instance:
        """The ALLOCATED instance; else a one-line error after deleting it where that is safe."""
        instance_id = self.instance_id
        try:
            return waiter.poll(self._look, deadline, on_wait=self.progress)
        except _AllocationFailed as failed:
            raise WorkspaceInstanceError(
                f"{CREATE_OPERATION}: {instance_id} ended in {failed.instance.get('ProvisionState')}: "
                f"{describe_instance_errors(failed.instance)}; {self._cleanup()}"
            ) from None
        except _Vanished:
            raise WorkspaceInstanceError(
                f"{CREATE_OPERATION}: {instance_id} disappeared while it was {self.progress.state} "
                f"({GET} answers {NOT_FOUND_CODE}; deleted outside Pulumi?): nothing was deleted by Pulumi "
                "and nothing is left to delete; run `pulumi up` again to create a new instance"
            ) from None
        except waiter.WaitTimeout as timeout:
            if timeout.last_error is not None:
                # The service could not be asked until the end: the instance may well be fine.
                raise WorkspaceInstanceError(
                    f"{_describe(self.client, GET, timeout.last_error, instance_id)}; still failing when "
                    f"{timeout_knob('create')} ({deadline.seconds:g}s) ran out; "
                    f"{ADOPT_HINT.format(id=instance_id)}"
                ) from None
            raise WorkspaceInstanceError(
                f"{CREATE_OPERATION}: {instance_id} was still {self.progress.state} after "
                f"{deadline.seconds:g}s ({timeout_knob('create')}); {self._cleanup()}; "
                f"raise {timeout_knob('create')} to wait longer"
            ) from None
        except (ClientError, BotoCoreError) as exc:
            raise _failure(self.client, GET, exc, instance_id, then=self._cleanup()) from None

    def claim(self, value: str) -> None:
        """Mark the instance as handed to Pulumi, so a later create with the same token moves on.

        Not when the engine is gone: nobody would record the instance, and the claim would make the
        next ``pulumi up`` launch a second one instead of adopting this one. An adopted instance is never
        deleted when the claim fails. TagResource may not know a new instance yet either (EC2 documents
        that modifying calls lag too): within the grace, it is asked again.
        """
        instance_id = self.instance_id
        if not process.engine_alive():
            raise WorkspaceInstanceError(
                f"{CREATE_OPERATION}: the Pulumi engine is gone; {instance_id} is not claimed"
            )
        tag = {"Key": CLAIM_TAG_KEY, "Value": value}
        tag_call = functools.partial(self.client.tag_resource, WorkspaceInstanceId=instance_id, Tags=[tag])  # type: ignore[list-item]
        try:
            consistency.until_visible(tag_call, is_not_found, waiter.Deadline(CALL_TIMEOUT_SECONDS), self.new)
        except consistency.NeverVisible as never:
            self._claim_failed(never.last_error)
        except waiter.WaitTimeout as timeout:
            if timeout.last_error is None:
                raise WorkspaceInstanceError(
                    f"{TAG} failed for {instance_id}: it was not visible yet after "
                    f"{CALL_TIMEOUT_SECONDS:g}s; {ADOPT_HINT.format(id=instance_id)}"
                ) from None
            self._claim_failed(timeout.last_error)
        except (ClientError, BotoCoreError) as exc:
            self._claim_failed(exc)

    def _claim_failed(self, exc: BaseException) -> None:
        # Unreachable: ALLOCATED and unclaimed, what the next run's create adopts (or an adopted instance).
        keep = _unreachable(exc) or not self.owned
        then = ADOPT_HINT.format(id=self.instance_id) if keep else self._cleanup()
        raise _failure(self.client, TAG, exc, self.instance_id, then=then) from None


class _Vanished(Exception):
    """GetWorkspaceInstance no longer knows an instance past its grace."""


def _cleanup(client: WorkspacesInstancesClient, instance_id: str, progress: Progress, seconds: float) -> str:
    """Delete an instance a failed create leaves behind; says exactly what happened, for the error message.

    Waits through ConflictException (e.g. a service that refuses to delete while it is still allocating)
    until the deletion is under way, the instance is gone, or ``seconds`` run out.
    """
    return _Deletion(client, instance_id, progress, until_requested=True).cleanup(waiter.Deadline(seconds))


# --- update helpers ---------------------------------------------------------------------------


def _retag(client: WorkspacesInstancesClient, instance_id: str, desired: dict[str, str]) -> None:
    """Bring the live tags (not the last-known ones, so out-of-band edits converge too) to ``desired``."""
    deadline = waiter.Deadline(CALL_TIMEOUT_SECONDS)
    operation = LIST_TAGS
    try:
        answer = waiter.call(
            functools.partial(client.list_tags_for_resource, WorkspaceInstanceId=instance_id), deadline
        )
        live = tagging.user_tags(cast(list[dict[str, str]], answer.get("Tags") or []))
        changes = tagging.plan(live, desired)
        if not changes.empty:
            operation = TAG
            tagging.apply(client, instance_id, changes, deadline)
    except (ClientError, BotoCoreError) as exc:
        if operation == TAG:
            operation = tagging.failed_operation(exc)
        then = REFRESH_HINT.format(id=instance_id) if error_code(exc) == NOT_FOUND_CODE else None
        raise _failure(client, operation, exc, instance_id, then=then) from None


# --- delete helpers ---------------------------------------------------------------------------


@dataclass
class _Deletion:
    """Deleting one instance: until it is DEALLOCATED (a delete), or until the deletion is under way (the
    clean-up after a failed create). Gone counts as done; ConflictException as "busy, ask again"."""

    client: WorkspacesInstancesClient
    instance_id: str
    progress: Progress
    until_requested: bool = False
    """Done once DeleteWorkspaceInstance is accepted (or DEALLOCATING seen), not only once DEALLOCATED."""
    requested: bool = False
    """DeleteWorkspaceInstance was accepted (or the instance was seen DEALLOCATING)."""
    gone: str | None = None
    """Why the instance counts as gone: the service's "not found", or DEALLOCATED."""
    conflict: ClientError | None = None
    """The last ConflictException DeleteWorkspaceInstance answered, while not yet requested."""
    operation: str = DELETE
    """The call in flight, for the error message."""

    def _look(self) -> bool | None:
        if not self.requested:
            self.operation = DELETE
            try:
                self.client.delete_workspace_instance(WorkspaceInstanceId=self.instance_id)
                self.requested, self.conflict = True, None
                self.progress.state = DEALLOCATING
                # Deallocation takes a while: a delete looks after the first pause.
                return True if self.until_requested else None
            except ClientError as exc:
                code = error_code(exc)
                if code == NOT_FOUND_CODE:
                    self.gone = NOT_FOUND_CODE
                    return True
                if code != CONFLICT_CODE:
                    raise
                # Busy (e.g. still allocating) or already being deleted: look, and retry later.
                self.conflict = exc
        self.operation = GET
        try:
            instance = _as_instance(self.client.get_workspace_instance(WorkspaceInstanceId=self.instance_id))
        except ClientError as exc:
            if is_not_found(exc):
                self.gone = NOT_FOUND_CODE
                return True
            raise
        provision_state = str(instance.get("ProvisionState"))
        self.progress.state = provision_state
        if provision_state == DEALLOCATED:
            self.gone = DEALLOCATED
            return True
        if provision_state == DEALLOCATING:
            self.requested, self.conflict = True, None
            if self.until_requested:
                return True
        if provision_state == ERROR_DEALLOCATING:
            raise _DeallocationFailed(instance)
        return None

    def _conflict_text(self) -> str:
        assert self.conflict is not None
        message = " ".join(str(self.conflict.response.get("Error", {}).get("Message") or "").split())
        return f"{CONFLICT_CODE}: {message}"

    def wait(self, deadline: waiter.Deadline) -> None:
        """Returns once the instance is gone; else raises a one-line error naming the cause."""
        instance_id, limit = self.instance_id, deadline.seconds
        try:
            waiter.poll(self._look, deadline, on_wait=self.progress)
        except _DeallocationFailed as failed:
            raise WorkspaceInstanceError(
                f"{DELETE}: {instance_id} ended in ERROR_DEALLOCATING: "
                f"{describe_instance_errors(failed.instance)}; run `pulumi destroy` again to retry the "
                f"delete (if it fails again, ask AWS Support about {instance_id})"
            ) from None
        except waiter.WaitTimeout as timeout:
            if timeout.last_error is not None:
                raise WorkspaceInstanceError(
                    f"{_describe(self.client, self.operation, timeout.last_error, instance_id)}; still "
                    f"failing when {timeout_knob('delete')} ({limit:g}s) ran out; run `pulumi destroy` "
                    "again later"
                ) from None
            if self.conflict is not None:
                raise WorkspaceInstanceError(
                    f"{DELETE} failed for {instance_id}: {self._conflict_text()}; it answered so until "
                    f"{timeout_knob('delete')} ({limit:g}s) ran out while the instance was "
                    f"{self.progress.state} "
                    "and busy with another operation: wait for that to finish, then run `pulumi destroy` "
                    "again (a longer timeout helps only if it finishes soon)"
                ) from None
            raise WorkspaceInstanceError(
                f"{DELETE}: {instance_id} was still {self.progress.state} after {limit:g}s "
                f"({timeout_knob('delete')}); it goes on deallocating: run `pulumi destroy` again to see "
                "it finish, "
                f"or raise {timeout_knob('delete')}"
            ) from None
        except (ClientError, BotoCoreError) as exc:
            raise _failure(self.client, self.operation, exc, instance_id) from None

    def cleanup(self, deadline: waiter.Deadline) -> str:
        """Run until the deletion is under way (``until_requested``); what happened, as a clause."""
        instance_id, limit = self.instance_id, deadline.seconds
        left = (
            f"{instance_id} is left running: run `pulumi up` again to retry (the same ClientToken finds it), "
            f"or delete it yourself: `{DELETE_COMMAND.format(id=instance_id)}`"
        )
        try:
            waiter.poll(self._look, deadline, on_wait=self.progress)
        except _DeallocationFailed as failed:
            return (
                f"deleting it ended in ERROR_DEALLOCATING ({describe_instance_errors(failed.instance)}); "
                f"{left}"
            )
        except waiter.WaitTimeout as timeout:
            if self.conflict is not None:
                refused = f"deleting it was refused ({self._conflict_text()})"
            elif timeout.last_error is not None:
                refused = f"deleting it failed ({_describe(self.client, self.operation, timeout.last_error)})"
            else:
                refused = "its deletion had not started"
            return (
                f"{refused} until {timeout_knob('delete')} ({limit:g}s) ran out while it was "
                f"{self.progress.state}: {left}"
            )
        except (ClientError, BotoCoreError) as exc:
            failure = _describe(self.client, self.operation, exc, instance_id)
            return f"deleting it also failed ({failure}): {left}"
        if self.gone is not None:
            return f"{instance_id} is already gone ({self.gone})"
        return f"{instance_id} is being deleted ({DEALLOCATING}) so nothing is left running"


class _DeallocationFailed(Exception):
    def __init__(self, instance: Instance) -> None:
        super().__init__(instance.get("ProvisionState"))
        self.instance = instance
