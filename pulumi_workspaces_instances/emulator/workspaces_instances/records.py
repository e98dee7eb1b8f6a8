"""The emulator's stored records: workspace instance, its EC2 instance, EBS volume; one key style.

Record fields are snake_case; values that are API documents (the ManagedInstance as sent, tag
lists) keep the API's PascalCase, since they are echoed back as they came. ``to_doc`` gives the
JSON document the store keeps; ``from_doc`` reads it back, including the documents written
before these records existed (PascalCase ids beside snake_case state), so an old SQLite state
file still loads.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Tag = dict[str, str]


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
class InstanceRecord:
    """A workspace instance: the state it entered and when; the current state is derived from the time."""

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

    def to_doc(self) -> dict[str, Any]:
        """The JSON document stored for this record."""
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> InstanceRecord:
        """Read a stored document (current or pre-record layout)."""
        if "WorkspaceInstanceId" in doc:
            return cls._from_legacy(doc)
        allocation, deallocation = doc.get("allocation_failure"), doc.get("deallocation_failure")
        return cls(
            **{k: v for k, v in doc.items() if k not in ("allocation_failure", "deallocation_failure")},
            allocation_failure=Ec2InstanceError(**allocation) if allocation else None,
            deallocation_failure=InstanceError(**deallocation) if deallocation else None,
        )

    @classmethod
    def _from_legacy(cls, doc: dict[str, Any]) -> InstanceRecord:
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
class Ec2InstanceRecord:
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

    def to_doc(self) -> dict[str, Any]:
        """The JSON document stored for this record."""
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Ec2InstanceRecord:
        """Read a stored document."""
        return cls(**doc)


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
class VolumeRecord:
    """An EBS volume made with CreateVolume; ``config`` is its configuration after any modification."""

    volume_id: str
    availability_zone: str
    config: VolumeConfig
    encrypted: bool
    kms_key_id: str | None
    snapshot_id: str | None
    created_at: float
    deleted: bool = False
    attachment: VolumeAttachment | None = None
    modification: VolumeModification | None = None
    tags: list[Tag] = field(default_factory=list)

    @property
    def state(self) -> str:
        """EC2's volume state: ``available``, ``in-use`` or ``deleted``."""
        if self.deleted:
            return "deleted"
        return "in-use" if self.attachment is not None else "available"

    def to_doc(self) -> dict[str, Any]:
        """The JSON document stored for this record."""
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> VolumeRecord:
        """Read a stored document (current or pre-record layout)."""
        if "VolumeId" in doc:
            return cls._from_legacy(doc)
        attachment, modification = doc.get("attachment"), doc.get("modification")
        return cls(
            **{k: v for k, v in doc.items() if k not in ("config", "attachment", "modification")},
            config=VolumeConfig(**doc["config"]),
            attachment=VolumeAttachment(**attachment) if attachment else None,
            modification=(
                VolumeModification(
                    started_at=modification["started_at"],
                    original=VolumeConfig(**modification["original"]),
                    target=VolumeConfig(**modification["target"]),
                )
                if modification
                else None
            ),
        )

    @classmethod
    def _from_legacy(cls, doc: dict[str, Any]) -> VolumeRecord:
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
            # which still holds the cooldown.
            modification=(
                VolumeModification(
                    modified_at, VolumeConfig(**asdict(config)), VolumeConfig(**asdict(config))
                )
                if modified_at is not None
                else None
            ),
            tags=doc["tags"],
        )
