"""The EBS limits table the provider and the emulator share says what the EC2 API reference says.

The reference ships as documentation in botocore's ``ec2`` model: when a botocore update changes a
documented limit (gp3 went from 16,000 to 80,000 IOPS), this fails and names the number to update.
The per-GiB and per-IOPS ratios come from the EBS User Guide, which botocore does not carry.
"""

from __future__ import annotations

import re
from functools import cache

import botocore.session
import pytest
from botocore.model import StringShape, StructureShape

from pulumi_workspaces_instances import ebs_limits
from pulumi_workspaces_instances.emulator.core.model import operation
from pulumi_workspaces_instances.provider.aws import rules


@cache
def _documented(shape_name: str, member: str) -> str:
    """One EC2 member's documentation as plain text: no markup, "(default)" notes or thousands
    separators, and no space before a colon or comma (so numbers and lists read one way)."""
    model = botocore.session.get_session().get_service_model("ec2")
    shape = model.shape_for(shape_name)
    assert isinstance(shape, StructureShape)
    text = re.sub(r"<[^>]+>", " ", shape.members[member].documentation)
    text = re.sub(r"\(\s*default\s*\)", " ", text)
    text = re.sub(r"(\d),(\d)", r"\1\2", text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ([:,])", r"\1", text)


SIZE_DOCS = [
    ("CreateVolumeRequest", "Size"),
    ("ModifyVolumeRequest", "Size"),
    ("EbsBlockDevice", "VolumeSize"),
]
IOPS_DOCS = [("CreateVolumeRequest", "Iops"), ("ModifyVolumeRequest", "Iops"), ("EbsBlockDevice", "Iops")]


@pytest.mark.parametrize(("shape", "member"), SIZE_DOCS)
def test_size_ranges_are_the_documented_ones(shape: str, member: str) -> None:
    text = _documented(shape, member)
    for volume_type, (least, most) in ebs_limits.VOLUME_SIZE_RANGES_GIB.items():
        names = "st1 and sc1" if volume_type in ("st1", "sc1") else volume_type
        assert f"{names}: {least} - {most} GiB" in text, f"{shape}.{member}: {volume_type} {least}-{most}"


@pytest.mark.parametrize(("shape", "member"), IOPS_DOCS)
def test_iops_ranges_are_the_documented_ones(shape: str, member: str) -> None:
    text = _documented(shape, member)
    for volume_type, (least, most) in ebs_limits.IOPS_RANGES.items():
        assert re.search(rf"{volume_type}: {least} ?- {most} IOPS", text), f"{shape}.{member}: {volume_type}"


def test_throughput_range_and_defaults_are_the_documented_ones() -> None:
    least, most = ebs_limits.THROUGHPUT_RANGE_MIBPS
    assert f"Valid Range: {least} - {most} MiB/s" in _documented("CreateVolumeRequest", "Throughput")
    for shape, member in (("ModifyVolumeRequest", "Throughput"), ("EbsBlockDevice", "Throughput")):
        assert f"Minimum value of {least}. Maximum value of {most}." in _documented(shape, member)
    modify_iops = _documented("ModifyVolumeRequest", "Iops")
    assert f"change the volume type to io1, io2, or gp3, the default is {ebs_limits.GP3_BASELINE_IOPS}" in (
        modify_iops
    )
    assert f"the default value is {ebs_limits.GP3_BASELINE_THROUGHPUT_MIBPS}" in _documented(
        "ModifyVolumeRequest", "Throughput"
    )


def test_which_types_take_iops_and_throughput_is_the_documented_one() -> None:
    iops = _documented("CreateVolumeRequest", "Iops")
    assert "Required for io1 and io2 volumes. Optional for gp3 volumes." in iops
    assert set(ebs_limits.IOPS_REQUIRED_VOLUME_TYPES) == {"io1", "io2"}
    assert set(ebs_limits.IOPS_VOLUME_TYPES) == {"gp3", "io1", "io2"} == set(ebs_limits.IOPS_RANGES)
    assert set(ebs_limits.MAX_IOPS_PER_GIB) == set(ebs_limits.IOPS_RANGES)
    assert "Supported for gp3 volumes only." in _documented("CreateVolumeRequest", "Throughput")
    assert ebs_limits.THROUGHPUT_VOLUME_TYPES == ("gp3",)


def test_every_volume_type_of_the_api_has_limits_and_the_provider_uses_the_same_table() -> None:
    request = operation("CreateVolume").input_shape
    assert request is not None
    volume_type = request.members["VolumeType"]
    assert isinstance(volume_type, StringShape)
    assert set(volume_type.enum) == set(ebs_limits.VOLUME_SIZE_RANGES_GIB)
    assert rules.VOLUME_SIZE_RANGES_GIB is ebs_limits.VOLUME_SIZE_RANGES_GIB
    assert rules.IOPS_VOLUME_TYPES is ebs_limits.IOPS_VOLUME_TYPES
