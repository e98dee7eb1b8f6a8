"""EBS's rate rule for ModifyVolume: one modification at a time, at most four within any 24 hours."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from tests.emulator.conftest import client_for, ec2_client_for

ZONE = "us-east-1a"
# Modifications observed state by state: long enough that a loaded machine cannot skip one.
STEP_SECONDS = 0.4


@pytest.fixture
def paced() -> Iterator[Emulator]:
    """A private emulator whose modifications take STEP_SECONDS modifying and as long optimizing."""
    with Emulator(volume_modifying_seconds=STEP_SECONDS, volume_optimizing_seconds=STEP_SECONDS) as emulator:
        yield emulator


def _state(ec2: Any, volume_id: str) -> str:
    return str(
        ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"][0][
            "ModificationState"
        ]
    )


def _wait_for(ec2: Any, volume_id: str, state: str) -> None:
    deadline = time.monotonic() + 10
    while _state(ec2, volume_id) != state:
        assert time.monotonic() < deadline, f"the modification never reached {state}"
        time.sleep(0.05)


def _refusal(client: Any, volume_id: str, size: int) -> dict[str, Any]:
    with pytest.raises(client.exceptions.VolumeModificationRateExceededException) as refused:
        client.modify_volume(VolumeId=volume_id, SizeInGB=size)
    return dict(refused.value.response)


def test_one_at_a_time_then_four_a_day(paced: Emulator) -> None:
    client, ec2 = client_for(paced.endpoint_url), ec2_client_for(paced.endpoint_url)
    volume_id = client.create_volume(AvailabilityZone=ZONE, SizeInGB=20)["VolumeId"]
    first_started = time.time()

    client.modify_volume(VolumeId=volume_id, SizeInGB=30)
    # In progress, modifying and then optimizing: refused, saying what to wait for.
    modifying = _refusal(client, volume_id, 40)
    assert "still modifying" in modifying["Error"]["Message"] and "completed" in modifying["Error"]["Message"]
    assert (modifying["ResourceId"], modifying["ResourceType"]) == (volume_id, "Volume")
    assert modifying["ResponseMetadata"]["HTTPStatusCode"] == 429
    _wait_for(ec2, volume_id, "optimizing")
    assert "still optimizing" in _refusal(client, volume_id, 40)["Error"]["Message"]

    # The second, third and fourth of the day go through, each once the previous one completed.
    for size in (40, 50, 60):
        _wait_for(ec2, volume_id, "completed")
        assert client.modify_volume(VolumeId=volume_id, SizeInGB=size)["TargetSize"] == size
    _wait_for(ec2, volume_id, "completed")

    # The fifth within 24 hours of the first is refused, naming when it may be retried.
    fifth = _refusal(client, volume_id, 70)
    assert "limit of 4 modifications in any 24 hours" in fifth["Error"]["Message"]
    retry_at = re.search(r"modified again at (\S+Z)", fifth["Error"]["Message"])
    assert retry_at is not None
    retry = datetime.fromisoformat(retry_at.group(1).replace("Z", "+00:00"))
    assert abs(retry.timestamp() - (first_started + 24 * 3600)) < 5
    # Refusals changed nothing.
    assert ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["Size"] == 60


def test_the_window_rolls() -> None:
    # Two a second: the third waits until the first is a second old, then one more fits.
    with Emulator(
        volume_modifying_seconds=0,
        volume_optimizing_seconds=0,
        volume_modifications_per_window=2,
        volume_modification_window_seconds=1,
    ) as quick:
        client = client_for(quick.endpoint_url)
        volume_id = client.create_volume(AvailabilityZone=ZONE, SizeInGB=20)["VolumeId"]
        client.modify_volume(VolumeId=volume_id, SizeInGB=21)
        time.sleep(0.5)
        client.modify_volume(VolumeId=volume_id, SizeInGB=22)
        _refusal(client, volume_id, 23)
        time.sleep(0.55)  # the first has left the window; the second has not
        client.modify_volume(VolumeId=volume_id, SizeInGB=23)
        _refusal(client, volume_id, 24)
