"""Integer members take what the model's type holds: its ``min``/``max`` within 32 bits (``integer``).

``NonNegativeInteger`` (CreateVolume's ``Iops``, ``Throughput``, many ManagedInstance counts) has
only ``min: 0``; without the width check ``Iops = 2**40`` used to be stored and echoed back by
DescribeVolumes. botocore's own validation does not check maxima, so its default client sends it.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from botocore.model import Shape

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core.validation import integer_range, violations
from tests.emulator.conftest import WINDOWS_AMI, raw_call

INT32_MAX = 2**31 - 1


def _refusal(call: Any) -> dict[str, Any]:
    """The ValidationException ``call`` raises, as botocore parsed it."""
    with pytest.raises(ClientError) as excinfo:
        call()
    response: dict[str, Any] = dict(excinfo.value.response)
    assert response["Error"]["Code"] == "ValidationException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return response


def test_iops_beyond_32_bits_is_refused_and_nothing_is_made(speaking: Any, ec2: Any) -> None:
    response = _refusal(
        lambda: speaking.create_volume(
            AvailabilityZone="us-east-1a", SizeInGB=20, VolumeType="gp3", Iops=2**40
        )
    )
    assert response["Reason"] == "FIELD_VALIDATION_FAILED"
    assert [(f["Name"], f["Reason"]) for f in response["FieldList"]] == [("Iops", "range")]
    assert f"less than or equal to {INT32_MAX}" in response["Error"]["Message"]
    assert ec2.describe_volumes()["Volumes"] == []


def test_the_width_applies_to_every_integer_member(speaking: Any) -> None:
    volume_id = speaking.create_volume(AvailabilityZone="us-east-1a", SizeInGB=20)["VolumeId"]
    response = _refusal(lambda: speaking.modify_volume(VolumeId=volume_id, Throughput=INT32_MAX + 1))
    assert [f["Name"] for f in response["FieldList"]] == ["Throughput"]
    # Within 32 bits the value passes the shape and meets EBS's own limit instead.
    response = _refusal(lambda: speaking.modify_volume(VolumeId=volume_id, Throughput=INT32_MAX))
    assert f"not {INT32_MAX:,}" in response["Error"]["Message"]
    response = _refusal(
        lambda: speaking.create_workspace_instance(
            ManagedInstance={
                "ImageId": WINDOWS_AMI,
                "InstanceType": "m5.large",
                "CpuOptions": {"CoreCount": 2**32, "ThreadsPerCore": 2},
            }
        )
    )
    assert [f["Name"] for f in response["FieldList"]] == ["ManagedInstance.CpuOptions.CoreCount"]
    assert speaking.list_workspace_instances()["WorkspaceInstances"] == []


def test_the_model_bounds_stay_within_the_type_width() -> None:
    assert integer_range(Shape("NonNegativeInteger", {"type": "integer", "min": 0})) == (0, INT32_MAX)
    assert integer_range(Shape("Integer", {"type": "integer"})) == (-(2**31), INT32_MAX)
    assert integer_range(Shape("Long", {"type": "long", "min": -5})) == (-5, 2**63 - 1)
    assert integer_range(Shape("MaxResults", {"type": "integer", "min": 1, "max": 25})) == (1, 25)
    long_shape = Shape("Long", {"type": "long"})
    assert violations(2**63 - 1, long_shape) == []
    assert [v.reason for v in violations(2**63, long_shape)] == ["range"]
    assert [v.reason for v in violations(-(2**63) - 1, long_shape)] == ["range"]


def test_a_huge_integer_is_refused_and_quoted_briefly(emu: Emulator) -> None:
    # Sent raw: botocore's CBOR encoder stops at 64 bits, JSON has no limit.
    answer = raw_call(emu.endpoint_url, "ListRegions", f'{{"MaxResults": {10**300}}}'.encode())
    assert (answer.status, answer.body["__type"].rpartition("#")[2]) == (400, "ValidationException")
    assert [f["Name"] for f in answer.body["FieldList"]] == ["MaxResults"]
    assert len(answer.body["Message"]) < 600
