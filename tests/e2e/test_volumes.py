"""Volumes and attachments through the real Pulumi CLI, against the emulator, on a local backend."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import emulator_client, emulator_ec2_client
from tests.e2e.conftest import LaunchableStack
from toolchain.environment import DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY

PROGRAM = Path(__file__).parent / "programs" / "volumes"
KMS_KEY_ID = "arn:aws:kms:us-east-1:111122223333:key/e2e-volume-key-0001"
# Stack, desk + its seed, data + its seed, data-disk, spare + its seed.
RESOURCES = 8


def _live_volumes(ec2: Any) -> dict[str, dict[str, Any]]:
    return {volume["VolumeId"]: volume for volume in ec2.describe_volumes()["Volumes"]}


def _resource(deployment: Mapping[str, Any] | None, name: str, kind: str) -> dict[str, Any] | None:
    for resource in (deployment or {}).get("resources", []):
        if resource["urn"].endswith(f"::{name}") and resource["type"].endswith(f":{kind}"):
            return dict(resource)
    return None


def _calls(emulator: Emulator, since: int) -> list[tuple[str, dict[str, Any], str | None]]:
    return [(call["operation"], call["params"], call["error"]) for call in emulator.calls()[since:]]


def _modify_and_wait(wsi: Any, ec2: Any, volume_id: str, **changes: Any) -> None:
    """One ModifyVolume outside Pulumi, waited for until EC2 shows it completed."""
    wsi.modify_volume(VolumeId=volume_id, **changes)
    deadline = time.monotonic() + 30
    while True:
        (latest,) = ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"]
        if latest["ModificationState"] == "completed":
            return
        assert time.monotonic() < deadline, f"the modification of {volume_id} did not complete"
        time.sleep(0.1)


def _failure_text(error: auto.errors.CommandError) -> str:
    """The CLI's output of a failed command (the error carries its stdout and stderr)."""
    return str(error)


