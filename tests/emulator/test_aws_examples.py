"""AWS's own examples of the EC2 calls the emulator serves, replayed against it.

AWS publishes no request or answer examples for WorkSpaces Instances itself (botocore ships no
``examples-1.json`` for it, aws-cli no ``examples/workspaces-instances``), so the corpus is EC2's:

- botocore's ``ec2/2016-11-15/examples-1.json``, read at test time from the installed botocore: the
  examples the EC2 API reference (``https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_<Operation>.html``)
  and the SDKs' documentation show. Every example of every action in ``EC2_HANDLERS`` is a case
  (``test_every_example_of_a_served_action_is_replayed`` holds a newly served action to that);
- the AWS CLI reference's examples of the same actions, as the structural facts recorded, cited, in
  ``tests/emulator/aws_cli_examples.py``.

A case makes, through the WorkSpaces Instances API, the resources the example names (a desktop whose
EC2 instance stands for the example's ``i-…``, a volume for its ``vol-…``), puts the emulator's ids
in place of the example's, sends the example's request through a real boto3 EC2 client, and compares
the answer with the example's: every member the example shows is answered (NOT_MODELLED lists, each
with its reason, those the emulator does not model), and every
value EC2 does not make up (states and their codes, devices, flags, sizes, what the request or the
setup determines) is equal; made-up values (times, addresses, ids the example does not name) are only
checked to be there and of the same kind.
An example whose request needs what the emulator does not serve is in REFUSED, with the reason and
the error the emulator answers, as it documents; it is replayed all the same, expecting that error.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import botocore.session
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError
from botocore.model import ServiceModel

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.operations import EC2_HANDLERS
from tests.emulator.aws_cli_examples import CLI_EXAMPLES, GENERATED, CliExample
from tests.emulator.conftest import LINUX_AMI, WINDOWS_AMI, client_for, create_instance, ec2_client_for

#: Where botocore keeps AWS's EC2 examples (inside the installed botocore package).
BOTOCORE_EXAMPLES = "botocore/data/ec2/2016-11-15/examples-1.json"
ZONE = "us-east-1a"
# A desktop's allocation takes 0.2 s on the shared emulator; a loaded machine gets ample slack.
ALLOCATION_TIMEOUT_SECONDS = 15.0

#: Members that AWS's examples show and the emulator does not answer: (operation, member path) → why.
#: A path names list items with ``[]``. The replay fails if the emulator answers one of these (then
#: compare it instead).
NOT_MODELLED: dict[tuple[str, str], str] = {
    ("DescribeVolumes", "NextToken"): (
        "answered only while more pages remain: EC2's model says the token is null when there are no more "
        "items, so the example's empty token and none mean the same"
    ),
    ("DescribeImages", "Images[].KernelId"): (
        "the catalogue's images are HVM; a kernel id (aki-…) belongs to paravirtual images like the example's"
    ),
    ("DescribeInstances", "Reservations[].Instances[].ClientToken"): (
        "the idempotency token WorkSpaces Instances gives RunInstances, if any, is not documented"
    ),
    ("DescribeInstances", "Reservations[].Instances[].UsageOperationUpdateTime"): (
        "when the AMI's billing code was last applied to the instance: the emulator keeps no such time"
    ),
}

#: Examples whose request needs what the emulator does not serve: (operation, example) → (the error
#: code it answers, as docs/emulator.md and the handler's docstring say; why it is not served).
REFUSED: dict[tuple[str, str], tuple[str, str]] = {
    ("CreateTags", "ec2-create-tags-1"): (
        "InvalidID",
        "tags an AMI: the emulator tags volumes and EC2 instances only (its AMIs are catalogue entries, not "
        "resources with tags); test_tag_examples_on_what_the_emulator_tags replays the same tags on both",
    ),
    ("DeleteTags", "ec2-delete-tags-1"): (
        "InvalidID",
        "untags an AMI, as CreateTags above; replayed on a volume and an instance as well",
    ),
    ("ModifyInstanceAttribute", "to-enable-enhanced-networking-1529358279870"): (
        "UnsupportedOperation",
        "EnaSupport is not an attribute the emulator changes (it changes InstanceType, GroupId.N, "
        "EbsOptimized and DisableApiStop, what drift inside a desktop needs); every instance already "
        "shows EnaSupport true",
    ),
}


def api_reference(operation: str) -> str:
    """The EC2 API reference page of an operation (its Examples section shows botocore's examples)."""
    return f"https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_{operation}.html"


@functools.cache
def botocore_examples() -> dict[str, list[dict[str, Any]]]:
    """AWS's EC2 examples by operation, from the installed botocore (never copied into the repository)."""
    loader = botocore.session.get_session().get_component("data_loader")
    return dict(loader.load_service_model("ec2", "examples-1")["examples"])


@functools.cache
def ec2_model() -> ServiceModel:
    """EC2's service model, as the installed botocore has it."""
    return botocore.session.get_session().get_service_model("ec2")


def botocore_example(operation: str, example_id: str) -> dict[str, Any]:
    """One example of botocore's EC2 examples, by operation and id."""
    (example,) = [e for e in botocore_examples().get(operation, []) if e["id"] == example_id]
    return example


# --- the resources an example names, made through WorkSpaces Instances ----------------------------


@dataclass
class Stage:
    """Makes what an example names, as a client of the emulator would, and reads it back through EC2."""

    emulator: Emulator
    wsi: Any
    ec2: Any
    #: The workspace instance behind each EC2 instance made here.
    workspaces: dict[str, str] = field(default_factory=dict)

    def desktop(self, image: str = WINDOWS_AMI, instance_type: str = "m5.large", **managed: Any) -> str:
        """A desktop launched with ``managed`` (over the image and type) in ZONE; its EC2 instance id."""
        managed.setdefault("Placement", {"AvailabilityZone": ZONE})
        workspace_id = create_instance(
            self.wsi, ManagedInstance={"ImageId": image, "InstanceType": instance_type, **managed}
        )
        deadline = time.monotonic() + ALLOCATION_TIMEOUT_SECONDS
        while True:
            got = self.wsi.get_workspace_instance(WorkspaceInstanceId=workspace_id)
            if got["ProvisionState"] == "ALLOCATED":
                break
            assert got["ProvisionState"] == "ALLOCATING", got
            assert time.monotonic() < deadline, f"{workspace_id} is still ALLOCATING"
            time.sleep(0.05)
        instance_id = str(got["EC2ManagedInstance"]["InstanceId"])
        self.workspaces[instance_id] = workspace_id
        return instance_id

    def root_volume(self, instance_id: str) -> str:
        """The id of the volume an EC2 instance boots from."""
        instance = self.instance(instance_id)
        (volume_id,) = [
            m["Ebs"]["VolumeId"]
            for m in instance["BlockDeviceMappings"]
            if m["DeviceName"] == instance["RootDeviceName"]
        ]
        return str(volume_id)

    def volume(
        self, size: int = 20, zone: str = ZONE, tags: dict[str, str] | None = None, **extra: Any
    ) -> str:
        """A volume made with WorkSpaces Instances' CreateVolume; its id."""
        if tags:
            extra["TagSpecifications"] = [
                {"ResourceType": "volume", "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}
            ]
        return str(self.wsi.create_volume(AvailabilityZone=zone, SizeInGB=size, **extra)["VolumeId"])

    def attach(self, volume_id: str, instance_id: str, device: str) -> None:
        """Associate a volume with the desktop behind an EC2 instance."""
        self.wsi.associate_volume(
            WorkspaceInstanceId=self.workspaces[instance_id], VolumeId=volume_id, Device=device
        )

    def instance(self, instance_id: str) -> dict[str, Any]:
        """DescribeInstances' entry of one instance."""
        (reservation,) = self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
        (instance,) = reservation["Instances"]
        return dict(instance)

    def stopped(self, instance_id: str) -> str:
        """Stop an instance (an example that needs it stopped); its id."""
        self.ec2.stop_instances(InstanceIds=[instance_id])
        assert self.instance(instance_id)["State"]["Name"] == "stopped"
        return instance_id

    def tags(self, resource_id: str) -> dict[str, str]:
        """The tags of a volume or an EC2 instance, as EC2 describes them."""
        if resource_id.startswith("vol-"):
            (described,) = self.ec2.describe_volumes(VolumeIds=[resource_id])["Volumes"]
        else:
            described = self.instance(resource_id)
        return {t["Key"]: t["Value"] for t in described.get("Tags", [])}

    @contextmanager
    def allowing_instance_changes(self) -> Iterator[None]:
        """Let EC2 calls change a desktop's EC2 instance, for as long as the block runs.

        AWS refuses ModifyInstanceAttribute and ModifyInstanceMetadataOptions on a managed instance
        (EC2 User Guide, "Amazon EC2 managed instances"); AWS's examples are for an ordinary instance,
        so their replays run with the emulator's switch at ``allow``.
        """
        before = self.emulator.behaviour.managed_instance_ec2_changes
        self.emulator.set_behaviour(managed_instance_ec2_changes="allow")
        try:
            yield
        finally:
            self.emulator.set_behaviour(managed_instance_ec2_changes=before)


#: What a setup returns: each value an example names (its ids, and values the emulator cannot have,
#: each with a comment) → the emulator's value in its place.
Names = dict[str, str]
#: A check of what the replayed call did (beyond its answer): the stage, the answer and the names.
Check = Callable[[Stage, dict[str, Any], Names], None]


@dataclass(frozen=True)
class Replay:
    """How one example is replayed: what it needs made, and what of its answer EC2 makes up."""

    setup: Callable[[Stage], Names]
    #: Member paths (``Volumes[].CreateTime``) whose values EC2 makes up: only their kind is compared.
    generated: frozenset[str] = frozenset()
    #: A check of the call's effect, or of an answer the example does not show.
    check: Check | None = None
    #: The call changes an EC2 instance's settings (see ``Stage.allowing_instance_changes``).
    changes_instance: bool = False
    #: Makes a private emulator the replay needs instead of the shared one (other timings).
    private: Callable[[], Emulator] | None = None


def _described_ids(answer: dict[str, Any]) -> list[str]:
    if "Reservations" in answer:
        return [i["InstanceId"] for r in answer["Reservations"] for i in r["Instances"]]
    return [v["VolumeId"] for v in answer["Volumes"]]


def _answers_only(*names: str) -> Check:
    """A check that the answer describes exactly the resources the example named ``names``."""

    def check(stage: Stage, answer: dict[str, Any], substituted: Names) -> None:
        assert sorted(_described_ids(answer)) == sorted(substituted[n] for n in names)

    return check


def _state_is(*states: str) -> Check:
    """A check that the instance the example named is in one of ``states`` after the call."""

    def check(stage: Stage, answer: dict[str, Any], substituted: Names) -> None:
        assert stage.instance(substituted[_EXAMPLE_INSTANCE])["State"]["Name"] in states

    return check


_EXAMPLE_INSTANCE = "i-1234567890abcdef0"
_EXAMPLE_ROOT = "vol-049df61146c4d7901"
_EXAMPLE_DATA = "vol-1234567890abcdef0"
# The example's volume: the root device /dev/sda1, 8 GiB of type standard, in us-east-1a.
_STANDARD_ROOT = [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 8, "VolumeType": "standard"}}]
_VOLUME_TIMES = frozenset({"Volumes[].CreateTime", "Volumes[].Attachments[].AttachTime"})


