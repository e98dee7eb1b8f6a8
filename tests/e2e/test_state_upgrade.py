"""A stack whose state an earlier release wrote keeps working today: no replacement, no mutating call.

Each fixture is ``pulumi stack export --show-secrets`` of a program run by an earlier release:

- ``fixtures/state-0.1.0.json``: ``programs/state_upgrade`` run by the code before the package
  existed; its pickled provider is ``provider.instance_provider.WorkspaceInstanceProvider``.
- ``fixtures/state-0.2.0.json``: ``programs/state_upgrade_0_2`` run by 0.2.0 (commit 6e8432d): a
  ``Workspace``, a plain ``WorkspaceInstance``, a ``Volume`` and a ``VolumeAttachment``, without
  the outputs added since (the EC2 view of an instance, a volume's tags as EC2 reports them).

Each test rebuilds in the emulator what its fixture points at (as the release left it: instances
ALLOCATED, tagged and claimed; the volume with its size, type, zone and tags, attached at its
device), rewrites the fixture's ids to the rebuilt ones, imports it, and drives the real CLI.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY, claim_value
from pulumi_workspaces_instances.provider.instances import upgrades
from tests.conftest import StackFactory, emulator_client, emulator_ec2_client
from toolchain.paths import ROOT

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient
    from mypy_boto3_workspaces_instances.type_defs import TagTypeDef

HERE = Path(__file__).parent


@dataclass(frozen=True)
class OldState:
    """A state an earlier release wrote, and the program (today's code) that declares its resources."""

    fixture: Path
    program: Path
    #: The stack the fixture was written on: URNs and the resources' identities name it.
    stack: str


STATE_0_1 = OldState(HERE / "fixtures" / "state-0.1.0.json", HERE / "programs" / "state_upgrade", "old")
STATE_0_2 = OldState(HERE / "fixtures" / "state-0.2.0.json", HERE / "programs" / "state_upgrade_0_2", "old02")

DYNAMIC_PREFIX = "pulumi-python:dynamic/workspacesinstances:"
DYNAMIC_TYPE = DYNAMIC_PREFIX + "WorkspaceInstance"
VOLUME_TYPE = DYNAMIC_PREFIX + "Volume"
ATTACHMENT_TYPE = DYNAMIC_PREFIX + "VolumeAttachment"
#: Calls that change something in AWS (WorkSpaces Instances and EC2: CreateTags, DeleteTags included).
MUTATING_PREFIXES = (
    "Create",
    "Delete",
    "Modify",
    "Associate",
    "Disassociate",
    "Tag",
    "Untag",
    "Attach",
    "Detach",
    "Run",
    "Start",
    "Stop",
    "Reboot",
    "Terminate",
)
WAIT_SECONDS = 10.0

T = TypeVar("T")


def _plain(value: Any) -> Any:
    """A value of an exported state with ``--show-secrets`` secrets turned back into plain values."""
    if isinstance(value, dict):
        if "plaintext" in value:
            return json.loads(value["plaintext"])
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _await(read: Callable[[], T], done: Callable[[T], bool]) -> T:
    """``read()`` again until ``done`` holds for its answer (the emulator's transitions take a moment)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not done(answer := read()):
        assert time.monotonic() < deadline, answer
        time.sleep(0.05)
    return answer


def _api_tags(tags: dict[str, str]) -> list[TagTypeDef]:
    return [{"Key": key, "Value": value} for key, value in tags.items()]


def _rebuild_instance(client: WorkspacesInstancesClient, outputs: dict[str, Any]) -> tuple[str, str]:
    """An instance as the release left it (ALLOCATED, its tags and its claim); its id and EC2 id."""
    tags = {**outputs["tags"], CLAIM_TAG_KEY: claim_value(outputs["__identity"])}
    new_id = client.create_workspace_instance(
        ManagedInstance=outputs["managed_instance"],
        BillingConfiguration={"BillingMode": outputs["billing_mode"]},
        Tags=_api_tags(tags),
    )["WorkspaceInstanceId"]
    answer = _await(
        lambda: client.get_workspace_instance(WorkspaceInstanceId=new_id),
        lambda answer: answer["ProvisionState"] == "ALLOCATED",
    )
    return new_id, answer["EC2ManagedInstance"]["InstanceId"]


def _rebuild_volume(client: WorkspacesInstancesClient, ec2: Any, outputs: dict[str, Any]) -> str:
    """A volume with the size, type, zone and tags EC2 showed the release; its id."""
    new_id = client.create_volume(
        AvailabilityZone=outputs["availability_zone"],
        SizeInGB=outputs["size_in_gb"],
        VolumeType=outputs["volume_type"],
        TagSpecifications=[{"ResourceType": "volume", "Tags": _api_tags(outputs["tags"])}],
    )["VolumeId"]
    volume = _await(
        lambda: ec2.describe_volumes(VolumeIds=[new_id])["Volumes"][0],
        lambda volume: volume["State"] == "available",
    )
    # The type's defaults, as the release read them back.
    assert (volume["Iops"], volume["Throughput"]) == (outputs["iops"], outputs["throughput"]), volume
    return new_id


def _rebuild_attachment(
    client: WorkspacesInstancesClient, ec2: Any, outputs: dict[str, Any], new_ids: dict[str, str]
) -> None:
    """The attachment, at the same device, of the rebuilt volume to the rebuilt instance."""
    volume_id = new_ids[outputs["volume_id"]]
    client.associate_volume(
        WorkspaceInstanceId=new_ids[outputs["workspace_instance_id"]],
        VolumeId=volume_id,
        Device=outputs["device"],
    )
    _await(
        lambda: ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["Attachments"],
        lambda attachments: (
            [(a["Device"], a["State"]) for a in attachments] == [(outputs["device"], "attached")]
        ),
    )


def _rebuild(emulator: Emulator, old: OldState) -> dict[str, Any]:
    """Create, in the emulator, what ``old``'s fixture points at; returns the fixture with the new ids.

    Instances and volumes first, then the attachments between them; every instance id, EC2
    instance id and volume id of the fixture's text is then rewritten to the rebuilt one.
    """
    text = old.fixture.read_text()
    client, ec2 = emulator_client(emulator), emulator_ec2_client(emulator)
    resources = [
        (resource["type"], resource["id"], _plain(resource["outputs"]))
        for resource in json.loads(text)["deployment"]["resources"]
        if resource["type"] in (DYNAMIC_TYPE, VOLUME_TYPE, ATTACHMENT_TYPE)
    ]
    new_ids: dict[str, str] = {}
    for kind, old_id, outputs in resources:
        if kind == DYNAMIC_TYPE:
            new_ids[old_id], new_ids[outputs["ec2_instance_id"]] = _rebuild_instance(client, outputs)
        elif kind == VOLUME_TYPE:
            new_ids[old_id] = _rebuild_volume(client, ec2, outputs)
    for kind, _old_id, outputs in resources:
        if kind == ATTACHMENT_TYPE:
            _rebuild_attachment(client, ec2, outputs, new_ids)
    for old_id, new_id in new_ids.items():
        text = text.replace(old_id, new_id)
    return dict(json.loads(text))


def _import_fixture(make_stack: StackFactory, old: OldState, emulator: Emulator) -> auto.Stack:
    """A stack of ``old``'s program holding its fixture, rebuilt; the emulator's call log cleared."""
    stack = make_stack(old.program, stack_name=old.stack)
    stack.import_stack(auto.Deployment(version=3, deployment=_rebuild(emulator, old)["deployment"]))
    emulator.service.calls.clear()
    return stack


def _operations(emulator: Emulator) -> list[str]:
    return [call["operation"] for call in emulator.calls()]


def _mutating(emulator: Emulator) -> list[str]:
    return [operation for operation in _operations(emulator) if operation.startswith(MUTATING_PREFIXES)]


def _resources(stack: auto.Stack) -> list[dict[str, Any]]:
    deployment = stack.export_stack().deployment
    assert deployment is not None
    return list(deployment["resources"])


def _stored_providers(stack: auto.Stack) -> list[bytes]:
    return [
        base64.b64decode(r["outputs"]["__provider"]) for r in _resources(stack) if r["type"] == DYNAMIC_TYPE
    ]


def _steps(run: Callable[..., Any]) -> dict[str, tuple[str, list[str]]]:
    """Run ``stack.preview`` or ``stack.up``; its steps as ``"Type name"`` -> (operation, changed keys)."""
    steps: dict[str, tuple[str, list[str]]] = {}

    def record(event: auto.events.EngineEvent) -> None:
        pre = event.resource_pre_event
        if pre is not None:
            kind, name = pre.metadata.type.rsplit(":", 1)[-1], pre.metadata.urn.rsplit("::", 1)[-1]
            steps[f"{kind} {name}"] = (pre.metadata.op.value, sorted(pre.metadata.diffs or []))

    run(on_output=print, on_event=record)
    return steps


def _by_name(stack: auto.Stack, kind: str, name: str) -> dict[str, Any]:
    [resource] = [
        r for r in _resources(stack) if r["type"].endswith(":" + kind) and r["urn"].endswith("::" + name)
    ]
    return resource


@pytest.mark.e2e
def test_up_upgrades_a_0_1_state_in_place_without_mutating_calls(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    stack = _import_fixture(make_stack, STATE_0_1, emulator)
    assert all(
        b"provider.instance_provider" in ref and b"pulumi_workspaces" not in ref
        for ref in (_stored_providers(stack))
    )

    # Each instance gets its seed (no AWS call) and an update that stores the current provider
    # reference; nothing is replaced.
    preview = stack.preview(on_output=print)
    assert preview.change_summary == {auto.OpType.CREATE: 2, auto.OpType.UPDATE: 2, auto.OpType.SAME: 2}
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"create": 2, "update": 2, "same": 2}
    assert not _mutating(emulator), _operations(emulator)
    assert all(upgrades.CURRENT_MODULE.encode() in ref for ref in _stored_providers(stack))

    # Upgraded: nothing more to do, refresh reads without drift, and destroy deletes both instances.
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: 6}
    assert stack.refresh(on_output=print).summary.resource_changes == {"same": 6}
    # The refresh added the EC2 view, an output 0.1 did not have, and still nothing is to be done.
    views = [r["outputs"].get("ec2_instance") for r in _resources(stack) if r["type"] == DYNAMIC_TYPE]
    assert [view and view["state"] for view in views] == ["running", "running"]
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: 6}
    assert not _mutating(emulator), _operations(emulator)
    stack.destroy(on_output=print)
    assert _operations(emulator).count("DeleteWorkspaceInstance") == 2


@pytest.mark.e2e
def test_a_0_1_state_refreshes_and_destroys_before_any_up_from_a_clone(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator
) -> None:
    # 0.1.0 ran with the clone on PYTHONPATH; the stored provider is then found under its old name
    # (provider/__init__.py hands out the installed package's module).
    pulumi_env["PYTHONPATH"] = str(ROOT)
    stack = _import_fixture(make_stack, STATE_0_1, emulator)

    assert stack.refresh(on_output=print).summary.resource_changes == {"same": 4}
    # Reads only: the instances, their tags, and (new in the state since) their EC2 view.
    assert set(_operations(emulator)) == {
        "GetWorkspaceInstance",
        "ListTagsForResource",
        "DescribeInstances",
        "DescribeVolumes",
    }
    stack.destroy(on_output=print)
    assert _operations(emulator).count("DeleteWorkspaceInstance") == 2


#: Every resource of programs/state_upgrade_0_2, as ``_steps`` names them.
STEPS_0_2 = (
    "Stack state-upgrade-0-2-old02",
    "pulumi-python default",
    "Workspace desk",
    "InstanceSeed desk-seed",
    "WorkspaceInstance desk",
    "InstanceSeed plain-seed",
    "WorkspaceInstance plain",
    "InstanceSeed data-volume-seed",
    "Volume data",
    "VolumeAttachment data-disk",
)
#: What a refresh counts: all but the default provider.
RESOURCES_0_2 = len(STEPS_0_2) - 1
ALL_SAME_0_2: dict[str, tuple[str, list[str]]] = {step: ("same", []) for step in STEPS_0_2}


@pytest.mark.e2e
def test_up_upgrades_a_0_2_state_of_every_resource_type_without_mutating_calls(
    make_stack: StackFactory, pulumi_env: dict[str, str], first_zone: Emulator
) -> None:
    # 0.2.0's emulator put every instance placed nowhere in the region's first zone, and the fixture
    # records it there: the rebuilt instances must be where the release saw them.
    emulator = first_zone
    stack = _import_fixture(make_stack, STATE_0_2, emulator)
    ids = {r["urn"]: r.get("id") for r in _resources(stack)}
    # As 0.2.0 wrote it: no EC2 view of the instances, no component output taken from it.
    assert not [r for r in _resources(stack) if "ec2_instance" in r.get("outputs", {})]

    # No update at all, let alone a replacement: 0.2.0 pickled the provider classes under the
    # module names they have today (nothing to store anew, unlike from 0.1), and every input is
    # unchanged. What changed reaches outputs only (an instance's EC2 view, a volume's tags as EC2
    # reports them, the component's outputs taken from the view), which a diff never compares; a
    # volume's tags turned in-place-changeable, which matters only once they differ.
    assert _steps(stack.preview) == ALL_SAME_0_2
    assert _steps(stack.up) == ALL_SAME_0_2
    assert not _mutating(emulator), _operations(emulator)
    assert {r["urn"]: r.get("id") for r in _resources(stack)} == ids

    # refresh reads without drift and fills in what 0.2.0 did not have.
    assert stack.refresh(on_output=print).summary.resource_changes == {"same": RESOURCES_0_2}
    for name in ("desk", "plain"):
        outputs = _by_name(stack, "WorkspaceInstance", name)["outputs"]
        assert outputs["ec2_instance"]["state"] == "running", outputs
        assert outputs["availability_zone"] == "us-east-1a", outputs
        assert outputs["private_ip"], outputs
    data = _by_name(stack, "Volume", "data")
    live = emulator_ec2_client(emulator).describe_volumes(VolumeIds=[data["id"]])["Volumes"][0]
    live_tags = {tag["Key"]: tag["Value"] for tag in live["Tags"]}
    assert data["outputs"]["tags"] == live_tags == {"team": "desktops"}
    assert _steps(stack.preview) == ALL_SAME_0_2
    # The next up (still nothing to do) registers the component's new outputs from the child's view.
    assert _steps(stack.up) == ALL_SAME_0_2
    desk = _by_name(stack, "Workspace", "desk")["outputs"]
    assert (desk["availability_zone"], desk["ec2_instance"]["state"]) == ("us-east-1a", "running"), desk
    assert not _mutating(emulator), _operations(emulator)
    assert {r["urn"]: r.get("id") for r in _resources(stack)} == ids

    # destroy: the attachment, the volume and both instances; nothing is left in the emulator.
    stack.destroy(on_output=print)
    operations = _operations(emulator)
    assert [op for op in _mutating(emulator) if op != "DeleteWorkspaceInstance"] == [
        "DisassociateVolume",
        "DeleteVolume",
    ], operations
    assert operations.count("DeleteWorkspaceInstance") == 2, operations
    assert emulator_ec2_client(emulator).describe_volumes()["Volumes"] == []
    listed = emulator_client(emulator).list_workspace_instances()["WorkspaceInstances"]
    assert {item["ProvisionState"] for item in listed} <= {"DEALLOCATING", "DEALLOCATED"}, listed
