"""One WorkSpaces Instance through the project's dynamic provider (imported from the project root)."""

import pulumi

from pulumi_workspaces_instances.provider import WorkspaceInstance

config = pulumi.Config()
instance = WorkspaceInstance(
    "smoke",
    managed_instance={
        "ImageId": config.require("imageId"),
        "InstanceType": config.require("instanceType"),
    },
    billing_mode="HOURLY",
    tags={"purpose": "smoke"},
)
pulumi.export("workspace_instance_id", instance.workspace_instance_id)
pulumi.export("provision_state", instance.provision_state)