def _one_desktop(**managed: Any) -> Callable[[Stage], Names]:
    def setup(stage: Stage) -> Names:
        return {_EXAMPLE_INSTANCE: stage.desktop(**managed)}

    return setup


def _stopped_desktop(**managed: Any) -> Callable[[Stage], Names]:
    def setup(stage: Stage) -> Names:
        return {_EXAMPLE_INSTANCE: stage.stopped(stage.desktop(**managed))}

    return setup


def _all_volumes(stage: Stage) -> Names:
    instance = stage.desktop(BlockDeviceMappings=_STANDARD_ROOT)
    return {_EXAMPLE_INSTANCE: instance, _EXAMPLE_ROOT: stage.root_volume(instance)}


def _volumes_of_an_instance(stage: Stage) -> Names:
    names = _all_volumes(stage)
    # Left out by the filters: a volume associated later (no delete-on-termination), another
    # desktop's root volume.
    stage.attach(stage.volume(), names[_EXAMPLE_INSTANCE], "/dev/sdf")
    stage.desktop()
    return names


def _one_of_two_desktops(stage: Stage) -> Names:
    names = {_EXAMPLE_INSTANCE: stage.desktop()}
    stage.desktop()
    return names


def _a_t2_micro(stage: Stage) -> Names:
    # The catalogue offers no t2.micro to WorkSpaces Instances: the desktop becomes one by a type
    # change, which AWS would refuse on a managed instance (hence the switch, for the setup only).
    instance = stage.stopped(stage.desktop())
    with stage.allowing_instance_changes():
        stage.ec2.modify_instance_attribute(InstanceId=instance, InstanceType={"Value": "t2.micro"})
    stage.ec2.start_instances(InstanceIds=[instance])
    stage.desktop(instance_type="m5.large")
    return {_EXAMPLE_INSTANCE: instance}


