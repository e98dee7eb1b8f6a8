"""EC2's DescribeVolumes and DescribeVolumesModifications, as a real boto3 ``ec2`` client sees them."""

from __future__ import annotations

import http.client
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.core.errors import ServiceError
from pulumi_workspaces_instances.emulator.ec2.volumes import default_kms_key_arn
from tests.conftest import WINDOW_SECONDS, EmulatorFactory, settled, wait_for
from tests.emulator.conftest import (
    CREDENTIALS,
    REGION,
    WINDOWS_AMI,
    answer_at,
    client_for,
    create_instance,
    ec2_client_for,
    start_cli,
    stop_cli,
)


def _code(call: Callable[[], Any]) -> str:
    with pytest.raises(ClientError) as excinfo:
        call()
    return str(excinfo.value.response["Error"]["Code"])


def _volume(client: Any, zone: str = "us-east-1a", size: int = 20, **extra: Any) -> str:
    return str(client.create_volume(AvailabilityZone=zone, SizeInGB=size, **extra)["VolumeId"])


def _allocated_instance(client: Any) -> str:
    instance_id = create_instance(
        client,
        ManagedInstance={
            "ImageId": WINDOWS_AMI,
            "InstanceType": "m5.large",
            "Placement": {"AvailabilityZone": "us-east-1a"},
        },
    )
    assert settled(client, instance_id)["ProvisionState"] == "ALLOCATED"
    return instance_id


def _modification(ec2: Any, volume_id: str) -> dict[str, Any]:
    """The volume's latest modification, as DescribeVolumesModifications shows it."""
    return dict(ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"][0])


def _shown(ec2: Any, volume_id: str) -> dict[str, Any]:
    """The volume, as DescribeVolumes shows it."""
    return dict(ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0])


def _modified(client: Any) -> str:
    """A 20 GiB gp3 volume being modified to 40 GiB of io2 at 5,000 IOPS; its id."""
    volume_id = _volume(client, size=20)
    answer = client.modify_volume(VolumeId=volume_id, SizeInGB=40, VolumeType="io2", Iops=5000)
    assert (answer["TargetSize"], answer["TargetVolumeType"], answer["TargetIops"]) == (40, "io2", 5000)
    return volume_id


def test_describe_volumes_shows_what_create_volume_made(client: Any, ec2: Any) -> None:
    plain = _volume(client, size=50)
    tuned = _volume(
        client,
        size=100,
        VolumeType="gp3",
        Iops=6000,
        Throughput=250,
        Encrypted=True,
        KmsKeyId="arn:aws:kms:us-east-1:123456789012:key/my-key",
        TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "team", "Value": "desktops"}]}],
    )
    io2 = _volume(client, size=10, VolumeType="io2", Iops=4000, Encrypted=True)
    from_snapshot = str(
        client.create_volume(AvailabilityZone="us-east-1b", SnapshotId="snap-0abc")["VolumeId"]
    )
    gp2 = _volume(client, size=10, VolumeType="gp2")

    volumes = {v["VolumeId"]: v for v in ec2.describe_volumes()["Volumes"]}

    assert list(volumes) == [plain, tuned, io2, from_snapshot, gp2]
    first = volumes[plain]
    assert (first["Size"], first["VolumeType"], first["Iops"], first["Throughput"]) == (50, "gp3", 3000, 125)
    assert (first["State"], first["Attachments"], first["Encrypted"]) == ("available", [], False)
    assert (first["AvailabilityZone"], first["SnapshotId"]) == ("us-east-1a", "")
    assert "KmsKeyId" not in first and "Tags" not in first
    assert first["CreateTime"].tzinfo is not None
    second = volumes[tuned]
    assert (second["Iops"], second["Throughput"], second["Encrypted"]) == (6000, 250, True)
    assert second["KmsKeyId"] == "arn:aws:kms:us-east-1:123456789012:key/my-key"
    assert second["Tags"] == [{"Key": "team", "Value": "desktops"}]
    assert (volumes[io2]["Iops"], volumes[io2]["KmsKeyId"]) == (4000, default_kms_key_arn(REGION))
    assert "Throughput" not in volumes[io2]
    assert (volumes[from_snapshot]["SnapshotId"], volumes[from_snapshot]["Size"]) == ("snap-0abc", 8)
    assert volumes[gp2]["Iops"] == 100  # gp2's floor; 3 IOPS per GiB above 33 GiB


