"""The EBS volumes a launch makes: the AMI's root device and a ManagedInstance's BlockDeviceMappings.

- The root volume is always made, from the AMI's snapshot on the AMI's root device name
  (``CatalogueImage.root_device_name``), at the snapshot's size unless a mapping names that very
  device with a VolumeSize (EC2 API reference, EbsBlockDevice.VolumeSize: "If you specify a snapshot,
  the default is the snapshot size"). Such a mapping also sets the root volume's type, IOPS,
  throughput and encryption.
- Every other mapping with ``Ebs`` (and no ``NoDevice``) makes a new, empty volume. A mapping meant
  for the root that names another device (``/dev/sda1`` on an AMI whose root is ``/dev/xvda``) is
  such a volume too: EC2 then makes an extra volume and leaves the root as the AMI has it. AWS does
  not document this; it is what EC2 was observed doing (hashicorp/packer-plugin-amazon issue 443).
- A new volume needs a size: EbsBlockDevice.VolumeSize says "You must specify either a snapshot ID or
  a volume size", and WorkSpaces Instances' EbsBlockDevice has no SnapshotId, so VolumeSize it is.
  ``mapping_error`` is what RunInstances answers otherwise. The code and message are not documented;
  they are real EC2's observed answer ("MissingParameter", "The request must contain the parameter
  size or snapshotId": hashicorp/packer issue 7802, getmoto/moto pull request 2949). With the
  ``require_mapping_size`` switch off such a volume gets MAPPED_VOLUME_DEFAULT_GIB instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalogue import CatalogueImage
from .records import Ec2InstanceError

#: The size of a mapped volume that gives none, when the ``require_mapping_size`` switch lets it launch.
MAPPED_VOLUME_DEFAULT_GIB = 8
#: RunInstances' error code and message for a new volume without a size (observed; see above).
MISSING_SIZE = ("MissingParameter", "The request must contain the parameter size or snapshotId")


@dataclass(frozen=True)
class PlannedVolume:
    """One volume a launch makes: its device, the mapping's Ebs members (may be empty) and its size."""

    device: str
    ebs: dict[str, Any]
    size_gib: int
    root: bool


def _mappings(managed: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The mappings that name a device, by device (a later one for the same device wins, as in a dict)."""
    return {m["DeviceName"]: m for m in managed.get("BlockDeviceMappings") or [] if m.get("DeviceName")}


def _makes_volume(mapping: dict[str, Any]) -> bool:
    # A mapping without Ebs names no EBS volume. NoDevice, given at all, removes the device "regardless
    # of the assigned value" (EC2 API reference, BlockDeviceMapping.NoDevice; one sends an empty string).
    return "Ebs" in mapping and "NoDevice" not in mapping


def planned_volumes(image: CatalogueImage, managed: dict[str, Any]) -> list[PlannedVolume]:
    """The root volume, then one volume per other mapping with Ebs, in the order the mappings name them."""
    root = image.root_device_name
    mappings = _mappings(managed)
    root_ebs = dict(mappings.get(root, {}).get("Ebs") or {})
    volumes = [PlannedVolume(root, root_ebs, root_ebs.get("VolumeSize") or image.root_size_gib, root=True)]
    for device, mapping in mappings.items():
        if device == root or not _makes_volume(mapping):
            continue
        ebs = dict(mapping.get("Ebs") or {})
        size = ebs.get("VolumeSize") or MAPPED_VOLUME_DEFAULT_GIB
        volumes.append(PlannedVolume(device, ebs, size, root=False))
    return volumes


def mapping_error(image: CatalogueImage, managed: dict[str, Any]) -> Ec2InstanceError | None:
    """RunInstances' refusal of a new (non-root) volume that has no size; None when every one has one."""
    for device, mapping in _mappings(managed).items():
        if device == image.root_device_name or not _makes_volume(mapping):
            continue
        ebs = mapping.get("Ebs") or {}
        if ebs.get("VolumeSize") is None and ebs.get("SnapshotId") is None:
            return Ec2InstanceError(*MISSING_SIZE)
    return None