def _tagged_purpose_test(stage: Stage) -> Names:
    def tagged(value: str) -> list[dict[str, Any]]:
        return [{"ResourceType": "instance", "Tags": [{"Key": "Purpose", "Value": value}]}]

    names = {_EXAMPLE_INSTANCE: stage.desktop(TagSpecifications=tagged("test"))}
    stage.desktop(TagSpecifications=tagged("production"))
    return names


def _no_resource(stage: Stage) -> Names:
    return {}


def _check_t2_micro(stage: Stage, answer: dict[str, Any], substituted: Names) -> None:
    _answers_only(_EXAMPLE_INSTANCE)(stage, answer, substituted)
    assert answer["Reservations"][0]["Instances"][0]["InstanceType"] == "t2.micro"


def _check_type_changed(stage: Stage, answer: dict[str, Any], substituted: Names) -> None:
    assert stage.instance(substituted[_EXAMPLE_INSTANCE])["InstanceType"] == "m5.large"


#: How each of botocore's examples is replayed, by (operation, example id). DescribeImages' runs once
#: the emulator serves DescribeImages (``EC2_HANDLERS``); until then it is not a case.
BOTOCORE_REPLAYS: dict[tuple[str, str], Replay] = {
    ("DescribeVolumes", "to-describe-all-volumes-1472506358883"): Replay(
        _all_volumes, generated=_VOLUME_TIMES | {"Volumes[].SnapshotId"}
    ),
    ("DescribeVolumes", "to-describe-volumes-that-are-attached-to-a-specific-instance-1472506613578"): Replay(
        _volumes_of_an_instance,
        generated=_VOLUME_TIMES | {"Volumes[].SnapshotId"},
        check=_answers_only(_EXAMPLE_ROOT),
    ),
    ("DescribeInstances", "to-describe-an-amazon-ec2-instance-1529025982172"): Replay(
        _one_of_two_desktops, check=_answers_only(_EXAMPLE_INSTANCE)
    ),
    ("DescribeInstances", "to-describe-the-instances-with-the-instance-type-t2micro-1529026147602"): Replay(
        _a_t2_micro, check=_check_t2_micro
    ),
    ("DescribeInstances", "to-describe-the-instances-with-a-specific-tag-1529026251928"): Replay(
        _tagged_purpose_test, check=_answers_only(_EXAMPLE_INSTANCE)
    ),
    ("StopInstances", "to-stop-a-running-ec2-instance-1529358905540"): Replay(
        _one_desktop(), check=_state_is("stopping", "stopped")
    ),
    ("StartInstances", "to-start-a-stopped-ec2-instance-1529358792730"): Replay(
        _stopped_desktop(), check=_state_is("pending", "running")
    ),
    ("ModifyInstanceAttribute", "to-modify-the-instance-type-1529357844378"): Replay(
        # Launched as another type, so the change shows.
        _stopped_desktop(instance_type="m5.xlarge"),
        check=_check_type_changed,
        changes_instance=True,
    ),
    ("ModifyInstanceAttribute", "to-enable-enhanced-networking-1529358279870"): Replay(
        _stopped_desktop(), changes_instance=True
    ),
    ("CreateTags", "ec2-create-tags-1"): Replay(_no_resource),
    ("DeleteTags", "ec2-delete-tags-1"): Replay(_no_resource),
    ("DescribeImages", "to-describe-an-ami-1529025482866"): Replay(
        # The example's image stands for one of the catalogue's: a Windows AMI, whose root is /dev/sda1.
        lambda stage: {"ami-5731123e": WINDOWS_AMI},
        generated=frozenset(
            {
                # What the example's own image is: its name, where it came from, its root snapshot and
                # volume, and its (old, paravirtual) virtualization.
                "Images[].Description",
                "Images[].Name",
                "Images[].ImageLocation",
                "Images[].OwnerId",
                "Images[].VirtualizationType",
                "Images[].BlockDeviceMappings[].Ebs.SnapshotId",
                "Images[].BlockDeviceMappings[].Ebs.VolumeSize",
                "Images[].BlockDeviceMappings[].Ebs.VolumeType",
            }
        ),
    ),
}


