"""A Volume's and a VolumeAttachment's inputs, read once from their property bags (see
:mod:`provider.inputs.spec`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..inputs.spec import ResourceSpec, text
from . import state as vs


@dataclass(frozen=True)
class VolumeSpec(ResourceSpec):
    """What the program declared for one Volume (checked inputs, region filled in)."""

    TIMEOUT_DEFAULTS: ClassVar[Mapping[str, str]] = vs.VOLUME_TIMEOUTS

    @classmethod
    def read(cls, props: Mapping[str, Any]) -> VolumeSpec:
        """The spec of a property bag as either face hands it over (``__provider`` and secrets allowed)."""
        return cls(**cls.common(props))

    def create_request(self) -> dict[str, Any]:
        """The CreateVolume parameters, without ClientToken."""
        return vs.create_request(self.bag)


@dataclass(frozen=True)
class AttachmentSpec(ResourceSpec):
    """What the program declared for one VolumeAttachment, and the EC2 instance it was made on."""

    TIMEOUT_DEFAULTS: ClassVar[Mapping[str, str]] = vs.ATTACHMENT_TIMEOUTS

    workspace_instance_id: str
    volume_id: str
    device: str | None
    """The device name; only a create needs it (a read or delete may start from an import's id)."""
    disassociate_mode: str | None
    ec2_instance_id: str | None
    """The EC2 instance the attachment was made on (an output), None before the create."""

    @classmethod
    def read(cls, props: Mapping[str, Any]) -> AttachmentSpec:
        """The spec of a property bag; an attachment is known by its instance and volume (else KeyError)."""
        common = cls.common(props)
        bag = common["bag"]
        return cls(
            **common,
            workspace_instance_id=str(bag[vs.WORKSPACE_INSTANCE_ID]),
            volume_id=str(bag[vs.VOLUME_ID]),
            device=text(bag.get(vs.DEVICE)),
            disassociate_mode=text(bag.get(vs.DISASSOCIATE_MODE)),
            ec2_instance_id=text(bag.get(vs.EC2_INSTANCE_ID)),
        )
