"""The emulator's stored records: workspace instance, its EC2 instance, EBS volume; one key style.

Record fields are snake_case; values that are API documents (the ManagedInstance as sent, tag
lists) keep the API's PascalCase, since they are echoed back as they came. ``to_doc`` gives the
JSON document the store keeps; ``from_doc`` reads it back, including the documents written
before these records existed (PascalCase ids beside snake_case state), so an old SQLite state
file still loads. Every kind has both from ``StoredRecord``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from types import UnionType
from typing import Any, ClassVar, Self, TypeVar, get_args, get_type_hints

Tag = dict[str, str]
Record = TypeVar("Record")


@dataclass
class StoredRecord:
    """A record the store keeps as the JSON document ``asdict`` makes of it, read back field by field."""

    #: A key only the documents written before these records existed have (None: the kind had no
    #: earlier layout).
    LEGACY_KEY: ClassVar[str | None] = None

    def to_doc(self) -> dict[str, Any]:
        """The JSON document stored for this record."""
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Read a stored document (current layout, or the pre-record one where the kind had one)."""
        if cls.LEGACY_KEY is not None and cls.LEGACY_KEY in doc:
            return cls._from_legacy(doc)
        return _from_document(cls, doc)

    @classmethod
    def _from_legacy(cls, doc: dict[str, Any]) -> Self:
        raise TypeError(f"{cls.__name__} has no layout before records")


def _from_document(cls: type[Record], doc: dict[str, Any]) -> Record:
    """The record of dataclass ``cls`` that ``asdict`` stored as ``doc``, its nested records rebuilt.

    A field typed as a record (or a record or None) is read back by this same rule; any other
    value is taken as stored. A key that is not a field of ``cls`` is refused (``TypeError``).
    """
    hints = _FIELD_TYPES.get(cls)
    if hints is None:
        hints = _FIELD_TYPES[cls] = get_type_hints(cls)
    return cls(**{name: _from_value(hints.get(name), value) for name, value in doc.items()})


