"""A fleet: ``count`` desktops written in a plain loop, as users write them (no ``provider=``).

``kind`` picks a ``WorkspaceInstance`` per desktop or a ``Workspace`` component per desktop.
Names are ``desk-00``, ``desk-01``, ...: changing ``count`` adds or removes the last ones only.
"""

import pulumi

from pulumi_workspaces_instances import Workspace, WorkspaceArgs, WorkspaceInstance

KINDS = ("instance", "workspace")

config = pulumi.Config()
count = config.require_int("count")
kind = config.require("kind")
if kind not in KINDS:
    raise pulumi.RunError(f"config kind: {kind!r} is not valid; use one of: {', '.join(KINDS)}")
image_id = config.require("imageId")
instance_type = config.require("instanceType")

ids: list[pulumi.Output[str]] = []
for index in range(count):
    name = f"desk-{index:02d}"
    tags = {"fleet": pulumi.get_stack(), "desk": name}
    if kind == "workspace":
        workspace = Workspace(
            name,
            WorkspaceArgs(image_id=image_id, instance_type=instance_type, billing_mode="HOURLY", tags=tags),
        )
        ids.append(workspace.workspace_instance_id)
    else:
        instance = WorkspaceInstance(
            name,
            managed_instance={"ImageId": image_id, "InstanceType": instance_type},
            billing_mode="HOURLY",
            tags=tags,
        )
        ids.append(instance.workspace_instance_id)

pulumi.export("workspace_instance_ids", ids)
