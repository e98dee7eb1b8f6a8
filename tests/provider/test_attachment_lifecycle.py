"""VolumeAttachment attach → read → detach, called on the provider against the emulator over HTTP."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.attachment_provider import VolumeAttachmentProvider
from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from tests.provider.test_volume_lifecycle import create_volume

pytestmark = pytest.mark.usefixtures("fast_polling")

Props = dict[str, Any]
Instances = Callable[..., tuple[str, Props]]
#: Two zones of the test region: a volume goes in whichever the instance is not in.
ZONES = ("us-east-1a", "us-east-1b")


@pytest.fixture
def attachments(aws_env: Emulator) -> VolumeAttachmentProvider:
    """The provider as the dynamic provider host unpickles it, aimed at the session's emulator."""
    return VolumeAttachmentProvider()


def attach(
    provider: VolumeAttachmentProvider, instance_id: str, volume_id: str, **overrides: Any
) -> tuple[str, Props]:
    """check + create, as the engine runs them; returns (id, outputs)."""
    props = {"workspace_instance_id": instance_id, "volume_id": volume_id, "device": "/dev/sdf", **overrides}
    checked = provider.check({}, {"__provider": "serialized-provider", **props})
    assert not checked.failures, [failure.reason for failure in checked.failures]
    result = provider.create(checked.inputs)
    assert result.outs is not None
    return str(result.id), dict(result.outs)


class Attached(NamedTuple):
    """An instance and a volume made for the test, attached through the provider."""

    instance_id: str
    volume_id: str
    id: str
    outs: Props


@pytest.fixture
def unattached(volumes: VolumeProvider, created: Instances) -> tuple[str, str]:
    """A fresh instance and a fresh volume in its zone, not attached: (instance id, volume id)."""
    instance_id, instance = created()
    volume_id, _ = create_volume(volumes, availability_zone=instance["availability_zone"])
    return instance_id, volume_id


@pytest.fixture
def attached(attachments: VolumeAttachmentProvider, unattached: tuple[str, str]) -> Attached:
    """``unattached``'s pair, attached at /dev/sdf: the start of the read/update/delete tests."""
    instance_id, volume_id = unattached
    attachment_id, outs = attach(attachments, instance_id, volume_id)
    return Attached(instance_id, volume_id, attachment_id, outs)


def attachments_of(ec2_client: Any, volume_id: str) -> list[tuple[str, str, str]]:
    volume = ec2_client.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]
    return [(a["InstanceId"], a["Device"], a["State"]) for a in volume["Attachments"]]


def test_attach_waits_until_ec2_shows_it_and_reports_it(
    attachments: VolumeAttachmentProvider, volumes: VolumeProvider, created: Instances, ec2_client: Any
) -> None:
    instance_id, instance = created()
    volume_id, volume_outs = create_volume(volumes, availability_zone=instance["availability_zone"])

    attachment_id, outs = attach(attachments, instance_id, volume_id)

    ec2_instance = instance["ec2_instance_id"]
    assert attachment_id == f"{instance_id}:{volume_id}"
    assert (outs["ec2_instance_id"], outs["state"], outs["device"]) == (ec2_instance, "attached", "/dev/sdf")
    assert attachments_of(ec2_client, volume_id) == [(ec2_instance, "/dev/sdf", "attached")]
    # The volume's refresh shows where it is attached.
    refreshed = volumes.read(volume_id, volume_outs).outs or {}
    assert refreshed["state"] == "in-use"
    assert refreshed["attachments"] == [
        {"ec2_instance_id": ec2_instance, "device": "/dev/sdf", "state": "attached"}
    ]
    read = attachments.read(attachment_id, outs)
    assert read.id == attachment_id and read.outs == outs


def test_an_import_reads_the_instance_and_volume_from_the_id_and_the_device_from_ec2(
    attachments: VolumeAttachmentProvider, attached: Attached, aws_env: Emulator
) -> None:
    before = len(aws_env.calls())

    read = attachments.read(attached.id, {"region": "us-east-1"})  # what `pulumi import` hands over

    assert read.id == attached.id
    assert read.inputs == {
        "workspace_instance_id": attached.instance_id,
        "volume_id": attached.volume_id,
        "device": "/dev/sdf",
        "region": "us-east-1",
    }
    made = {call["operation"] for call in aws_env.calls()[before:]}
    assert made == {"GetWorkspaceInstance", "DescribeVolumes"}, made


def test_an_import_id_that_names_no_attachment_fails_in_one_line(
    attachments: VolumeAttachmentProvider,
) -> None:
    with pytest.raises(WorkspaceInstanceError, match=r"import: 'vol-0123' is not a VolumeAttachment id: it"):
        attachments.read("vol-0123", {})


def test_a_resumed_attach_adopts_the_attachment_it_made(
    attachments: VolumeAttachmentProvider, attached: Attached, aws_env: Emulator
) -> None:
    first = (attached.id, attached.outs)

    assert attach(attachments, attached.instance_id, attached.volume_id) == first
    calls = [call for call in aws_env.calls() if call["operation"] == "AssociateVolume"]
    assert [call["error"] for call in calls] == [None, "ConflictException"]


