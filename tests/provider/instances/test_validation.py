"""What ``check`` tells a user about their WorkspaceInstance inputs, before anything reaches AWS."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime import rpc

from pulumi_workspaces_instances.provider.aws.model import input_shape, member_shape, service_model
from pulumi_workspaces_instances.provider.inputs.checks import (
    Problem,
    compiled_pattern,
    known_regions,
    shape_problems,
)
from pulumi_workspaces_instances.provider.instances.validation import validate_inputs

# validate_inputs checks the default region too: give it one, offline.
pytestmark = pytest.mark.usefixtures("default_region")

PROVIDER_BLOB = "serialized-provider-the-host-adds"

FULL_INSTANCE: dict[str, Any] = {
    "ImageId": "ami-0123456789abcdef0",
    "InstanceType": "m7i.xlarge",
    "SubnetId": "subnet-0a1b2c3d4e5f",
    "SecurityGroupIds": ["sg-0123abcd", "sg-4567ef01"],
    "PrivateIpAddress": "10.0.1.25",
    "Ipv6AddressCount": 1,
    "KeyName": "desk-key",
    "UserData": "IyEvYmluL2Jhc2gKZWNobyBoaQ==",
    "BlockDeviceMappings": [
        {
            "DeviceName": "/dev/sda1",
            "Ebs": {"VolumeType": "gp3", "VolumeSize": 100, "Iops": 4000, "Throughput": 250},
        },
        {
            "DeviceName": "/dev/sdf",
            "Ebs": {"VolumeType": "io2", "VolumeSize": 50, "Iops": 1000, "Encrypted": True},
        },
        {"DeviceName": "/dev/sdg", "VirtualName": "ephemeral0"},
        {"DeviceName": "/dev/sdh", "NoDevice": ""},
    ],
    "CapacityReservationSpecification": {"CapacityReservationPreference": "open"},
    "CpuOptions": {
        "CoreCount": 2,
        "ThreadsPerCore": 1,
        "AmdSevSnp": "disabled",
        "NestedVirtualization": "enabled",
    },
    "CreditSpecification": {"CpuCredits": "standard"},
    "DisableApiStop": False,
    "EbsOptimized": True,
    "EnablePrimaryIpv6": True,
    "EnclaveOptions": {"Enabled": False},
    "HibernationOptions": {"Configured": True},
    "IamInstanceProfile": {"Arn": "arn:aws:iam::123456789012:instance-profile/desk"},
    "InstanceMarketOptions": {
        "MarketType": "spot",
        "SpotOptions": {
            "SpotInstanceType": "persistent",
            "InstanceInterruptionBehavior": "hibernate",
            "MaxPrice": "0.25",
            "ValidUntilUtc": "2027-01-31T12:00:00Z",
        },
    },
    "LicenseSpecifications": [{"LicenseConfigurationArn": "arn:aws:license-manager:us-east-1:1:license/x"}],
    "MaintenanceOptions": {"AutoRecovery": "default"},
    "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2, "HttpEndpoint": "enabled"},
    "Monitoring": {"Enabled": True},
    "NetworkPerformanceOptions": {"BandwidthWeighting": "default"},
    "Placement": {"AvailabilityZone": "us-east-1a", "Tenancy": "default", "GroupName": "desks"},
    "PrivateDnsNameOptions": {"HostnameType": "resource-name", "EnableResourceNameDnsARecord": True},
    "TagSpecifications": [{"ResourceType": "volume", "Tags": [{"Key": "backup", "Value": "daily"}]}],
}

FULL_INPUTS: dict[str, Any] = {
    "managed_instance": FULL_INSTANCE,
    "billing_mode": "MONTHLY",
    "tags": {"Name": "dev desk", "team:owner": "alice@example.com", "cost-centre": "rd-42"},
    "region": "eu-west-1",
    "client_token": "deploy-2026-11-26",
    "timeouts": {"create": "45m", "delete": "1h30m"},
    "__provider": PROVIDER_BLOB,
}

INTERFACE = {"DeviceIndex": 0, "SubnetId": "subnet-0a1b2c3d", "Groups": ["sg-0123abcd"]}


def inputs(instance_fields: dict[str, Any] | None = None, **top_level: Any) -> dict[str, Any]:
    """Valid minimal inputs, with ManagedInstance fields and top-level inputs replaced."""
    instance: dict[str, Any] = {
        "ImageId": "ami-0123456789abcdef0",
        "InstanceType": "m5.large",
        "SubnetId": "subnet-0a1b2c3d",
    }
    instance.update(instance_fields or {})
    return {"managed_instance": instance, "__provider": PROVIDER_BLOB, **top_level}


def as_engine_sends_it(value: Any) -> Any:
    """``value`` as the provider receives it over gRPC, where every number is a float."""
    if isinstance(value, dict):
        return {key: as_engine_sends_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_engine_sends_it(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


# --- valid inputs -----------------------------------------------------------------------------


def test_a_full_featured_instance_passes() -> None:
    assert validate_inputs(FULL_INPUTS) == []


def test_numbers_arriving_as_floats_from_the_engine_pass() -> None:
    assert validate_inputs(as_engine_sends_it(FULL_INPUTS)) == []


def test_an_instance_with_network_interfaces_passes() -> None:
    interface = {
        **INTERFACE,
        "PrivateIpAddresses": [
            {"PrivateIpAddress": "10.0.0.5", "Primary": True},
            {"PrivateIpAddress": "10.0.0.6"},
        ],
        "Ipv6Prefixes": [{"Ipv6Prefix": "2001:db8::/64"}],
        "Ipv4Prefixes": [{"Ipv4Prefix": "10.0.2.0/28"}],
        "Description": "primary\nwith a newline",
    }
    assert validate_inputs(inputs({"SubnetId": None, "NetworkInterfaces": [interface]})) == []


def test_only_managed_instance_with_an_image_and_a_type_is_required() -> None:
    minimal = {"ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.large"}
    assert validate_inputs({"managed_instance": minimal, "__provider": PROVIDER_BLOB}) == []

    problems = validate_inputs({"managed_instance": {}, "__provider": PROVIDER_BLOB})

    assert {problem.path for problem in problems} == {
        "managed_instance.ImageId",
        "managed_instance.InstanceType",
    }
    assert all("required to launch an instance" in problem.reason for problem in problems)


def test_tag_keys_reserved_by_aws_are_refused_in_any_case() -> None:
    problems = validate_inputs({**FULL_INPUTS, "tags": {"AWS:owner": "me", "team": "desk"}})

    assert [(problem.path, "reserved by AWS" in problem.reason) for problem in problems] == [
        ("tags.AWS:owner", True)
    ]


def test_a_datetime_is_accepted_for_a_timestamp() -> None:
    spot = {
        "SpotInstanceType": "persistent",
        "InstanceInterruptionBehavior": "stop",
        "ValidUntilUtc": datetime.now(UTC),
    }
    assert (
        validate_inputs(inputs({"InstanceMarketOptions": {"MarketType": "spot", "SpotOptions": spot}})) == []
    )


def test_unicode_letters_and_spaces_are_valid_in_tags() -> None:
    assert validate_inputs(inputs(tags={"Équipe": "données été", "名前": "机器 一号", "k": ""})) == []


def test_keys_other_than_the_inputs_are_left_to_the_provider() -> None:
    assert validate_inputs(inputs(ec2_instance_id=None, state="ALLOCATED")) == []


# --- one problem each -------------------------------------------------------------------------

LONG = "x" * 65
BAD_CASES: list[tuple[str, dict[str, Any], str, str]] = [
    # (id, inputs, path, phrase in reason)
    (
        "typo in a nested field",
        inputs({"BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSiz": 8}}]}),
        "managed_instance.BlockDeviceMappings[0].Ebs.VolumeSiz",
        "unknown field 'VolumeSiz'; did you mean 'VolumeSize'? (valid: Encrypted, Iops, KmsKeyId,",
    ),
    (
        "wrong case of a top field",
        inputs({"ImageID": "ami-1"}),
        "managed_instance.ImageID",
        "did you mean 'ImageId'?",
    ),
    (
        "typo in a mapping field",
        inputs({"BlockDeviceMappings": [{"DeviceNam": "/dev/sdf"}]}),
        "managed_instance.BlockDeviceMappings[0].DeviceNam",
        "(valid: DeviceName, Ebs, NoDevice, VirtualName)",
    ),
    (
        "enum value",
        inputs({"BlockDeviceMappings": [{"Ebs": {"VolumeType": "gp4"}}]}),
        "managed_instance.BlockDeviceMappings[0].Ebs.VolumeType",
        "invalid value 'gp4'; did you mean 'gp3'? (valid: standard, io1, io2, gp2, sc1, st1, gp3)",
    ),
    (
        "enum value in a list element",
        inputs({"TagSpecifications": [{"ResourceType": "instances"}]}),
        "managed_instance.TagSpecifications[0].ResourceType",
        "did you mean 'instance'?",
    ),
    (
        "instance type pattern",
        inputs({"InstanceType": "m5large"}),
        "managed_instance.InstanceType",
        "must match the pattern ([a-z0-9-]+)\\.([a-z0-9]+), got 'm5large'",
    ),
    (
        "AMI id pattern",
        inputs({"ImageId": "image-1234"}),
        "managed_instance.ImageId",
        "must match the pattern ami-",
    ),
    (
        "availability zone pattern",
        inputs({"Placement": {"AvailabilityZone": "useast1a"}}),
        "managed_instance.Placement.AvailabilityZone",
        "must match the pattern",
    ),
    (
        "instance store name pattern",
        inputs({"BlockDeviceMappings": [{"VirtualName": "ephemeral"}]}),
        "managed_instance.BlockDeviceMappings[0].VirtualName",
        "ephemeral(0|[1-9][0-9]{0,2})",
    ),
    (
        "security group name that is an id (Java lookahead pattern)",
        inputs({"SubnetId": None, "SecurityGroups": ["sg-0123abcd"]}),
        "managed_instance.SecurityGroups[0]",
        "must match the pattern (?!sg-)",
    ),
    (
        "security group id pattern in a list",
        inputs({"SecurityGroupIds": ["sg-0123abcd", "web"]}),
        "managed_instance.SecurityGroupIds[1]",
        "must match the pattern sg-",
    ),
    (
        "integer above the model maximum",
        inputs({"MetadataOptions": {"HttpPutResponseHopLimit": 65}}),
        "managed_instance.MetadataOptions.HttpPutResponseHopLimit",
        "must be between 1 and 64, got 65",
    ),
    (
        "negative integer",
        inputs({"BlockDeviceMappings": [{"Ebs": {"VolumeSize": -1}}]}),
        "managed_instance.BlockDeviceMappings[0].Ebs.VolumeSize",
        "must be at least 0, got -1",
    ),
    (
        "fractional integer",
        inputs({"Ipv6AddressCount": 1.5}),
        "managed_instance.Ipv6AddressCount",
        "must be a whole number, got a number 1.5",
    ),
    (
        "boolean where an integer belongs",
        inputs({"Ipv6AddressCount": True}),
        "managed_instance.Ipv6AddressCount",
        "must be a whole number, got a boolean True",
    ),
    (
        "string where a boolean belongs",
        inputs({"EbsOptimized": "true"}),
        "managed_instance.EbsOptimized",
        "must be true or false, got a string 'true'",
    ),
    (
        "integer where a boolean belongs",
        inputs({"Monitoring": {"Enabled": 1}}),
        "managed_instance.Monitoring.Enabled",
        "must be true or false, got a number 1",
    ),
    (
        "string too long",
        inputs({"KeyName": LONG}),
        "managed_instance.KeyName",
        "must have at most 64 characters, got 65",
    ),
    (
        "string where a list belongs",
        inputs({"SecurityGroupIds": "sg-0123abcd"}),
        "managed_instance.SecurityGroupIds",
        "must be a list, got a string",
    ),
    (
        "string where a structure belongs",
        inputs({"CpuOptions": "2 cores"}),
        "managed_instance.CpuOptions",
        "must be an object with fields AmdSevSnp, CoreCount, ThreadsPerCore, NestedVirtualization",
    ),
    (
        "number where a string belongs",
        inputs({"KeyName": 7}),
        "managed_instance.KeyName",
        "must be a string, got a number",
    ),
    (
        "timestamp that is not ISO-8601",
        inputs(
            {
                "InstanceMarketOptions": {
                    "MarketType": "spot",
                    "SpotOptions": {
                        "SpotInstanceType": "persistent",
                        "InstanceInterruptionBehavior": "stop",
                        "ValidUntilUtc": "next tuesday",
                    },
                }
            }
        ),
        "managed_instance.InstanceMarketOptions.SpotOptions.ValidUntilUtc",
        "must be an ISO-8601 timestamp such as '2026-01-31T12:00:00Z'",
    ),
    (
        "list longer than the model maximum",
        inputs({"TagSpecifications": [{"ResourceType": "volume"}] * 31}),
        "managed_instance.TagSpecifications",
        "must have at most 30 items, got 31",
    ),
    (
        "managed_instance missing",
        {"__provider": PROVIDER_BLOB, "billing_mode": "HOURLY"},
        "managed_instance",
        "required",
    ),
    (
        "managed_instance not an object",
        {"managed_instance": ["ami-1"], "__provider": PROVIDER_BLOB},
        "managed_instance",
        "must be an object with fields",
    ),
    (
        "billing mode in lower case",
        inputs(billing_mode="monthly"),
        "billing_mode",
        "invalid value 'monthly'; did you mean 'MONTHLY'? (valid: MONTHLY, HOURLY)",
    ),
    (
        "client token too long",
        inputs(client_token=LONG),
        "client_token",
        "must have at most 64 characters, got 65",
    ),
    (
        "client token outside printable ASCII",
        inputs(client_token="tök"),
        "client_token",
        "must match the pattern [\\x20-\\x7E]+, got a value that is not shown because it is sensitive",
    ),
    # Cross-field rules from the EC2 API reference.
    (
        "Iops on a gp2 volume",
        inputs({"BlockDeviceMappings": [{"Ebs": {"VolumeType": "gp2", "Iops": 3000}}]}),
        "managed_instance.BlockDeviceMappings[0].Ebs.Iops",
        "Iops applies only to volume types gp3, io1, io2, not 'gp2'",
    ),
    (
        "io1 volume without Iops",
        inputs({"BlockDeviceMappings": [{"Ebs": {"VolumeType": "io1", "VolumeSize": 100}}]}),
        "managed_instance.BlockDeviceMappings[0].Ebs.Iops",
        "required when VolumeType is 'io1'",
    ),
    (
        "Throughput on an st1 volume",
        inputs({"BlockDeviceMappings": [{"Ebs": {"VolumeType": "st1", "Throughput": 250}}]}),
        "managed_instance.BlockDeviceMappings[0].Ebs.Throughput",
        "Throughput applies only to gp3 volumes, not 'st1'",
    ),
    (
        "Ebs and NoDevice in one mapping",
        inputs(
            {"BlockDeviceMappings": [{"DeviceName": "/dev/sdf", "NoDevice": "", "Ebs": {"VolumeSize": 8}}]}
        ),
        "managed_instance.BlockDeviceMappings[0]",
        "sets Ebs and NoDevice, which exclude each other",
    ),
    (
        "Ebs and VirtualName in one mapping",
        inputs({"BlockDeviceMappings": [{"VirtualName": "ephemeral1", "Ebs": {"VolumeSize": 8}}]}),
        "managed_instance.BlockDeviceMappings[0]",
        "sets Ebs and VirtualName",
    ),
    (
        "instance-level subnet with network interfaces",
        inputs({"NetworkInterfaces": [INTERFACE]}),
        "managed_instance.SubnetId",
        "cannot be combined with NetworkInterfaces; set SubnetId on the primary network interface "
        "(DeviceIndex 0) instead",
    ),
    (
        "instance-level security groups with network interfaces",
        inputs({"SubnetId": None, "SecurityGroupIds": ["sg-0123abcd"], "NetworkInterfaces": [INTERFACE]}),
        "managed_instance.SecurityGroupIds",
        "set Groups on the primary network interface",
    ),
    (
        "IPv6 count and addresses",
        inputs({"Ipv6AddressCount": 1, "Ipv6Addresses": [{"Ipv6Address": "2001:db8::1"}]}),
        "managed_instance.Ipv6AddressCount",
        "cannot be combined with Ipv6Addresses; give either a count or a list",
    ),
    (
        "IPv4 prefix count and prefixes on an interface",
        inputs(
            {
                "SubnetId": None,
                "NetworkInterfaces": [
                    {**INTERFACE, "Ipv4PrefixCount": 2, "Ipv4Prefixes": [{"Ipv4Prefix": "10.0.2.0/28"}]}
                ],
            }
        ),
        "managed_instance.NetworkInterfaces[0].Ipv4PrefixCount",
        "cannot be combined with Ipv4Prefixes",
    ),
    (
        "network interface without a device index",
        inputs({"SubnetId": None, "NetworkInterfaces": [{"SubnetId": "subnet-0a1b2c3d"}]}),
        "managed_instance.NetworkInterfaces[0].DeviceIndex",
        "required for every network interface; use 0 for the primary interface",
    ),
    (
        "two primary private addresses",
        inputs(
            {
                "SubnetId": None,
                "NetworkInterfaces": [
                    {
                        **INTERFACE,
                        "PrivateIpAddresses": [
                            {"PrivateIpAddress": "10.0.0.5", "Primary": True},
                            {"PrivateIpAddress": "10.0.0.6", "Primary": True},
                        ],
                    }
                ],
            }
        ),
        "managed_instance.NetworkInterfaces[0].PrivateIpAddresses",
        "marks 2 addresses as Primary",
    ),
    (
        "spot options on a capacity block",
        inputs({"InstanceMarketOptions": {"MarketType": "capacity-block", "SpotOptions": {"MaxPrice": "1"}}}),
        "managed_instance.InstanceMarketOptions.SpotOptions",
        "only applies when MarketType is 'spot', not 'capacity-block'",
    ),
    (
        "persistent spot request that would terminate",
        inputs(
            {
                "InstanceMarketOptions": {
                    "MarketType": "spot",
                    "SpotOptions": {"SpotInstanceType": "persistent"},
                }
            }
        ),
        "managed_instance.InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior",
        "required when SpotInstanceType is 'persistent'; set 'stop' or 'hibernate'",
    ),
    (
        "expiry on a one-time spot request",
        inputs({"InstanceMarketOptions": {"SpotOptions": {"ValidUntilUtc": "2027-01-01T00:00:00+00:00"}}}),
        "managed_instance.InstanceMarketOptions.SpotOptions.ValidUntilUtc",
        "only supported for persistent Spot requests",
    ),
    (
        "hibernation with stop on interruption",
        inputs(
            {
                "HibernationOptions": {"Configured": True},
                "InstanceMarketOptions": {"SpotOptions": {"InstanceInterruptionBehavior": "stop"}},
            }
        ),
        "managed_instance.InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior",
        "must be 'hibernate' (or omitted) when HibernationOptions.Configured is true, not 'stop'",
    ),
    (
        "core count without threads per core",
        inputs({"CpuOptions": {"CoreCount": 4}}),
        "managed_instance.CpuOptions.ThreadsPerCore",
        "required when CpuOptions.CoreCount is set; give both counts",
    ),
    (
        "threads per core that no instance has",
        inputs({"CpuOptions": {"CoreCount": 4, "ThreadsPerCore": 4}}),
        "managed_instance.CpuOptions.ThreadsPerCore",
        "must be 1 (multithreading off) or 2 (on), got 4",
    ),
    (
        "placement group by id and name",
        inputs({"Placement": {"GroupId": "pg-0123abcd", "GroupName": "desks"}}),
        "managed_instance.Placement.GroupName",
        "cannot be combined with Placement.GroupId",
    ),
    (
        "host resource group with dedicated tenancy",
        inputs({"Placement": {"HostResourceGroupArn": "arn:aws:resource-groups:x", "Tenancy": "dedicated"}}),
        "managed_instance.Placement.Tenancy",
        "must be 'host' (or omitted) when HostResourceGroupArn is set, not 'dedicated'",
    ),
    (
        "capacity reservation target with the open preference",
        inputs(
            {
                "CapacityReservationSpecification": {
                    "CapacityReservationPreference": "open",
                    "CapacityReservationTarget": {"CapacityReservationId": "cr-0123"},
                }
            }
        ),
        "managed_instance.CapacityReservationSpecification.CapacityReservationPreference",
        "must be 'capacity-reservations-only' (or omitted)",
    ),
    (
        "unlimited credits for a T3 on a dedicated host",
        inputs(
            {
                "InstanceType": "t3.large",
                "Placement": {"Tenancy": "host"},
                "CreditSpecification": {"CpuCredits": "unlimited"},
            }
        ),
        "managed_instance.CreditSpecification.CpuCredits",
        "t3.large with host tenancy supports only 'standard' CPU credits",
    ),
    # Tags.
    (
        "tags as a list",
        inputs(tags=[{"Key": "Name", "Value": "x"}]),
        "tags",
        "must be a map of tag keys to string values, got a list",
    ),
    (
        "60 tags",
        inputs(tags={f"key{n}": "v" for n in range(60)}),
        "tags",
        "has 60 tags but at most 49 are allowed (AWS allows 50 per resource and the provider keeps "
        "pulumi:workspace-instance:claimed-by); remove 11",
    ),
    (
        "50 tags",
        inputs(tags={f"key{n}": "v" for n in range(50)}),
        "tags",
        "has 50 tags but at most 49 are allowed (AWS allows 50 per resource and the provider keeps "
        "pulumi:workspace-instance:claimed-by); remove 1",
    ),
    (
        "tag key with a forbidden character",
        inputs(tags={"owner!": "alice"}),
        "tags.owner!",
        "tag key must match the pattern ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+), got 'owner!'",
    ),
    (
        "tag key too long",
        inputs(tags={"k" * 129: "v"}),
        "tags." + "k" * 129,
        "tag key must have at most 128 characters, got 129",
    ),
    (
        "tag value too long",
        inputs(tags={"Name": "v" * 257}),
        "tags.Name",
        "tag value must have at most 256 characters, got 257",
    ),
    (
        "tag value with a tab",
        inputs(tags={"Name": "a\tb"}),
        "tags.Name",
        "tag value must match the pattern",
    ),
    (
        "tag value that is a number",
        inputs(tags={"Port": 8080}),
        "tags.Port",
        "tag value must be a string, got a number",
    ),
    # Region.
    (
        "misspelt region",
        inputs(region="eu-wset-1"),
        "region",
        "unknown AWS region 'eu-wset-1'; did you mean 'eu-west-1'?",
    ),
    (
        "made-up region",
        inputs(region="moon-base-1"),
        "region",
        "unknown AWS region 'moon-base-1'; use a region name such as 'us-east-1'",
    ),
    (
        "region that is not a string",
        inputs(region=1),
        "region",
        "must be a region name such as 'us-east-1', got a number",
    ),
    # Timeouts.
    (
        "unknown timeout key",
        inputs(timeouts={"update": "10m"}),
        "timeouts.update",
        "unknown key 'update' (valid: create, delete)",
    ),
    (
        "timeout key in another case",
        inputs(timeouts={"Create": "10m"}),
        "timeouts.Create",
        "did you mean 'create'?",
    ),
    (
        "timeout without a unit",
        inputs(timeouts={"create": "30"}),
        "timeouts.create",
        "invalid duration '30'; use a number and unit such as '90s'",
    ),
    (
        "zero timeout",
        inputs(timeouts={"delete": "0m"}),
        "timeouts.delete",
        "must be longer than zero",
    ),
    (
        "negative timeout",
        inputs(timeouts={"create": "-10m"}),
        "timeouts.create",
        "must be positive",
    ),
    (
        "timeouts as a string",
        inputs(timeouts="30m"),
        "timeouts",
        "must be a map like {'create': '30m', 'delete': '30m'}",
    ),
]


@pytest.mark.parametrize(
    ("inputs_", "path", "phrase"), [case[1:] for case in BAD_CASES], ids=[c[0] for c in BAD_CASES]
)
def test_each_mistake_is_reported_once_with_its_path_and_the_fix(
    inputs_: dict[str, Any], path: str, phrase: str
) -> None:
    problems = validate_inputs(inputs_)
    assert len(problems) == 1, problems
    assert problems[0].path == path
    assert phrase in problems[0].reason
    assert "\n" not in problems[0].reason


def test_numbers_from_the_engine_get_the_same_verdicts() -> None:
    """Every case above reports the same problems when its numbers arrive as floats."""
    for _, case_inputs, path, _ in BAD_CASES:
        if isinstance(case_inputs.get("managed_instance"), dict):
            problems = validate_inputs(
                {**case_inputs, "managed_instance": as_engine_sends_it(case_inputs["managed_instance"])}
            )
            assert [problem.path for problem in problems] == [path], problems


# --- several problems at once -----------------------------------------------------------------


def test_all_problems_are_reported_at_once() -> None:
    problems = validate_inputs(
        inputs(
            {
                "InstanceType": "huge",
                "BlockDeviceMappings": [{"Ebs": {"VolumeType": "io2", "VolumeSize": "big"}}],
                "Monitoring": {"Enabld": True},
            },
            billing_mode="YEARLY",
            tags={"bad key!": "x"},
            region="us-east-42",
            timeouts={"create": "soon"},
        )
    )
    assert [problem.path for problem in problems] == [
        "managed_instance.InstanceType",
        "managed_instance.BlockDeviceMappings[0].Ebs.VolumeSize",
        "managed_instance.Monitoring.Enabld",
        "managed_instance.BlockDeviceMappings[0].Ebs.Iops",
        "billing_mode",
        "tags.bad key!",
        "region",
        "timeouts.create",
    ]


def test_a_problem_is_a_path_and_a_reason() -> None:
    problem = validate_inputs(inputs(billing_mode="DAILY"))[0]
    assert problem == Problem(path="billing_mode", reason=problem.reason)
    with pytest.raises(AttributeError):
        problem.path = "other"  # type: ignore[misc]


def test_sensitive_values_are_not_echoed() -> None:
    secret = "\u00e9" * 70
    problems = validate_inputs(inputs({"UserData": "x" * 16001}, client_token=secret))
    assert [problem.path for problem in problems] == ["managed_instance.UserData", "client_token"]
    assert all(secret not in problem.reason and "xxxx" not in problem.reason for problem in problems)


@pytest.mark.parametrize(
    "weird",
    [
        None,
        "text",
        42,
        [],
        {"managed_instance": {"BlockDeviceMappings": [None, 3, "x", [], {"Ebs": []}]}},
        {"managed_instance": {"NetworkInterfaces": "eni", "SubnetId": 5, "Placement": []}},
        {"managed_instance": {"BlockDeviceMappings": [{"Ebs": {"VolumeType": {"nested": 1}, "Iops": "x"}}]}},
        {"managed_instance": {"CpuOptions": {"CoreCount": float("nan"), "ThreadsPerCore": float("inf")}}},
        {"managed_instance": {1: "numeric key"}, "tags": {2: 3}, "timeouts": {None: 5}},
    ],
)
def test_garbage_is_reported_never_raised(weird: Any) -> None:
    problems = validate_inputs(weird)
    assert problems, "something must be reported"
    assert all(isinstance(problem, Problem) and problem.reason for problem in problems)


# --- preview-time unknowns --------------------------------------------------------------------

UNKNOWN_FORMS = [
    pytest.param(Unknown, id="Unknown-object"),
    pytest.param(lambda: rpc.UNKNOWN, id="sentinel-string"),
]


@pytest.mark.parametrize("unknown", UNKNOWN_FORMS)
def test_unknowns_anywhere_are_skipped_silently(unknown: Any) -> None:
    props = inputs(
        {
            "ImageId": unknown(),
            "SubnetId": unknown(),
            "SecurityGroupIds": [unknown(), "sg-0123abcd"],
            "BlockDeviceMappings": [
                unknown(),
                {"DeviceName": unknown(), "Ebs": {"VolumeType": unknown(), "Iops": unknown()}},
                {"Ebs": unknown()},
            ],
            "CpuOptions": unknown(),
            "Placement": {"AvailabilityZone": unknown(), "Tenancy": "default"},
        },
        tags={"Name": unknown(), "env": "dev"},
        region=unknown(),
        billing_mode=unknown(),
        client_token=unknown(),
        timeouts={"create": unknown()},
    )
    assert validate_inputs(props) == []


@pytest.mark.parametrize("unknown", UNKNOWN_FORMS)
@pytest.mark.parametrize(
    "name", ["managed_instance", "tags", "timeouts", "region", "billing_mode", "__provider"]
)
def test_a_whole_input_may_be_unknown(unknown: Any, name: str) -> None:
    assert validate_inputs(inputs(**{name: unknown()})) == []


@pytest.mark.parametrize("unknown", UNKNOWN_FORMS)
def test_unknowns_never_trigger_a_cross_field_rule(unknown: Any) -> None:
    """An unknown might turn out to be absent, or to be the value that satisfies the rule."""
    props = inputs(
        {
            "SubnetId": unknown(),  # would conflict with NetworkInterfaces if known
            "NetworkInterfaces": [{"DeviceIndex": unknown(), "SubnetId": "subnet-0a1b2c3d"}, unknown()],
            "BlockDeviceMappings": [
                {"Ebs": {"VolumeType": "io1", "Iops": unknown()}},
                {"Ebs": {"VolumeType": unknown(), "Iops": 5000, "Throughput": 300}},
                {"NoDevice": unknown(), "Ebs": {"VolumeSize": 8}},
            ],
            "CpuOptions": {"CoreCount": 2, "ThreadsPerCore": unknown()},
            "HibernationOptions": {"Configured": unknown()},
            "InstanceMarketOptions": {
                "MarketType": unknown(),
                "SpotOptions": {"SpotInstanceType": unknown(), "ValidUntilUtc": "2027-01-01T00:00:00Z"},
            },
        }
    )
    assert validate_inputs(props) == []


def test_inputs_as_the_dynamic_provider_host_decodes_them() -> None:
    """Through the same protobuf decoding as the host's Check: floats, and unknowns as objects."""
    sent = {
        **FULL_INPUTS,
        "managed_instance": {**FULL_INSTANCE, "ImageId": rpc.UNKNOWN, "SecurityGroupIds": [rpc.UNKNOWN]},
        "region": rpc.UNKNOWN,
    }
    wire = asyncio.run(rpc.serialize_properties(sent, {}))
    decoded = rpc.deserialize_properties(wire, keep_unknowns=True)
    assert isinstance(decoded["region"], Unknown)
    assert isinstance(decoded["managed_instance"]["MetadataOptions"]["HttpPutResponseHopLimit"], float)
    assert validate_inputs(decoded) == []
    decoded["managed_instance"]["MetadataOptions"]["HttpPutResponseHopLimit"] = 0.0
    assert [problem.reason for problem in validate_inputs(decoded)] == ["must be between 1 and 64, got 0"]