@pytest.mark.e2e
def test_volumes_attach_change_in_place_and_detach_before_delete(
    launchable_stack: LaunchableStack, emulator: Emulator
) -> None:
    stack = launchable_stack(PROGRAM, dataSize="10", dataType="gp2", spareZone="us-east-1a")
    stack.set_config("kmsKeyId", auto.ConfigValue(KMS_KEY_ID, secret=True))
    wsi, ec2 = emulator_client(emulator), emulator_ec2_client(emulator)

    # up: the instance, the data volume attached to it, the spare volume.
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"create": RESOURCES}
    data_id, spare_id = up.outputs["data_id"].value, up.outputs["spare_id"].value
    desk_ec2, desk_zone = up.outputs["desk_ec2_id"].value, up.outputs["desk_zone"].value
    live = _live_volumes(ec2)[data_id]
    assert (live["Size"], live["VolumeType"], live["Encrypted"], live["KmsKeyId"]) == (
        10,
        "gp2",
        True,
        KMS_KEY_ID,
    )
    assert [(a["InstanceId"], a["Device"], a["State"]) for a in live["Attachments"]] == [
        (desk_ec2, "/dev/sdf", "attached")
    ]
    assert up.outputs["disk_state"].value == "attached" and up.outputs["disk_ec2_id"].value == desk_ec2

    # No spurious diffs, right after up and after a refresh.
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: RESOURCES}
    stack.refresh(on_output=print)
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: RESOURCES}

    # Grow and change the type: in place, one ModifyVolume, the same volume still attached.
    stack.set_config("dataSize", auto.ConfigValue("20"))
    stack.set_config("dataType", auto.ConfigValue("gp3"))
    before = len(emulator.calls())
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"update": 1, "same": RESOURCES - 1}
    assert up.outputs["data_id"].value == data_id
    operations = [operation for operation, _, _ in _calls(emulator, before)]
    assert operations.count("ModifyVolume") == 1
    assert not {"CreateVolume", "DeleteVolume", "DisassociateVolume", "AssociateVolume"} & set(operations)
    stack.refresh(on_output=print)
    data = _resource(stack.export_stack().deployment, "data", "Volume")
    assert data is not None
    assert (data["outputs"]["size_in_gb"], data["outputs"]["volume_type"]) == (20, "gp3")
    assert data["outputs"]["attachments"] == [
        {"ec2_instance_id": desk_ec2, "device": "/dev/sdf", "state": "attached"}
    ]
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: RESOURCES}

    # Shrinking is refused at preview, naming the input and the current size.
    stack.set_config("dataSize", auto.ConfigValue("15"))
    with pytest.raises(auto.errors.CommandError) as refused:
        stack.preview(on_output=print)
    assert "size_in_gb: the volume is 20 GiB and EBS volumes cannot shrink; set size_in_gb to 20 or more" in (
        _failure_text(refused.value)
    )

    # A fifth modification within 24 hours of the first (EBS's rate rule): one line saying what to do;
    # nothing changes. Three outside Pulumi, each completed, that end where they started use up the day.
    _modify_and_wait(wsi, ec2, data_id, Iops=4000)
    _modify_and_wait(wsi, ec2, data_id, Throughput=200)
    _modify_and_wait(wsi, ec2, data_id, Iops=3000, Throughput=125)
    stack.set_config("dataSize", auto.ConfigValue("30"))
    with pytest.raises(auto.errors.CommandError) as too_soon:
        stack.up(on_output=print)
    text = _failure_text(too_soon.value)
    assert f"ModifyVolume failed for {data_id}: VolumeModificationRateExceededException" in text
    assert "run `pulumi up` again once the previous change has completed or the time" in text
    assert _live_volumes(ec2)[data_id]["Size"] == 20
    stack.set_config("dataSize", auto.ConfigValue("20"))
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: RESOURCES}

    # Deleted outside Pulumi: refresh drops it, the next up makes a new one.
    wsi.delete_volume(VolumeId=spare_id)
    refresh = stack.refresh(on_output=print)
    assert refresh.summary.resource_changes == {"delete": 1, "same": RESOURCES - 1}
    assert _resource(stack.export_stack().deployment, "spare", "Volume") is None
    # Made again in the zone EC2 chose for the desk: it is attached to the desk by hand below.
    stack.set_config("spareZone", auto.ConfigValue(desk_zone))
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"create": 1, "same": RESOURCES - 1}
    recreated = up.outputs["spare_id"].value
    assert recreated != spare_id and recreated in _live_volumes(ec2)

    # Attached by something the stack does not declare: its delete fails clearly, nothing is detached.
    desk_id = up.outputs["desk_id"].value
    wsi.associate_volume(WorkspaceInstanceId=desk_id, VolumeId=recreated, Device="/dev/sdh")
    stack.set_config("spare", auto.ConfigValue("false"))
    with pytest.raises(auto.errors.CommandError) as held:
        stack.up(on_output=print)
    assert (
        f"DeleteVolume: {recreated} is attached to workspace instance {desk_id} (EC2 {desk_ec2}) at /dev/sdh "
        "by something this stack does not declare"
    ) in _failure_text(held.value)
    assert _live_volumes(ec2)[recreated]["State"] == "in-use"
    wsi.disassociate_volume(WorkspaceInstanceId=desk_id, VolumeId=recreated)

    # A new zone replaces the volume, the old one deleted first. Not us-east-1a, where the first spare
    # was made: a create request identical to that deleted volume's has its ClientToken, which EC2
    # answers with the deleted id, and the provider rightly waits out its whole read-after-create grace
    # before taking it for an earlier life (tests/provider/test_volume_lifecycle.py proves that path).
    new_zone = next(zone for zone in ("us-east-1b", "us-east-1c") if zone != desk_zone)
    stack.set_config("spare", auto.ConfigValue("true"))
    stack.set_config("spareZone", auto.ConfigValue(new_zone))
    before = len(emulator.calls())
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"replace": 1, "same": RESOURCES - 1}
    moved = up.outputs["spare_id"].value
    assert moved != recreated and _live_volumes(ec2)[moved]["AvailabilityZone"] == new_zone
    assert recreated not in _live_volumes(ec2)
    operations = [operation for operation, _, error in _calls(emulator, before) if error is None]
    assert operations.index("DeleteVolume") < operations.index("CreateVolume"), "deleted before replaced"

    # State: the KMS key is ciphertext, no AWS credentials, the providers are small references.
    workspace = stack.workspace
    assert isinstance(workspace, auto.LocalWorkspace) and workspace.work_dir is not None
    exported = workspace.pulumi_command.run(
        ["stack", "export", "--stack", stack.name], workspace.work_dir, workspace.env_vars
    ).stdout
    for plaintext in (KMS_KEY_ID, DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY):
        assert plaintext not in exported
    deployment = json.loads(exported)["deployment"]
    data = _resource(deployment, "data", "Volume")
    disk = _resource(deployment, "data-disk", "VolumeAttachment")
    assert data is not None and disk is not None
    assert "ciphertext" in data["outputs"]["kms_key_id"]
    for resource in (data, disk):
        assert len(json.dumps(resource["outputs"]["__provider"])) < 1024

    # destroy: the attachment is removed (and EC2 shows it detached) before its volume is deleted.
    before = len(emulator.calls())
    stack.destroy(on_output=print)
    calls = [(operation, params) for operation, params, error in _calls(emulator, before) if error is None]
    detached = calls.index(("DisassociateVolume", {"WorkspaceInstanceId": desk_id, "VolumeId": data_id}))
    deleted = calls.index(("DeleteVolume", {"VolumeId": data_id}))
    assert detached < deleted
    assert _live_volumes(ec2) == {}
    assert wsi.get_workspace_instance(WorkspaceInstanceId=desk_id)["ProvisionState"] in (
        "DEALLOCATING",
        "DEALLOCATED",
    )