def test_a_volume_attached_elsewhere_is_refused_naming_where(
    attachments: VolumeAttachmentProvider,
    volumes: VolumeProvider,
    created: Instances,
    wsi_client: WorkspacesInstancesClient,
) -> None:
    mine, _ = created()
    other, other_outs = created()
    # In the zone EC2 chose for the instance it is attached to.
    volume_id, _ = create_volume(volumes, availability_zone=other_outs["availability_zone"])
    wsi_client.associate_volume(WorkspaceInstanceId=other, VolumeId=volume_id, Device="/dev/sdk")

    with pytest.raises(WorkspaceInstanceError) as raised:
        attach(attachments, mine, volume_id)
    assert str(raised.value) == (
        f"AssociateVolume: {volume_id} is already attached to EC2 instance {other_outs['ec2_instance_id']} "
        "at /dev/sdk; detach it there first (or remove that attachment from its stack)"
    )


def test_a_device_in_use_is_refused_saying_to_choose_another(
    attachments: VolumeAttachmentProvider, volumes: VolumeProvider, created: Instances
) -> None:
    instance_id, instance = created()
    zone = instance["availability_zone"]
    first, _ = create_volume(volumes, availability_zone=zone)
    second, _ = create_volume(volumes, availability_zone=zone, __seed="second-volume-seed")
    attach(attachments, instance_id, first)

    with pytest.raises(WorkspaceInstanceError) as raised:
        attach(attachments, instance_id, second)
    message = str(raised.value)
    assert message.startswith(f"AssociateVolume failed for {second}: ConflictException: ")
    assert message.endswith(f"; choose a device that is free on {instance_id}")


def test_an_instance_that_is_not_allocated_is_refused(
    attachments: VolumeAttachmentProvider, unattached: tuple[str, str], wsi_client: WorkspacesInstancesClient
) -> None:
    instance_id, volume_id = unattached
    wsi_client.delete_workspace_instance(WorkspaceInstanceId=instance_id)

    with pytest.raises(WorkspaceInstanceError) as raised:
        attach(attachments, instance_id, volume_id)
    # The emulator deallocates in a fraction of a second: the attach may see either state.
    assert re.match(
        rf"AssociateVolume: {instance_id} is (DEALLOCATING|DEALLOCATED); a volume can be attached only "
        "to an ALLOCATED instance",
        str(raised.value),
    ), raised.value


def test_a_volume_in_another_zone_is_one_line_from_the_service(
    attachments: VolumeAttachmentProvider, volumes: VolumeProvider, created: Instances
) -> None:
    instance_id, instance = created()  # in a zone EC2 chose
    elsewhere = next(zone for zone in ZONES if zone != instance["availability_zone"])
    volume_id, _ = create_volume(volumes, availability_zone=elsewhere)

    with pytest.raises(WorkspaceInstanceError) as raised:
        attach(attachments, instance_id, volume_id)
    message = str(raised.value)
    assert message.startswith(f"AssociateVolume failed for {volume_id}: ValidationException: ")
    assert elsewhere in message and "\n" not in message


def test_read_drops_an_attachment_removed_outside_pulumi(
    attachments: VolumeAttachmentProvider, attached: Attached, wsi_client: WorkspacesInstancesClient
) -> None:
    wsi_client.disassociate_volume(WorkspaceInstanceId=attached.instance_id, VolumeId=attached.volume_id)

    assert attachments.read(attached.id, attached.outs).id == ""


def test_read_drops_the_attachment_of_a_deleted_instance(
    attachments: VolumeAttachmentProvider, attached: Attached, wsi_client: WorkspacesInstancesClient
) -> None:
    wsi_client.delete_workspace_instance(WorkspaceInstanceId=attached.instance_id)

    assert attachments.read(attached.id, attached.outs).id == ""


def test_delete_detaches_with_the_mode_asked_for_and_waits(
    attachments: VolumeAttachmentProvider,
    volumes: VolumeProvider,
    created: Instances,
    ec2_client: Any,
    aws_env: Emulator,
) -> None:
    instance_id, instance = created()
    volume_id, volume_outs = create_volume(volumes, availability_zone=instance["availability_zone"])
    attachment_id, outs = attach(attachments, instance_id, volume_id, disassociate_mode="FORCE")

    attachments.delete(attachment_id, outs)

    assert attachments_of(ec2_client, volume_id) == []
    detach = [call for call in aws_env.calls() if call["operation"] == "DisassociateVolume"]
    assert [call["params"] for call in detach] == [
        {"WorkspaceInstanceId": instance_id, "VolumeId": volume_id, "DisassociateMode": "FORCE"}
    ]
    volumes.delete(volume_id, volume_outs)  # nothing holds it any more


def test_delete_of_an_attachment_already_gone_is_done(
    attachments: VolumeAttachmentProvider, attached: Attached, wsi_client: WorkspacesInstancesClient
) -> None:
    wsi_client.disassociate_volume(WorkspaceInstanceId=attached.instance_id, VolumeId=attached.volume_id)

    attachments.delete(attached.id, attached.outs)  # not associated any more
    wsi_client.delete_volume(VolumeId=attached.volume_id)
    attachments.delete(attached.id, attached.outs)  # the volume is gone too


def test_changing_only_the_mode_updates_state_without_aws(
    attachments: VolumeAttachmentProvider, attached: Attached, aws_env: Emulator
) -> None:
    outs = attached.outs
    before = len(aws_env.calls())

    news = attachments.check(outs, {**outs, "disassociate_mode": "NO_FORCE"}).inputs
    result = attachments.update(attached.id, outs, news)

    assert result.outs is not None and result.outs["disassociate_mode"] == "NO_FORCE"
    assert result.outs["state"] == "attached"
    assert len(aws_env.calls()) == before