def test_an_associated_volume_is_in_use_by_the_ec2_instance_behind_the_workspace(
    client: Any, ec2: Any
) -> None:
    instance_id = _allocated_instance(client)
    ec2_instance_id = client.get_workspace_instance(WorkspaceInstanceId=instance_id)["EC2ManagedInstance"][
        "InstanceId"
    ]
    volume_id = _volume(client)
    client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id, Device="/dev/sdf")

    volume = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]

    assert volume["State"] == "in-use"
    (attachment,) = volume["Attachments"]
    assert attachment["InstanceId"] == ec2_instance_id
    assert (attachment["Device"], attachment["State"], attachment["VolumeId"]) == (
        "/dev/sdf",
        "attached",
        volume_id,
    )
    assert attachment["DeleteOnTermination"] is False
    client.disassociate_volume(WorkspaceInstanceId=instance_id, VolumeId=volume_id)
    assert ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["State"] == "available"


def test_volume_ids_and_filters_select_volumes(client: Any, ec2: Any) -> None:
    instance_id = _allocated_instance(client)
    ec2_instance_id = client.get_workspace_instance(WorkspaceInstanceId=instance_id)["EC2ManagedInstance"][
        "InstanceId"
    ]
    tagged = _volume(
        client, TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "env", "Value": "dev"}]}]
    )
    attached = _volume(client, size=30)
    client.associate_volume(WorkspaceInstanceId=instance_id, VolumeId=attached, Device="/dev/sdg")
    other = _volume(client, zone="us-east-1c", VolumeType="st1", size=500)

    def ids(**kwargs: Any) -> list[str]:
        return [v["VolumeId"] for v in ec2.describe_volumes(**kwargs)["Volumes"]]

    assert ids(VolumeIds=[other, tagged]) == [tagged, other]
    assert ids(Filters=[{"Name": "volume-id", "Values": [attached]}]) == [attached]
    # The instance's root volume is attached to it too, deleted with it (see test_ec2_instances).
    attached_to_it = [{"Name": "attachment.instance-id", "Values": [ec2_instance_id]}]
    assert ids(Filters=attached_to_it)[0] == attached and len(ids(Filters=attached_to_it)) == 2
    on_termination = {"Name": "attachment.delete-on-termination", "Values": ["false"]}
    assert ids(Filters=[*attached_to_it, on_termination]) == [attached]
    assert ids(Filters=[{"Name": "status", "Values": ["available"]}]) == [tagged, other]
    assert ids(Filters=[{"Name": "status", "Values": ["in-use", "creating"]}, on_termination]) == [attached]
    assert ids(Filters=[{"Name": "tag:env", "Values": ["d?v"]}]) == [tagged]
    assert ids(Filters=[{"Name": "tag-key", "Values": ["*"]}]) == [tagged]
    assert ids(
        Filters=[{"Name": "availability-zone", "Values": ["us-east-1*"]}, {"Name": "size", "Values": ["500"]}]
    ) == [other]
    assert ids(VolumeIds=[tagged, attached], Filters=[{"Name": "volume-type", "Values": ["gp3"]}]) == [
        tagged,
        attached,
    ]
    assert ids(Filters=[{"Name": "encrypted", "Values": ["true"]}]) == []
    assert _code(lambda: ec2.describe_volumes(Filters=[{"Name": "colour", "Values": ["red"]}])) == (
        "InvalidParameterValue"
    )


def test_unknown_and_malformed_volume_ids(client: Any, ec2: Any) -> None:
    kept = _volume(client)
    deleted = _volume(client)
    client.delete_volume(VolumeId=deleted)

    with pytest.raises(ClientError) as excinfo:
        ec2.describe_volumes(VolumeIds=[kept, deleted])
    error = excinfo.value.response
    assert error["Error"]["Code"] == "InvalidVolume.NotFound"
    assert deleted in error["Error"]["Message"] and kept not in error["Error"]["Message"]
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["ResponseMetadata"]["RequestId"]
    assert _code(lambda: ec2.describe_volumes(VolumeIds=["volume-1"])) == "InvalidVolumeID.Malformed"
    assert [v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]] == [kept]


