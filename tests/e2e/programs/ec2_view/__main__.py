"""Two desktops whose EC2 view the real-CLI tests read: a ``Workspace`` and a plain ``WorkspaceInstance``.

- ``desk``: the component (IMDSv2 required by default) with one security group;
- ``lab``: a top-level resource declaring only image and type (nothing of it can drift).
"""

import pulumi

from pulumi_workspaces_instances import Workspace, WorkspaceArgs, WorkspaceInstance

IMAGE_ID = "ami-0a1b2c3d4e5f60001"
SECURITY_GROUP = "sg-0a1b2c3d4e5f60001"

desk = Workspace(
    "desk",
    WorkspaceArgs(image_id=IMAGE_ID, instance_type="t3.medium", security_group_ids=[SECURITY_GROUP]),
)
lab = WorkspaceInstance("lab", managed_instance={"ImageId": IMAGE_ID, "InstanceType": "t3.medium"})

pulumi.export("desk_ec2_instance_id", desk.ec2_instance_id)
pulumi.export("desk_private_ip", desk.private_ip)
pulumi.export("desk_availability_zone", desk.availability_zone)
pulumi.export("desk_ec2_instance", desk.ec2_instance)
pulumi.export("lab_private_ip", lab.private_ip)
pulumi.export("lab_availability_zone", lab.availability_zone)
pulumi.export("lab_ec2_state", lab.ec2_instance.apply(lambda view: view["state"] if view else None))
