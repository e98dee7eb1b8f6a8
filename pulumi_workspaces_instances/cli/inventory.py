"""What a region holds, read with read-only calls only: the desktops and the EBS volumes.

WorkSpaces Instances: ListWorkspaceInstances (every page) and ListTagsForResource per desktop (the list
does not carry tags). EC2: DescribeVolumes (every page, ``IncludeManagedResources``: an account that
hides managed resources would otherwise hide these). Nothing here changes anything; the clients are the
provider's (:mod:`provider.aws.clients`, :mod:`provider.aws.ec2`), aimed by the same variables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..provider.aws import clients, ec2

VOLUME_PAGE_SIZE = 500
"""DescribeVolumes' largest page (EC2 takes 5 to 500)."""


@dataclass(frozen=True)
class Desktop:
    """One WorkSpaces Instance as the service lists it."""

    instance_id: str
    state: str
    ec2_instance_id: str | None
    tags: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Attachment:
    """One attachment of a volume, as DescribeVolumes shows it."""

    ec2_instance_id: str
    device: str | None
    state: str
    delete_on_termination: bool


@dataclass(frozen=True)
class DiskVolume:
    """One EBS volume as DescribeVolumes shows it."""

    volume_id: str
    state: str
    tags: Mapping[str, str] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()
    operator: Mapping[str, Any] = field(default_factory=dict)
    """EC2's ``Operator``: whether a service manages the volume, and which (empty when EC2 gives none)."""


@dataclass(frozen=True)
class Inventory:
    """Everything one region holds that the import may take."""

    region: str
    desktops: tuple[Desktop, ...]
    volumes: tuple[DiskVolume, ...]


def _tags(tags: Any) -> dict[str, str]:
    return {str(tag["Key"]): str(tag.get("Value", "")) for tag in tags or []}


def list_desktops(region: str) -> list[Desktop]:
    """Every desktop of the region, with its tags (ListWorkspaceInstances, ListTagsForResource)."""
    client = clients.client_for(region)
    desktops = []
    request: dict[str, Any] = {}
    while True:
        page = client.list_workspace_instances(**request)
        for item in page.get("WorkspaceInstances") or []:
            instance_id = str(item["WorkspaceInstanceId"])
            tags = client.list_tags_for_resource(WorkspaceInstanceId=instance_id).get("Tags")
            ec2_instance_id = (item.get("EC2ManagedInstance") or {}).get("InstanceId")
            desktops.append(
                Desktop(
                    instance_id=instance_id,
                    state=str(item.get("ProvisionState")),
                    ec2_instance_id=str(ec2_instance_id) if ec2_instance_id else None,
                    tags=_tags(tags),
                )
            )
        token = page.get("NextToken")
        if not token:
            return desktops
        request["NextToken"] = token


def list_volumes(region: str) -> list[DiskVolume]:
    """Every EBS volume of the region EC2 shows, managed ones included (DescribeVolumes)."""
    client = ec2.client_for(region)
    volumes = []
    request: dict[str, Any] = {"MaxResults": VOLUME_PAGE_SIZE, **ec2.MANAGED_TOO}
    while True:
        page = client.describe_volumes(**request)
        for item in page.get("Volumes") or []:
            attachments = tuple(
                Attachment(
                    ec2_instance_id=str(attachment.get("InstanceId")),
                    device=attachment.get("Device"),
                    state=str(attachment.get("State")),
                    delete_on_termination=bool(attachment.get("DeleteOnTermination")),
                )
                for attachment in item.get("Attachments") or []
            )
            volumes.append(
                DiskVolume(
                    volume_id=str(item["VolumeId"]),
                    state=str(item.get("State")),
                    tags=_tags(item.get("Tags")),
                    attachments=attachments,
                    operator=dict(item.get("Operator") or {}),
                )
            )
        token = page.get("NextToken")
        if not token:
            return volumes
        request["NextToken"] = token


def read_inventory(region: str) -> Inventory:
    """The desktops and volumes of ``region``."""
    return Inventory(region, tuple(list_desktops(region)), tuple(list_volumes(region)))