def test_pagination_follows_max_results_and_next_token(client: Any, ec2: Any) -> None:
    created = [_volume(client, size=size) for size in range(1, 13)]

    first = ec2.describe_volumes(MaxResults=5)
    assert [v["VolumeId"] for v in first["Volumes"]] == created[:5]
    second = ec2.describe_volumes(MaxResults=5, NextToken=first["NextToken"])
    assert [v["VolumeId"] for v in second["Volumes"]] == created[5:10]
    pages = list(ec2.get_paginator("describe_volumes").paginate(PaginationConfig={"PageSize": 5}))
    assert [len(page["Volumes"]) for page in pages] == [5, 5, 2]
    assert "NextToken" not in pages[-1]
    assert [v["VolumeId"] for page in pages for v in page["Volumes"]] == created
    # Without MaxResults EC2 answers everything at once.
    assert len(ec2.describe_volumes()["Volumes"]) == 12
    assert _code(lambda: ec2.describe_volumes(MaxResults=4)) == "InvalidParameterValue"
    assert _code(lambda: ec2.describe_volumes(MaxResults=501)) == "InvalidParameterValue"
    assert (
        _code(lambda: ec2.describe_volumes(MaxResults=5, VolumeIds=created[:1]))
        == "InvalidParameterCombination"
    )
    assert _code(lambda: ec2.describe_volumes(MaxResults=5, NextToken="forged")) == "InvalidPaginationToken"
    # A token is bound to the filters it was issued for.
    filtered = [{"Name": "status", "Values": ["available"]}]
    assert _code(
        lambda: ec2.describe_volumes(MaxResults=5, NextToken=first["NextToken"], Filters=filtered)
    ) == ("InvalidPaginationToken")


def test_volumes_are_per_region(client: Any, emu: Emulator) -> None:
    _volume(client)
    assert ec2_client_for(emu.endpoint_url, region="eu-west-1").describe_volumes()["Volumes"] == []


def test_endpoint_from_the_standard_environment_variable(
    emu: Emulator, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    volume_id = _volume(client)
    monkeypatch.setenv("AWS_ENDPOINT_URL_EC2", emu.endpoint_url)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIADUMMY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "dummy")
    from_environment = boto3.client("ec2", region_name=REGION)
    assert [v["VolumeId"] for v in from_environment.describe_volumes()["Volumes"]] == [volume_id]


