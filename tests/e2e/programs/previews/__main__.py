"""A desk (resource), a team desk (component), a data volume on each; every setting from stack config.

- ``tag``: one tag value on every desk and volume (changed in place everywhere).
- ``dataSize`` / ``dataType``: the ``data`` volume (grown and retyped in place).
- ``customTimeouts``: when set, ``desk`` and ``data`` get ``CustomTimeouts(create=<value>)``.
- ``importId``: when set, ``desk`` is declared with ``ResourceOptions(import_=<value>)``.
- ``lookupBillingMode``: when set, the program asks ``get_instance_types`` with it.
- ``typo``: when set, a Volume is declared with a misspelt keyword (``encrypt``).

Both desks are placed in ``ZONE`` and both volumes created there. Taking a volume's zone from its
desk's ``availability_zone`` output instead would make the dynamic face preview the volume (and its
attachment) as replaced whenever the desk itself is updated: its outputs are unknown at preview then
(docs/volumes.md, "Previews stay true"). Pinning both is what keeps such previews exact.
"""

import pulumi

from pulumi_workspaces_instances import (
    PlacementArgs,
    Volume,
    VolumeAttachment,
    Workspace,
    WorkspaceInstance,
    get_instance_types,
)

IMAGE_ID = "ami-0a1b2c3d4e5f60001"
ZONE = "us-east-1a"
TIMEOUTS = {"create": "2m", "delete": "2m"}
config = pulumi.Config()
tags = {"cost-center": config.require("tag")}
custom = config.get("customTimeouts")
opts = pulumi.ResourceOptions(
    custom_timeouts=pulumi.CustomTimeouts(create=custom) if custom else None,
    import_=config.get("importId"),
)

desk = WorkspaceInstance(
    "desk",
    managed_instance={
        "ImageId": IMAGE_ID,
        "InstanceType": "t3.medium",
        "Placement": {"AvailabilityZone": ZONE},
    },
    tags=tags,
    timeouts=TIMEOUTS,
    opts=opts,
)
team = Workspace(
    "team",
    image_id=IMAGE_ID,
    instance_type="t3.medium",
    placement=PlacementArgs(availability_zone=ZONE),
    tags=tags,
    timeouts=TIMEOUTS,
)
data = Volume(
    "data",
    availability_zone=ZONE,
    size_in_gb=config.require_int("dataSize"),
    volume_type=config.require("dataType"),
    tags=tags,
    timeouts={**TIMEOUTS, "update": "2m"},
    opts=pulumi.ResourceOptions(custom_timeouts=opts.custom_timeouts),
)
shared = Volume("shared", availability_zone=ZONE, size_in_gb=8, tags=tags, timeouts=TIMEOUTS)
# Each volume at /dev/sdf of its own instance: data on the desk, shared on the team's.
for name, instance_id, volume in (
    ("data-disk", desk.workspace_instance_id, data),
    ("shared-disk", team.workspace_instance_id, shared),
):
    VolumeAttachment(
        name,
        workspace_instance_id=instance_id,
        volume_id=volume.volume_id,
        device="/dev/sdf",
        timeouts=TIMEOUTS,
    )

pulumi.export("data_id", data.volume_id)
pulumi.export("shared_id", shared.volume_id)
pulumi.export("desk_id", desk.workspace_instance_id)

if config.get("lookupBillingMode"):
    get_instance_types(billing_mode=config.get("lookupBillingMode"))
if config.get_bool("typo"):
    Volume("typo", availability_zone="us-east-1a", size_in_gb=8, encrypt=True)  # type: ignore[call-arg]
