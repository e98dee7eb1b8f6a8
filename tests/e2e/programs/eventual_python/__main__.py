"""Three desktops, a volume in the first one's zone and its attachment, on the Python dynamic face.

What tests/e2e/test_eventual_consistency.py runs against an emulator that lags, refuses and fails as AWS may;
``eventual_yaml`` is its twin on the provider plugin. Config: ``imageId``, ``instanceType``, ``team`` (a
tag), ``size`` (the volume's GiB) and ``createTimeout`` (each desktop's ``timeouts.create``).
"""

import pulumi

from pulumi_workspaces_instances import Volume, VolumeAttachment, WorkspaceInstance

DESKS = 3


def known_zone(zone: str | None) -> str:
    """The desktop's zone, which its create reads from EC2 (None only if EC2 could not tell)."""
    if not zone:
        raise pulumi.RunError("desk-0 has no availability_zone: EC2 did not show its instance")
    return zone


config = pulumi.Config()
team = config.require("team")
managed = {"ImageId": config.require("imageId"), "InstanceType": config.require("instanceType")}
desks = [
    WorkspaceInstance(
        f"desk-{index}",
        managed_instance=managed,
        billing_mode="HOURLY",
        tags={"team": team},
        timeouts={"create": config.require("createTimeout")},
    )
    for index in range(DESKS)
]
data = Volume(
    "data",
    availability_zone=desks[0].availability_zone.apply(known_zone),
    size_in_gb=config.require_int("size"),
    tags={"team": team},
)
VolumeAttachment(
    "data-disk",
    workspace_instance_id=desks[0].workspace_instance_id,
    volume_id=data.volume_id,
    device="/dev/sdf",
)
pulumi.export("deskIds", [desk.workspace_instance_id for desk in desks])
pulumi.export("volumeId", data.volume_id)
