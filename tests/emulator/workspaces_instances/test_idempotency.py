"""A reused ClientToken: the first answer for the same request, ConflictException for another one.

See ``emulator/idempotency.py`` for why a mismatch is ConflictException (the model's error) rather
than EC2's IdempotentParameterMismatch.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.emulator.conftest import ClientFactory, create_instance

ZONE = "us-east-1a"


def _conflict(call: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as excinfo:
        call()
    response: dict[str, Any] = dict(excinfo.value.response)
    assert (response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]) == (
        "ConflictException",
        409,
    )
    return response


def test_other_parameters_conflict_name_the_first_resource_and_make_nothing(speaking: Any, ec2: Any) -> None:
    first = speaking.create_volume(AvailabilityZone=ZONE, SizeInGB=20, ClientToken="t-1")["VolumeId"]

    response = _conflict(
        lambda: speaking.create_volume(AvailabilityZone=ZONE, SizeInGB=21, ClientToken="t-1")
    )

    assert (response["ResourceId"], response["ResourceType"]) == (first, "Volume")
    assert "ClientToken" in response["Error"]["Message"]
    assert [v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]] == [first]


def test_the_same_request_answers_the_first_answer_even_after_a_delete(speaking: Any) -> None:
    instance_id = create_instance(speaking, ClientToken="t-2")
    speaking.delete_workspace_instance(WorkspaceInstanceId=instance_id)
    assert create_instance(speaking, ClientToken="t-2") == instance_id


def test_a_modification_token_conflicts_on_other_targets(speaking: Any) -> None:
    volume_id = speaking.create_volume(AvailabilityZone=ZONE, SizeInGB=20)["VolumeId"]
    first = speaking.modify_volume(VolumeId=volume_id, SizeInGB=30, ClientToken="t-3")
    again = speaking.modify_volume(VolumeId=volume_id, SizeInGB=30, ClientToken="t-3")
    assert {**again, "ResponseMetadata": None} == {**first, "ResponseMetadata": None}
    response = _conflict(lambda: speaking.modify_volume(VolumeId=volume_id, SizeInGB=40, ClientToken="t-3"))
    assert response["ResourceId"] == volume_id


def test_a_refused_request_leaves_its_token_free(speaking: Any) -> None:
    with pytest.raises(speaking.exceptions.ValidationException):
        speaking.create_volume(
            AvailabilityZone=ZONE, SizeInGB=2, VolumeType="io1", Iops=100, ClientToken="t-4"
        )
    assert speaking.create_volume(AvailabilityZone=ZONE, SizeInGB=20, ClientToken="t-4")["VolumeId"]


def test_a_token_belongs_to_its_region(make_client: ClientFactory) -> None:
    east, west = make_client(region="us-east-1"), make_client(region="eu-west-1")
    made_east = east.create_volume(AvailabilityZone=ZONE, SizeInGB=20, ClientToken="t-5")["VolumeId"]
    made_west = west.create_volume(AvailabilityZone="eu-west-1a", SizeInGB=20, ClientToken="t-5")["VolumeId"]
    assert made_east != made_west
