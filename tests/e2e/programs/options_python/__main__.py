"""A desktop with a data volume on the dynamic face, its resource options and shape from config: what
tests/e2e/test_resource_options.py runs.

``options`` is JSON in the YAML program's spelling (``replaceOnChanges``, ``ignoreChanges``,
``deleteBeforeReplace``, ``retainOnDelete``, ``protect``, ``aliases`` as a list of old names), so both
faces run the same cases.
"""

import json

import pulumi

from pulumi_workspaces_instances import Volume, VolumeAttachment, WorkspaceInstance

config = pulumi.Config()
options = json.loads(config.get("options") or "{}")
parent = None
if config.get_bool("inGroup"):
    parent = pulumi.ComponentResource("test:index:Group", "group")
    parent.register_outputs({})
aliases = [pulumi.Alias(name=name) for name in options.get("aliases", [])]
if parent is not None:
    aliases.append(pulumi.Alias(parent=pulumi.ROOT_STACK_RESOURCE))
desk = WorkspaceInstance(
    config.get("deskName") or "desk",
    managed_instance={
        "ImageId": config.get("imageId") or "ami-0123456789abcdef0",
        "InstanceType": config.get("instanceType") or "t3.medium",
        "UserData": config.require_secret("userData"),
        # The zone is pinned, as for any desktop with a data volume: a replacement lands beside the volume.
        "Placement": {"AvailabilityZone": config.get("zone") or "us-east-1a"},
    },
    billing_mode="HOURLY",
    tags={"team": config.require("team")},
    adopt_id=config.get("adoptId"),
    adopt_claimed=config.get_bool("adoptClaimed") or False,
    opts=pulumi.ResourceOptions(
        parent=parent,
        replace_on_changes=options.get("replaceOnChanges"),
        ignore_changes=options.get("ignoreChanges"),
        delete_before_replace=options.get("deleteBeforeReplace"),
        retain_on_delete=options.get("retainOnDelete"),
        protect=options.get("protect"),
        aliases=aliases or None,
    ),
)
pulumi.export("deskId", desk.workspace_instance_id)
if config.get_bool("withVolume"):
    data = Volume(
        "data",
        availability_zone=config.get("zone") or "us-east-1a",
        size_in_gb=config.get_int("volumeSize") or 50,
        tags={"team": config.require("team")},
    )
    VolumeAttachment(
        "data-disk",
        workspace_instance_id=desk.workspace_instance_id,
        volume_id=data.volume_id,
        device="/dev/sdf",
    )
    pulumi.export("volumeId", data.volume_id)