# --- comparing an answer with the example's ---------------------------------------------------------

_ID = re.compile(r"([a-z]+(?:-[a-z]+)*)-[0-9a-f]{8,17}")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
# Members that name the items of a list, to pair the example's items with the answer's.
_ITEM_KEYS = ("VolumeId", "InstanceId", "ImageId", "DeviceName", "Key")


def _substituted(value: Any, names: Names) -> Any:
    """``value`` with every string the example names replaced by the emulator's."""
    if isinstance(value, dict):
        return {k: _substituted(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_substituted(v, names) for v in value]
    if isinstance(value, str):
        return names.get(value, value)
    return value


def _same_kind(expected: Any, actual: Any) -> bool:
    """Whether a made-up value is of the example's kind: an id of the same prefix, a time, a type."""
    if expected == GENERATED:
        return actual is not None
    if isinstance(expected, str) and _TIME.match(expected):
        return isinstance(actual, datetime)
    if isinstance(expected, str) and (match := _ID.fullmatch(expected)):
        return isinstance(actual, str) and actual.startswith(match.group(1) + "-")
    return type(actual) is type(expected)


@dataclass
class Comparison:
    """The differences between an example's answer and the emulator's, all collected before failing."""

    operation: str
    generated: frozenset[str]
    problems: list[str] = field(default_factory=list)

    def compare(self, expected: Any, actual: Any, path: str = "") -> None:
        """Note every difference below ``path``."""
        if isinstance(expected, dict):
            self._members(expected, actual, path)
        elif isinstance(expected, list):
            self._items(expected, actual, path)
        elif path in self.generated or expected == GENERATED:
            if not _same_kind(expected, actual):
                self.problems.append(f"{path}: {actual!r} is not of the example's kind ({expected!r})")
        elif expected != actual:
            self.problems.append(f"{path}: the example has {expected!r}, the emulator {actual!r}")

    def _members(self, expected: dict[str, Any], actual: Any, path: str) -> None:
        if not isinstance(actual, dict):
            self.problems.append(f"{path}: a structure in the example, {actual!r} here")
            return
        for name, value in expected.items():
            member = f"{path}.{name}" if path else name
            reason = NOT_MODELLED.get((self.operation, member))
            if reason is not None:
                if name in actual:
                    self.problems.append(f"{member}: listed in NOT_MODELLED ({reason}) but answered")
            elif name not in actual:
                self.problems.append(f"{member}: missing (the example has {value!r})")
            else:
                self.compare(value, actual[name], member)

    def _items(self, expected: list[Any], actual: Any, path: str) -> None:
        if not isinstance(actual, list) or len(actual) != len(expected):
            self.problems.append(f"{path}: {len(expected)} items in the example, here {actual!r}")
            return
        key = self._item_key(expected, path)
        for index, item in enumerate(expected):
            if key is None:
                other = actual[index]
            else:
                matching = [a for a in actual if isinstance(a, dict) and a.get(key) == item[key]]
                if len(matching) != 1:
                    self.problems.append(f"{path}[]: no one item with {key} {item[key]!r} in {actual!r}")
                    continue
                other = matching[0]
            self.compare(item, other, f"{path}[]")

    def _item_key(self, expected: list[Any], path: str) -> str | None:
        """The member that names the items (when every item has it and EC2 does not make it up)."""
        for key in _ITEM_KEYS:
            if all(
                isinstance(item, dict) and key in item and item[key] != GENERATED for item in expected
            ) and (f"{path}[].{key}" not in self.generated):
                return key
        return None


def _no_output_members(operation: str) -> bool:
    shape = ec2_model().operation_model(operation).output_shape
    return shape is None or not shape.members


def replay(
    emu: Emulator,
    operation: str,
    source: str,
    request: dict[str, Any],
    answer: dict[str, Any] | None,
    how: Replay,
    refused: tuple[str, str] | None = None,
) -> None:
    """Make what the example names, send its request, and compare the answer (or the refusal)."""
    if how.private is not None:
        with how.private() as private:
            _replay_on(private, operation, source, request, answer, how, refused)
    else:
        _replay_on(emu, operation, source, request, answer, how, refused)


def _replay_on(
    emulator: Emulator,
    operation: str,
    source: str,
    request: dict[str, Any],
    answer: dict[str, Any] | None,
    how: Replay,
    refused: tuple[str, str] | None,
) -> None:
    stage = Stage(emulator, client_for(emulator.endpoint_url), ec2_client_for(emulator.endpoint_url))
    names = how.setup(stage)
    call = getattr(stage.ec2, xform_name(operation))
    sent = _substituted(request, names)
    with stage.allowing_instance_changes() if how.changes_instance else nullcontext():
        if refused is not None:
            code, reason = refused
            with pytest.raises(ClientError) as excinfo:
                call(**sent)
            got = excinfo.value.response["Error"]["Code"]
            assert got == code, f"{source}: refused as {got}, not {code} ({reason})"
            return
        received = call(**sent)
    received.pop("ResponseMetadata", None)
    if answer:
        comparison = Comparison(operation, how.generated)
        comparison.compare(_substituted(answer, names), received)
        assert not comparison.problems, f"{source}:\n" + "\n".join(comparison.problems)
    elif _no_output_members(operation):
        # Its answer has no members in EC2's model; the example shows none either.
        assert received == {}, f"{source}: {received}"
    else:
        assert how.check is not None, f"{source} shows no answer: its replay needs a check of its own"
    if how.check is not None:
        how.check(stage, received, names)


# --- the cases ------------------------------------------------------------------------------------


def _served_botocore_cases() -> list[Any]:
    return [
        pytest.param(operation, example["id"], id=f"{operation}:{example['id']}")
        for operation in EC2_HANDLERS
        for example in botocore_examples().get(operation, [])
        if (operation, example["id"]) in BOTOCORE_REPLAYS
    ]


@pytest.mark.parametrize(("operation", "example_id"), _served_botocore_cases())
def test_botocore_example(emu: Emulator, operation: str, example_id: str) -> None:
    """One of AWS's EC2 examples (botocore's examples-1.json; the operation's EC2 API reference page)."""
    example = botocore_example(operation, example_id)
    source = f"{api_reference(operation)}, {BOTOCORE_EXAMPLES} example {example_id}"
    replay(
        emu,
        operation,
        source,
        example["input"],
        example.get("output"),
        BOTOCORE_REPLAYS[(operation, example_id)],
        REFUSED.get((operation, example_id)),
    )


def test_every_example_of_a_served_action_is_replayed() -> None:
    """A newly served EC2 action brings its examples: each one of botocore's needs a replay."""
    examples = botocore_examples()
    known = {(operation, e["id"]) for operation, listed in examples.items() for e in listed}
    served = {(op, example_id) for op, example_id in known if op in EC2_HANDLERS}
    missing = sorted(served - BOTOCORE_REPLAYS.keys())
    assert not missing, f"examples of served actions without a replay in BOTOCORE_REPLAYS: {missing}"
    # Replays and refusals name examples botocore has (a renamed example would silently go).
    assert BOTOCORE_REPLAYS.keys() <= known, sorted(BOTOCORE_REPLAYS.keys() - known)
    assert REFUSED.keys() <= BOTOCORE_REPLAYS.keys()
    assert {op for op, _ in NOT_MODELLED} <= set(ec2_model().operation_names)
    # Each served action with examples is a case (DescribeVolumesModifications and
    # ModifyInstanceMetadataOptions have none in botocore: the CLI reference's stand in).
    assert {op for op, _ in served} >= {"DescribeVolumes", "DescribeInstances", "StopInstances"}


# --- the CLI reference's examples ---------------------------------------------------------------------

_IMDS_INSTANCE = "i-1234567898abcdef0"


def _imds_desktop(**options: Any) -> Callable[[Stage], Names]:
    def setup(stage: Stage) -> Names:
        return {_IMDS_INSTANCE: stage.desktop(MetadataOptions=options) if options else stage.desktop()}

    return setup


def _imds_applied(stage: Stage, answer: dict[str, Any], substituted: Names) -> None:
    described = stage.instance(substituted[_IMDS_INSTANCE])["MetadataOptions"]
    shown = {k: v for k, v in answer["InstanceMetadataOptions"].items() if k != "State"}
    assert described == {**shown, "State": "applied"}


def _two_named_volumes(stage: Stage) -> Names:
    instance = stage.desktop(
        BlockDeviceMappings=[
            {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 8, "VolumeType": "gp2", "Encrypted": True}}
        ]
    )
    return {
        _EXAMPLE_INSTANCE: instance,
        _EXAMPLE_ROOT: stage.root_volume(instance),
        _EXAMPLE_DATA: stage.volume(size=100, VolumeType="gp2"),
    }