def test_known_values_beside_unknowns_are_still_checked() -> None:
    props = inputs({"ImageId": Unknown(), "InstanceType": "m5large", "SecurityGroupIds": [Unknown(), "web"]})
    assert [problem.path for problem in validate_inputs(props)] == [
        "managed_instance.InstanceType",
        "managed_instance.SecurityGroupIds[1]",
    ]


def test_wrapped_secrets_are_checked_by_their_value() -> None:
    props = inputs({"KeyName": rpc.wrap_rpc_secret("k" * 65)}, client_token=rpc.wrap_rpc_secret("ok-token"))
    assert [problem.path for problem in validate_inputs(props)] == ["managed_instance.KeyName"]


# --- rules read from botocore -----------------------------------------------------------------


def test_every_pattern_in_the_model_is_enforced() -> None:
    """Java-style patterns (\\p{L}, lookaheads) all compile, so none is silently skipped."""
    model = service_model()
    patterns = {
        model.shape_for(name).metadata["pattern"]
        for name in model.shape_names
        if "pattern" in model.shape_for(name).metadata
    }
    assert patterns
    assert [pattern for pattern in patterns if compiled_pattern(pattern) is None] == []


def test_missing_required_members_are_reported() -> None:
    billing = member_shape("CreateWorkspaceInstance", "BillingConfiguration")
    assert shape_problems(billing, {}, "billing") == [
        Problem("billing.BillingMode", "missing required field 'BillingMode'")
    ]


