"""The dynamic ResourceProvider behind :class:`provider.workspace_instance.WorkspaceInstance`.

The provider object is pickled (by reference: this module is importable) into every resource's
state, so it has no attributes: clients live in :mod:`provider.clients`, made lazily in the
provider host process, and the stack's ``aws:region`` arrives through ``configure``. The host
runs up to four calls at once on one shared instance; nothing here keeps per-call state on it.

Lifecycle: ``create`` waits for ALLOCATED and cleans up after a failed or timed-out allocation;
``update`` changes tags only; ``read`` reports a missing or deallocated instance as gone;
``delete`` waits for DEALLOCATED (already gone is fine). ClientTokens: see :mod:`provider.tokens`.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from botocore.exceptions import BotoCoreError, ClientError
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from . import clients, diffing, state, tagging, upgrades, waiter
from .errors import (
    CONFLICT_CODE,
    NOT_FOUND_CODE,
    WorkspaceInstanceError,
    aws_failure,
    describe_aws_error,
    describe_instance_errors,
    error_code,
)
from .model import CREATE_OPERATION
from .timeouts import timeout_seconds
from .tokens import CLAIM_TAG_KEY, MAX_TOKEN_GENERATIONS, claim_value, derive_client_token
from .validation import validate_inputs

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

Instance = dict[str, Any]
"""A GetWorkspaceInstance answer."""

STACK_REGION_KEY = "aws:region"
"""Stack config key for the default region, as the AWS providers name it."""

ALLOCATED = "ALLOCATED"
ALLOCATING = "ALLOCATING"
DEALLOCATING = "DEALLOCATING"
DEALLOCATED = "DEALLOCATED"
ERROR_ALLOCATING = "ERROR_ALLOCATING"
ERROR_DEALLOCATING = "ERROR_DEALLOCATING"
GONE_STATES = frozenset({DEALLOCATING, DEALLOCATED})
"""States in which the instance is, or is about to be, no more: refresh drops it."""

CALL_TIMEOUT_SECONDS = 120.0
"""How long read, update and cleanup keep retrying a throttled call."""


def _as_instance(answer: Any) -> Instance:
    return cast(Instance, dict(answer))


def _get(client: WorkspacesInstancesClient, instance_id: str, deadline: waiter.Deadline) -> Instance:
    return _as_instance(
        waiter.call(
            functools.partial(client.get_workspace_instance, WorkspaceInstanceId=instance_id), deadline
        )
    )


def _region_of(props: dict[str, Any]) -> str:
    """Where the instance lives: the region stored in its outputs, else the inputs/config/environment."""
    return str(props.get(state.REGION) or clients.resolve_region(None))


class _AllocationFailed(Exception):
    def __init__(self, instance: Instance) -> None:
        super().__init__(instance.get("ProvisionState"))
        self.instance = instance


class WorkspaceInstanceProvider(ResourceProvider):
    """Create, read, update (tags) and delete Amazon WorkSpaces Instances."""

    # Nothing secret is captured when this object is pickled (it has no attributes), so the
    # ``__provider`` property does not need to be encrypted.
    serialize_as_secret_always = False

    def configure(self, req: ConfigureRequest) -> None:
        """Remember the stack's ``aws:region`` as the default region."""
        clients.set_configured_region(req.config.get(STACK_REGION_KEY))

    # --- check / diff -------------------------------------------------------------------------

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate every input before any AWS call; all problems at once."""
        inputs = state.clean(news)
        # The path leads the reason, and no property is named to the engine: it would print the
        # top-level input's value next to a nested path (``value {<nil>}``).
        failures = [
            CheckFailure("", f"{problem.path}: {problem.reason}") for problem in validate_inputs(inputs)
        ]
        return CheckResult(inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Tags update in place; managed_instance, billing_mode, region and client_token replace."""
        changes = diffing.diff_properties(state.clean(olds), state.clean(news))
        # A state written before 0.2 stores the provider under its old module name: an update
        # with no AWS call stores the current one (see upgrades.py).
        upgrade = upgrades.provider_reference_outdated(olds, news)
        return DiffResult(
            changes=bool(changes.changed) or upgrade,
            replaces=changes.replaces,
            delete_before_replace=changes.delete_before_replace if changes.replaces else None,
        )

    # --- create -------------------------------------------------------------------------------

    def create(self, props: dict[str, Any]) -> CreateResult:
        """Launch the instance (idempotently) and wait until it is ALLOCATED."""
        inputs = state.clean(props)
        region = clients.resolve_region(inputs.get(state.REGION))
        client = clients.client_for(region)
        limit = timeout_seconds(inputs.get(state.TIMEOUTS), "create")
        deadline = waiter.Deadline(limit)
        instance_id, first = _launch(client, inputs, deadline)
        instance = _await_allocation(client, instance_id, first, deadline, limit)
        _claim(client, instance_id, str(inputs.get(state.IDENTITY) or ""))
        outs = state.outputs(
            inputs, instance_id=instance_id, region=region, instance=instance, tags=state.tags_of(inputs)
        )
        return CreateResult(instance_id, outs)

    # --- read ---------------------------------------------------------------------------------

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The live instance; an empty id when it is gone, so refresh drops it from the stack."""
        current = state.clean(props)
        region = _region_of(current)
        client = clients.client_for(region)
        deadline = waiter.Deadline(CALL_TIMEOUT_SECONDS)
        operation = "GetWorkspaceInstance"
        try:
            instance = _get(client, id_, deadline)
            if instance.get("ProvisionState") in GONE_STATES:
                return ReadResult("", {})
            operation = "ListTagsForResource"
            answer = waiter.call(
                functools.partial(client.list_tags_for_resource, WorkspaceInstanceId=id_), deadline
            )
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) == NOT_FOUND_CODE:
                return ReadResult("", {})
            raise aws_failure(operation, exc, id_) from None
        tags = tagging.user_tags(cast(list[dict[str, str]], answer.get("Tags") or []))
        outs = state.outputs(current, instance_id=id_, region=region, instance=instance, tags=tags)
        return ReadResult(id_, outs, state.inputs_from_outputs(outs))

    # --- update -------------------------------------------------------------------------------

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Change tags with the fewest Tag/UntagResource calls; return every output."""
        old = state.clean(olds)
        new = state.clean(news)
        region = _region_of(old)
        desired = state.tags_of(new)
        if desired != state.tags_of(old):
            client = clients.client_for(region)
            # Plan against the live tags, not the last-known ones, so out-of-band edits converge too.
            try:
                answer = waiter.call(
                    functools.partial(client.list_tags_for_resource, WorkspaceInstanceId=id_),
                    waiter.Deadline(CALL_TIMEOUT_SECONDS),
                )
            except (ClientError, BotoCoreError) as exc:
                raise aws_failure("ListTagsForResource", exc, id_) from None
            live = tagging.user_tags(cast(list[dict[str, str]], answer.get("Tags") or []))
            changes = tagging.plan(live, desired)
            if not changes.empty:
                tagging.apply(client, id_, changes)
        # Inputs that could only change by replacement are equal; timeouts may have changed.
        merged = {**old, **{name: new.get(name) for name in (state.TIMEOUTS, state.IDENTITY)}}
        outs = state.outputs(merged, instance_id=id_, region=region, instance=None, tags=desired)
        return UpdateResult(outs)

    # --- delete -------------------------------------------------------------------------------

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Delete and wait for DEALLOCATED; an instance already gone counts as deleted."""
        current = state.clean(props)
        client = clients.client_for(_region_of(current))
        limit = timeout_seconds(current.get(state.TIMEOUTS), "delete")
        _delete_and_wait(client, id_, waiter.Deadline(limit), limit)


# --- check helpers ----------------------------------------------------------------------------


# --- create helpers ---------------------------------------------------------------------------


def _launch(
    client: WorkspacesInstancesClient, inputs: dict[str, Any], deadline: waiter.Deadline
) -> tuple[str, Instance]:
    """Call CreateWorkspaceInstance until a token yields an instance this create may adopt.

    Returns the instance id and its first GetWorkspaceInstance answer.
    """
    request = state.create_request(inputs)
    user_token = inputs.get(state.CLIENT_TOKEN) or None
    identity = str(inputs.get(state.IDENTITY) or "")
    generations = 1 if user_token else MAX_TOKEN_GENERATIONS
    for generation in range(generations):
        token = str(user_token or derive_client_token(identity, request, generation))
        create = functools.partial(client.create_workspace_instance, ClientToken=token, **request)
        try:
            instance_id = str(waiter.call(create, deadline)["WorkspaceInstanceId"])
        except ClientError as exc:
            if error_code(exc) == CONFLICT_CODE and not user_token:
                continue  # this token went with other parameters earlier: take the next one
            raise aws_failure(CREATE_OPERATION, exc) from None
        except BotoCoreError as exc:
            raise aws_failure(CREATE_OPERATION, exc) from None
        operation = "GetWorkspaceInstance"
        try:
            instance = _get(client, instance_id, deadline)
            operation = "ListTagsForResource"
            taken = _taken_by_earlier_create(client, instance_id, instance, deadline)
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) == NOT_FOUND_CODE and not user_token:
                continue  # an earlier life of this token, already purged
            # Not deleted: it may be an instance Pulumi already manages (the old one of a
            # replacement). If it is this create's, the same token adopts it on the next run.
            raise WorkspaceInstanceError(
                f"{describe_aws_error(operation, exc, instance_id)}; run `pulumi up` again to adopt "
                f"{instance_id} if it is this resource's new instance"
            ) from None
        if taken is None:
            return instance_id, instance
        if user_token:
            raise WorkspaceInstanceError(
                f"client_token: this token already created {instance_id}, which is {taken}; "
                "set a new client_token (or remove it) to create another instance"
            )
    raise WorkspaceInstanceError(
        f"CreateWorkspaceInstance: {MAX_TOKEN_GENERATIONS} earlier instances were made from this resource's "
        "ClientTokens; set client_token to a new value to create this one"
    )


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


def _await_allocation(
    client: WorkspacesInstancesClient,
    instance_id: str,
    first: Instance,
    deadline: waiter.Deadline,
    limit: float,
) -> Instance:
    """Wait for ALLOCATED; on failure or timeout delete the instance and raise a one-line error."""
    unseen = [first]  # the answer _launch already fetched is the first look
    last = [first]

    def allocated() -> Instance | None:
        if unseen:
            instance = unseen.pop()
        else:
            instance = _as_instance(client.get_workspace_instance(WorkspaceInstanceId=instance_id))
        last.append(instance)
        provision_state = instance.get("ProvisionState")
        if provision_state == ALLOCATED:
            return instance
        if provision_state == ALLOCATING:
            return None
        raise _AllocationFailed(instance)

    try:
        return waiter.poll(allocated, deadline)
    except _AllocationFailed as failed:
        cleanup = _cleanup(client, instance_id)
        raise WorkspaceInstanceError(
            f"CreateWorkspaceInstance: {instance_id} ended in {failed.instance.get('ProvisionState')}: "
            f"{describe_instance_errors(failed.instance)}; {cleanup}"
        ) from None
    except waiter.WaitTimeout:
        cleanup = _cleanup(client, instance_id)
        raise WorkspaceInstanceError(
            f"CreateWorkspaceInstance: {instance_id} was still {last[-1].get('ProvisionState')} after "
            f"{limit:g}s (timeouts.create); {cleanup}; raise timeouts.create to wait longer"
        ) from None
    except (ClientError, BotoCoreError) as exc:
        cleanup = _cleanup(client, instance_id)
        raise WorkspaceInstanceError(
            f"{describe_aws_error('GetWorkspaceInstance', exc, instance_id)}; {cleanup}"
        ) from None


def _claim(client: WorkspacesInstancesClient, instance_id: str, identity: str) -> None:
    """Mark the instance as handed to Pulumi, so a later create with the same token moves on."""
    tag = {"Key": CLAIM_TAG_KEY, "Value": claim_value(identity)}
    try:
        waiter.call(
            functools.partial(client.tag_resource, WorkspaceInstanceId=instance_id, Tags=[tag]),  # type: ignore[list-item]
            waiter.Deadline(CALL_TIMEOUT_SECONDS),
        )
    except (ClientError, BotoCoreError) as exc:
        cleanup = _cleanup(client, instance_id)
        raise WorkspaceInstanceError(
            f"{describe_aws_error('TagResource', exc, instance_id)}; {cleanup}"
        ) from None


def _cleanup(client: WorkspacesInstancesClient, instance_id: str) -> str:
    """Delete an instance a failed create leaves behind; says what happened, for the error message."""
    try:
        waiter.call(
            functools.partial(client.delete_workspace_instance, WorkspaceInstanceId=instance_id),
            waiter.Deadline(CALL_TIMEOUT_SECONDS),
        )
    except (ClientError, BotoCoreError) as exc:
        if error_code(exc) in (NOT_FOUND_CODE, CONFLICT_CODE):
            return f"{instance_id} is already being deleted"
        failure = describe_aws_error("DeleteWorkspaceInstance", exc, instance_id)
        return f"deleting it also failed ({failure}): delete it yourself"
    return f"{instance_id} is being deleted so nothing is left running"


# --- delete helpers ---------------------------------------------------------------------------


def _delete_and_wait(
    client: WorkspacesInstancesClient, instance_id: str, deadline: waiter.Deadline, limit: float
) -> None:
    last_state: list[str] = ["unknown"]
    requested = [False]
    operation = ["DeleteWorkspaceInstance"]  # the call in flight, for the error message

    def gone() -> bool | None:
        if not requested[0]:
            operation[0] = "DeleteWorkspaceInstance"
            try:
                client.delete_workspace_instance(WorkspaceInstanceId=instance_id)
                requested[0] = True
                last_state.append(DEALLOCATING)
                return None  # deallocation takes a while: look after the first pause
            except ClientError as exc:
                code = error_code(exc)
                if code == NOT_FOUND_CODE:
                    return True
                if code != CONFLICT_CODE:
                    raise
                # Conflict: already being deleted, or busy (e.g. still allocating): look and retry.
        operation[0] = "GetWorkspaceInstance"
        try:
            instance = _as_instance(client.get_workspace_instance(WorkspaceInstanceId=instance_id))
        except ClientError as exc:
            if error_code(exc) == NOT_FOUND_CODE:
                return True
            raise
        provision_state = str(instance.get("ProvisionState"))
        last_state.append(provision_state)
        if provision_state == DEALLOCATED:
            return True
        if provision_state == DEALLOCATING:
            requested[0] = True
        if provision_state == ERROR_DEALLOCATING:
            raise WorkspaceInstanceError(
                f"DeleteWorkspaceInstance: {instance_id} ended in ERROR_DEALLOCATING: "
                f"{describe_instance_errors(instance)}"
            )
        return None

    try:
        waiter.poll(gone, deadline)
    except waiter.WaitTimeout:
        raise WorkspaceInstanceError(
            f"DeleteWorkspaceInstance: {instance_id} was still {last_state[-1]} after {limit:g}s "
            "(timeouts.delete); raise timeouts.delete to wait longer"
        ) from None
    except (ClientError, BotoCoreError) as exc:
        raise aws_failure(operation[0], exc, instance_id) from None