_AVAILABLE_HERE = "available-in-us-east-1a"


def _volumes_by_state_and_zone(stage: Stage) -> Names:
    names = {_AVAILABLE_HERE: stage.volume()}
    stage.volume(zone="us-east-1b")  # available elsewhere
    stage.desktop()  # its root volume is in us-east-1a, in use
    return names


def _volumes_tagged_test(stage: Stage) -> Names:
    names = {
        _EXAMPLE_ROOT: stage.volume(tags={"Name": "Test1"}),
        _EXAMPLE_DATA: stage.volume(tags={"Name": "Test2"}),
    }
    stage.volume(tags={"Name": "Production"})
    stage.volume(tags={"Owner": "Test1"})
    return names


def _optimizing_io1(stage: Stage) -> Names:
    volume = stage.volume(size=100, VolumeType="io1", Iops=100)
    stage.wsi.modify_volume(VolumeId=volume, SizeInGB=150)
    return {_EXAMPLE_DATA: volume}


def _described_instance(stage: Stage) -> Names:
    # Launched as the example's instance shows it: Amazon Linux (root /dev/xvda), a key, an instance
    # profile, a public address, EBS optimized, two threads per core, metadata tags, a DNS A record.
    instance = stage.desktop(
        image=LINUX_AMI,
        instance_type="t3.medium",
        KeyName="my-key-pair",
        IamInstanceProfile={"Arn": "arn:aws:iam::123456789012:instance-profile/desk"},
        NetworkInterfaces=[{"DeviceIndex": 0, "AssociatePublicIpAddress": True}],
        EbsOptimized=True,
        CpuOptions={"CoreCount": 1, "ThreadsPerCore": 2},
        MetadataOptions={"InstanceMetadataTags": "enabled"},
        PrivateDnsNameOptions={"EnableResourceNameDnsARecord": True},
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "my-instance"}]}],
    )
    # The catalogue offers no t3.nano (the example's type); the desktop is a t3.medium.
    return {_EXAMPLE_INSTANCE: instance, "t3.nano": "t3.medium"}


