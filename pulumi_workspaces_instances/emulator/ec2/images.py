"""EC2's DescribeImages for the catalogue's AMIs (``workspaces_instances.catalogue``).

The catalogue's images belong to the emulated account: private (``Public`` false), EBS-backed, HVM,
``available``, one root block device mapping (``DeleteOnTermination`` true, the AMI's snapshot and
size, gp3, unencrypted). WorkSpaces Instances launches from WorkSpaces-ready images of one's own, and
a BYOL image can only be one's own. An AMI outside the catalogue still launches (as the default
image) but DescribeImages does not know it.

What the EC2 API reference says of DescribeImages, and how the emulator follows it:

- ``ImageId.N``: every id must exist (``InvalidAMIID.NotFound``; ``InvalidAMIID.Malformed`` for an id
  that is not ``ami-`` and 8 or 17 hex digits); images are answered once each, in catalogue order.
- ``Owner.N``: ``self`` or the account's id select its images; ``amazon``, ``aws-marketplace``,
  ``aws-backup-vault`` and other accounts own none of them here.
- ``ExecutableBy.N``: ``all`` selects public images, an account id or ``self`` the images shared with
  it; none of the catalogue's is public or shared, so either selects nothing.
- ``Filter.N`` (IMAGE_FILTERS, ``tag:<key>``), wildcards as for every Describe.
- Paging only when MaxResults is given. Its range is not documented for DescribeImages;
  DescribeInstances' 5 to 1000 is taken.
- ``IncludeDeprecated`` and ``IncludeDisabled`` change nothing: no catalogue image is either.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.ec2_query import ec2_error
from ..core.limits import quote
from ..workspaces_instances.catalogue import CatalogueImage
from ..workspaces_instances.context import RequestContext
from .account import ACCOUNT_ID
from .filters import FilterValues, View, apply_filters, member, page, refuse_dry_run, tag_keys, text

RESULT_LIMITS = (5, 1000)
_IMAGE_ID = re.compile(r"ami-[0-9a-f]{8}(?:[0-9a-f]{9})?")
#: Owner.N values that name the caller's own account.
_SELF = {"self", ACCOUNT_ID}
#: The root volume type of the catalogue's images (today's EBS default, gp3).
ROOT_VOLUME_TYPE = "gp3"


def _mapping(name: str) -> FilterValues:
    return lambda view: [text(m["Ebs"][name]) for m in view["BlockDeviceMappings"] if name in m["Ebs"]]


IMAGE_FILTERS: dict[str, FilterValues] = {
    "architecture": member("Architecture"),
    "block-device-mapping.delete-on-termination": _mapping("DeleteOnTermination"),
    "block-device-mapping.device-name": lambda view: [m["DeviceName"] for m in view["BlockDeviceMappings"]],
    "block-device-mapping.encrypted": _mapping("Encrypted"),
    "block-device-mapping.snapshot-id": _mapping("SnapshotId"),
    "block-device-mapping.volume-size": _mapping("VolumeSize"),
    "block-device-mapping.volume-type": _mapping("VolumeType"),
    "creation-date": member("CreationDate"),
    "description": member("Description"),
    "ena-support": member("EnaSupport"),
    "hypervisor": member("Hypervisor"),
    "image-id": member("ImageId"),
    "image-type": member("ImageType"),
    "is-public": member("Public"),
    "manifest-location": member("ImageLocation"),
    "name": member("Name"),
    "owner-alias": member("ImageOwnerAlias"),
    "owner-id": member("OwnerId"),
    "platform": member("Platform"),
    "platform-details": member("PlatformDetails"),
    "root-device-name": member("RootDeviceName"),
    "root-device-type": member("RootDeviceType"),
    "state": member("State"),
    "tag-key": tag_keys,
    "usage-operation": member("UsageOperation"),
    "virtualization-type": member("VirtualizationType"),
}


def image_view(image: CatalogueImage) -> View:
    """The DescribeImages entry of a catalogue image, by the EC2 model's member names."""
    view: View = {
        "ImageId": image.image_id,
        "ImageLocation": f"{ACCOUNT_ID}/{image.name}",
        "State": "available",
        "OwnerId": ACCOUNT_ID,
        "CreationDate": image.creation_date,
        "Public": False,
        "Architecture": image.architecture,
        "ImageType": "machine",
        "Name": image.name,
        "Description": image.name,
        "PlatformDetails": image.platform_details,
        "UsageOperation": image.usage_operation,
        "RootDeviceType": "ebs",
        "RootDeviceName": image.root_device_name,
        "BlockDeviceMappings": [
            {
                "DeviceName": image.root_device_name,
                "Ebs": {
                    "DeleteOnTermination": True,
                    "SnapshotId": image.root_snapshot_id,
                    "VolumeSize": image.root_size_gib,
                    "VolumeType": ROOT_VOLUME_TYPE,
                    "Encrypted": False,
                },
            }
        ],
        "VirtualizationType": "hvm",
        "Hypervisor": "xen",
        "EnaSupport": True,
    }
    if image.windows:
        # The model's enum spells it "Windows"; EC2 answers lowercase ("windows" for Windows AMIs).
        view["Platform"] = "windows"
    return view


def _named(ctx: RequestContext, ids: list[str]) -> list[CatalogueImage]:
    for image_id in ids:
        if not _IMAGE_ID.fullmatch(image_id or ""):
            raise ec2_error("InvalidAMIID.Malformed", f'Invalid id: {quote(image_id)} (expecting "ami-...")')
    wanted = list(dict.fromkeys(ids))
    missing = [i for i in wanted if i not in ctx.catalogue.images]
    if missing:
        shown = ", ".join(missing[:10])
        message = (
            f"The image id '[{shown}]' does not exist"
            if len(missing) == 1
            else f"The image ids '[{shown}]' do not exist"
        )
        raise ec2_error("InvalidAMIID.NotFound", message)
    chosen = set(wanted)
    return [image for image_id, image in ctx.catalogue.images.items() if image_id in chosen]


def _owned(images: list[CatalogueImage], owners: list[str] | None) -> list[CatalogueImage]:
    # Every catalogue image is the account's own: Owner.N keeps them all or none.
    return images if owners is None or _SELF & set(owners) else []


def describe_images(ctx: RequestContext, params: dict[str, Any]) -> View:
    """DescribeImages: the catalogue's AMIs by id, owner, launch permission and filters (paged)."""
    refuse_dry_run(params)
    ids = params.get("ImageIds")
    images = _named(ctx, ids) if ids else list(ctx.catalogue.images.values())
    images = _owned(images, params.get("Owners"))
    if params.get("ExecutableUsers"):
        # None is public or shared with anyone (see the module's docstring).
        images = []
    views = [image_view(image) for image in images]
    views = apply_filters(views, params.get("Filters", []), IMAGE_FILTERS, tagged=True)
    return page(ctx, "DescribeImages", views, params, "Images", RESULT_LIMITS, ids)