def test_other_ec2_actions_are_refused_with_ec2_errors(emu: Emulator, ec2: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        ec2.run_instances(ImageId=WINDOWS_AMI, MinCount=1, MaxCount=1)
    assert excinfo.value.response["Error"]["Code"] == "UnsupportedOperation"
    assert "DescribeVolumes" in excinfo.value.response["Error"]["Message"]
    assert _ec2_raw(emu, "Action=LaunchRockets&Version=2016-11-15")[:2] == (400, "InvalidAction")
    assert _ec2_raw(emu, "Version=2016-11-15")[:2] == (400, "MissingAction")
    assert _ec2_raw(emu, "Action=DescribeVolumes&Version=2016-11-15&Colour=red")[:2] == (
        400,
        "UnknownParameter",
    )
    assert _ec2_raw(emu, "Action=DescribeVolumes&MaxResults=many")[:2] == (400, "InvalidParameterValue")
    assert _ec2_raw(emu, "Action=DescribeVolumes&Version=2016-11-15", signed=False)[:2] == (
        401,
        "AuthFailure",
    )
    assert _ec2_raw(emu, "Action=DescribeVolumes", service="workspaces-instances")[:2] == (401, "AuthFailure")
    assert _code(lambda: ec2.describe_volumes(DryRun=True)) == "DryRunOperation"


def _ec2_raw(
    emu: Emulator, form: str, signed: bool = True, service: str = "ec2"
) -> tuple[int, str | None, bytes]:
    """POST a form to the emulator; returns status, the EC2 error code (if any) and the body."""
    from xml.etree import ElementTree

    body = form.encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    request = AWSRequest(method="POST", url=emu.endpoint_url + "/", data=body, headers=headers)
    if signed:
        SigV4Auth(CREDENTIALS, service, REGION).add_auth(request)
    parts = urlsplit(emu.endpoint_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        connection.request("POST", "/", body=body, headers=dict(request.headers.items()))
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    code = ElementTree.fromstring(payload).findtext("Errors/Error/Code") if response.status >= 400 else None
    return response.status, code, payload


def test_ec2_calls_are_logged_and_take_faults(emu: Emulator, client: Any, ec2: Any) -> None:
    volume_id = _volume(client)
    emu.add_faults([{"operation": "DescribeVolumes", "action": "error", "error": "RequestLimitExceeded"}])
    with pytest.raises(ClientError) as excinfo:
        ec2.describe_volumes(VolumeIds=[volume_id])
    assert excinfo.value.response["Error"]["Code"] == "RequestLimitExceeded"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    ec2.describe_volumes(VolumeIds=[volume_id])
    # "*" means the WorkSpaces Instances operations only: EC2 reads are not hit by it.
    emu.add_faults([{"operation": "*", "action": "error", "error": "ThrottlingException", "times": 3}])
    assert ec2.describe_volumes()["Volumes"]
    emu.clear_faults()

    calls = [c for c in emu.calls() if c["protocol"] == "ec2"]
    assert [(c["operation"], c["status"], c["error"]) for c in calls] == [
        ("DescribeVolumes", 503, "RequestLimitExceeded"),
        ("DescribeVolumes", 200, None),
        ("DescribeVolumes", 200, None),
    ]
    assert calls[1]["params"] == {"VolumeIds": [volume_id]}
    assert calls[1]["region"] == REGION


def test_a_modification_goes_modifying_optimizing_completed(
    modifying: Emulator, optimizing: Emulator, client: Any, ec2: Any
) -> None:
    # Each state read where it lasts an hour (`modifying`, then `optimizing`: the emulators of
    # tests/emulator/conftest.py), the end on the session's emulator: a loaded machine can skip past a 0.6 s
    # state between two calls.
    rate_exceeded = "VolumeModificationRateExceededException"

    # modifying: the volume still shows its old configuration; no second modification meanwhile (EBS's rate
    # rule: it is in progress).
    at_first, at_first_ec2 = client_for(modifying.endpoint_url), ec2_client_for(modifying.endpoint_url)
    volume_id = _modified(at_first)
    started = _modification(at_first_ec2, volume_id)
    assert started["ModificationState"] == "modifying"
    assert (started["OriginalSize"], started["OriginalVolumeType"], started["OriginalIops"]) == (
        20,
        "gp3",
        3000,
    )
    assert (started["TargetSize"], started["TargetVolumeType"], started["TargetIops"]) == (40, "io2", 5000)
    assert "EndTime" not in started and 0 <= started["Progress"] < 100
    assert (_shown(at_first_ec2, volume_id)["Size"], _shown(at_first_ec2, volume_id)["VolumeType"]) == (
        20,
        "gp3",
    )
    assert _code(lambda: at_first.modify_volume(VolumeId=volume_id, SizeInGB=50)) == rate_exceeded

    # optimizing: the new configuration shows; still no second modification, only a completed one lets the
    # next start.
    then, then_ec2 = client_for(optimizing.endpoint_url), ec2_client_for(optimizing.endpoint_url)
    volume_id = _modified(then)
    assert _modification(then_ec2, volume_id)["ModificationState"] == "optimizing"
    shown = _shown(then_ec2, volume_id)
    assert (shown["Size"], shown["VolumeType"], shown["Iops"]) == (40, "io2", 5000)
    assert "Throughput" not in shown
    assert _code(lambda: then.modify_volume(VolumeId=volume_id, SizeInGB=50)) == rate_exceeded

    # completed (0.2 s modifying and 0.2 s optimizing here).
    volume_id = _modified(client)
    never_modified = _volume(client)

    def completed() -> dict[str, Any] | None:
        latest = _modification(ec2, volume_id)
        return latest if latest["ModificationState"] == "completed" else None

    done = wait_for(completed, f"the modification of {volume_id} completed")
    assert done["Progress"] == 100 and done["EndTime"] > done["StartTime"]
    listed = ec2.describe_volumes_modifications(
        Filters=[{"Name": "modification-state", "Values": ["completed"]}]
    )
    assert [m["VolumeId"] for m in listed["VolumesModifications"]] == [volume_id]

    client.modify_volume(VolumeId=volume_id, VolumeType="gp3", Throughput=300)
    latest = _modification(ec2, volume_id)
    assert (latest["OriginalVolumeType"], latest["TargetVolumeType"]) == ("io2", "gp3")
    # A new type starts from EC2's default IOPS (ModifyVolume.Iops: 3,000), not the old type's.
    assert (latest["TargetIops"], latest["TargetThroughput"]) == (3000, 300)
    error = _code(lambda: ec2.describe_volumes_modifications(VolumeIds=[never_modified]))
    assert error == "InvalidVolumeModification.NotFound"
    assert _code(lambda: ec2.describe_volumes_modifications(VolumeIds=["vol-0000000000000000f"])) == (
        "InvalidVolume.NotFound"
    )


def test_the_rate_rule_is_four_a_day_unless_configured(slow_emulator: EmulatorFactory) -> None:
    # Modifications that complete at once: each may follow the last without waiting (the rule's "one at a
    # time" is test_a_modification_goes_modifying_optimizing_completed's).
    instant = slow_emulator(0, volume_modifying_seconds=0, volume_optimizing_seconds=0)
    client, ec2 = client_for(instant.endpoint_url), ec2_client_for(instant.endpoint_url)
    volume_id = _volume(client)
    for size in (30, 40, 50, 60):
        client.modify_volume(VolumeId=volume_id, SizeInGB=size)
        assert _modification(ec2, volume_id)["ModificationState"] == "completed"
    with pytest.raises(client.exceptions.VolumeModificationRateExceededException, match="in 24 hours"):
        client.modify_volume(VolumeId=volume_id, SizeInGB=70)

    # Two a second, read at the instants the test means (answer_at): over HTTP a loaded machine can spend
    # the second between two calls.
    with Emulator(
        volume_modifying_seconds=0,
        volume_optimizing_seconds=0,
        volume_modifications_per_window=2,
        volume_modification_window_seconds=1,
    ) as quick:
        start = time.time()

        made = answer_at(quick, start, "CreateVolume", {"AvailabilityZone": "us-east-1a", "SizeInGB": 20})

        def modify(after: float, size: int) -> dict[str, Any]:
            params = {"VolumeId": made["VolumeId"], "SizeInGB": size}
            return answer_at(quick, start + after, "ModifyVolume", params)

        modify(0, 30)
        modify(0.1, 35)
        with pytest.raises(ServiceError, match="1 second") as refused:
            modify(0.2, 40)
        assert refused.value.code == "VolumeModificationRateExceededException"
        assert modify(1.05, 40)["TargetSize"] == 40, "the first has left the window"
        with pytest.raises(ServiceError, match="grow") as refused:
            modify(1.1, 35)
        assert refused.value.code == "ValidationException"
        [shown] = answer_at(quick, start + 1.2, "DescribeVolumes", {})["Volumes"]
        assert shown["Size"] == 40


def test_a_volume_being_modified_can_still_be_described(client: Any, ec2: Any) -> None:
    # The rate rule limits modifications, not reads: refresh must see the volume meanwhile.
    volume_id = _volume(client)
    client.modify_volume(VolumeId=volume_id, SizeInGB=30)

    [volume] = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"]

    assert volume["VolumeId"] == volume_id
    assert ec2.describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"]


def test_iops_and_throughput_only_where_the_type_takes_them(client: Any) -> None:
    with pytest.raises(client.exceptions.ValidationException, match="Iops is not supported for gp2"):
        _volume(client, VolumeType="gp2", Iops=3000)
    with pytest.raises(client.exceptions.ValidationException, match="Throughput is not supported for io1"):
        _volume(client, VolumeType="io1", Iops=3000, Throughput=200)
    with pytest.raises(client.exceptions.ValidationException, match="KmsKeyId needs Encrypted"):
        _volume(client, KmsKeyId="alias/mine")
    volume_id = _volume(client, VolumeType="gp2")
    # io1 without Iops gets EC2's default 3,000 IOPS, more than 50 per GiB of this 20 GiB volume.
    with pytest.raises(client.exceptions.ValidationException, match="at most 50 IOPS per GiB"):
        client.modify_volume(VolumeId=volume_id, VolumeType="io1")


def test_the_console_script_takes_the_volume_timings(tmp_path: Path) -> None:
    process, endpoint = start_cli(
        [
            "--volume-modifications-per-window",
            "1",
            "--volume-modification-window-seconds",
            "3600",
            "--volume-modifying-seconds",
            "0",
            # Long enough that the read right after the modification surely finds it optimizing, which the
            # test then waits out: under load, two calls were measured 1.7 s apart.
            "--volume-optimizing-seconds",
            f"{WINDOW_SECONDS:g}",
        ],
        cwd=tmp_path,
    )
    try:
        client, ec2 = client_for(endpoint), ec2_client_for(endpoint)
        volume_id = _volume(client, size=20)
        # A new EC2 client's first call loads much of EC2's model: up to 2 s under load, so it comes first.
        assert _shown(ec2, volume_id)["Size"] == 20
        client.modify_volume(VolumeId=volume_id, SizeInGB=30)  # not modifying at all, then optimizing
        state = _modification(ec2, volume_id)
        assert (state["ModificationState"], state["OriginalSize"], state["TargetSize"]) == (
            "optimizing",
            20,
            30,
        )
        wait_for(
            lambda: _modification(ec2, volume_id)["ModificationState"] == "completed",
            f"the modification of {volume_id} completed",
            seconds=WINDOW_SECONDS + 10,
        )
        # Completed, but one modification in the hour given is all: refused, naming the hour.
        with pytest.raises(client.exceptions.VolumeModificationRateExceededException, match="in 1 hour"):
            client.modify_volume(VolumeId=volume_id, SizeInGB=40)
    finally:
        stop_cli(process, signal.SIGTERM)
