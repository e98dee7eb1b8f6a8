"""Which handler answers each operation: every WorkSpaces Instances operation, and the EC2 actions served."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .ec2 import images as ec2_images
from .ec2 import instances as ec2_instances
from .ec2 import tags as ec2_tags
from .ec2 import visibility as ec2_visibility
from .ec2 import volumes as ec2_volumes
from .workspaces_instances import instances, listings, tags, volumes
from .workspaces_instances.context import RequestContext

Handler = Callable[[RequestContext, dict[str, Any]], dict[str, Any]]

HANDLERS: dict[str, Handler] = {
    "CreateWorkspaceInstance": instances.create_workspace_instance,
    "GetWorkspaceInstance": instances.get_workspace_instance,
    "DeleteWorkspaceInstance": instances.delete_workspace_instance,
    "ListWorkspaceInstances": instances.list_workspace_instances,
    "TagResource": tags.tag_resource,
    "UntagResource": tags.untag_resource,
    "ListTagsForResource": tags.list_tags_for_resource,
    "ListInstanceTypes": listings.list_instance_types,
    "ListRegions": listings.list_regions,
    "CreateVolume": volumes.create_volume,
    "DeleteVolume": volumes.delete_volume,
    "AssociateVolume": volumes.associate_volume,
    "DisassociateVolume": volumes.disassociate_volume,
    "ModifyVolume": volumes.modify_volume,
}

#: The EC2 actions the emulator serves; any other EC2 action is refused.
EC2_HANDLERS: dict[str, Handler] = {
    "DescribeVolumes": ec2_volumes.describe_volumes,
    "DescribeVolumesModifications": ec2_volumes.describe_volumes_modifications,
    "DescribeInstances": ec2_instances.describe_instances,
    "DescribeImages": ec2_images.describe_images,
    "StopInstances": ec2_instances.stop_instances,
    "StartInstances": ec2_instances.start_instances,
    "ModifyInstanceMetadataOptions": ec2_instances.modify_instance_metadata_options,
    "ModifyInstanceAttribute": ec2_instances.modify_instance_attribute,
    "CreateTags": ec2_tags.create_tags,
    "DeleteTags": ec2_tags.delete_tags,
    "GetManagedResourceVisibility": ec2_visibility.get_managed_resource_visibility,
    "ModifyManagedResourceVisibility": ec2_visibility.modify_managed_resource_visibility,
}
