"""What an import rebuilds of an instance's ManagedInstance from the EC2 view."""

from __future__ import annotations

from pulumi_workspaces_instances.provider.instances.import_inputs import managed_instance_of
from pulumi_workspaces_instances.provider.instances.validation import validate_inputs

VIEW = {
    "instance_id": "i-0123456789abcdef0",
    "state": "running",
    "instance_type": "t3.medium",
    "image_id": "ami-0123456789abcdef0",
    "subnet_id": "subnet-0123456789abcdef0",
    "vpc_id": "vpc-0123456789abcdef0",
    "availability_zone": "us-east-1a",
    "tenancy": "default",
    "security_group_ids": ["sg-0123456789abcdef0"],
    "security_group_names": ["default"],
    "metadata_options": {
        "http_tokens": "required",
        "http_endpoint": "enabled",
        "http_put_response_hop_limit": 2,
        "http_protocol_ipv6": None,
        "instance_metadata_tags": "disabled",
    },
    "ebs_optimized": True,
    "monitoring": "pending",
    "root_volume": {
        "device_name": "/dev/sda1",
        "volume_id": "vol-0123456789abcdef0",
        "encrypted": True,
        "volume_size": 80,
        "volume_type": "gp3",
    },
    "launch_time": "2026-12-03T10:00:00+00:00",
}


def test_the_ec2_view_becomes_a_valid_managed_instance_without_unknown_members() -> None:
    managed = managed_instance_of(VIEW)
    assert managed == {
        "ImageId": "ami-0123456789abcdef0",
        "InstanceType": "t3.medium",
        "SubnetId": "subnet-0123456789abcdef0",
        "SecurityGroupIds": ["sg-0123456789abcdef0"],
        "MetadataOptions": {
            "HttpTokens": "required",
            "HttpEndpoint": "enabled",
            "HttpPutResponseHopLimit": 2,
            "InstanceMetadataTags": "disabled",
        },
        "EbsOptimized": True,
        "Monitoring": {"Enabled": True},
        "Placement": {"AvailabilityZone": "us-east-1a", "Tenancy": "default"},
        "BlockDeviceMappings": [
            {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 80, "VolumeType": "gp3", "Encrypted": True}}
        ],
    }
    assert validate_inputs({"managed_instance": managed, "region": "us-east-1"}) == []


def test_what_ec2_could_not_tell_is_left_out() -> None:
    managed = managed_instance_of({"instance_type": "t3.medium", "image_id": None, "root_volume": {}})
    assert managed == {"InstanceType": "t3.medium"}