_TEAM_OWNED, _TEAM_TAGGED, _OWNED_ELSEWHERE = (
    "m5.large owned by my-team",
    "tagged my-team",
    "owned by another",
)


def _instances_by_type_and_tags(stage: Stage) -> Names:
    def tagged(key: str, value: str) -> list[dict[str, Any]]:
        return [{"ResourceType": "instance", "Tags": [{"Key": key, "Value": value}]}]

    return {
        _TEAM_OWNED: stage.desktop(instance_type="m5.large", TagSpecifications=tagged("Owner", "my-team")),
        _TEAM_TAGGED: stage.desktop(instance_type="t3.medium", TagSpecifications=tagged("Team", "my-team")),
        _OWNED_ELSEWHERE: stage.desktop(instance_type="t3.medium", TagSpecifications=tagged("Owner", "ops")),
    }


def _check_available_here(stage: Stage, answer: dict[str, Any], substituted: Names) -> None:
    _answers_only(_AVAILABLE_HERE)(stage, answer, substituted)
    (volume,) = answer["Volumes"]
    assert (volume["State"], volume["AvailabilityZone"]) == ("available", "us-east-1a")


#: How each CLI example is replayed, by its case id.
CLI_REPLAYS: dict[str, Replay] = {
    "ModifyInstanceMetadataOptions:cli-modify-instance-metadata-options-1": Replay(
        _imds_desktop(), check=_imds_applied, changes_instance=True
    ),
    # Examples 2 and 3 answer IMDSv2 required without asking for it: their instance had it already.
    "ModifyInstanceMetadataOptions:cli-modify-instance-metadata-options-2": Replay(
        _imds_desktop(HttpTokens="required"), check=_imds_applied, changes_instance=True
    ),
    "ModifyInstanceMetadataOptions:cli-modify-instance-metadata-options-3": Replay(
        _imds_desktop(HttpTokens="required"), check=_imds_applied, changes_instance=True
    ),
    "StopInstances:cli-stop-instances-1": Replay(_one_desktop(), check=_state_is("stopping", "stopped")),
    # Hibernation needs an instance launched for it, as the example's is.
    "StopInstances:cli-stop-instances-2": Replay(
        _one_desktop(HibernationOptions={"Configured": True}), check=_state_is("stopping", "stopped")
    ),
    "StartInstances:cli-start-instances-1": Replay(_stopped_desktop(), check=_state_is("pending", "running")),
    "DescribeVolumes:cli-describe-volumes-1": Replay(_two_named_volumes),
    "DescribeVolumes:cli-describe-volumes-3": Replay(_volumes_by_state_and_zone, check=_check_available_here),
    "DescribeVolumes:cli-describe-volumes-4": Replay(
        _volumes_tagged_test, check=_answers_only(_EXAMPLE_ROOT, _EXAMPLE_DATA)
    ),
    # Straight to optimizing, and there for long: the example catches the modification in that state.
    "DescribeVolumesModifications:cli-describe-volumes-modifications-1": Replay(
        _optimizing_io1,
        private=lambda: Emulator(volume_modifying_seconds=0.0, volume_optimizing_seconds=600.0),
    ),
    "DescribeInstances:cli-describe-instances-1": Replay(_described_instance),
    "DescribeInstances:cli-describe-instances-2": Replay(
        _instances_by_type_and_tags, check=_answers_only(_TEAM_OWNED)
    ),
    "DescribeInstances:cli-describe-instances-5": Replay(
        _instances_by_type_and_tags, check=_answers_only(_TEAM_OWNED, _OWNED_ELSEWHERE)
    ),
    "DescribeInstances:cli-describe-instances-6": Replay(
        _instances_by_type_and_tags, check=_answers_only(_TEAM_OWNED, _TEAM_TAGGED)
    ),
    "DescribeInstances:cli-describe-instances-7": Replay(
        _instances_by_type_and_tags, check=_answers_only(_TEAM_OWNED)
    ),
}


