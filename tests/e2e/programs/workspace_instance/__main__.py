"""Two WorkSpaces Instances whose settings come from stack config, so a test can change them between runs.

- ``main``: billing mode and tags from config; UserData and a KMS key id (secrets in state).
- ``pinned``: a fixed user ``client_token`` (a secret in state); never changes.
"""

import json

import pulumi

from pulumi_workspaces_instances.provider import WorkspaceInstance

config = pulumi.Config()
image_id = config.require("imageId")
instance_type = config.require("instanceType")

main = WorkspaceInstance(
    "main",
    managed_instance={
        "ImageId": image_id,
        "InstanceType": instance_type,
        "UserData": config.require("userData"),
        "BlockDeviceMappings": [
            {
                "DeviceName": "/dev/sda1",
                "Ebs": {
                    "VolumeSize": 80,
                    "VolumeType": "gp3",
                    "Encrypted": True,
                    "KmsKeyId": config.require("kmsKeyId"),
                },
            }
        ],
    },
    billing_mode=config.get("billingMode"),
    tags=json.loads(config.get("tags") or "{}"),
    timeouts={"create": "2m", "delete": "2m"},
)

pinned = WorkspaceInstance(
    "pinned",
    managed_instance={"ImageId": image_id, "InstanceType": instance_type},
    client_token=config.require("clientToken"),
)

pulumi.export("main_id", main.workspace_instance_id)
pulumi.export("main_state", main.provision_state)
pulumi.export("main_billing_mode", main.billing_mode)
pulumi.export("main_tags", main.tags)
pulumi.export("main_region", main.region)
pulumi.export("main_ec2_instance_id", main.ec2_instance_id)
pulumi.export("pinned_id", pinned.workspace_instance_id)
