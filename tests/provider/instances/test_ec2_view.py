"""The EC2 view of a desktop, called directly on the provider against the emulator's EC2 endpoint.

Create and refresh read DescribeInstances (and the root volume's DescribeVolumes) into outputs;
what contradicts the declared ManagedInstance, and a stopped instance, is one warning line each;
nothing of it reaches read's inputs or diff; when EC2 cannot tell, one warning per run and the
operation goes on.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.instances import ec2_view, state
from pulumi_workspaces_instances.provider.instances.drift import Observed
from pulumi_workspaces_instances.provider.instances.secrets import declares_private_address
from toolchain.environment import TEST_REGION

pytestmark = pytest.mark.usefixtures("fast_polling", "fresh_view")

Props = dict[str, Any]
Create = Callable[..., tuple[str, Props]]
WARNING = "warning: "
#: What the resources of these tests declare beyond the image and type (see tests/provider/conftest.py).
IMAGE_ID = "ami-0a1b2c3d4e5f60001"
DECLARED: Props = {
    "ImageId": IMAGE_ID,
    "InstanceType": "t3.medium",
    "SecurityGroupIds": ["sg-0a1b2c3d4e5f60001"],
    "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2},
    "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 80, "Encrypted": True}}],
}
#: EC2 refusing DescribeInstances for the run (also used by tests/e2e/test_ec2_view.py).
DENIED = {
    "operation": "DescribeInstances",
    "action": "error",
    "error": "UnauthorizedOperation",
    "message": "You are not authorized to perform this operation.",
    "status": 403,
    "times": 10,
}


@pytest.fixture
def fresh_view() -> Iterator[None]:
    """The once-per-run record starts empty in every test (the host process is one run)."""
    ec2_view.forget()
    yield
    ec2_view.forget()


def warnings(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line[len(WARNING) :] for line in capsys.readouterr().err.splitlines() if line.startswith(WARNING)]


def test_create_reads_the_ec2_view_into_outputs(
    created: Create, ec2_client: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _, outs = created(managed_instance=DECLARED)

    (instance,) = ec2_client.describe_instances(InstanceIds=[outs["ec2_instance_id"]])["Reservations"][0][
        "Instances"
    ]
    view = outs[state.EC2_INSTANCE]
    assert view["instance_id"] == outs["ec2_instance_id"]
    assert (view["state"], view["instance_type"], view["image_id"]) == (
        "running",
        "t3.medium",
        DECLARED["ImageId"],
    )
    assert (view["subnet_id"], view["vpc_id"]) == (instance["SubnetId"], instance["VpcId"])
    assert view["security_group_ids"] == ["sg-0a1b2c3d4e5f60001"]
    assert view["metadata_options"]["http_tokens"] == "required"
    assert view["metadata_options"]["http_put_response_hop_limit"] == 2
    assert view["root_volume"]["device_name"] == "/dev/sda1"
    assert (view["root_volume"]["volume_size"], view["root_volume"]["encrypted"]) == (80, True)
    assert view["launch_time"] == instance["LaunchTime"].isoformat()
    assert outs[state.PRIVATE_IP] == instance["PrivateIpAddress"]
    assert (
        outs[state.AVAILABILITY_ZONE]
        == instance["Placement"]["AvailabilityZone"]
        == view["availability_zone"]
    )
    assert outs[state.PUBLIC_IP] is None
    assert warnings(capsys) == [], "an instance as declared is no news"


def test_refresh_reports_each_out_of_band_change_once_and_never_proposes_a_change(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    created: Create,
    ec2_client: Any,
    inputs: Callable[..., Props],
    capsys: pytest.CaptureFixture[str],
) -> None:
    instance_id, outs = created(managed_instance=DECLARED)
    ec2_id = outs["ec2_instance_id"]
    # AWS itself refuses the two Modify* calls on a managed instance: they stand in for drift AWS would cause.
    aws_env.set_behaviour(managed_instance_ec2_changes="allow")
    ec2_client.modify_instance_metadata_options(InstanceId=ec2_id, HttpTokens="optional")
    ec2_client.modify_instance_attribute(InstanceId=ec2_id, Groups=["sg-0ffffffffffffffff"])
    ec2_client.stop_instances(InstanceIds=[ec2_id])
    capsys.readouterr()

    read = provider.read(instance_id, {**outs, "__provider": "p"})

    lines = warnings(capsys)
    subject = f"web ({instance_id})"
    assert len(lines) == 3, lines
    assert lines[0] == (
        f"{subject}: EC2 instance {ec2_id} is stopped, not gone: the desktop stays in the stack; start it "
        f"with `aws ec2 start-instances --instance-ids {ec2_id}` if that was not meant"
    )
    assert lines[1].startswith(
        f"{subject}: managed_instance.SecurityGroupIds differs on EC2 instance {ec2_id}: "
        "declared [sg-0a1b2c3d4e5f60001] → actual [sg-0ffffffffffffffff]; EC2 does not let a managed "
        "instance's settings be changed directly: rebuild the desktop as declared with `pulumi up --replace"
    )
    assert lines[2].startswith(
        f"{subject}: managed_instance.MetadataOptions.HttpTokens differs on EC2 instance {ec2_id}: "
        "declared 'required' → actual 'optional'; EC2 does not let a managed instance's settings be changed "
        "directly: rebuild the desktop as declared"
    )
    # Stopped is not gone; the outputs show what EC2 reports now.
    assert read.id == instance_id and read.outs is not None and read.inputs is not None
    view = read.outs[state.EC2_INSTANCE]
    assert (view["state"], view["security_group_ids"]) == ("stopped", ["sg-0ffffffffffffffff"])
    assert view["metadata_options"]["http_tokens"] == "optional"
    # None of it is an input, and the next diff proposes nothing (no replacement of the desktop).
    assert not set(state.EC2_VIEW_OUTPUTS) & set(read.inputs)
    assert read.inputs["managed_instance"] == outs["managed_instance"]
    diff = provider.diff(instance_id, read.outs, inputs(managed_instance=DECLARED))
    assert (diff.changes, diff.replaces) == (False, [])


def test_access_denied_degrades_to_one_warning_per_run(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    created: Create,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first_id, first = created()
    second_id, second = created(tags={"n": "2"})
    aws_env.add_faults([DENIED])
    calls_before = len(aws_env.calls())
    capsys.readouterr()

    reads = [
        provider.read(i, {**outs, "__provider": "p"}) for i, outs in ((first_id, first), (second_id, second))
    ]

    assert warnings(capsys) == [
        f"EC2 DescribeInstances unavailable in {TEST_REGION} for this run: DescribeInstances failed for "
        f"{first['ec2_instance_id']}: UnauthorizedOperation: You are not authorized to perform this "
        "operation. (the credentials need the IAM action ec2:DescribeInstances); refresh goes on with "
        "what WorkSpaces Instances reports: ec2_instance, private_ip, public_ip and availability_zone "
        "keep their last known values and drift inside the desktops is not checked"
    ]
    # What WorkSpaces Instances said is still read, and the last EC2 view is kept.
    for read, outs in zip(reads, (first, second), strict=True):
        assert read.outs is not None
        assert read.outs["provision_state"] == "ALLOCATED"
        assert read.outs[state.EC2_INSTANCE] == outs[state.EC2_INSTANCE] is not None
        assert read.outs[state.PRIVATE_IP] == outs[state.PRIVATE_IP]
    # Asked once; the second read did not ask again.
    made = [call["operation"] for call in aws_env.calls()[calls_before:]]
    assert made.count("DescribeInstances") == 1


def test_a_create_without_ec2_access_succeeds_with_empty_ec2_outputs(
    aws_env: Emulator, created: Create, capsys: pytest.CaptureFixture[str]
) -> None:
    aws_env.add_faults([DENIED])

    instance_id, outs = created()

    assert outs["provision_state"] == "ALLOCATED" and instance_id.startswith("wsinst-")
    assert all(outs[name] is None for name in state.EC2_VIEW_OUTPUTS)
    (line,) = warnings(capsys)
    assert line.startswith(f"EC2 DescribeInstances unavailable in {TEST_REGION} for this run:")


def test_an_unreachable_ec2_endpoint_warns_and_does_not_hold_refresh(
    provider: WorkspaceInstanceProvider,
    created: Create,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    instance_id, outs = created()
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("AWS_ENDPOINT_URL_EC2", closed)
    monkeypatch.setattr(ec2_view, "VIEW_DEADLINE_SECONDS", 1.0)
    capsys.readouterr()

    started = time.monotonic()
    read = provider.read(instance_id, {**outs, "__provider": "p"})

    assert time.monotonic() - started < 10
    assert read.id == instance_id and read.outs is not None
    assert read.outs[state.EC2_INSTANCE] == outs[state.EC2_INSTANCE]
    (line,) = warnings(capsys)
    assert line.startswith(f"EC2 DescribeInstances unavailable in {TEST_REGION} for this run: ")
    assert "DescribeInstances failed for" in line


def test_an_update_keeps_the_last_ec2_view(
    provider: WorkspaceInstanceProvider, created: Create, inputs: Callable[..., Props]
) -> None:
    instance_id, outs = created()

    result = provider.update(instance_id, outs, inputs(tags={"team": "other"}))

    assert result.outs is not None
    assert {name: result.outs[name] for name in state.EC2_VIEW_OUTPUTS} == {
        name: outs[name] for name in state.EC2_VIEW_OUTPUTS
    }


def test_the_root_volume_details_fall_back_to_the_last_known_ones() -> None:
    instance = {
        "InstanceId": "i-0123456789abcdef0",
        "RootDeviceName": "/dev/sda1",
        "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeId": "vol-1"}}],
    }
    known = ec2_view.view(Observed(instance, {"VolumeId": "vol-1", "Size": 80, "Encrypted": True}))

    again = ec2_view.view(Observed(instance, None), known)

    assert again["root_volume"] == known["root_volume"]
    other = {**instance, "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeId": "vol-2"}}]}
    assert ec2_view.view(Observed(other, None), known)["root_volume"]["volume_size"] is None


def test_the_private_address_is_secret_when_the_program_declares_one() -> None:
    assert declares_private_address({"PrivateIpAddress": "10.0.0.5"})
    assert declares_private_address(
        {"NetworkInterfaces": [{"DeviceIndex": 0, "PrivateIpAddress": "10.0.0.5"}]}
    )
    assert not declares_private_address({"ImageId": "ami-0a1b2c3d4e5f60001", "NetworkInterfaces": [{}]})


def test_an_adopted_desktop_that_differs_from_its_declaration_is_reported_at_create(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = boto3.client("workspaces-instances", region_name=TEST_REGION)
    existing = client.create_workspace_instance(
        ManagedInstance={"ImageId": IMAGE_ID, "InstanceType": "t3.medium"}
    )["WorkspaceInstanceId"]
    deadline = time.monotonic() + 5
    while client.get_workspace_instance(WorkspaceInstanceId=existing)["ProvisionState"] != "ALLOCATED":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    declared = {"ImageId": IMAGE_ID, "InstanceType": "t3.large"}
    checked = provider.check({}, inputs(managed_instance=declared, adopt_id=existing))
    assert checked.failures == [], [f.reason for f in checked.failures]
    capsys.readouterr()

    result = provider.create(checked.inputs)

    assert result.outs is not None
    (line,) = warnings(capsys)
    ec2_id = result.outs["ec2_instance_id"]
    assert line.startswith(
        f"web ({existing}): managed_instance.InstanceType differs on EC2 instance {ec2_id}: "
        "declared 't3.large' → actual 't3.medium'; EC2 does not let a managed instance's settings be "
    )
    assert result.outs[state.EC2_INSTANCE]["instance_type"] == "t3.medium"
    provider.delete(result.id, result.outs)


def test_a_create_makes_the_view_client_while_it_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """prepare() makes the client describe() uses, in the background; failing there is left to describe()."""
    made: list[tuple[str, int | None]] = []
    done = threading.Event()

    def client_for(region: str, *, max_attempts: int | None = None) -> object:
        made.append((region, max_attempts))
        done.set()
        raise RuntimeError("no client here")

    monkeypatch.setattr(ec2_view.ec2, "client_for", client_for)
    ec2_view.prepare(TEST_REGION)  # returns at once, raises nothing
    assert done.wait(10)
    assert made == [(TEST_REGION, ec2_view.VIEW_ATTEMPTS)]
