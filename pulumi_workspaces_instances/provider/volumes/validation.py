"""What ``check`` reports for a ``Volume`` or a ``VolumeAttachment``, before any AWS call.

Each input is checked against the member of CreateVolume, ModifyVolume, AssociateVolume or
DisassociateVolume it becomes, in the installed botocore's model (types, enums, ranges, patterns:
:func:`provider.inputs.checks.shape_problems`), then against the EBS rules of :mod:`provider.aws.rules` that
the model cannot express. Every problem is reported at once, one line each naming the input; values unknown
during ``pulumi preview`` are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from botocore.model import ListShape, StringShape, StructureShape

from ..aws.model import member_shape
from ..aws.rules import NOT_YET_KNOWN, EbsNames, Finding, ebs_volume_findings
from ..inputs import properties
from ..inputs.checks import (
    Problem,
    check_region,
    known_regions,
    shape_problems,
    tag_problems,
    timeout_problems,
)
from ..inputs.wire_values import is_unknown, unwrap_secret
from . import state as vs

VOLUME_NAMES = EbsNames(
    volume_type=vs.VOLUME_TYPE, iops=vs.IOPS, throughput=vs.THROUGHPUT, size=vs.SIZE_IN_GB
)
"""The Volume resource's names for the EBS rules' paths and messages."""

_OPERATIONS_OF = {name: (vs.CREATE_VOLUME, vs.MODIFY_VOLUME) for name in vs.MODIFIABLE}
"""Inputs that reach more than one operation are checked against each (distinct) shape."""

ATTACHMENT_MEMBERS = {
    vs.WORKSPACE_INSTANCE_ID: (vs.ASSOCIATE_VOLUME, "WorkspaceInstanceId"),
    vs.VOLUME_ID: (vs.ASSOCIATE_VOLUME, "VolumeId"),
    vs.DEVICE: (vs.ASSOCIATE_VOLUME, "Device"),
    vs.DISASSOCIATE_MODE: (vs.DISASSOCIATE_VOLUME, "DisassociateMode"),
}
_ATTACHMENT_EXAMPLES = {
    vs.WORKSPACE_INSTANCE_ID: "the instance's workspace_instance_id output",
    vs.VOLUME_ID: "the Volume's volume_id output",
    vs.DEVICE: "a device name such as '/dev/sdf' (Windows: 'xvdf')",
}


@cache
def volume_types() -> frozenset[str]:
    """The volume types CreateVolume accepts (the model's enum)."""
    shape = member_shape(vs.CREATE_VOLUME, "VolumeType")
    assert isinstance(shape, StringShape)
    return frozenset(shape.enum)


def _given(value: Any) -> Any:
    """The plain value of an input: secrets unwrapped, a preview-time unknown as NOT_YET_KNOWN."""
    value = unwrap_secret(value)
    return NOT_YET_KNOWN if is_unknown(value) else value


def _known(value: Any) -> bool:
    return value is not None and value is not NOT_YET_KNOWN


# --- Volume -------------------------------------------------------------------------------------


def validate_volume_inputs(props: Mapping[str, Any], default_region: str | None = None) -> list[Problem]:
    """Every problem with a Volume's inputs; an empty list means they are valid.

    ``default_region`` is where a volume without ``region`` goes (for the zone's check).
    """
    problems: list[Problem] = []
    values = {name: _given(props.get(name)) for name in vs.VOLUME_INPUTS}
    if values[vs.REGION] is None:
        values[vs.REGION] = default_region
    if values[vs.AVAILABILITY_ZONE] is None:
        problems.append(
            Problem(
                vs.AVAILABILITY_ZONE, "required; give the zone to create the volume in, e.g. 'us-east-1a'"
            )
        )
    for name, member in vs.API_MEMBER.items():
        operations = _OPERATIONS_OF.get(name, (vs.CREATE_VOLUME,))
        shapes = {
            member_shape(operation, member).name: member_shape(operation, member) for operation in operations
        }
        for shape in shapes.values():
            for problem in shape_problems(shape, props.get(name), name):
                if problem not in problems:
                    problems.append(problem)
    problems += _tag_problems(props.get(vs.TAGS))
    check_region(props.get(vs.REGION), problems)
    problems += timeout_problems(props.get(vs.TIMEOUTS), vs.VOLUME_TIMEOUTS)
    reported = {problem.path for problem in problems}
    for path, reason in (*_volume_rules(values), *ebs_volume_findings(values, VOLUME_NAMES, volume_types())):
        # One problem per input: a value the model refuses needs no second complaint.
        if path not in reported:
            problems.append(Problem(path, reason))
    return problems


def _volume_rules(values: Mapping[str, Any]) -> Iterator[Finding]:
    """The rules of CreateVolume that are about a volume rather than its type and performance."""
    yield from _size_or_snapshot(values)
    yield from _kms_key_needs_encryption(values)
    yield from _zone_in_region(values)


def _size_or_snapshot(values: Mapping[str, Any]) -> Iterator[Finding]:
    """A size, a snapshot, or both.

    EC2 CreateVolume.Size and .SnapshotId: "You must specify either a snapshot ID or a volume size."
    """
    if values.get(vs.SIZE_IN_GB) is None and values.get(vs.SNAPSHOT_ID) is None:
        yield vs.SIZE_IN_GB, "required unless snapshot_id is set; give the size in GiB (e.g. 100)"


def _kms_key_needs_encryption(values: Mapping[str, Any]) -> Iterator[Finding]:
    """A KMS key only for an encrypted volume.

    EC2 CreateVolume.KmsKeyId: "If KmsKeyId is specified, the encrypted state must be true."
    Only an explicit ``encrypted=False`` is refused: unset, the account may encrypt by default.
    """
    if _known(values.get(vs.KMS_KEY_ID)) and values.get(vs.ENCRYPTED) is False:
        yield vs.KMS_KEY_ID, "needs encrypted=True; set encrypted to True or remove kms_key_id"


def _zone_in_region(values: Mapping[str, Any]) -> Iterator[Finding]:
    """The zone belongs to the volume's region.

    EC2 User Guide, Regions and Zones: "An Availability Zone is represented by a Region code followed
    by a letter identifier" (Local and Wavelength Zones also start with their Region's code).
    Checked only against a known region (a misspelt one is reported as such, not blamed on the zone).
    """
    zone, region = values.get(vs.AVAILABILITY_ZONE), values.get(vs.REGION)
    if not isinstance(zone, str) or not isinstance(region, str) or region not in known_regions():
        return
    if zone and not zone.startswith(region):
        yield (
            vs.AVAILABILITY_ZONE,
            f"{zone!r} is not a zone of region {region!r}; use one of its zones (e.g. '{region}a') "
            "or set region to the zone's region",
        )


def _tag_problems(value: Any) -> list[Problem]:
    """``tags``: a map whose size, keys and values follow the model's TagSpecification.Tags shapes."""
    value = unwrap_secret(value)
    if value is None or is_unknown(value):
        return []
    if not isinstance(value, Mapping):
        return [Problem(vs.TAGS, "must be a map of tag keys to string values")]
    specifications = member_shape(vs.CREATE_VOLUME, "TagSpecifications")
    assert isinstance(specifications, ListShape) and isinstance(specifications.member, StructureShape)
    tag_list = specifications.member.members["Tags"]
    assert isinstance(tag_list, ListShape) and isinstance(tag_list.member, StructureShape)
    return tag_problems(value, tag_list, vs.TAGS)


def will_replace(olds: Mapping[str, Any], news: Mapping[str, Any]) -> bool:
    """Whether going from stored inputs ``olds`` to checked inputs ``news`` replaces the volume."""
    return any(vs.comparable(name, olds) != vs.comparable(name, news) for name in vs.CREATE_ONLY)


def shrink_problems(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[Problem]:
    """A smaller ``size_in_gb`` than the volume's: refused, since EBS volumes only grow.

    ``olds`` are the stored inputs (after a refresh: the size EC2 reported). EC2 ModifyVolume.Size:
    "The target volume size must be greater than or equal to the existing size of the volume."
    A replacement makes a new volume, which may be smaller.
    """
    old, new = _given(olds.get(vs.SIZE_IN_GB)), _given(news.get(vs.SIZE_IN_GB))
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (old, new))
    if not numbers or new >= old or will_replace(olds, news):
        return []
    return [
        Problem(vs.SIZE_IN_GB, shrink_reason(old, new, properties.resource_urn(news, vs.VOLUME_TYPE_TOKEN)))
    ]


def shrink_reason(current: float, wanted: float, urn: str | None = None) -> str:
    """Why a volume cannot become ``wanted`` GiB, and what to do instead (``urn``: the volume's)."""
    replace = (
        f"`pulumi up --replace '{urn}'`"
        if urn
        else "`pulumi up --replace` with the volume's URN, which `pulumi stack --show-urns` lists"
    )
    return (
        f"the volume is {current:g} GiB and EBS volumes cannot shrink; set size_in_gb to {current:g} "
        f"or more (not {wanted:g}), or replace the volume ({replace}; its data is lost)"
    )


# --- VolumeAttachment ---------------------------------------------------------------------------


def validate_attachment_inputs(props: Mapping[str, Any]) -> list[Problem]:
    """Every problem with a VolumeAttachment's inputs; an empty list means they are valid."""
    problems: list[Problem] = []
    for name, (operation, member) in ATTACHMENT_MEMBERS.items():
        shape = member_shape(operation, member)
        if name in _ATTACHMENT_EXAMPLES and _given(props.get(name)) is None:
            problems.append(Problem(name, f"required; give {_ATTACHMENT_EXAMPLES[name]}"))
        problems += shape_problems(shape, props.get(name), name)
    check_region(props.get(vs.REGION), problems)
    problems += timeout_problems(props.get(vs.TIMEOUTS), vs.ATTACHMENT_TIMEOUTS)
    return problems