#: Each record class's field types, resolved once: its annotations are strings (postponed evaluation),
#: and every store read builds records.
_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def _from_value(hint: Any, value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    for candidate in get_args(hint) if isinstance(hint, UnionType) else (hint,):
        if isinstance(candidate, type) and is_dataclass(candidate):
            return _from_document(candidate, value)
    return value


@dataclass
class Ec2InstanceError:
    """An error of the EC2 instance behind a workspace instance (GetWorkspaceInstance's EC2InstanceErrors)."""

    code: str
    message: str
    exception_type: str = "ClientError"

    def to_api(self) -> dict[str, str]:
        """The EC2InstanceErrors entry."""
        return {
            "EC2ErrorCode": self.code,
            "EC2ExceptionType": self.exception_type,
            "EC2ErrorMessage": self.message,
        }


@dataclass
class InstanceError:
    """An error of the workspace instance itself (GetWorkspaceInstance's WorkspaceInstanceErrors)."""

    code: str
    message: str

    def to_api(self) -> dict[str, str]:
        """The WorkspaceInstanceErrors entry."""
        return {"ErrorCode": self.code, "ErrorMessage": self.message}


@dataclass
class InstanceRecord(StoredRecord):
    """A workspace instance: the state it entered and when; the current state is derived from the time."""

    LEGACY_KEY: ClassVar[str | None] = "WorkspaceInstanceId"

    workspace_instance_id: str
    created_at: float
    #: ALLOCATING or DEALLOCATING: the last transition started (see instances.state_of).
    state: str
    state_since: float
    #: Whether it reached ALLOCATED before its deletion started (its EC2 instance then existed).
    was_allocated: bool
    billing_mode: str
    ec2_instance_id: str
    availability_zone: str
    managed_instance: dict[str, Any]
    tags: list[Tag] = field(default_factory=list)
    #: Set at create when the allocation will fail (ERROR_ALLOCATING).
    allocation_failure: Ec2InstanceError | None = None
    #: Set when a deletion starts that will fail (ERROR_DEALLOCATING).
    deallocation_failure: InstanceError | None = None

    @classmethod
    def _from_legacy(cls, doc: dict[str, Any]) -> Self:
        failure = doc.get("failure")
        return cls(
            workspace_instance_id=doc["WorkspaceInstanceId"],
            created_at=doc["created"],
            state=doc["state"],
            state_since=doc["since"],
            was_allocated=doc["was_allocated"],
            billing_mode=doc["billing_mode"],
            ec2_instance_id=doc["ec2_instance_id"],
            availability_zone=doc["availability_zone"],
            managed_instance=doc["managed_instance"],
            tags=doc["tags"],
            allocation_failure=(
                Ec2InstanceError(
                    failure["EC2ErrorCode"], failure["EC2ErrorMessage"], failure["EC2ExceptionType"]
                )
                if failure
                else None
            ),
        )


@dataclass
class Ec2InstanceRecord(StoredRecord):
    """What can change on the EC2 instance behind a workspace instance (the rest: its ManagedInstance).

    Stored only once a call changed something (``ec2_launch`` derives it afresh, the same on every
    read, until then); an old state file simply has none.
    """

    ec2_instance_id: str
    workspace_instance_id: str
    instance_type: str
    #: GroupIdentifier documents (GroupId, and GroupName where known).
    security_groups: list[dict[str, str]]
    #: InstanceMetadataOptionsResponse members other than State (HttpTokens, HttpEndpoint, ...).
    metadata_options: dict[str, Any]
    ebs_optimized: bool
    disable_api_stop: bool
    #: ``running`` or ``stopped``: the state the last Start/StopInstances settled in.
    run_state: str
    #: When it last started (EC2's LaunchTime).
    launched_at: float
    #: When it was last stopped (None while it never was).
    stopped_at: float | None = None
    tags: list[Tag] = field(default_factory=list)
    #: Tags of the volumes launched with the instance, by volume id.
    volume_tags: dict[str, list[Tag]] = field(default_factory=dict)


@dataclass
class VolumeConfig:
    """What ModifyVolume changes: size, type, and the IOPS/throughput asked for (None: the type's default)."""

    size_gib: int
    volume_type: str
    iops: int | None = None
    throughput: int | None = None


@dataclass
class VolumeAttachment:
    """Where a volume is associated."""

    workspace_instance_id: str
    device: str
    attached_at: float
    #: True only for the volumes launched with an EC2 instance (its root and BlockDeviceMappings).
    delete_on_termination: bool = False


@dataclass
class VolumeModification:
    """The latest ModifyVolume of a volume: the configuration before and after, and when it started."""

    started_at: float
    original: VolumeConfig
    target: VolumeConfig


@dataclass
class VolumeRecord(StoredRecord):
    """An EBS volume made with CreateVolume; ``config`` is its configuration after any modification."""

    LEGACY_KEY: ClassVar[str | None] = "VolumeId"

    volume_id: str
    availability_zone: str
    config: VolumeConfig
    encrypted: bool
    kms_key_id: str | None
    snapshot_id: str | None
    created_at: float
    deleted: bool = False
    attachment: VolumeAttachment | None = None
    #: The latest modification (what DescribeVolumesModifications shows).
    modification: VolumeModification | None = None
    tags: list[Tag] = field(default_factory=list)
    #: When recent modifications started, oldest first (EBS's rate rule counts them; see volume_rate).
    #: Empty in a record stored before they were kept: its latest ``modification`` then counts alone.
    modification_starts: list[float] = field(default_factory=list)

    @property
    def state(self) -> str:
        """EC2's volume state: ``available``, ``in-use`` or ``deleted``."""
        if self.deleted:
            return "deleted"
        return "in-use" if self.attachment is not None else "available"

    @classmethod
    def _from_legacy(cls, doc: dict[str, Any]) -> Self:
        config = VolumeConfig(doc["SizeInGB"], doc["VolumeType"], doc.get("Iops"), doc.get("Throughput"))
        attachment = doc.get("attachment")
        modified_at = doc.get("modified_at")
        return cls(
            volume_id=doc["VolumeId"],
            availability_zone=doc["AvailabilityZone"],
            config=config,
            encrypted=bool(doc.get("Encrypted")),
            kms_key_id=None,
            snapshot_id=doc.get("SnapshotId"),
            # The old layout kept no creation time; the modification time is the best bound known.
            created_at=modified_at or 0.0,
            deleted=doc["state"] == "deleted",
            attachment=(
                VolumeAttachment(attachment["WorkspaceInstanceId"], attachment["Device"], modified_at or 0.0)
                if attachment
                else None
            ),
            # The values before the old modification were not kept: it reads as a completed no-op,
            # which still counts toward the rate rule.
            modification=(
                VolumeModification(
                    modified_at, VolumeConfig(**asdict(config)), VolumeConfig(**asdict(config))
                )
                if modified_at is not None
                else None
            ),
            tags=doc["tags"],
        )
