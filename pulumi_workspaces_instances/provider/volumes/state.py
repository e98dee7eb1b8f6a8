"""Property names of ``Volume`` and ``VolumeAttachment``; conversions between inputs, requests, outputs.

A Volume's outputs echo its inputs under the same names (so the engine keeps ``kms_key_id`` and
``client_token`` secret, path by path), except what changes in place: the four properties
ModifyVolume changes (``size_in_gb``, ``volume_type``, ``iops``, ``throughput``) and ``tags`` (EC2
CreateTags/DeleteTags) show what EC2 reports, so a refresh shows drift and a diff compares the
program with the volume as it is. Those four are optional and
"computed": unset means "whatever the volume has" (EC2's defaults at create, then its live value),
never a change. Which of them the program did set is kept in the hidden output ``__declared``, so
``read`` hands back as inputs only what the program declared.

The create-only properties are echoed as declared, not as EC2 reports them: EC2 rewrites a KMS alias
to the key's ARN and may encrypt by account default, and a refresh that stored those would turn
into a replacement on the next ``up``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from botocore.model import StructureShape

from ..aws import tagging
from ..aws.model import input_shape
from ..inputs import properties
from ..inputs.checks import RESERVED_TAG_PREFIX
from ..inputs.timeouts import timeout_seconds
from ..inputs.wire_values import is_unknown

VOLUME_TYPE_TOKEN = "pulumi-python:dynamic/workspacesinstances:Volume"
"""The Volume resource's Pulumi type (the SDK's dynamic prefix, the module and the class name)."""
CREATE_VOLUME = "CreateVolume"
MODIFY_VOLUME = "ModifyVolume"
DELETE_VOLUME = "DeleteVolume"
ASSOCIATE_VOLUME = "AssociateVolume"
DISASSOCIATE_VOLUME = "DisassociateVolume"

# --- Volume -----------------------------------------------------------------------------------

AVAILABILITY_ZONE = "availability_zone"
SIZE_IN_GB = "size_in_gb"
VOLUME_TYPE = "volume_type"
IOPS = "iops"
THROUGHPUT = "throughput"
ENCRYPTED = "encrypted"
KMS_KEY_ID = "kms_key_id"
SNAPSHOT_ID = "snapshot_id"
TAGS = properties.TAGS
REGION = properties.REGION
CLIENT_TOKEN = properties.CLIENT_TOKEN
TIMEOUTS = properties.TIMEOUTS
IDENTITY = properties.IDENTITY
SEED = properties.SEED
DEFAULTS = properties.DEFAULTS
DECLARED = "__declared"
"""Hidden output: which of :data:`MODIFIABLE` the program set (the rest show EC2's values)."""

VOLUME_ID = "volume_id"
VOLUME_STATE = "state"
ATTACHMENTS = "attachments"

MODIFIABLE = (SIZE_IN_GB, VOLUME_TYPE, IOPS, THROUGHPUT)
"""Inputs ModifyVolume changes in place (size only upwards)."""
CREATE_ONLY = (AVAILABILITY_ZONE, ENCRYPTED, KMS_KEY_ID, SNAPSHOT_ID, REGION, CLIENT_TOKEN)
"""Inputs the API cannot change on an existing volume: changing one replaces it."""
# ``tags`` is neither: the WorkSpaces Instances API sets them only at CreateVolume, but the volume
# is an EBS volume in the caller's account, whose tags EC2 CreateTags/DeleteTags change in place.
VOLUME_INPUTS = (
    AVAILABILITY_ZONE,
    SIZE_IN_GB,
    VOLUME_TYPE,
    IOPS,
    THROUGHPUT,
    ENCRYPTED,
    KMS_KEY_ID,
    SNAPSHOT_ID,
    TAGS,
    REGION,
    CLIENT_TOKEN,
    TIMEOUTS,
)
"""The user-facing inputs, in documentation order."""
VOLUME_OUTPUTS = (VOLUME_ID, VOLUME_STATE, ATTACHMENTS, *VOLUME_INPUTS)
"""Every output attribute of ``Volume``."""
HIDDEN = (IDENTITY, SEED, DEFAULTS)
"""Hidden inputs, echoed in the outputs (see :mod:`provider.instances.state`)."""

API_MEMBER = {
    AVAILABILITY_ZONE: "AvailabilityZone",
    SIZE_IN_GB: "SizeInGB",
    VOLUME_TYPE: "VolumeType",
    IOPS: "Iops",
    THROUGHPUT: "Throughput",
    ENCRYPTED: "Encrypted",
    KMS_KEY_ID: "KmsKeyId",
    SNAPSHOT_ID: "SnapshotId",
    CLIENT_TOKEN: "ClientToken",
}
"""The CreateVolume (and ModifyVolume) member each scalar input sets."""
EC2_MEMBER = {SIZE_IN_GB: "Size", VOLUME_TYPE: "VolumeType", IOPS: "Iops", THROUGHPUT: "Throughput"}
"""Where DescribeVolumes reports each modifiable input."""
TAG_RESOURCE_TYPE = "volume"
"""``TagSpecifications[].ResourceType`` for tags on the volume itself."""

VOLUME_TIMEOUTS: Mapping[str, str] = {"create": "10m", "update": "30m", "delete": "10m"}
"""How long a Volume waits: until EC2 shows it available (create), for the previous modification to
complete and the new one to reach ``optimizing`` (update), until EC2 shows it gone (delete)."""

# --- VolumeAttachment -------------------------------------------------------------------------

WORKSPACE_INSTANCE_ID = "workspace_instance_id"
DEVICE = "device"
DISASSOCIATE_MODE = "disassociate_mode"
EC2_INSTANCE_ID = "ec2_instance_id"
ATTACHMENT_STATE = "state"

ATTACHMENT_REPLACE = (WORKSPACE_INSTANCE_ID, VOLUME_ID, DEVICE, REGION)
"""Attachment inputs that only a detach and a new attach can change."""
ATTACHMENT_INPUTS = (WORKSPACE_INSTANCE_ID, VOLUME_ID, DEVICE, DISASSOCIATE_MODE, REGION, TIMEOUTS)
ATTACHMENT_OUTPUTS = (EC2_INSTANCE_ID, ATTACHMENT_STATE, *ATTACHMENT_INPUTS)
"""Every output attribute of ``VolumeAttachment``."""

ATTACHMENT_TIMEOUTS: Mapping[str, str] = {"create": "10m", "delete": "10m"}
"""How long an attachment waits for EC2 to show the volume attached (create) or detached (delete)."""


ATTACHMENT_ID_SEPARATOR = ":"
"""Between the instance and the volume in an attachment's id (neither id can contain it)."""


def attachment_id(workspace_instance_id: str, volume_id: str) -> str:
    """The attachment's resource id: which volume on which instance."""
    return f"{workspace_instance_id}{ATTACHMENT_ID_SEPARATOR}{volume_id}"


def split_attachment_id(resource_id: str) -> tuple[str, str] | None:
    """The instance and volume an attachment's id names; None when it is not ``<instance>:<volume>``."""
    instance_id, separator, volume_id = resource_id.partition(ATTACHMENT_ID_SEPARATOR)
    if not separator or not instance_id or not volume_id or ATTACHMENT_ID_SEPARATOR in volume_id:
        return None
    return instance_id, volume_id


def with_attachment_ids(resource_id: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """``props`` with the instance and volume its id names, when it names neither (an import: only the id).

    Raises ValueError when the id cannot name them.
    """
    filled = dict(props)
    if filled.get(WORKSPACE_INSTANCE_ID) and filled.get(VOLUME_ID):
        return filled
    parts = split_attachment_id(resource_id)
    if parts is None:
        raise ValueError(
            f"{resource_id!r} is not a VolumeAttachment id: it is <workspaceInstanceId>:<volumeId> "
            "(wsinst-…:vol-…), with <region>/ in front for another region"
        )
    filled[WORKSPACE_INSTANCE_ID], filled[VOLUME_ID] = parts
    return filled


# --- shared -----------------------------------------------------------------------------------


def with_region(inputs: Mapping[str, Any], region: str | None) -> dict[str, Any]:
    """``inputs`` with ``region`` filled in when the program left it unset (see state.with_defaults).

    The stored inputs then hold the region in effect, so a refresh reads them back unchanged and a
    changed ``aws:region`` shows as ``region: old => new``; ``__defaults`` records the filling.
    """
    filled = dict(inputs)
    names: list[str] = []
    if filled.get(REGION) is None and region is not None:
        filled[REGION] = region
        names.append(REGION)
    filled[DEFAULTS] = names
    return filled


def whole(value: Any) -> Any:
    """A whole float as an int (Pulumi sends every number as a double); anything else unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _shape(operation: str) -> StructureShape:
    return input_shape(operation)


@cache
def secret_inputs() -> tuple[str, ...]:
    """The Volume inputs whose CreateVolume member the model marks sensitive (KmsKeyId, ClientToken)."""
    members = _shape(CREATE_VOLUME).members
    return tuple(name for name, member in API_MEMBER.items() if members[member].metadata.get("sensitive"))


def comparable(name: str, props: Mapping[str, Any]) -> Any:
    """Input ``name`` of ``props`` in a form where equal meaning means equal value.

    Unset and empty tags are the same; numbers compare as whole numbers; timeouts as seconds per
    operation (so ``"10m"`` and unset compare equal). A preview-time unknown is returned as is.
    """
    value = props.get(name)
    if is_unknown(value):
        return value
    if name == TAGS:
        return properties.tags_of(props)
    if name == TIMEOUTS:
        try:
            return {
                key: timeout_seconds(props.get(TIMEOUTS), key, VOLUME_TIMEOUTS) for key in VOLUME_TIMEOUTS
            }
        except ValueError:
            return value
    return whole(value)


def create_request(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The CreateVolume parameters (without ClientToken) for checked inputs."""
    members = _shape(CREATE_VOLUME).members
    request: dict[str, Any] = {}
    for name, member in API_MEMBER.items():
        value = inputs.get(name)
        if value is None or name == CLIENT_TOKEN:
            continue
        request[member] = whole(value) if members[member].type_name == "integer" else value
    tags = properties.tags_of(inputs)
    if tags:
        request["TagSpecifications"] = [{"ResourceType": TAG_RESOURCE_TYPE, "Tags": tagging.api_tags(tags)}]
    return request


def live_tags(volume: Mapping[str, Any]) -> dict[str, str]:
    """The volume's tags as DescribeVolumes reports them, without AWS's own (``aws:…``)."""
    return {
        str(tag["Key"]): str(tag.get("Value", ""))
        for tag in volume.get("Tags") or []
        if not str(tag.get("Key", "")).startswith(RESERVED_TAG_PREFIX)
    }


def live_values(volume: Mapping[str, Any]) -> dict[str, Any]:
    """The modifiable properties as DescribeVolumes reports them."""
    return {name: volume.get(member) for name, member in EC2_MEMBER.items()}


def declared(inputs: Mapping[str, Any]) -> list[str]:
    """The modifiable inputs the program set."""
    return [name for name in MODIFIABLE if inputs.get(name) is not None]


def modify_request(current: Mapping[str, Any], desired: Mapping[str, Any]) -> dict[str, Any]:
    """The ModifyVolume members (without VolumeId) that bring ``current`` outputs to ``desired`` inputs.

    Only declared inputs count; an empty result means nothing to modify.
    """
    request: dict[str, Any] = {}
    for name in MODIFIABLE:
        wanted = whole(desired.get(name))
        if wanted is not None and wanted != whole(current.get(name)):
            request[API_MEMBER[name]] = wanted
    return request


def attachments_view(volume: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The volume's attachments as the ``attachments`` output shows them."""
    return [
        {
            "ec2_instance_id": attachment.get("InstanceId"),
            "device": attachment.get("Device"),
            "state": attachment.get("State"),
        }
        for attachment in volume.get("Attachments") or []
    ]


def volume_outputs(
    inputs: Mapping[str, Any],
    *,
    volume_id: str,
    region: str,
    volume: Mapping[str, Any] | None,
    previous: Mapping[str, Any] | None = None,
    declared_names: list[str] | None = None,
) -> dict[str, Any]:
    """The full output bag: the inputs echoed, the modifiable ones, tags and the computed ones from EC2.

    ``volume`` is a DescribeVolumes entry; None (not read) keeps ``previous`` outputs' EC2 values.
    ``declared_names`` overrides which modifiable inputs count as declared (``read`` passes the
    stored ones: its ``inputs`` are outputs, where all four always have values).
    """
    outs: dict[str, Any] = {name: inputs.get(name) for name in (*VOLUME_INPUTS, *HIDDEN)}
    outs[TAGS] = properties.tags_of(inputs)
    outs[REGION] = region
    outs[VOLUME_ID] = volume_id
    outs[DECLARED] = declared(inputs) if declared_names is None else list(declared_names)
    if volume is not None:
        outs.update({name: whole(value) for name, value in live_values(volume).items()})
        outs[TAGS] = live_tags(volume)
        outs[VOLUME_STATE] = volume.get("State")
        outs[ATTACHMENTS] = attachments_view(volume)
    else:
        earlier = previous or {}
        for name in MODIFIABLE:
            outs[name] = inputs.get(name) if inputs.get(name) is not None else earlier.get(name)
        outs[VOLUME_STATE] = earlier.get(VOLUME_STATE)
        outs[ATTACHMENTS] = earlier.get(ATTACHMENTS) or []
    return outs


def declared_in(outs: Mapping[str, Any]) -> list[str]:
    """The modifiable inputs the program declared, as recorded in the outputs ``outs``."""
    named = outs.get(DECLARED)
    return [str(name) for name in named] if isinstance(named, list | tuple) else []


IMPORTED_FROM_EC2 = {
    AVAILABILITY_ZONE: "AvailabilityZone",
    ENCRYPTED: "Encrypted",
    KMS_KEY_ID: "KmsKeyId",
    SNAPSHOT_ID: "SnapshotId",
}
"""Create-only inputs an import reads from DescribeVolumes (a refresh echoes the declared ones)."""
IMPORT_DECLARED = (SIZE_IN_GB, VOLUME_TYPE)
"""Modifiable inputs an imported volume declares (its live values): the size is required, and the
type is what a program usually states; IOPS and throughput stay "as the volume is"."""


def imported_inputs(inputs: Mapping[str, Any], volume: Mapping[str, Any]) -> dict[str, Any]:
    """``inputs`` (an import has at most a region) with the create-only inputs EC2 shows filled in.

    What EC2 cannot return: the ``client_token`` the volume was created with (none is needed after
    it exists) and ``timeouts``.
    """
    filled = dict(inputs)
    for name, member in IMPORTED_FROM_EC2.items():
        value = volume.get(member)
        if value not in (None, ""):
            filled[name] = value
    return filled


def volume_inputs_from_outputs(outs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs matching ``outs``: what ``read`` reports, so drift shows and no drift stays clean.

    A modifiable property is an input only if the program declared it (``__declared``); its value
    is then EC2's, so a change made outside Pulumi shows as a diff on the next preview.
    """
    declared_names = set(declared_in(outs))
    inputs: dict[str, Any] = {}
    for name in (*VOLUME_INPUTS, *HIDDEN):
        if name in MODIFIABLE and name not in declared_names:
            continue
        value = outs.get(name)
        if value is not None and value != {}:
            inputs[name] = value
    return inputs


def attachment_outputs(
    inputs: Mapping[str, Any],
    *,
    region: str,
    ec2_instance_id: str | None,
    attachment: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The attachment's outputs: the inputs echoed, the EC2 instance and the attachment's state."""
    outs: dict[str, Any] = {name: inputs.get(name) for name in (*ATTACHMENT_INPUTS, DEFAULTS)}
    outs[REGION] = region
    outs[EC2_INSTANCE_ID] = ec2_instance_id
    outs[ATTACHMENT_STATE] = (
        attachment.get("State") if attachment is not None else inputs.get(ATTACHMENT_STATE)
    )
    if attachment is not None and attachment.get("Device"):
        outs[DEVICE] = attachment["Device"]
    return outs


def attachment_inputs_from_outputs(outs: Mapping[str, Any]) -> dict[str, Any]:
    """The attachment inputs matching ``outs`` (what ``read`` reports)."""
    return {name: outs[name] for name in (*ATTACHMENT_INPUTS, DEFAULTS) if outs.get(name) is not None}
