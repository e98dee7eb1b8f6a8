"""The parity scenario on the Python dynamic face: an instance, a volume, the attachment."""

import pulumi

from pulumi_workspaces_instances.provider import Volume, VolumeAttachment, WorkspaceInstance

config = pulumi.Config()
team = config.require("team")
desk = WorkspaceInstance(
    "desk",
    managed_instance={
        "ImageId": config.require("imageId"),
        "InstanceType": config.require("instanceType"),
        "MetadataOptions": {"HttpTokens": "required"},
        "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 80, "Encrypted": True}}],
    },
    billing_mode="HOURLY",
    tags={"team": team},
)


def known_zone(zone: str | None) -> str:
    """The desk's zone: where EC2 placed it (None only while EC2 cannot be read)."""
    if zone is None:
        raise ValueError("the desk's availability zone is not known: see the EC2 view's warning")
    return zone


# In the desk's zone, as the plugin twin takes it (${desk.availabilityZone}).
data = Volume(
    "data",
    availability_zone=desk.availability_zone.apply(known_zone),
    size_in_gb=50,
    encrypted=True,
    tags={"team": team},
)
VolumeAttachment(
    "data-disk", workspace_instance_id=desk.workspace_instance_id, volume_id=data.volume_id, device="/dev/sdf"
)
pulumi.export("deskId", desk.workspace_instance_id)