def test_every_cli_example_has_a_replay() -> None:
    """The CLI facts and their replays go together (none recorded without a replay, none the other way)."""
    assert {e.case_id for e in CLI_EXAMPLES} == CLI_REPLAYS.keys()
    assert {e.operation for e in CLI_EXAMPLES} <= set(ec2_model().operation_names)


@pytest.mark.parametrize(
    "example",
    [pytest.param(e, id=e.case_id) for e in CLI_EXAMPLES if e.operation in EC2_HANDLERS],
)
def test_cli_example(emu: Emulator, example: CliExample) -> None:
    """One of the AWS CLI reference's EC2 examples (its page and aws-cli file: ``example.source``)."""
    replay(
        emu,
        example.operation,
        f"{example.page} example {example.number} ({example.source})",
        example.request,
        example.answer,
        CLI_REPLAYS[example.case_id],
    )


# --- the tag examples, on what the emulator tags ---------------------------------------------------


@pytest.mark.parametrize("kind", ["volume", "instance"])
@pytest.mark.parametrize(
    ("operation", "example_id"),
    [case for case in _served_botocore_cases() if case.values[0] in ("CreateTags", "DeleteTags")],
)
def test_tag_examples_on_what_the_emulator_tags(
    emu: Emulator, operation: str, example_id: str, kind: str
) -> None:
    """botocore's CreateTags/DeleteTags examples, their AMI replaced by a volume or an EC2 instance.

    CreateTags adds the tag or overwrites the key's value; DeleteTags removes a tag given with its
    value only when the value matches (the examples' descriptions on the EC2 API reference pages).
    """
    stage = Stage(emu, client_for(emu.endpoint_url), ec2_client_for(emu.endpoint_url))
    example = botocore_example(operation, example_id)
    (image,) = example["input"]["Resources"]
    (tag,) = example["input"]["Tags"]
    resource = stage.volume() if kind == "volume" else stage.desktop()
    other = {"Key": "Owner", "Value": "desktops"}
    stage.ec2.create_tags(Resources=[resource], Tags=[{"Key": tag["Key"], "Value": "before"}, other])
    if operation == "DeleteTags":
        # The example's value: the tag goes. Another value first: it stays.
        stage.ec2.delete_tags(Resources=[resource], Tags=[{"Key": tag["Key"], "Value": "not-before"}])
        assert stage.tags(resource)[tag["Key"]] == "before"
        stage.ec2.create_tags(Resources=[resource], Tags=[tag])

    answer = getattr(stage.ec2, xform_name(operation))(**_substituted(example["input"], {image: resource}))

    answer.pop("ResponseMetadata")
    assert answer == {}
    expected = {other["Key"]: other["Value"]}
    if operation == "CreateTags":
        expected[tag["Key"]] = tag["Value"]
    assert stage.tags(resource) == expected
