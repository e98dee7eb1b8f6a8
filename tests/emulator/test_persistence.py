"""State in SQLite survives a restart, of the embedded emulator and of ``python -m emulator``."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core.store import SqliteStore
from pulumi_workspaces_instances.emulator.workspaces_instances.context import INSTANCE, VOLUME
from tests.emulator.conftest import client_for, create_instance, start_cli, stop_cli


def test_state_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with Emulator(allocate_seconds=0.1, deallocate_seconds=0.1, state_path=state) as first:
        client = client_for(first.endpoint_url)
        kept = create_instance(client, Tags=[{"Key": "team", "Value": "a"}], ClientToken="persist-1")
        deleted = create_instance(client)
        client.delete_workspace_instance(WorkspaceInstanceId=deleted)
        volume = client.create_volume(AvailabilityZone="us-east-1a", SizeInGB=8)["VolumeId"]
    time.sleep(0.15)
    with Emulator(allocate_seconds=0.1, deallocate_seconds=0.1, state_path=state) as second:
        client = client_for(second.endpoint_url)
        # Transitions continued from the stored timestamps while it was down.
        assert client.get_workspace_instance(WorkspaceInstanceId=kept)["ProvisionState"] == "ALLOCATED"
        assert client.get_workspace_instance(WorkspaceInstanceId=deleted)["ProvisionState"] == "DEALLOCATED"
        assert client.list_tags_for_resource(WorkspaceInstanceId=kept)["Tags"] == [
            {"Key": "team", "Value": "a"}
        ]
        # Idempotency records persist too.
        assert create_instance(client, Tags=[{"Key": "team", "Value": "a"}], ClientToken="persist-1") == kept
        client.delete_volume(VolumeId=volume)
        assert len(client.list_workspace_instances()["WorkspaceInstances"]) == 2


def test_cli_stops_cleanly_on_signals_and_keeps_state(tmp_path: Path) -> None:
    state = tmp_path / "cli.sqlite"
    arguments = ["--state", str(state), "--allocate-seconds", "0.1"]
    process, endpoint = start_cli(arguments, cwd=tmp_path)
    try:
        client: Any = client_for(endpoint)
        instance_id = create_instance(client)
    finally:
        stop_cli(process, signal.SIGTERM)
    process, endpoint = start_cli(arguments, cwd=tmp_path)
    try:
        client = client_for(endpoint)
        assert client.get_workspace_instance(WorkspaceInstanceId=instance_id)["ProvisionState"] == "ALLOCATED"
    finally:
        stop_cli(process, signal.SIGINT)


def test_a_state_file_written_before_typed_records_still_loads(tmp_path: Path) -> None:
    # Documents in the layout of the first releases: PascalCase ids beside snake_case state.
    state = tmp_path / "old.sqlite"
    old = SqliteStore(state)
    with old.transaction():
        old.put(
            "us-east-1",
            INSTANCE,
            "wsinst-0123456789abcdef0",
            {
                "WorkspaceInstanceId": "wsinst-0123456789abcdef0",
                "created": 1_700_000_000.0,
                "state": "ALLOCATING",
                "since": 1_700_000_000.0,
                "was_allocated": False,
                "failure": None,
                "billing_mode": "MONTHLY",
                "ec2_instance_id": "i-0123456789abcdef0",
                "availability_zone": "us-east-1a",
                "managed_instance": {"ImageId": "ami-0a1b2c3d4e5f60001", "InstanceType": "m5.large"},
                "tags": [{"Key": "team", "Value": "a"}],
            },
        )
        old.put(
            "us-east-1",
            VOLUME,
            "vol-0123456789abcdef0",
            {
                "VolumeId": "vol-0123456789abcdef0",
                "AvailabilityZone": "us-east-1a",
                "SizeInGB": 20,
                "VolumeType": "gp3",
                "Iops": None,
                "Throughput": None,
                "Encrypted": True,
                "SnapshotId": None,
                "state": "in-use",
                "attachment": {"WorkspaceInstanceId": "wsinst-0123456789abcdef0", "Device": "/dev/sdf"},
                "modified_at": None,
                "tags": [],
            },
        )
    old.close()
    with Emulator(state_path=state) as emu:
        client = client_for(emu.endpoint_url)
        got = client.get_workspace_instance(WorkspaceInstanceId="wsinst-0123456789abcdef0")
        assert (got["ProvisionState"], got["BillingConfiguration"]["BillingMode"]) == ("ALLOCATED", "MONTHLY")
        assert got["EC2ManagedInstance"]["InstanceId"] == "i-0123456789abcdef0"
        assert client.list_tags_for_resource(WorkspaceInstanceId="wsinst-0123456789abcdef0")["Tags"] == [
            {"Key": "team", "Value": "a"}
        ]
        with pytest.raises(client.exceptions.ConflictException, match="associated"):
            client.delete_volume(VolumeId="vol-0123456789abcdef0")
        client.disassociate_volume(
            WorkspaceInstanceId="wsinst-0123456789abcdef0", VolumeId="vol-0123456789abcdef0"
        )
        client.modify_volume(VolumeId="vol-0123456789abcdef0", SizeInGB=30)
        client.delete_volume(VolumeId="vol-0123456789abcdef0")


def test_a_volume_stored_with_only_its_latest_modification_counts_it_toward_the_rate_rule(
    tmp_path: Path,
) -> None:
    # A volume document of the records layout before modification start times were kept.
    state = tmp_path / "modified.sqlite"
    config = {"size_gib": 30, "volume_type": "gp3", "iops": None, "throughput": None}
    old = SqliteStore(state)
    with old.transaction():
        old.put(
            "us-east-1",
            VOLUME,
            "vol-0123456789abcdef1",
            {
                "volume_id": "vol-0123456789abcdef1",
                "availability_zone": "us-east-1a",
                "config": config,
                "encrypted": False,
                "kms_key_id": None,
                "snapshot_id": None,
                "created_at": time.time() - 120,
                "deleted": False,
                "attachment": None,
                "modification": {
                    "started_at": time.time() - 60,
                    "original": {**config, "size_gib": 20},
                    "target": config,
                },
                "tags": [],
            },
        )
    old.close()
    with Emulator(
        state_path=state,
        volume_modifying_seconds=0,
        volume_optimizing_seconds=0,
        volume_modifications_per_window=2,
    ) as emu:
        client = client_for(emu.endpoint_url)
        assert client.modify_volume(VolumeId="vol-0123456789abcdef1", SizeInGB=40)["TargetSize"] == 40
        with pytest.raises(client.exceptions.VolumeModificationRateExceededException, match="limit of 2"):
            client.modify_volume(VolumeId="vol-0123456789abcdef1", SizeInGB=50)
