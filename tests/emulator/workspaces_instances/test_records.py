"""Every record kind reads back the JSON document it stored, nested records included, through one rule."""

from __future__ import annotations

import json

import pytest

from pulumi_workspaces_instances.emulator.workspaces_instances.records import (
    Ec2InstanceError,
    Ec2InstanceRecord,
    InstanceError,
    InstanceRecord,
    StoredRecord,
    VolumeAttachment,
    VolumeConfig,
    VolumeModification,
    VolumeRecord,
)

TAGS = [{"Key": "team", "Value": "desktops"}]


def _instance(**changes: object) -> InstanceRecord:
    record = InstanceRecord(
        workspace_instance_id="wsinst-0123456789abcdef0",
        created_at=1.5,
        state="ALLOCATING",
        state_since=1.5,
        was_allocated=False,
        billing_mode="HOURLY",
        ec2_instance_id="i-0123456789abcdef0",
        availability_zone="us-east-1a",
        managed_instance={"ImageId": "ami-0a1b2c3d4e5f60001", "InstanceType": "t3.medium"},
        tags=TAGS,
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def _volume(**changes: object) -> VolumeRecord:
    record = VolumeRecord(
        volume_id="vol-0123456789abcdef0",
        availability_zone="us-east-1a",
        config=VolumeConfig(100, "gp3", 4000, 250),
        encrypted=True,
        kms_key_id=None,
        snapshot_id=None,
        created_at=2.0,
        tags=TAGS,
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


EC2_INSTANCE = Ec2InstanceRecord(
    ec2_instance_id="i-0123456789abcdef0",
    workspace_instance_id="wsinst-0123456789abcdef0",
    instance_type="t3.medium",
    security_groups=[{"GroupId": "sg-0123456789abcdef0", "GroupName": "default"}],
    metadata_options={"HttpTokens": "required"},
    ebs_optimized=True,
    disable_api_stop=False,
    run_state="stopped",
    launched_at=3.0,
    stopped_at=4.0,
    volume_tags={"vol-0123456789abcdef1": TAGS},
)

RECORDS: list[StoredRecord] = [
    _instance(),
    _instance(
        allocation_failure=Ec2InstanceError("InsufficientInstanceCapacity", "none left"),
        deallocation_failure=InstanceError("InternalError", "stuck"),
    ),
    EC2_INSTANCE,
    _volume(),
    _volume(
        attachment=VolumeAttachment("wsinst-0123456789abcdef0", "/dev/sdf", 5.0, delete_on_termination=True),
        modification=VolumeModification(6.0, VolumeConfig(100, "gp3"), VolumeConfig(200, "io2", 8000)),
        modification_starts=[1.0, 6.0],
    ),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: type(record).__name__)
def test_a_record_reads_back_from_its_stored_json_document(record: StoredRecord) -> None:
    # Through JSON text, as the SQLite store keeps it: nested records come back as records.
    doc = json.loads(json.dumps(record.to_doc()))
    assert type(record).from_doc(doc) == record


def test_a_document_with_a_key_the_record_lacks_is_refused() -> None:
    doc = {**_volume().to_doc(), "colour": "blue"}
    with pytest.raises(TypeError):
        VolumeRecord.from_doc(doc)


def test_the_stored_document_is_the_records_fields_by_name() -> None:
    # The on-disk format: asdict's plain JSON, nothing naming a class or module.
    doc = _volume(attachment=VolumeAttachment("wsinst-0123456789abcdef0", "/dev/sdf", 5.0)).to_doc()
    assert doc["config"] == {"size_gib": 100, "volume_type": "gp3", "iops": 4000, "throughput": 250}
    assert doc["attachment"] == {
        "workspace_instance_id": "wsinst-0123456789abcdef0",
        "device": "/dev/sdf",
        "attached_at": 5.0,
        "delete_on_termination": False,
    }
    assert doc["modification"] is None
