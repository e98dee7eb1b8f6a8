"""The root device a ManagedInstance maps, checked against its image at preview (EC2 ``DescribeImages``).

The component's ``root_volume`` (and many hand-written ManagedInstances) maps ``/dev/sda1``, the root device
of Windows AMIs; Amazon Linux AMIs boot from ``/dev/xvda`` (EC2 User Guide, "Device names for volumes on
Amazon EC2 instances": the root device name "differs by AMI"). A mapping whose DeviceName is not the image's
root device is, to EC2, one more volume: without a VolumeSize it cannot be made (EC2 API reference,
``EbsBlockDevice.VolumeSize``: "You must specify either a snapshot ID or a volume size"; this API's
EbsBlockDevice has no SnapshotId), so the launch fails after the desktop started billing; with one, the
desktop gets an extra empty disk and keeps the image's own root volume settings (its encryption too).

So ``check`` asks EC2 once per region, endpoint and image in each host process (``ec2:DescribeImages``, which
the CloudFormation handlers of ``AWS::WorkspacesInstances::WorkspaceInstance`` also call) and reports a
mapping of a root device name (:data:`ROOT_DEVICE_NAMES`) that is not the image's root:

- without a VolumeSize: a check failure, since the launch could only fail;
- with one: a warning, since an extra volume may be meant.

The component's default device name stays ``/dev/sda1`` rather than being taken from the image: another
default would change the ManagedInstance of every desktop made before, which only a replacement applies.
When EC2 cannot describe the image (no permission, no answer, an image it does not know), nothing is
checked and one warning per run says why; the service's own answer at create stands.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from ..aws import clients, ec2, waiter
from ..inputs.checks import Problem
from ..inputs.wire_values import contains_unknown, unwrap_secret
from ..reporting import diagnostics

DESCRIBE_IMAGES = "DescribeImages"
ROOT_DEVICE_NAMES = frozenset({"/dev/sda1", "/dev/xvda"})
"""Device names images boot from (Windows and most Linux AMIs, Amazon Linux): a mapping of one of these is
meant for the root volume."""
LOOKUP_DEADLINE_SECONDS = 10.0
"""How long one DescribeImages keeps retrying throttling or a lost connection before giving up."""
MAPPINGS = "BlockDeviceMappings"

_lock = threading.Lock()
_root_devices: dict[tuple[str, str | None, str], str | None] = {}
"""(region, endpoint override, image id) → the image's root device name (None: EC2 could not tell)."""


def root_device_problems(managed: Any, region: str, *, launching: bool) -> list[Problem]:
    """Check failures (and warnings, printed) for root-style mappings that miss the image's root device.

    ``launching``: the resource is new (its check has no old inputs). A desktop that exists already was
    launched, so for it every finding is a warning: failing its preview would change nothing.
    """
    if not isinstance(managed, Mapping) or contains_unknown(managed.get("ImageId")):
        return []
    image_id = unwrap_secret(managed.get("ImageId"))
    mappings = unwrap_secret(managed.get(MAPPINGS))
    if not isinstance(image_id, str) or not isinstance(mappings, list):
        return []
    candidates = [
        (index, mapping)
        for index, mapping in enumerate(mappings)
        if isinstance(mapping, Mapping) and mapping.get("DeviceName") in ROOT_DEVICE_NAMES
    ]
    if not candidates:
        return []
    root = image_root_device(region, image_id)
    if root is None or any(mapping.get("DeviceName") == root for _, mapping in candidates):
        return []
    problems = []
    for index, mapping in candidates:
        path = f"managed_instance.{MAPPINGS}[{index}].DeviceName"
        device = mapping.get("DeviceName")
        ebs = mapping.get("Ebs")
        sized = isinstance(ebs, Mapping) and ebs.get("VolumeSize") is not None
        fix = f"set it to '{root}' (root_volume.device_name in the Workspace component)"
        if sized or not launching:
            diagnostics.warning(
                f"{path}: '{device}' is not the root device of {image_id} ('{root}', EC2 {DESCRIBE_IMAGES}): "
                f"EC2 makes it an extra volume and the root volume keeps the image's settings; {fix} "
                "if it is meant for the root volume"
            )
        elif isinstance(ebs, Mapping):
            problems.append(
                Problem(
                    path,
                    f"'{device}' is not the root device of {image_id} ('{root}', EC2 {DESCRIBE_IMAGES}): EC2 "
                    "would take it for an extra volume, which needs a VolumeSize, and the launch would fail "
                    f"after the desktop started billing; {fix}",
                )
            )
    return problems


def image_root_device(region: str, image_id: str) -> str | None:
    """The image's root device name as EC2 describes it; None when EC2 cannot tell (warned once per run)."""
    key = (region, clients.endpoint_override(ec2.ENDPOINT_VARIABLES), image_id)
    with _lock:
        if key in _root_devices:
            return _root_devices[key]
    root = _describe_root(region, image_id)
    with _lock:
        _root_devices[key] = root
    return root


def _describe_root(region: str, image_id: str) -> str | None:
    client = ec2.client_for(region, max_attempts=2)
    try:
        answer = waiter.call(
            functools.partial(client.describe_images, ImageIds=[image_id]),
            waiter.Deadline(LOOKUP_DEADLINE_SECONDS),
        )
    except (ClientError, BotoCoreError) as exc:
        diagnostics.warning(
            f"EC2 {DESCRIBE_IMAGES} could not describe {image_id} in {region} "
            f"({ec2.describe_ec2_error(DESCRIBE_IMAGES, exc, image_id)}): the root device mapped in "
            "managed_instance is not checked against the image; the service's answer at create stands"
        )
        return None
    for image in answer.get("Images") or []:
        if image.get("ImageId") == image_id and image.get("RootDeviceName"):
            return str(image["RootDeviceName"])
    return None


def forget() -> None:
    """Ask EC2 again next time (tests that change the endpoint or the images)."""
    with _lock:
        _root_devices.clear()