def test_unknown_operation_input_fields_are_listed_from_the_model() -> None:
    problems = shape_problems(
        input_shape("CreateWorkspaceInstance"), {"ManagedInstance": {}, "Tag": []}, "request"
    )
    assert problems[0].path == "request.Tag"
    assert "did you mean 'Tags'?" in problems[0].reason


def test_regions_come_from_botocore_partitions() -> None:
    regions = known_regions()
    assert {"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"} <= regions
    assert not any(region.endswith("-global") for region in regions)
    for region in ("ap-southeast-2", "us-gov-east-1", "cn-northwest-1"):
        assert validate_inputs(inputs(region=region)) == []


@pytest.mark.parametrize(
    "image_id", ["ami-123", "ami-0123456789ABCDEF0", "ami-0123456789abcdef", "ami-zzzzzzzz"]
)
def test_an_image_id_that_is_not_an_ami_id_fails_at_preview(image_id: str) -> None:
    [problem] = validate_inputs(inputs({"ImageId": image_id}))

    assert problem.path == "managed_instance.ImageId"
    assert problem.reason.startswith(f"{image_id!r} is not an AMI id: use 'ami-' and 17 (or, for older")


@pytest.mark.parametrize("image_id", ["ami-0123abcd", "ami-0123456789abcdef0"])
def test_both_ami_id_lengths_pass(image_id: str) -> None:
    assert validate_inputs(inputs({"ImageId": image_id})) == []
