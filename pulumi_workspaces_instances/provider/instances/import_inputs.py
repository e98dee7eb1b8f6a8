"""What ``pulumi import`` can rebuild of an instance's inputs, and what it cannot.

An import hands ``read`` only the id: the inputs have to come from the services. Billing mode, tags and
region come from WorkSpaces Instances itself (GetWorkspaceInstance, ListTagsForResource).
``managed_instance`` does not: no WorkSpaces Instances call returns the ManagedInstance an instance was
created with. So it is rebuilt from the EC2 view (:mod:`provider.instances.ec2_view`, DescribeInstances and
the root volume's DescribeVolumes): image, type, subnet, security groups, the five metadata options, EBS
optimization, detailed monitoring, placement and the root volume. Everything else the create request may
have carried — UserData, a KMS key, network interfaces, CPU, credit, market, capacity and license options,
... — cannot be read back and is left out; the program ``pulumi import`` prints then previews with no
changes, and adding a member later replaces the instance (as any change to ``managed_instance`` does).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MONITORING_ON = frozenset({"enabled", "pending"})
"""EC2's detailed-monitoring states that mean it was asked for."""


def _pruned(value: Any) -> Any:
    if isinstance(value, Mapping):
        kept = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, {}, [])}
    return value


def managed_instance_of(view: Mapping[str, Any]) -> dict[str, Any]:
    """The ``ManagedInstance`` (PascalCase, as the API takes it) that EC2's view of an instance shows."""
    metadata = view.get("metadata_options") or {}
    root = view.get("root_volume") or {}
    monitoring = view.get("monitoring")
    managed = {
        "ImageId": view.get("image_id"),
        "InstanceType": view.get("instance_type"),
        "SubnetId": view.get("subnet_id"),
        "SecurityGroupIds": list(view.get("security_group_ids") or []) or None,
        "MetadataOptions": {
            "HttpTokens": metadata.get("http_tokens"),
            "HttpEndpoint": metadata.get("http_endpoint"),
            "HttpPutResponseHopLimit": metadata.get("http_put_response_hop_limit"),
            "HttpProtocolIpv6": metadata.get("http_protocol_ipv6"),
            "InstanceMetadataTags": metadata.get("instance_metadata_tags"),
        },
        "EbsOptimized": view.get("ebs_optimized"),
        "Monitoring": {"Enabled": monitoring in MONITORING_ON} if monitoring else None,
        "Placement": {"AvailabilityZone": view.get("availability_zone"), "Tenancy": view.get("tenancy")},
        "BlockDeviceMappings": [
            {
                "DeviceName": root.get("device_name"),
                "Ebs": {
                    "VolumeSize": root.get("volume_size"),
                    "VolumeType": root.get("volume_type"),
                    "Encrypted": root.get("encrypted"),
                },
            }
        ]
        if root.get("device_name")
        else None,
    }
    pruned = _pruned(managed)
    if isinstance(pruned.get("BlockDeviceMappings"), list):
        pruned["BlockDeviceMappings"] = [_pruned(item) for item in pruned["BlockDeviceMappings"]]
    return dict(pruned)
