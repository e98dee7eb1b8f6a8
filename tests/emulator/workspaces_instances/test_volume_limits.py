"""EBS's own limits in CreateVolume and ModifyVolume: what EC2 refuses is refused, and nothing is made.

Each refusal is a ValidationException (400, FIELD_VALIDATION_FAILED) whose FieldList names the
member to change; the values at each boundary are accepted.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from tests.emulator.conftest import client_for, ec2_client_for

ZONE = "us-east-1a"

#: (CreateVolume parameters, the member at fault, words of the message).
REFUSED_CREATES: list[tuple[dict[str, Any], str, str]] = [
    ({"VolumeType": "io1", "SizeInGB": 3, "Iops": 100}, "SizeInGB", "io1 volumes are 4 to 16,384 GiB"),
    ({"VolumeType": "st1", "SizeInGB": 124}, "SizeInGB", "st1 volumes are 125 to 16,384 GiB"),
    ({"VolumeType": "sc1", "SizeInGB": 100}, "SizeInGB", "sc1 volumes are 125"),
    ({"VolumeType": "standard", "SizeInGB": 1025}, "SizeInGB", "standard volumes are 1 to 1,024 GiB"),
    ({"VolumeType": "gp3", "SizeInGB": 100, "Iops": 2999}, "Iops", "3,000 to 80,000 IOPS"),
    ({"VolumeType": "gp3", "SizeInGB": 1000, "Iops": 80001}, "Iops", "3,000 to 80,000 IOPS"),
    ({"VolumeType": "io1", "SizeInGB": 100, "Iops": 99}, "Iops", "100 to 64,000 IOPS"),
    ({"VolumeType": "io2", "SizeInGB": 1000, "Iops": 256001}, "Iops", "100 to 256,000 IOPS"),
    ({"VolumeType": "io1", "SizeInGB": 100, "Iops": 5001}, "Iops", "50 IOPS per GiB, 5,000 here"),
    ({"VolumeType": "io2", "SizeInGB": 10, "Iops": 10001}, "Iops", "1,000 IOPS per GiB, 10,000 here"),
    ({"VolumeType": "gp3", "SizeInGB": 6, "Iops": 3001}, "Iops", "500 IOPS per GiB, 3,000 here"),
    ({"VolumeType": "gp3", "SizeInGB": 20, "Throughput": 124}, "Throughput", "125 to 2,000 MiB/s"),
    ({"VolumeType": "gp3", "SizeInGB": 40, "Iops": 16000, "Throughput": 2001}, "Throughput", "125 to 2,000"),
    ({"VolumeType": "gp3", "SizeInGB": 20, "Throughput": 751}, "Throughput", "0.25 MiB/s per IOPS, 750 here"),
    ({"VolumeType": "gp2", "SizeInGB": 20, "Iops": 3000}, "Iops", "not supported for gp2"),
    ({"VolumeType": "sc1", "SizeInGB": 500, "Throughput": 200}, "Throughput", "not supported for sc1"),
    ({"VolumeType": "io2", "SizeInGB": 20}, "Iops", "required for io2"),
]

#: CreateVolume parameters at the edge of each limit, all accepted.
ACCEPTED_CREATES: list[dict[str, Any]] = [
    {"VolumeType": "io1", "SizeInGB": 4, "Iops": 100},
    {"VolumeType": "io1", "SizeInGB": 100, "Iops": 5000},
    {"VolumeType": "io2", "SizeInGB": 10, "Iops": 10000},
    {"VolumeType": "st1", "SizeInGB": 125},
    {"VolumeType": "standard", "SizeInGB": 1024},
    {"VolumeType": "gp3", "SizeInGB": 1, "Iops": 3000},  # the baseline, whatever the size
    {"VolumeType": "gp3", "SizeInGB": 160, "Iops": 80000, "Throughput": 2000},
    {"VolumeType": "gp3", "SizeInGB": 20, "Throughput": 750},
    {"VolumeType": "gp2", "SizeInGB": 16384},
]


def _refused(call: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as excinfo:
        call()
    response: dict[str, Any] = dict(excinfo.value.response)
    assert (response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]) == (
        "ValidationException",
        400,
    )
    assert response["Reason"] == "FIELD_VALIDATION_FAILED"
    return response


@pytest.mark.parametrize(("params", "member", "words"), REFUSED_CREATES)
def test_create_volume_refuses_what_ebs_refuses(
    client: Any, ec2: Any, params: dict[str, Any], member: str, words: str
) -> None:
    response = _refused(lambda: client.create_volume(AvailabilityZone=ZONE, **params))
    assert [field["Name"] for field in response["FieldList"]] == [member]
    assert words in response["Error"]["Message"]
    assert ec2.describe_volumes()["Volumes"] == []


def test_create_volume_accepts_each_limit_itself(client: Any, ec2: Any) -> None:
    made = [client.create_volume(AvailabilityZone=ZONE, **params)["VolumeId"] for params in ACCEPTED_CREATES]
    shown = {v["VolumeId"]: v for v in ec2.describe_volumes(VolumeIds=made)["Volumes"]}
    top = shown[made[6]]
    assert (top["Size"], top["Iops"], top["Throughput"]) == (160, 80000, 2000)


def test_modify_volume_applies_the_limits_to_the_result() -> None:
    # Modifications complete at once and are not rationed: the limits are checked call after call.
    with Emulator(
        volume_modifying_seconds=0, volume_optimizing_seconds=0, volume_modifications_per_window=100
    ) as quick:
        client, ec2 = client_for(quick.endpoint_url), ec2_client_for(quick.endpoint_url)
        gp3 = client.create_volume(AvailabilityZone=ZONE, SizeInGB=20)["VolumeId"]
        # A type whose smallest size is larger than the volume.
        response = _refused(lambda: client.modify_volume(VolumeId=gp3, VolumeType="st1"))
        assert [f["Name"] for f in response["FieldList"]] == ["SizeInGB"]
        # Throughput above 0.25 MiB/s per IOPS of the volume's 3,000 baseline, then with IOPS to match.
        _refused(lambda: client.modify_volume(VolumeId=gp3, Throughput=1000))
        answer = client.modify_volume(VolumeId=gp3, Iops=4000, Throughput=1000)
        assert (answer["TargetIops"], answer["TargetThroughput"]) == (4000, 1000)
        # The IOPS kept on the same type still count: shrinking their headroom is refused.
        response = _refused(lambda: client.modify_volume(VolumeId=gp3, Throughput=1001))
        assert "1,000 here" in response["Error"]["Message"]

        io1 = client.create_volume(AvailabilityZone=ZONE, SizeInGB=100, VolumeType="io1", Iops=5000)[
            "VolumeId"
        ]
        response = _refused(lambda: client.modify_volume(VolumeId=io1, Iops=5001))
        assert [f["Name"] for f in response["FieldList"]] == ["Iops"]
        # A larger volume takes more IOPS in the same call.
        assert client.modify_volume(VolumeId=io1, SizeInGB=120, Iops=6000)["TargetIops"] == 6000
        # A new type starts from EC2's default 3,000 IOPS unless the request says otherwise.
        assert client.modify_volume(VolumeId=io1, VolumeType="io2")["TargetIops"] == 3000

        # Refused modifications changed nothing.
        volumes = {v["VolumeId"]: v for v in ec2.describe_volumes(VolumeIds=[gp3, io1])["Volumes"]}
        assert (volumes[gp3]["VolumeType"], volumes[gp3]["Iops"], volumes[gp3]["Throughput"]) == (
            "gp3",
            4000,
            1000,
        )
        assert (volumes[io1]["VolumeType"], volumes[io1]["Size"], volumes[io1]["Iops"]) == ("io2", 120, 3000)


def test_a_refused_modification_does_not_count_toward_the_rate_rule(client: Any) -> None:
    volume_id = client.create_volume(AvailabilityZone=ZONE, SizeInGB=20)["VolumeId"]
    _refused(lambda: client.modify_volume(VolumeId=volume_id, VolumeType="sc1"))
    assert (
        client.modify_volume(VolumeId=volume_id, SizeInGB=200, VolumeType="sc1")["TargetVolumeType"] == "sc1"
    )
