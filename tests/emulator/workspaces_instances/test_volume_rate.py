"""EBS's rate rule for ModifyVolume: one modification at a time, at most four within any 24 hours."""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core.errors import ServiceError
from tests.conftest import EmulatorFactory, wait_for
from tests.emulator.conftest import answer_at, client_for, ec2_client_for

ZONE = "us-east-1a"


def _state(ec2: Any, volume_id: str) -> str:
    return str(
        ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"][0][
            "ModificationState"
        ]
    )


def _wait_for(ec2: Any, volume_id: str, state: str) -> None:
    wait_for(lambda: _state(ec2, volume_id) == state, f"the modification of {volume_id} reached {state}")


def _refusal(client: Any, volume_id: str, size: int) -> dict[str, Any]:
    with pytest.raises(client.exceptions.VolumeModificationRateExceededException) as refused:
        client.modify_volume(VolumeId=volume_id, SizeInGB=size)
    return dict(refused.value.response)


def _modified(client: Any) -> str:
    """A new 20 GiB volume whose modification to 30 GiB has just started; its id."""
    volume_id = str(client.create_volume(AvailabilityZone=ZONE, SizeInGB=20)["VolumeId"])
    client.modify_volume(VolumeId=volume_id, SizeInGB=30)
    return volume_id


def test_one_at_a_time_then_four_a_day(
    modifying: Emulator, optimizing: Emulator, slow_emulator: EmulatorFactory
) -> None:
    # In progress, modifying and then optimizing: refused, saying what to wait for. Each state is read where
    # it lasts an hour (tests/emulator/conftest.py): a loaded machine can skip a 0.4 s state between calls.
    client = client_for(modifying.endpoint_url)
    volume_id = _modified(client)
    still_modifying = _refusal(client, volume_id, 40)
    message = still_modifying["Error"]["Message"]
    assert "still modifying" in message and "completed" in message
    assert (still_modifying["ResourceId"], still_modifying["ResourceType"]) == (volume_id, "Volume")
    assert still_modifying["ResponseMetadata"]["HTTPStatusCode"] == 429
    client = client_for(optimizing.endpoint_url)
    volume_id = _modified(client)
    assert "still optimizing" in _refusal(client, volume_id, 40)["Error"]["Message"]

    # The second, third and fourth of the day go through, each once the previous one completed: here at
    # once, so nothing waits for a state the rule does not count.
    instant = slow_emulator(0, volume_modifying_seconds=0, volume_optimizing_seconds=0)
    client, ec2 = client_for(instant.endpoint_url), ec2_client_for(instant.endpoint_url)
    first_started = time.time()
    volume_id = _modified(client)
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
    # Two a second: the third waits until the first is a second old, then one more fits. Each call is
    # answered at the instant named (answer_at): over HTTP, the half-second margins raced a loaded machine.
    with Emulator(
        volume_modifying_seconds=0,
        volume_optimizing_seconds=0,
        volume_modifications_per_window=2,
        volume_modification_window_seconds=1,
    ) as quick:
        start = time.time()
        volume_id = answer_at(quick, start, "CreateVolume", {"AvailabilityZone": ZONE, "SizeInGB": 20})[
            "VolumeId"
        ]

        def modify(after: float, size: int) -> dict[str, Any]:
            return answer_at(quick, start + after, "ModifyVolume", {"VolumeId": volume_id, "SizeInGB": size})

        def refused(after: float, size: int) -> None:
            with pytest.raises(ServiceError) as refusal:
                modify(after, size)
            assert refusal.value.code == "VolumeModificationRateExceededException", refusal.value.message

        modify(0, 21)
        modify(0.5, 22)
        refused(0.5, 23)
        modify(1.05, 23)  # the first has left the window; the second has not
        refused(1.05, 24)
