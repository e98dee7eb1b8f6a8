"""The program whose state 0.2.0 wrote into ``tests/e2e/fixtures/state-0.2.0.json``.

Every resource type the package has: a ``Workspace`` component, a plain ``WorkspaceInstance``, a
``Volume`` (with tags) in the zone that instance is placed in, and a ``VolumeAttachment`` of the
volume to it. Only APIs 0.2.0 had: the same program runs with the code that wrote the fixture and
with today's. Keep the resources as they are: the upgrade test expects them to match the fixture.

How the fixture was made: the code below (this docstring was written afterwards) run by commit
6e8432d (0.2.0) with the real CLI (v3.274.1) on stack ``old02``, against that commit's emulator::

    git worktree add /tmp/old-0.2 6e8432d
    .venv/bin/pip install --no-deps --target /tmp/old-0.2-site /tmp/old-0.2
    PYTHONPATH=/tmp/old-0.2-site .venv/bin/python /tmp/old-0.2-site/bin/workspaces-instances-emulator \
        --port PORT --state /tmp/fx02/emu.sqlite --allocate-seconds 0.2 --deallocate-seconds 0.1
    # a copy of this folder in /tmp/fx02/prog (outside the repository, so that nothing there
    # shadows the package), with PYTHONPATH=/tmp/old-0.2-site,
    # PULUMI_PYTHON_CMD=.venv/bin/python, PULUMI_BACKEND_URL=file:///tmp/fx02/backend,
    # PULUMI_CONFIG_PASSPHRASE=test-passphrase-not-a-secret, AWS_ENDPOINT_URL_WORKSPACES_INSTANCES
    # and AWS_ENDPOINT_URL_EC2 = http://127.0.0.1:PORT, AWS_DEFAULT_REGION=us-east-1 and the dummy
    # AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY of tests/conftest.py:
    pulumi stack init old02 && pulumi config set aws:region us-east-1 && pulumi up --yes
    pulumi stack export --show-secrets > /tmp/fx02/state.json  # copied to tests/e2e/fixtures/state-0.2.0.json
    git worktree remove --force /tmp/old-0.2

The state has no ``ec2_instance`` output (0.2.0 did not read EC2 instances), and its only secrets
are the seeds and ``UserData``; its ``sourcePosition`` fields name that machine's paths.
"""

import pulumi

from pulumi_workspaces_instances import Volume, VolumeAttachment, Workspace, WorkspaceArgs, WorkspaceInstance

IMAGE_ID = "ami-0a1b2c3d4e5f60001"
ZONE = "us-east-1a"
TIMEOUTS = {"create": "2m", "delete": "2m"}

desk = Workspace(
    "desk",
    WorkspaceArgs(
        image_id=IMAGE_ID,
        instance_type="t3.medium",
        billing_mode="MONTHLY",
        user_data="ZWNobyB1cGdyYWRl",
        tags={"team": "desktops"},
    ),
)
plain = WorkspaceInstance(
    "plain",
    managed_instance={
        "ImageId": IMAGE_ID,
        "InstanceType": "t3.medium",
        "Placement": {"AvailabilityZone": ZONE},
    },
    tags={"env": "test"},
    timeouts=TIMEOUTS,
)
data = Volume(
    "data",
    availability_zone=ZONE,
    size_in_gb=20,
    tags={"team": "desktops"},
    timeouts={**TIMEOUTS, "update": "2m"},
)
disk = VolumeAttachment(
    "data-disk",
    workspace_instance_id=plain.workspace_instance_id,
    volume_id=data.volume_id,
    device="/dev/sdf",
    timeouts=TIMEOUTS,
)

pulumi.export("desk_id", desk.workspace_instance_id)
pulumi.export("plain_id", plain.workspace_instance_id)
pulumi.export("data_id", data.volume_id)
pulumi.export("disk_state", disk.state)
