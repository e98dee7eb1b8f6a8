"""Volume create → read → modify in place → delete, called on the provider against the emulator over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.workspaces_instances.context import EBS_MODIFICATIONS_PER_WINDOW
from pulumi_workspaces_instances.provider.aws import ec2, waiter
from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from pulumi_workspaces_instances.provider.volumes import state as vs
from tests.conftest import EmulatorFactory
from toolchain.environment import TEST_REGION

pytestmark = pytest.mark.usefixtures("fast_polling")

Props = dict[str, Any]
IDENTITY = "organization/project/stack::data"
SEED = "0123456789abcdef0123456789abcdef"


def volume_inputs(**overrides: Any) -> Props:
    """Inputs as the host passes them to check (with ``__provider``, identity and seed)."""
    props: Props = {
        "__provider": "serialized-provider",
        "__identity": IDENTITY,
        "__seed": SEED,
        "availability_zone": "us-east-1a",
        "size_in_gb": 20.0,
        "volume_type": "gp3",
    }
    props.update(overrides)
    return {key: value for key, value in props.items() if value is not None}


def create_volume(provider: VolumeProvider, **overrides: Any) -> tuple[str, Props]:
    """check + create, as the engine runs them; returns (id, outputs)."""
    checked = provider.check({}, volume_inputs(**overrides))
    assert not checked.failures, [failure.reason for failure in checked.failures]
    result = provider.create({**checked.inputs, "__provider": "serialized-provider"})
    assert result.outs is not None
    return str(result.id), dict(result.outs)


def modify(provider: VolumeProvider, volume_id: str, outs: Props, **changes: Any) -> Props:
    """check + diff + update, as the engine runs them, for the program ``volume_inputs(**changes)``."""
    checked = provider.check(vs.volume_inputs_from_outputs(outs), volume_inputs(**changes))
    assert not checked.failures, [failure.reason for failure in checked.failures]
    assert provider.diff(volume_id, outs, checked.inputs).changes
    return dict(provider.update(volume_id, outs, checked.inputs).outs or {})


def operations(emulator: Emulator) -> list[str]:
    return [str(call["operation"]) for call in emulator.calls()]


PacedEmulator = Callable[..., Emulator]


@pytest.fixture
def paced_emulator(aws_env: Emulator, aimed_emulator: EmulatorFactory) -> PacedEmulator:
    """Start an emulator with the given modification timings and daily ration, and aim boto3 at it."""

    def factory(
        modifying: float = 0.3, optimizing: float = 0.3, per_day: int = EBS_MODIFICATIONS_PER_WINDOW
    ) -> Emulator:
        return aimed_emulator(
            0.2,
            volume_modifying_seconds=modifying,
            volume_optimizing_seconds=optimizing,
            volume_modifications_per_window=per_day,
        )

    return factory


def paced_clients() -> tuple[WorkspacesInstancesClient, Any]:
    """Plain clients for whatever emulator the environment now names."""
    return boto3.client("workspaces-instances", region_name=TEST_REGION), boto3.client(
        "ec2", region_name=TEST_REGION
    )


# --- create -------------------------------------------------------------------------------------


def test_create_waits_for_the_volume_and_reports_what_ec2_shows(
    volumes: VolumeProvider, ec2_client: Any, aws_env: Emulator
) -> None:
    volume_id, outs = create_volume(volumes, tags={"team": "desks"})

    live = ec2_client.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]
    assert live["State"] == "available" and live["Size"] == 20
    assert live["Tags"] == [{"Key": "team", "Value": "desks"}]
    assert outs["volume_id"] == volume_id and outs["state"] == "available"
    assert (outs["size_in_gb"], outs["volume_type"]) == (20, "gp3")
    # Never declared, shown as EC2 reports them (gp3's baselines).
    assert (outs["iops"], outs["throughput"]) == (3000, 125)
    assert outs["attachments"] == [] and outs["region"] == TEST_REGION and outs["tags"] == {"team": "desks"}
    calls = operations(aws_env)
    assert calls.count("CreateVolume") == 1
    # Besides the create: EC2 reads, and check's once-per-process probe of WorkSpaces Instances.
    assert set(calls) - {"ListInstanceTypes"} == {"CreateVolume", "DescribeVolumes"}


def test_encryption_and_the_kms_key_reach_the_volume(volumes: VolumeProvider, ec2_client: Any) -> None:
    volume_id, outs = create_volume(volumes, encrypted=True, kms_key_id="alias/desks")

    live = ec2_client.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]
    assert live["Encrypted"] is True and live["KmsKeyId"] == "alias/desks"
    assert outs["kms_key_id"] == "alias/desks", "as declared: EC2's ARN would look like a change"


def test_a_resumed_create_adopts_the_volume_its_token_made(
    volumes: VolumeProvider, ec2_client: Any, aws_env: Emulator
) -> None:
    first, _ = create_volume(volumes)
    again, _ = create_volume(volumes)  # the engine lost the first answer and creates again

    assert again == first
    assert operations(aws_env).count("CreateVolume") == 2
    assert [v["VolumeId"] for v in ec2_client.describe_volumes()["Volumes"]] == [first]


def test_identical_resources_of_other_stacks_get_their_own_volumes(volumes: VolumeProvider) -> None:
    mine, _ = create_volume(volumes)
    theirs, _ = create_volume(volumes, __seed="another-stacks-seed")

    assert mine != theirs


@pytest.mark.usefixtures("short_grace")  # EC2 no longer knows the first volume: wait only briefly
def test_a_token_whose_volume_was_deleted_makes_a_new_one(
    volumes: VolumeProvider, wsi_client: WorkspacesInstancesClient, ec2_client: Any
) -> None:
    first, outs = create_volume(volumes)
    wsi_client.delete_volume(VolumeId=first)  # deleted outside Pulumi: EC2 no longer knows it

    second, _ = create_volume(volumes)
    volumes.delete(second, outs)  # deleted by the provider
    third, _ = create_volume(volumes)

    assert len({first, second, third}) == 3
    assert [v["VolumeId"] for v in ec2_client.describe_volumes()["Volumes"]] == [third]


@pytest.mark.usefixtures("short_grace")
def test_a_user_token_of_a_deleted_volume_is_refused_naming_it(
    volumes: VolumeProvider, wsi_client: WorkspacesInstancesClient
) -> None:
    first, _ = create_volume(volumes, client_token="my-token-1")
    wsi_client.delete_volume(VolumeId=first)

    with pytest.raises(WorkspaceInstanceError) as raised:
        create_volume(volumes, client_token="my-token-1")
    assert str(raised.value) == (
        f"client_token: this token already created {first}, which is deleted; set a new client_token "
        "(or remove it) to create another volume"
    )


def test_a_user_token_reused_with_other_settings_says_to_change_it(volumes: VolumeProvider) -> None:
    create_volume(volumes, client_token="my-token-2")

    with pytest.raises(WorkspaceInstanceError) as raised:
        create_volume(volumes, client_token="my-token-2", size_in_gb=30.0)
    message = str(raised.value)
    assert message.startswith("CreateVolume failed: ConflictException: ")
    assert message.endswith(
        "; client_token already made a volume with other settings: set a new client_token"
    )


def test_a_service_refusal_is_one_line(volumes: VolumeProvider) -> None:
    with pytest.raises(WorkspaceInstanceError) as raised:
        create_volume(volumes, availability_zone="us-east-1-nowhere-1a")

    message = str(raised.value)
    assert message.startswith("CreateVolume failed: ValidationException: ")
    assert "\n" not in message


# --- read ---------------------------------------------------------------------------------------


def test_read_without_drift_gives_back_the_declared_inputs(volumes: VolumeProvider) -> None:
    volume_id, outs = create_volume(volumes)

    result = volumes.read(volume_id, outs)

    assert result.id == volume_id and result.outs == outs
    assert result.inputs is not None
    assert {key: result.inputs.get(key) for key in ("size_in_gb", "volume_type", "iops")} == {
        "size_in_gb": 20,
        "volume_type": "gp3",
        "iops": None,
    }
    assert not volumes.diff(volume_id, outs, volumes.check({}, volume_inputs()).inputs).changes


def test_read_shows_drift_made_outside_pulumi(paced_emulator: PacedEmulator, fast_polling: None) -> None:
    paced_emulator(modifying=0.0, optimizing=0.0)
    volumes = VolumeProvider()
    volume_id, outs = create_volume(volumes)
    wsi, _ = paced_clients()
    wsi.modify_volume(VolumeId=volume_id, SizeInGB=50, VolumeType="io2", Iops=4000)

    result = volumes.read(volume_id, outs)

    assert result.outs is not None and result.inputs is not None
    assert (result.outs["size_in_gb"], result.outs["volume_type"], result.outs["iops"]) == (50, "io2", 4000)
    assert (result.inputs["size_in_gb"], result.inputs["volume_type"]) == (50, "io2")
    # The program still says 20 GiB: the next preview refuses to shrink it, naming the live size.
    refused = volumes.check(result.inputs, volume_inputs())
    assert [failure.reason for failure in refused.failures] == [
        "size_in_gb: the volume is 50 GiB and EBS volumes cannot shrink; set size_in_gb to 50 or more "
        "(not 20), or replace the volume (`pulumi up --replace` "
        "with the volume's URN, which `pulumi stack --show-urns` lists; its data is lost)"
    ]


def test_read_drops_a_volume_deleted_outside_pulumi(
    volumes: VolumeProvider, wsi_client: WorkspacesInstancesClient
) -> None:
    volume_id, outs = create_volume(volumes)
    wsi_client.delete_volume(VolumeId=volume_id)

    assert volumes.read(volume_id, outs).id == ""


def test_ec2_access_denied_names_the_ec2_permission(volumes: VolumeProvider, aws_env: Emulator) -> None:
    volume_id, outs = create_volume(volumes)
    aws_env.add_faults(
        [{"operation": "DescribeVolumes", "action": "error", "error": "UnauthorizedOperation", "status": 403}]
    )

    with pytest.raises(WorkspaceInstanceError) as raised:
        volumes.read(volume_id, outs)
    message = str(raised.value)
    assert message.startswith(f"DescribeVolumes failed for {volume_id}: UnauthorizedOperation: ")
    assert message.endswith("(the credentials need the IAM action ec2:DescribeVolumes)")


# --- update -------------------------------------------------------------------------------------


def test_size_and_type_change_in_place_waiting_as_ebs_requires(
    paced_emulator: PacedEmulator, fast_polling: None
) -> None:
    emulator = paced_emulator(modifying=0.4, optimizing=0.4)
    volumes = VolumeProvider()
    volume_id, outs = create_volume(volumes, size_in_gb=20.0, volume_type="gp2")
    wsi, ec2_raw = paced_clients()
    # Someone else's modification is still going on: EBS takes one at a time.
    wsi.modify_volume(VolumeId=volume_id, SizeInGB=30)

    updated = modify(volumes, volume_id, outs, size_in_gb=40.0, volume_type="gp3")

    latest = ec2_raw.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"][0]
    assert (latest["TargetSize"], latest["TargetVolumeType"]) == (40, "gp3")
    assert latest["ModificationState"] in ("optimizing", "completed")
    assert updated["volume_id"] == volume_id
    assert (updated["size_in_gb"], updated["volume_type"]) == (40, "gp3")
    calls = operations(emulator)
    assert calls.count("ModifyVolume") == 2 and "CreateVolume" in calls and "DeleteVolume" not in calls
    ours = len(calls) - 1 - calls[::-1].index("ModifyVolume")
    assert "DescribeVolumesModifications" in calls[:ours], "the previous modification was waited for"


def test_only_timeouts_changed_makes_no_aws_call(volumes: VolumeProvider, aws_env: Emulator) -> None:
    volume_id, outs = create_volume(volumes)
    before = len(aws_env.calls())

    checked = volumes.check({}, volume_inputs(timeouts={"update": "1h"}))
    result = volumes.update(volume_id, outs, checked.inputs)

    assert result.outs is not None and result.outs["timeouts"] == {"update": "1h"}
    assert result.outs["size_in_gb"] == 20 and result.outs["state"] == "available"
    assert len(aws_env.calls()) == before


def test_tags_change_in_place_on_the_same_volume(
    volumes: VolumeProvider, aws_env: Emulator, ec2_client: Any
) -> None:
    volume_id, outs = create_volume(volumes, tags={"team": "desks", "cost-center": "cc-100"})
    before = len(aws_env.calls())

    result = modify(volumes, volume_id, outs, tags={"team": "desks", "owner": "ana"})

    [live] = ec2_client.describe_volumes(VolumeIds=[volume_id])["Volumes"]
    assert {tag["Key"]: tag["Value"] for tag in live["Tags"]} == {"team": "desks", "owner": "ana"}
    assert result["tags"] == {"team": "desks", "owner": "ana"} and result["volume_id"] == volume_id
    calls = [(call["operation"], call["params"]) for call in aws_env.calls()[before:]]
    changes = [(operation, params) for operation, params in calls if operation != "DescribeVolumes"]
    assert [operation for operation, _ in changes] == ["DeleteTags", "CreateTags"], calls
    # Only what differs: the removed key, then the new one (team is left alone).
    assert "cost-center" in str(changes[0][1]) and "owner" in str(changes[1][1])
    assert "team" not in str(changes[0][1]) + str(changes[1][1])

    refreshed = volumes.read(volume_id, result)
    assert refreshed.inputs is not None and refreshed.inputs["tags"] == {"team": "desks", "owner": "ana"}


def test_tags_changed_outside_pulumi_show_as_drift_and_converge_in_place(
    volumes: VolumeProvider, ec2_client: Any
) -> None:
    volume_id, outs = create_volume(volumes, tags={"team": "desks"})
    ec2_client.create_tags(Resources=[volume_id], Tags=[{"Key": "team", "Value": "someone-else"}])

    refreshed = volumes.read(volume_id, outs)
    assert refreshed.outs is not None and refreshed.outs["tags"] == {"team": "someone-else"}
    checked = volumes.check(refreshed.inputs or {}, volume_inputs(tags={"team": "desks"}))
    diff = volumes.diff(volume_id, refreshed.outs, checked.inputs)
    assert diff.changes and not diff.replaces
    volumes.update(volume_id, refreshed.outs, checked.inputs)
    [live] = ec2_client.describe_volumes(VolumeIds=[volume_id])["Volumes"]
    assert live["Tags"] == [{"Key": "team", "Value": "desks"}]


def test_a_second_modification_too_soon_is_one_line_saying_what_to_do(
    paced_emulator: PacedEmulator, fast_polling: None
) -> None:
    # One modification a day: the second, though the first has completed, is past EBS's rate rule.
    paced_emulator(modifying=0.0, optimizing=0.0, per_day=1)
    volumes = VolumeProvider()
    volume_id, outs = create_volume(volumes)
    grown = modify(volumes, volume_id, outs, size_in_gb=30.0)

    with pytest.raises(WorkspaceInstanceError) as raised:
        modify(volumes, volume_id, grown, size_in_gb=40.0)
    message = str(raised.value)
    assert message.startswith(
        f"ModifyVolume failed for {volume_id}: VolumeModificationRateExceededException: "
    )
    assert message.endswith(
        "EBS modifies a volume one change at a time and at most four times in a rolling 24 hours: run "
        "`pulumi up` again once the previous change has completed or the time the message names has passed "
        "(the volume keeps its current size and type until then)"
    )
    assert "\n" not in message


def test_waiting_for_the_new_modification_is_bounded(
    paced_emulator: PacedEmulator, fast_polling: None
) -> None:
    paced_emulator(modifying=30.0, optimizing=1.0)
    volumes = VolumeProvider()
    volume_id, outs = create_volume(volumes)

    with pytest.raises(WorkspaceInstanceError) as raised:
        modify(volumes, volume_id, outs, size_in_gb=30.0, timeouts={"update": "0.5s"})
    assert str(raised.value) == (
        f"ModifyVolume: the modification of {volume_id} was still modifying after 0.5s (timeouts.update); "
        "it goes on in AWS: run `pulumi refresh` later to read the result, or raise timeouts.update"
    )


def test_waiting_for_the_previous_modification_is_bounded(
    paced_emulator: PacedEmulator, fast_polling: None
) -> None:
    paced_emulator(modifying=30.0, optimizing=1.0)
    volumes = VolumeProvider()
    volume_id, outs = create_volume(volumes)
    wsi, _ = paced_clients()
    wsi.modify_volume(VolumeId=volume_id, SizeInGB=25)

    with pytest.raises(WorkspaceInstanceError) as raised:
        modify(volumes, volume_id, outs, size_in_gb=30.0, timeouts={"update": "0.5s"})
    message = str(raised.value)
    assert message.startswith(f"ModifyVolume: the previous modification of {volume_id} was still modifying (")
    assert message.endswith(
        "after 0.5s (timeouts.update); EBS modifies a volume one change at a time: run `pulumi up` again "
        "once it has completed, or raise timeouts.update"
    )


# --- delete -------------------------------------------------------------------------------------


def test_delete_waits_until_ec2_no_longer_shows_it(volumes: VolumeProvider, ec2_client: Any) -> None:
    volume_id, outs = create_volume(volumes)

    volumes.delete(volume_id, outs)
    volumes.delete(volume_id, outs)  # already gone counts as deleted

    assert ec2.describe_volume(ec2_client, volume_id, waiter.Deadline(10)) is None


def test_delete_refuses_an_attachment_the_stack_does_not_declare(
    volumes: VolumeProvider,
    created: Callable[..., tuple[str, Props]],
    wsi_client: WorkspacesInstancesClient,
    ec2_client: Any,
) -> None:
    instance_id, instance = created()
    volume_id, outs = create_volume(volumes, availability_zone=instance["availability_zone"])
    wsi_client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id, Device="/dev/sdh")

    with pytest.raises(WorkspaceInstanceError) as raised:
        volumes.delete(volume_id, outs)

    ec2_instance = instance["ec2_instance_id"]
    assert str(raised.value) == (
        f"DeleteVolume: {volume_id} is attached to workspace instance {instance_id} (EC2 {ec2_instance}) at "
        "/dev/sdh by something this stack does not declare (no VolumeAttachment of it remains); detach it "
        f"(aws workspaces-instances disassociate-volume --workspace-instance-id {instance_id} --volume-id "
        f"{volume_id}) or declare that attachment, then run the command again"
    )
    assert ec2_client.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["State"] == "in-use"
