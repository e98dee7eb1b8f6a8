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
- A new volume that gives no size gets MAPPED_VOLUME_DEFAULT_GIB.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalogue import CatalogueImage

#: The size of a mapped volume that gives none.
MAPPED_VOLUME_DEFAULT_GIB = 8


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
