"""AWS's unpleasant parts, met by the providers: reads that lag a create, deletes refused while busy.

Each test runs the provider against the emulator with a behaviour switch on (``visibility_lag_seconds``,
``delete_conflict_while_allocating``) or the fault rules that reproduce what the issue saw, and asserts
what a user would count afterwards: how many desktops and volumes are live, and what the message says.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.workspaces_instances.behaviour import Behaviour
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.attachment_provider import VolumeAttachmentProvider
from pulumi_workspaces_instances.provider.aws import clients
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from tests.conftest import HELD_SECONDS, WINDOW_SECONDS, EmulatorFactory, emulator_client
from tests.provider.test_attachment_lifecycle import attach
from tests.provider.test_failures import create_fails, error_fault
from tests.provider.test_volume_lifecycle import create_volume
from toolchain.environment import emulator_environment

from .conftest import IMAGE_ID, UNSUPPORTED_INSTANCE_TYPE

pytestmark = pytest.mark.usefixtures("fast_polling")

Props = dict[str, Any]
GONE = ("DEALLOCATING", "DEALLOCATED")
#: How long a test waits for what it watches the emulator for (only a failing test waits that long).
WATCH_SECONDS = 30.0


LagUntilMet = Callable[[str], Emulator]


@pytest.fixture
def lagging(aws_env: Emulator) -> Iterator[LagUntilMet]:
    """``lagging(operation)``: the session's emulator with a read-after-create lag that lasts until
    ``operation`` has answered "not found" once, then ends.

    So the provider's first read of what it just made is inside the lag however late a loaded machine lets
    it come (under load, a create and the next call were measured 1.7 s apart: a lag of a fixed second can
    run out first), and nobody waits out a lag longer than needed.
    """
    watchers: list[threading.Thread] = []

    def start(operation: str) -> Emulator:
        aws_env.set_behaviour(visibility_lag_seconds=HELD_SECONDS)

        def end_once_met() -> None:
            deadline = time.monotonic() + WATCH_SECONDS
            while not unknown_answers(aws_env, operation) and time.monotonic() < deadline:
                time.sleep(0.005)
            # Ended even if never met, so the test goes on to fail on "the lag was met", not hang.
            aws_env.set_behaviour(visibility_lag_seconds=0)

        watcher = threading.Thread(target=end_once_met, daemon=True)
        watcher.start()
        watchers.append(watcher)
        return aws_env

    yield start
    for watcher in watchers:
        watcher.join(WATCH_SECONDS)


def live(client: WorkspacesInstancesClient) -> dict[str, str]:
    """Every instance not being deleted, by id: what bills."""
    answer = client.list_workspace_instances()["WorkspaceInstances"]
    return {i["WorkspaceInstanceId"]: i["ProvisionState"] for i in answer if i["ProvisionState"] not in GONE}


def everything(emulator: Emulator, client: WorkspacesInstancesClient) -> dict[str, str]:
    """Every instance, lag or not (the switch off for one look, then back)."""
    lag = emulator.behaviour.visibility_lag_seconds
    emulator.set_behaviour(visibility_lag_seconds=0)
    try:
        answer = client.list_workspace_instances()["WorkspaceInstances"]
    finally:
        emulator.set_behaviour(visibility_lag_seconds=lag)
    return {i["WorkspaceInstanceId"]: i["ProvisionState"] for i in answer}


def create(provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], **overrides: Any) -> Props:
    checked = provider.check({}, inputs(**overrides))
    assert not checked.failures, [f.reason for f in checked.failures]
    result = provider.create({**checked.inputs, "__provider": "serialized-provider"})
    assert result.outs is not None
    return dict(result.outs)


def unknown_answers(emulator: Emulator, operation: str) -> list[dict[str, Any]]:
    """The calls of ``operation`` the emulator answered with its "not found"."""
    codes = {"ResourceNotFoundException", "InvalidVolume.NotFound", "InvalidInstanceID.NotFound"}
    return [c for c in emulator.calls() if c["operation"] == operation and c["error"] in codes]


def creates(emulator: Emulator) -> int:
    return sum(1 for call in emulator.calls() if call["operation"] == "CreateWorkspaceInstance")


# --- instances ----------------------------------------------------------------------------------


def test_a_create_read_late_is_waited_for_not_launched_again(
    lagging: LagUntilMet,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    emulator = lagging("GetWorkspaceInstance")

    outs = create(provider, inputs)

    instance_id = outs["workspace_instance_id"]
    assert unknown_answers(emulator, "GetWorkspaceInstance"), "the lag was met"
    assert creates(emulator) == 1, "one CreateWorkspaceInstance, whatever Get answered meanwhile"
    assert everything(emulator, wsi_client) == {instance_id: "ALLOCATED"}
    tags = wsi_client.list_tags_for_resource(WorkspaceInstanceId=instance_id)["Tags"]
    assert CLAIM_TAG_KEY in {tag["Key"] for tag in tags}
    provider.delete(instance_id, outs)


def test_not_found_answers_right_after_create_are_not_taken_for_a_purged_token(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    # The reproduction: two ResourceNotFoundException answers from GetWorkspaceInstance right after
    # a successful create. Before: a second desktop launched with the next ClientToken.
    aws_env.add_faults([error_fault("GetWorkspaceInstance", "ResourceNotFoundException", times=2)])

    outs = create(provider, inputs)

    assert creates(aws_env) == 1
    assert live(wsi_client) == {outs["workspace_instance_id"]: "ALLOCATED"}
    provider.delete(outs["workspace_instance_id"], outs)


def test_the_claim_waits_through_a_tag_call_that_does_not_know_the_instance_yet(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    aws_env.add_faults([error_fault("TagResource", "ResourceNotFoundException", times=2)])

    outs = create(provider, inputs)

    instance_id = outs["workspace_instance_id"]
    assert live(wsi_client) == {instance_id: "ALLOCATED"}
    tags = wsi_client.list_tags_for_resource(WorkspaceInstanceId=instance_id)["Tags"]
    assert CLAIM_TAG_KEY in {tag["Key"] for tag in tags}
    provider.delete(instance_id, outs)


def test_a_token_whose_instance_was_purged_moves_on_after_the_grace_and_says_so(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
    short_grace: float,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An earlier life of the token: created, deleted, then forgotten by the service, which still answers
    # the token with its id.
    aws_env.set_behaviour(deallocated_visible_seconds=0)
    first = create(provider, inputs)
    purged = first["workspace_instance_id"]
    provider.delete(purged, first)
    capsys.readouterr()

    again = create(provider, inputs)

    assert again["workspace_instance_id"] != purged
    assert live(wsi_client) == {again["workspace_instance_id"]: "ALLOCATED"}
    printed = capsys.readouterr()
    warning = printed.out + printed.err
    assert f"{purged}, which this resource's ClientToken returned, was still unknown" in warning
    assert f"after {short_grace:g}s" in warning and "the next ClientToken is tried" in warning
    provider.delete(again["workspace_instance_id"], again)


def test_a_failed_allocation_is_cleaned_up_through_conflicts(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    # The reproduction: ERROR_ALLOCATING, then DeleteWorkspaceInstance answers ConflictException.
    # Before: "… is already being deleted", and the desktop stayed.
    aws_env.add_faults([error_fault("DeleteWorkspaceInstance", "ConflictException", times=3)])
    bad = inputs(managed_instance={"ImageId": IMAGE_ID, "InstanceType": UNSUPPORTED_INSTANCE_TYPE})

    message = create_fails(provider, provider.check({}, bad).inputs)

    [(instance_id, state)] = everything(aws_env, wsi_client).items()
    assert state in GONE, "nothing left running"
    assert message.endswith(f"{instance_id} is being deleted (DEALLOCATING) so nothing is left running")
    assert "already being deleted" not in message


def test_a_cleanup_refused_until_its_timeout_says_what_is_left_and_what_to_run(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    wsi_client: WorkspacesInstancesClient,
) -> None:
    aws_env.add_faults([error_fault("DeleteWorkspaceInstance", "ConflictException", times=1000)])
    bad = inputs(
        managed_instance={"ImageId": IMAGE_ID, "InstanceType": UNSUPPORTED_INSTANCE_TYPE},
        timeouts={"delete": "0.5s"},
    )

    message = create_fails(provider, provider.check({}, bad).inputs)

    [(instance_id, state)] = everything(aws_env, wsi_client).items()
    assert state == "ERROR_ALLOCATING", "the refused delete left it, and the message must say so"
    assert "deleting it was refused (ConflictException: Injected ConflictException.)" in message
    assert "until timeouts.delete (0.5s) ran out while it was ERROR_ALLOCATING" in message
    assert f"{instance_id} is left running" in message
    assert f"delete-workspace-instance --workspace-instance-id {instance_id}`" in message
    aws_env.clear_faults()
    wsi_client.delete_workspace_instance(WorkspaceInstanceId=instance_id)


def test_a_timed_out_create_is_deleted_once_the_service_accepts_it(
    aws_env: Emulator,
    aimed_emulator: EmulatorFactory,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
) -> None:
    # A service that refuses to delete while allocating: the clean-up waits until it is ALLOCATED. The
    # allocation lasts long enough that the create times out and its clean-up is refused before it ends,
    # however loaded the machine (the session's 0.2 s can end before either); the clean-up then waits it out.
    emulator = aimed_emulator(WINDOW_SECONDS, behaviour=Behaviour(delete_conflict_while_allocating=True))

    message = create_fails(provider, provider.check({}, inputs(timeouts={"create": "50ms"})).inputs)

    [(instance_id, state)] = everything(emulator, emulator_client(emulator)).items()
    assert state in GONE
    assert message.endswith(
        f"{instance_id} is being deleted (DEALLOCATING) so nothing is left running; "
        "raise timeouts.create to wait longer"
    )
    deletes = [c for c in emulator.calls() if c["operation"] == "DeleteWorkspaceInstance"]
    refused = [c for c in deletes if c["error"] == "ConflictException"]
    assert refused, "the service did refuse the delete while ALLOCATING"


@pytest.fixture
def slow_allocations(
    aws_env: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Emulator]:
    """A private emulator whose allocations never end during a test, with boto3 in this process aimed at
    it."""
    with Emulator(allocate_seconds=HELD_SECONDS) as emulator:
        for name, value in emulator_environment(emulator.endpoint_url, tmp_path).items():
            monkeypatch.setenv(name, value)
        clients.clear_clients()
        yield emulator
    clients.clear_clients()


def after_first(emulator: Emulator, operation: str, faults: list[dict[str, Any]]) -> threading.Thread:
    """A thread that adds ``faults`` as soon as the emulator has answered ``operation`` once."""

    def watch() -> None:
        deadline = time.monotonic() + 30
        while not any(call["operation"] == operation for call in emulator.calls()):
            assert time.monotonic() < deadline
            time.sleep(0.005)
        emulator.add_faults(faults)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_an_instance_that_vanishes_while_allocating_is_reported_not_deleted(
    slow_allocations: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    short_grace: float,
) -> None:
    # The first look (the token loop's) sees it ALLOCATING; from then on the service no longer knows it.
    lost = {"operation": "GetWorkspaceInstance", "action": "error", "error": "ResourceNotFoundException"}
    checked = provider.check({}, inputs()).inputs
    watcher = after_first(slow_allocations, "GetWorkspaceInstance", [{**lost, "times": 1000}])
    message = create_fails(provider, checked)
    watcher.join()

    assert message.startswith("CreateWorkspaceInstance: wsinst-")
    assert "disappeared while it was ALLOCATING" in message and "nothing was deleted by Pulumi" in message
    deletes = [c for c in slow_allocations.calls() if c["operation"] == "DeleteWorkspaceInstance"]
    assert deletes == [], "nothing is deleted on the strength of a not-found"


# --- volumes and attachments ------------------------------------------------------------------------


def test_a_volume_read_late_is_waited_for_not_made_again(
    lagging: LagUntilMet, volumes: VolumeProvider, ec2_client: Any
) -> None:
    emulator = lagging("DescribeVolumes")

    volume_id, outs = create_volume(volumes)

    made = [c for c in emulator.calls() if c["operation"] == "CreateVolume"]
    assert unknown_answers(emulator, "DescribeVolumes"), "the lag was met"
    assert len(made) == 1
    assert [v["VolumeId"] for v in ec2_client.describe_volumes()["Volumes"]] == [volume_id]
    volumes.delete(volume_id, outs)


def test_an_attachment_of_a_new_volume_waits_until_the_service_knows_it(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    volumes: VolumeProvider,
) -> None:
    instance = create(provider, inputs)
    instance_id = instance["workspace_instance_id"]
    volume_id, _ = create_volume(volumes, availability_zone=instance["availability_zone"])
    # The volume is new to AssociateVolume: its first answers are the service's "not found". A fault, not
    # the lag switch: the attach first reads the instance, which must be known by then, so a lag would have
    # to outlast the volume's age at AssociateVolume (seconds, on a loaded machine) yet not the instance's:
    # the test would wait such a lag out twice, once for each.
    aws_env.add_faults([error_fault("AssociateVolume", "ResourceNotFoundException", times=2)])

    attachment_id, outs = attach(VolumeAttachmentProvider(), instance_id, volume_id)

    associations = [c for c in aws_env.calls() if c["operation"] == "AssociateVolume"]
    assert unknown_answers(aws_env, "AssociateVolume"), "the volume was unknown at first"
    assert associations[-1]["status"] == 200
    assert outs["state"] == "attached"
    VolumeAttachmentProvider().delete(attachment_id, outs)
    provider.delete(instance_id, instance)


def test_resources_the_account_hides_from_ec2_are_still_read(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    volumes: VolumeProvider,
) -> None:
    # An account whose managed-resource visibility is hidden: EC2's Describe calls leave the desktops and
    # their volumes out unless asked with IncludeManagedResources. Without it, refresh would drop a live,
    # billed volume from the stack.
    aws_env.set_behaviour(managed_resource_visibility="hidden")
    instance = create(provider, inputs)
    volume_id, outs = create_volume(volumes, availability_zone=instance["availability_zone"])

    read = volumes.read(volume_id, outs)

    assert read.id == volume_id, "the volume is still there"
    assert instance["ec2_instance"]["instance_id"] == instance["ec2_instance_id"], "the EC2 view was read"
    volumes.delete(volume_id, outs)
    provider.delete(instance["workspace_instance_id"], instance)
