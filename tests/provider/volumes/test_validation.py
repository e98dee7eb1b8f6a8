"""What ``check`` tells a user about Volume and VolumeAttachment inputs, before anything reaches AWS."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime import rpc

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.attachment_provider import VolumeAttachmentProvider
from pulumi_workspaces_instances.provider.aws import rules
from pulumi_workspaces_instances.provider.aws.model import member_shape
from pulumi_workspaces_instances.provider.instances.validation import Problem, validate_inputs
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from pulumi_workspaces_instances.provider.volumes.validation import (
    shrink_problems,
    validate_attachment_inputs,
    validate_volume_inputs,
    volume_types,
)
from tests.provider.conftest import failures_by_path

# Checks resolve the default region: give them one, offline.
pytestmark = pytest.mark.usefixtures("default_region")

INSTANCE_ID = "wsinst-0a1b2c3d4e5f60001"
VOLUME_ID = "vol-0a1b2c3d4e5f60001"


def volume(**overrides: Any) -> dict[str, Any]:
    """Valid Volume inputs, with overrides (None removes an input)."""
    props: dict[str, Any] = {"availability_zone": "us-east-1a", "size_in_gb": 100, "volume_type": "gp3"}
    props.update(overrides)
    return {key: value for key, value in props.items() if value is not None}


def attachment(**overrides: Any) -> dict[str, Any]:
    """Valid VolumeAttachment inputs, with overrides (None removes an input)."""
    props: dict[str, Any] = {
        "workspace_instance_id": INSTANCE_ID,
        "volume_id": VOLUME_ID,
        "device": "/dev/sdf",
    }
    props.update(overrides)
    return {key: value for key, value in props.items() if value is not None}


def problems_of(props: dict[str, Any]) -> dict[str, str]:
    found = validate_volume_inputs(props, "us-east-1")
    by_path = {problem.path: problem.reason for problem in found}
    assert len(by_path) == len(found), f"one problem per input: {found}"
    return by_path


def test_valid_inputs_have_no_problems() -> None:
    assert validate_volume_inputs(volume(), "us-east-1") == []
    assert validate_volume_inputs(volume(size_in_gb=None, snapshot_id="snap-0123abcd"), "us-east-1") == []
    full = volume(
        volume_type="io2",
        iops=16000,
        encrypted=True,
        kms_key_id="alias/desks",
        tags={"team": "desks"},
        region="us-east-1",
        client_token="token-1",
        timeouts={"create": "5m", "update": "1h", "delete": "90s"},
    )
    assert validate_volume_inputs(full, None) == []


VOLUME_CASES = [
    ("zone missing", volume(availability_zone=None), "availability_zone", "required; give the zone"),
    (
        "zone longer than the model allows",
        volume(availability_zone="us-east-1" + "a" * 60),
        "availability_zone",
        "must have at most 64 characters, got 69",
    ),
    (
        "zone of another region",
        volume(availability_zone="eu-west-1a"),
        "availability_zone",
        "'eu-west-1a' is not a zone of region 'us-east-1'; use one of its zones (e.g. 'us-east-1a')",
    ),
    (
        "neither size nor snapshot",
        volume(size_in_gb=None),
        "size_in_gb",
        "required unless snapshot_id is set",
    ),
    (
        "size below the model's range",
        volume(size_in_gb=0),
        "size_in_gb",
        "must be between 1 and 16384, got 0",
    ),
    ("size above the model's range", volume(size_in_gb=20000), "size_in_gb", "must be between 1 and 16384"),
    ("size not whole", volume(size_in_gb=10.5), "size_in_gb", "must be a whole number, got a number 10.5"),
    (
        "st1 smaller than EBS allows",
        volume(volume_type="st1", size_in_gb=100),
        "size_in_gb",
        "st1 volumes are 125 to 16,384 GiB, got 100; change size_in_gb or volume_type",
    ),
    (
        "standard larger than EBS allows",
        volume(volume_type="standard", size_in_gb=2048),
        "size_in_gb",
        "standard volumes are 1 to 1,024 GiB, got 2048",
    ),
    (
        "io2 smaller than EBS allows",
        volume(volume_type="io2", size_in_gb=2, iops=100),
        "size_in_gb",
        "io2 volumes are 4 to",
    ),
    (
        "volume type misspelt",
        volume(volume_type="gp4"),
        "volume_type",
        "invalid value 'gp4'; did you mean",
    ),
    (
        "iops on gp2",
        volume(volume_type="gp2", iops=3000),
        "iops",
        "iops applies only to volume types gp3, io1, io2, not 'gp2'; remove iops or change volume_type",
    ),
    (
        "io1 without iops",
        volume(volume_type="io1"),
        "iops",
        "required when volume_type is 'io1'; set the provisioned IOPS",
    ),
    ("negative iops", volume(iops=-1), "iops", "must be at least 0, got -1"),
    (
        "throughput on st1",
        volume(volume_type="st1", size_in_gb=500, throughput=250),
        "throughput",
        "throughput applies only to gp3 volumes, not 'st1'; set volume_type to 'gp3' or remove throughput",
    ),
    ("encrypted as text", volume(encrypted="yes"), "encrypted", "must be true or false, got a string 'yes'"),
    (
        "kms key on an unencrypted volume",
        volume(encrypted=False, kms_key_id="alias/desks"),
        "kms_key_id",
        "needs encrypted=True; set encrypted to True or remove kms_key_id",
    ),
    (
        "kms key longer than the model allows, not shown",
        volume(kms_key_id="k" * 129),
        "kms_key_id",
        "must have at most 128 characters, got 129",
    ),
    (
        "snapshot id malformed",
        volume(snapshot_id="snapshot-1"),
        "snapshot_id",
        "must match the pattern snap-",
    ),
    (
        "client token outside printable ASCII, not shown",
        volume(client_token="tök"),
        "client_token",
        "got a value that is not shown because it is sensitive",
    ),
    ("tags not a map", volume(tags=["a"]), "tags", "must be a map of tag keys to string values"),
    (
        "tag key reserved by AWS",
        volume(tags={"aws:owner": "x"}),
        "tags.aws:owner",
        "reserved by AWS; rename it",
    ),
    (
        "tag value with a forbidden character",
        volume(tags={"team": "a*b"}),
        "tags.team",
        "tag value must match",
    ),
    (
        "too many tags",
        volume(tags={f"k{index}": "v" for index in range(51)}),
        "tags",
        "has 51 tags but at most 50 are allowed; remove 1",
    ),
    (
        "region misspelt",
        volume(region="us-east1"),
        "region",
        "unknown AWS region 'us-east1'; did you mean 'us-east-1'?",
    ),
    (
        "timeout key unknown",
        volume(timeouts={"updte": "5m"}),
        "timeouts.updte",
        "did you mean 'update'? (valid: create, update, delete)",
    ),
    (
        "timeout not a duration",
        volume(timeouts={"delete": "soon"}),
        "timeouts.delete",
        "invalid duration 'soon'",
    ),
]


@pytest.mark.parametrize(
    ("props", "path", "reason"), [case[1:] for case in VOLUME_CASES], ids=[c[0] for c in VOLUME_CASES]
)
def test_each_volume_problem_names_the_input_and_what_to_change(
    props: dict[str, Any], path: str, reason: str
) -> None:
    found = problems_of(props)

    assert list(found) == [path]
    assert reason in found[path]


def test_sensitive_values_never_appear_in_messages() -> None:
    secret = "ärn-of-a-key" + "x" * 130
    found = problems_of(volume(kms_key_id=secret, client_token=secret))

    assert set(found) == {"kms_key_id", "client_token"}
    assert all(secret not in reason for reason in found.values())


def test_every_problem_is_reported_at_once() -> None:
    found = problems_of(
        {"size_in_gb": 0, "volume_type": "gp2", "iops": 100, "throughput": 300, "tags": {"aws:x": "1"}}
    )

    assert set(found) == {"availability_zone", "size_in_gb", "iops", "throughput", "tags.aws:x"}


def test_values_unknown_at_preview_are_skipped_and_never_blamed() -> None:
    unknown = Unknown()
    props = volume(availability_zone=unknown, size_in_gb=unknown, volume_type="io1", iops=unknown)

    assert validate_volume_inputs(props, "us-east-1") == []
    # An unknown type may be one that takes IOPS; an unknown size may be in range.
    assert validate_volume_inputs(volume(volume_type=unknown, iops=5000, size_in_gb=2), "us-east-1") == []
    assert validate_volume_inputs(volume(snapshot_id=unknown, size_in_gb=None), "us-east-1") == []


def test_secret_wrapped_values_are_checked_by_their_value() -> None:
    props = volume(kms_key_id=rpc.wrap_rpc_secret("k" * 200), client_token=rpc.wrap_rpc_secret("fine"))
    assert [problem.path for problem in validate_volume_inputs(props, "us-east-1")] == ["kms_key_id"]


def test_the_volume_types_are_the_models() -> None:
    shape = member_shape("CreateVolume", "VolumeType")
    assert volume_types() == frozenset(shape.enum)  # type: ignore[attr-defined]
    assert member_shape("ModifyVolume", "VolumeType").name == shape.name


def test_every_model_volume_type_has_a_size_range() -> None:
    assert volume_types() <= set(rules.VOLUME_SIZE_RANGES_GIB)


# --- the same EBS rules serve instances and volumes ---------------------------------------------


def test_one_rule_speaks_each_callers_names() -> None:
    ebs_block = {"VolumeType": "sc1", "VolumeSize": 10, "Iops": 500}
    resource = {"volume_type": "sc1", "size_in_gb": 10, "iops": 500}
    names = rules.EbsNames(volume_type="volume_type", iops="iops", throughput="throughput", size="size_in_gb")

    block = rules.ebs_volume_findings(ebs_block, rules.BLOCK_DEVICE_EBS, volume_types())
    volume_findings = rules.ebs_volume_findings(resource, names, volume_types())

    assert [path for path, _ in block] == ["Iops", "VolumeSize"]
    assert [path for path, _ in volume_findings] == ["iops", "size_in_gb"]
    assert block[1][1] == "sc1 volumes are 125 to 16,384 GiB, got 10; change VolumeSize or VolumeType"
    assert (
        volume_findings[1][1] == "sc1 volumes are 125 to 16,384 GiB, got 10; change size_in_gb or volume_type"
    )


def test_instance_block_devices_get_the_size_rule_too() -> None:
    props = {
        "managed_instance": {
            "ImageId": "ami-0123456789abcdef0",
            "InstanceType": "t3.large",
            "BlockDeviceMappings": [
                {"DeviceName": "/dev/sdf", "Ebs": {"VolumeType": "st1", "VolumeSize": 8}}
            ],
        }
    }
    assert validate_inputs(props) == [
        Problem(
            "managed_instance.BlockDeviceMappings[0].Ebs.VolumeSize",
            "st1 volumes are 125 to 16,384 GiB, got 8; change VolumeSize or VolumeType",
        )
    ]


# --- shrinking ----------------------------------------------------------------------------------


def test_a_smaller_size_is_refused_naming_the_current_size() -> None:
    old = volume(size_in_gb=100, region="us-east-1")
    assert shrink_problems(old, volume(size_in_gb=50, region="us-east-1")) == [
        Problem(
            "size_in_gb",
            "the volume is 100 GiB and EBS volumes cannot shrink; set size_in_gb to 100 or more (not 50), "
            "or replace the volume (`pulumi up --replace` "
            "with the volume's URN, which `pulumi stack --show-urns` lists; its data is lost)",
        )
    ]
    assert shrink_problems(old, volume(size_in_gb=100.0, region="us-east-1")) == []
    assert shrink_problems(old, volume(size_in_gb=200, region="us-east-1")) == []


def test_a_replacement_may_be_smaller() -> None:
    old = volume(size_in_gb=100, region="us-east-1")
    assert (
        shrink_problems(old, volume(size_in_gb=50, availability_zone="us-east-1b", region="us-east-1")) == []
    )


def test_check_refuses_the_shrink_at_preview_and_fills_in_the_region() -> None:
    provider = VolumeProvider()
    stored = provider.check({}, volume(size_in_gb=100)).inputs

    assert stored["region"] == "us-east-1" and stored["__defaults"] == ["region"]
    result = provider.check(stored, volume(size_in_gb=40))
    assert failures_by_path(result.failures) == {
        "size_in_gb": "the volume is 100 GiB and EBS volumes cannot shrink; set size_in_gb to 100 or more "
        "(not 40), or replace the volume (`pulumi up --replace` "
        "with the volume's URN, which `pulumi stack --show-urns` lists; its data is lost)"
    }


def test_check_reports_every_problem_as_one_line_each() -> None:
    result = VolumeProvider().check({}, {"__provider": "blob", "size_in_gb": 0, "volume_type": "io1"})

    assert failures_by_path(result.failures) == {
        "availability_zone": "required; give the zone to create the volume in, e.g. 'us-east-1a'",
        "size_in_gb": "must be between 1 and 16384, got 0",
        "iops": "required when volume_type is 'io1'; set the provisioned IOPS",
    }
    assert all("\n" not in failure.reason for failure in result.failures)


# --- VolumeAttachment ---------------------------------------------------------------------------

ATTACHMENT_CASES = [
    ("instance missing", attachment(workspace_instance_id=None), "workspace_instance_id", "required; give"),
    (
        "volume missing",
        attachment(volume_id=None),
        "volume_id",
        "required; give the Volume's volume_id output",
    ),
    ("device missing", attachment(device=None), "device", "required; give a device name such as '/dev/sdf'"),
    (
        "instance id malformed",
        attachment(workspace_instance_id="i-0123"),
        "workspace_instance_id",
        "must have at least 15",
    ),
    (
        "instance id of the wrong kind",
        attachment(workspace_instance_id="wsi-0a1b2c3d4e5f6"),
        "workspace_instance_id",
        "must match the pattern wsinst-",
    ),
    ("volume id malformed", attachment(volume_id="volume-1"), "volume_id", "must match the pattern vol-"),
    ("device too long", attachment(device="/dev/" + "x" * 40), "device", "must have at most 32 characters"),
    (
        "disassociate mode misspelt",
        attachment(disassociate_mode="force"),
        "disassociate_mode",
        "invalid value 'force'; did you mean 'FORCE'? (valid: FORCE, NO_FORCE)",
    ),
    ("update timeout", attachment(timeouts={"update": "5m"}), "timeouts.update", "(valid: create, delete)"),
]


@pytest.mark.parametrize(
    ("props", "path", "reason"), [case[1:] for case in ATTACHMENT_CASES], ids=[c[0] for c in ATTACHMENT_CASES]
)
def test_each_attachment_problem_names_the_input(props: dict[str, Any], path: str, reason: str) -> None:
    found = {problem.path: problem.reason for problem in validate_attachment_inputs(props)}

    assert list(found) == [path]
    assert reason in found[path]


def test_valid_attachment_inputs_pass_and_get_the_region(aws_env: Emulator) -> None:
    assert (
        validate_attachment_inputs(attachment(disassociate_mode="NO_FORCE", timeouts={"delete": "2m"})) == []
    )
    result = VolumeAttachmentProvider().check({}, attachment())
    assert result.failures == []
    assert result.inputs["region"] == "us-east-1"
    unknown = Unknown()
    assert validate_attachment_inputs(attachment(workspace_instance_id=unknown, volume_id=unknown)) == []
