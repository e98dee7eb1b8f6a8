"""The program whose state 0.1.0 wrote into ``tests/e2e/fixtures/state-0.1.0.json``, with today's imports.

The fixture was written by commit f4fb496 (the last before the package existed) running this very
program with ``from components import Workspace, WorkspaceArgs`` and
``from provider import WorkspaceInstance`` and the repository on PYTHONPATH, on stack ``old``.
Keep the resources as they are: the upgrade test expects them to match the fixture.
"""

import pulumi

from pulumi_workspaces_instances import Workspace, WorkspaceArgs, WorkspaceInstance

desk = Workspace(
    "desk",
    WorkspaceArgs(
        image_id="ami-0a1b2c3d4e5f60001",
        instance_type="t3.medium",
        billing_mode="MONTHLY",
        user_data="ZWNobyB1cGdyYWRl",
        tags={"team": "desktops"},
    ),
)
plain = WorkspaceInstance(
    "plain",
    managed_instance={"ImageId": "ami-0a1b2c3d4e5f60001", "InstanceType": "t3.medium"},
    tags={"env": "test"},
    timeouts={"create": "2m", "delete": "2m"},
)
pulumi.export("desk_id", desk.workspace_instance_id)
pulumi.export("plain_id", plain.workspace_instance_id)
