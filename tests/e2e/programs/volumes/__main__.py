"""A desk, a data volume attached to it, and a spare volume; their settings come from stack config.

- ``data``: in the zone EC2 placed ``desk`` in (its ``availability_zone`` output), size and type from
  config (changed in place), encrypted with a KMS key (a secret in state), attached to ``desk`` at
  /dev/sdf by ``data-disk``.
- ``spare``: an unattached volume whose zone comes from config (a change replaces it); config
  ``spare=false`` removes it from the program.
"""

import pulumi

from pulumi_workspaces_instances.provider import WorkspaceInstance
from pulumi_workspaces_instances.provider.volume import Volume, VolumeAttachment

config = pulumi.Config()
TIMEOUTS = {"create": "2m", "delete": "2m"}


def known_zone(zone: str | None) -> str:
    """The desk's zone: where EC2 placed it (None only while EC2 cannot be read)."""
    if zone is None:
        raise ValueError("the desk's availability zone is not known: see the EC2 view's warning")
    return zone


desk = WorkspaceInstance(
    "desk",
    managed_instance={"ImageId": config.require("imageId"), "InstanceType": config.require("instanceType")},
    timeouts=TIMEOUTS,
)
data = Volume(
    "data",
    availability_zone=desk.availability_zone.apply(known_zone),
    size_in_gb=config.require_int("dataSize"),
    volume_type=config.require("dataType"),
    encrypted=True,
    kms_key_id=config.require_secret("kmsKeyId"),
    tags={"purpose": "e2e"},
    timeouts={**TIMEOUTS, "update": "2m"},
)
disk = VolumeAttachment(
    "data-disk",
    workspace_instance_id=desk.workspace_instance_id,
    volume_id=data.volume_id,
    device="/dev/sdf",
    timeouts=TIMEOUTS,
)

pulumi.export("desk_id", desk.workspace_instance_id)
pulumi.export("desk_ec2_id", desk.ec2_instance_id)
pulumi.export("desk_zone", desk.availability_zone)
pulumi.export("data_id", data.volume_id)
pulumi.export("data_size", data.size_in_gb)
pulumi.export("data_type", data.volume_type)
pulumi.export("disk_state", disk.state)
pulumi.export("disk_ec2_id", disk.ec2_instance_id)

if config.get_bool("spare") is not False:
    spare = Volume("spare", availability_zone=config.require("spareZone"), size_in_gb=8, timeouts=TIMEOUTS)
    pulumi.export("spare_id", spare.volume_id)
