"""One desktop on the dynamic face, its resource options from config: what test_resource_options.py runs."""

import json

import pulumi

from pulumi_workspaces_instances import WorkspaceInstance

config = pulumi.Config()
desk = WorkspaceInstance(
    "desk",
    managed_instance={
        "ImageId": "ami-0123456789abcdef0",
        "InstanceType": "t3.medium",
        "UserData": config.require_secret("userData"),
    },
    billing_mode="HOURLY",
    tags={"team": config.require("team")},
    opts=pulumi.ResourceOptions(replace_on_changes=json.loads(config.get("replaceOnChanges") or "[]")),
)
pulumi.export("deskId", desk.workspace_instance_id)
