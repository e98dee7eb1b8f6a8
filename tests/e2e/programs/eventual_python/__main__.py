"""Every resource kind and data source on the Python dynamic face: two desktops and a ``Workspace``
component, a volume in the first one's zone and its attachment, and the lookups.

What tests/e2e/test_eventual_consistency.py runs against an emulator that lags, refuses and fails as AWS may;
``eventual_yaml`` is its twin on the provider plugin. Config: ``imageId``, ``instanceType``, ``team`` (a
tag), ``size`` (the volume's GiB) and ``createTimeout`` (each desktop's ``timeouts.create``).
"""

import pulumi

from pulumi_workspaces_instances import (
    Volume,
    VolumeAttachment,
    Workspace,
    WorkspaceArgs,
    WorkspaceInstance,
    get_instance_types,
    get_workspace_instance_output,
)

INSTANCES = 2


def known_zone(zone: str | None) -> str:
    """The desktop's zone, which its create reads from EC2 (None only if EC2 could not tell)."""
    if not zone:
        raise pulumi.RunError("desk-0 has no availability_zone: EC2 did not show its instance")
    return zone


config = pulumi.Config()
team = config.require("team")
image_id, instance_type = config.require("imageId"), config.require("instanceType")
timeouts = {"create": config.require("createTimeout")}
offered = get_instance_types(billing_mode="HOURLY", platform_type="Windows", tenancy="SHARED")
desks = [
    WorkspaceInstance(
        f"desk-{index}",
        managed_instance={"ImageId": image_id, "InstanceType": instance_type},
        billing_mode="HOURLY",
        tags={"team": team},
        timeouts=timeouts,
    )
    for index in range(INSTANCES)
]
component = Workspace(
    f"desk-{INSTANCES}",
    WorkspaceArgs(
        image_id=image_id,
        instance_type=instance_type,
        billing_mode="HOURLY",
        tags={"team": team},
        timeouts=timeouts,
    ),
)
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
looked_up = get_workspace_instance_output(desks[0].workspace_instance_id)
pulumi.export("deskIds", [desk.workspace_instance_id for desk in desks] + [component.workspace_instance_id])
pulumi.export("volumeId", data.volume_id)
pulumi.export("lookedUpState", looked_up.provision_state)
pulumi.export("offeredTypes", len(offered.instance_types))
