"""Adopt two instances made outside Pulumi (ids from config), and look them up.

Config: ``adoptId`` (the resource's), ``componentAdoptId`` (the component's); either may be unset
after the first ``up``: adoption is then done and removing it changes nothing.
"""

import pulumi

from pulumi_workspaces_instances import (
    Workspace,
    WorkspaceArgs,
    WorkspaceInstance,
    get_workspace_instance_output,
    list_workspace_instances_output,
)

IMAGE_ID = "ami-0a1b2c3d4e5f60001"
config = pulumi.Config()

plain = WorkspaceInstance(
    "plain",
    managed_instance={"ImageId": IMAGE_ID, "InstanceType": "t3.medium"},
    tags={"owner": "pulumi"},
    adopt_id=config.get("adoptId"),
)
desk = Workspace(
    "desk",
    WorkspaceArgs(
        image_id=IMAGE_ID,
        instance_type="t3.medium",
        billing_mode="MONTHLY",
        adopt_id=config.get("componentAdoptId"),
    ),
)
looked_up = get_workspace_instance_output(plain.workspace_instance_id)
pulumi.export("plain_id", plain.workspace_instance_id)
pulumi.export("desk_id", desk.workspace_instance_id)
pulumi.export("plain_tags", looked_up.apply(lambda found: found.tags))
pulumi.export("plain_billing_mode", looked_up.apply(lambda found: found.billing_mode))
pulumi.export(
    "allocated_ids",
    list_workspace_instances_output(provision_states=["ALLOCATED"]).apply(lambda listed: sorted(listed.ids)),
)
