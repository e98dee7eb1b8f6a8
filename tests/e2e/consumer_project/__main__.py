"""A stack of another team: its own ``components`` package and ``provider`` module, this project from pip."""

import pulumi

import provider
from components import team_tags
from pulumi_workspaces_instances import Workspace, WorkspaceArgs, get_instance_types

offered = get_instance_types(billing_mode="MONTHLY", platform_type="Windows", tenancy="SHARED")
desk = Workspace(
    "desk",
    WorkspaceArgs(
        image_id=provider.IMAGE_ID,
        instance_type=offered.instance_types[0].instance_type,
        billing_mode="MONTHLY",
        tags=team_tags("desktops"),
    ),
)
pulumi.export("workspace_instance_id", desk.workspace_instance_id)
pulumi.export("billing_mode", desk.billing_mode)
