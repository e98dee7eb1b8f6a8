"""The pure mapping from ``WorkspaceArgs`` to the ManagedInstance dict, field by field.

``FIELDS`` is written out by hand (not derived from the args' metadata) so it checks the mapping
independently; two coverage tests then hold it against botocore's model and the args classes.
"""

from __future__ import annotations

import re
import typing
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from typing import Any

import pulumi
import pytest
from botocore.model import ListShape, Shape, StructureShape

from pulumi_workspaces_instances.components import (
    BlockDeviceArgs,
    CpuOptionsArgs,
    EbsArgs,
    MetadataOptionsArgs,
    NetworkInterfaceArgs,
    PlacementArgs,
    RootVolumeArgs,
    TagSpecificationArgs,
    TenancyError,
    WorkspaceArgs,
)
from pulumi_workspaces_instances.components.args_base import AWS_NAME
from pulumi_workspaces_instances.components.mapping import deep_merge, to_managed_instance
from pulumi_workspaces_instances.provider.aws import model

IMAGE = "ami-0a1b2c3d4e5f60001"
TYPE = "m5.large"
WHEN = datetime(2031, 5, 4, 3, 2, 1, tzinfo=UTC)

# (argument path, value, ManagedInstance path[, expected value when it differs from the input]).
# "[]" in an argument path means "a one-element list"; "[i]" in a member path is that element.
FIELDS: list[tuple[Any, ...]] = [
    ("image_id", "ami-0123456789abcdef0", "ImageId"),
    ("instance_type", "t3.large", "InstanceType"),
    ("root_volume.device_name", "/dev/xvda", "BlockDeviceMappings[0].DeviceName"),
    ("root_volume.volume_type", "gp3", "BlockDeviceMappings[0].Ebs.VolumeType"),
    ("root_volume.encrypted", False, "BlockDeviceMappings[0].Ebs.Encrypted"),
    ("root_volume.kms_key_id", "alias/root", "BlockDeviceMappings[0].Ebs.KmsKeyId"),
    ("root_volume.iops", 3000, "BlockDeviceMappings[0].Ebs.Iops"),
    ("root_volume.throughput", 125, "BlockDeviceMappings[0].Ebs.Throughput"),
    ("root_volume.volume_size", 80, "BlockDeviceMappings[0].Ebs.VolumeSize"),
    ("extra_volumes[].device_name", "/dev/xvdg", "BlockDeviceMappings[0].DeviceName"),
    ("extra_volumes[].ebs.volume_type", "io2", "BlockDeviceMappings[0].Ebs.VolumeType"),
    ("extra_volumes[].ebs.encrypted", False, "BlockDeviceMappings[0].Ebs.Encrypted"),
    ("extra_volumes[].ebs.kms_key_id", "alias/data", "BlockDeviceMappings[0].Ebs.KmsKeyId"),
    ("extra_volumes[].ebs.iops", 6000, "BlockDeviceMappings[0].Ebs.Iops"),
    ("extra_volumes[].ebs.throughput", 250, "BlockDeviceMappings[0].Ebs.Throughput"),
    ("extra_volumes[].ebs.volume_size", 500, "BlockDeviceMappings[0].Ebs.VolumeSize"),
    ("extra_volumes[].no_device", "", "BlockDeviceMappings[0].NoDevice"),
    ("extra_volumes[].virtual_name", "ephemeral0", "BlockDeviceMappings[0].VirtualName"),
    (
        "capacity_reservation_specification.capacity_reservation_preference",
        "open",
        "CapacityReservationSpecification.CapacityReservationPreference",
    ),
    (
        "capacity_reservation_specification.capacity_reservation_target.capacity_reservation_id",
        "cr-0123",
        "CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId",
    ),
    (
        "capacity_reservation_specification.capacity_reservation_target.capacity_reservation_resource_group_arn",
        "arn:aws:resource-groups:us-east-1:123456789012:group/crs",
        "CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationResourceGroupArn",
    ),
    ("cpu_options.amd_sev_snp", "enabled", "CpuOptions.AmdSevSnp"),
    ("cpu_options.core_count", 4, "CpuOptions.CoreCount"),
    ("cpu_options.threads_per_core", 1, "CpuOptions.ThreadsPerCore"),
    ("cpu_options.nested_virtualization", "enabled", "CpuOptions.NestedVirtualization"),
    ("credit_specification.cpu_credits", "unlimited", "CreditSpecification.CpuCredits"),
    ("disable_api_stop", False, "DisableApiStop"),
    ("ebs_optimized", True, "EbsOptimized"),
    ("enable_primary_ipv6", False, "EnablePrimaryIpv6"),
    ("enclave_options.enabled", False, "EnclaveOptions.Enabled"),
    ("hibernation_options.configured", True, "HibernationOptions.Configured"),
    ("iam_instance_profile.arn", "arn:aws:iam::123456789012:instance-profile/ws", "IamInstanceProfile.Arn"),
    ("iam_instance_profile.name", "ws-profile", "IamInstanceProfile.Name"),
    ("instance_market_options.market_type", "spot", "InstanceMarketOptions.MarketType"),
    (
        "instance_market_options.spot_options.block_duration_minutes",
        60,
        "InstanceMarketOptions.SpotOptions.BlockDurationMinutes",
    ),
    (
        "instance_market_options.spot_options.instance_interruption_behavior",
        "hibernate",
        "InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior",
    ),
    ("instance_market_options.spot_options.max_price", "0.25", "InstanceMarketOptions.SpotOptions.MaxPrice"),
    (
        "instance_market_options.spot_options.spot_instance_type",
        "one-time",
        "InstanceMarketOptions.SpotOptions.SpotInstanceType",
    ),
    (
        "instance_market_options.spot_options.valid_until_utc",
        WHEN,
        "InstanceMarketOptions.SpotOptions.ValidUntilUtc",
        "2031-05-04T03:02:01+00:00",
    ),
    ("ipv6_addresses[].ipv6_address", "2001:db8::10", "Ipv6Addresses[0].Ipv6Address"),
    ("ipv6_addresses[].is_primary_ipv6", True, "Ipv6Addresses[0].IsPrimaryIpv6"),
    ("ipv6_address_count", 2, "Ipv6AddressCount"),
    ("kernel_id", "aki-0123", "KernelId"),
    ("key_name", "my-key", "KeyName"),
    (
        "license_specifications[].license_configuration_arn",
        "arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-1",
        "LicenseSpecifications[0].LicenseConfigurationArn",
    ),
    ("maintenance_options.auto_recovery", "disabled", "MaintenanceOptions.AutoRecovery"),
    ("metadata_options.http_endpoint", "enabled", "MetadataOptions.HttpEndpoint"),
    ("metadata_options.http_protocol_ipv6", "disabled", "MetadataOptions.HttpProtocolIpv6"),
    ("metadata_options.http_put_response_hop_limit", 2, "MetadataOptions.HttpPutResponseHopLimit"),
    ("metadata_options.http_tokens", "optional", "MetadataOptions.HttpTokens"),
    ("metadata_options.instance_metadata_tags", "enabled", "MetadataOptions.InstanceMetadataTags"),
    ("monitoring.enabled", True, "Monitoring.Enabled"),
    (
        "network_interfaces[].associate_carrier_ip_address",
        False,
        "NetworkInterfaces[0].AssociateCarrierIpAddress",
    ),
    (
        "network_interfaces[].associate_public_ip_address",
        True,
        "NetworkInterfaces[0].AssociatePublicIpAddress",
    ),
    (
        "network_interfaces[].connection_tracking_specification.tcp_established_timeout",
        432000,
        "NetworkInterfaces[0].ConnectionTrackingSpecification.TcpEstablishedTimeout",
    ),
    (
        "network_interfaces[].connection_tracking_specification.udp_stream_timeout",
        180,
        "NetworkInterfaces[0].ConnectionTrackingSpecification.UdpStreamTimeout",
    ),
    (
        "network_interfaces[].connection_tracking_specification.udp_timeout",
        30,
        "NetworkInterfaces[0].ConnectionTrackingSpecification.UdpTimeout",
    ),
    ("network_interfaces[].description", "primary", "NetworkInterfaces[0].Description"),
    ("network_interfaces[].device_index", 0, "NetworkInterfaces[0].DeviceIndex"),
    (
        "network_interfaces[].ena_srd_specification.ena_srd_enabled",
        True,
        "NetworkInterfaces[0].EnaSrdSpecification.EnaSrdEnabled",
    ),
    (
        "network_interfaces[].ena_srd_specification.ena_srd_udp_specification.ena_srd_udp_enabled",
        False,
        "NetworkInterfaces[0].EnaSrdSpecification.EnaSrdUdpSpecification.EnaSrdUdpEnabled",
    ),
    ("network_interfaces[].interface_type", "efa", "NetworkInterfaces[0].InterfaceType"),
    (
        "network_interfaces[].ipv4_prefixes[].ipv4_prefix",
        "10.0.1.16/28",
        "NetworkInterfaces[0].Ipv4Prefixes[0].Ipv4Prefix",
    ),
    ("network_interfaces[].ipv4_prefix_count", 1, "NetworkInterfaces[0].Ipv4PrefixCount"),
    ("network_interfaces[].ipv6_address_count", 3, "NetworkInterfaces[0].Ipv6AddressCount"),
    (
        "network_interfaces[].ipv6_addresses[].ipv6_address",
        "2001:db8::20",
        "NetworkInterfaces[0].Ipv6Addresses[0].Ipv6Address",
    ),
    (
        "network_interfaces[].ipv6_addresses[].is_primary_ipv6",
        False,
        "NetworkInterfaces[0].Ipv6Addresses[0].IsPrimaryIpv6",
    ),
    (
        "network_interfaces[].ipv6_prefixes[].ipv6_prefix",
        "2001:db8:1::/80",
        "NetworkInterfaces[0].Ipv6Prefixes[0].Ipv6Prefix",
    ),
    ("network_interfaces[].ipv6_prefix_count", 2, "NetworkInterfaces[0].Ipv6PrefixCount"),
    ("network_interfaces[].network_card_index", 1, "NetworkInterfaces[0].NetworkCardIndex"),
    ("network_interfaces[].network_interface_id", "eni-0123abcd", "NetworkInterfaces[0].NetworkInterfaceId"),
    ("network_interfaces[].primary_ipv6", True, "NetworkInterfaces[0].PrimaryIpv6"),
    ("network_interfaces[].private_ip_address", "10.0.1.5", "NetworkInterfaces[0].PrivateIpAddress"),
    (
        "network_interfaces[].private_ip_addresses[].primary",
        True,
        "NetworkInterfaces[0].PrivateIpAddresses[0].Primary",
    ),
    (
        "network_interfaces[].private_ip_addresses[].private_ip_address",
        "10.0.1.6",
        "NetworkInterfaces[0].PrivateIpAddresses[0].PrivateIpAddress",
    ),
    (
        "network_interfaces[].secondary_private_ip_address_count",
        2,
        "NetworkInterfaces[0].SecondaryPrivateIpAddressCount",
    ),
    ("network_interfaces[].groups", ["sg-0aaa", "sg-0bbb"], "NetworkInterfaces[0].Groups"),
    ("network_interfaces[].subnet_id", "subnet-0abc", "NetworkInterfaces[0].SubnetId"),
    (
        "network_performance_options.bandwidth_weighting",
        "vpc-1",
        "NetworkPerformanceOptions.BandwidthWeighting",
    ),
    ("placement.affinity", "host", "Placement.Affinity"),
    ("placement.availability_zone", "us-east-1a", "Placement.AvailabilityZone"),
    ("placement.group_id", "pg-0123", "Placement.GroupId"),
    ("placement.group_name", "cluster-a", "Placement.GroupName"),
    ("placement.host_id", "h-0123", "Placement.HostId"),
    (
        "placement.host_resource_group_arn",
        "arn:aws:resource-groups:us-east-1:123456789012:group/hosts",
        "Placement.HostResourceGroupArn",
    ),
    ("placement.partition_number", 3, "Placement.PartitionNumber"),
    ("placement.tenancy", "host", "Placement.Tenancy"),
    ("private_dns_name_options.hostname_type", "resource-name", "PrivateDnsNameOptions.HostnameType"),
    (
        "private_dns_name_options.enable_resource_name_dns_a_record",
        True,
        "PrivateDnsNameOptions.EnableResourceNameDnsARecord",
    ),
    (
        "private_dns_name_options.enable_resource_name_dns_aaaa_record",
        False,
        "PrivateDnsNameOptions.EnableResourceNameDnsAAAARecord",
    ),
    ("private_ip_address", "10.0.0.9", "PrivateIpAddress"),
    ("ramdisk_id", "ari-0123", "RamdiskId"),
    ("security_group_ids", ["sg-0123"], "SecurityGroupIds"),
    ("security_groups", ["default"], "SecurityGroups"),
    ("subnet_id", "subnet-0123", "SubnetId"),
    ("tag_specifications[].resource_type", "volume", "TagSpecifications[0].ResourceType"),
    (
        "tag_specifications[].tags",
        {"team": "desktops", "cost-centre": "42"},
        "TagSpecifications[0].Tags",
        [{"Key": "team", "Value": "desktops"}, {"Key": "cost-centre", "Value": "42"}],
    ),
    ("user_data", "IyEvYmluL2Jhc2gK", "UserData"),
]

# Component settings that are not ManagedInstance members.
COMPONENT_SETTINGS = {
    "billing_mode",
    "platform_type",
    "tenancy",
    "tags",
    "region",
    "client_token",
    "adopt_id",
    "adopt_claimed",
    "timeouts",
    "validate_instance_type",
    "managed_instance_overrides",
}
# Filler for required fields of list elements, so one field can be set on its own.
REQUIRED_FILLER: dict[type, dict[str, Any]] = {BlockDeviceArgs: {"device_name": "/dev/xvdf"}}


def _hints(cls: type) -> dict[str, Any]:
    # ``pulumi.Input`` holds the forward reference "Output[T]", which the args module can't resolve.
    return typing.get_type_hints(cls, localns={"Output": pulumi.Output, "T": Any})


def _dataclass_in(hint: Any) -> tuple[type, bool]:
    """The args dataclass inside a field's type hint, and whether it is a list of them."""
    for arg in typing.get_args(hint) or (hint,):
        if isinstance(arg, type) and is_dataclass(arg):
            return arg, False
        if typing.get_origin(arg) is list:
            (element,) = typing.get_args(arg)
            return element, True
    raise AssertionError(f"no dataclass in {hint}")


def _build(cls: type, segments: list[str], value: Any) -> Any:
    """An instance of ``cls`` with only the field at ``segments`` set (plus required fillers)."""
    head, rest = segments[0], segments[1:]
    name = head.removesuffix("[]")
    kwargs: dict[str, Any] = dict(REQUIRED_FILLER.get(cls, {}))
    if not rest:
        kwargs[name] = value
    else:
        inner, is_list = _dataclass_in(_hints(cls)[name])
        built = _build(inner, rest, value)
        kwargs[name] = [built] if is_list else built
    return cls(**kwargs)


def args_with(path: str, value: Any) -> WorkspaceArgs:
    """Minimal args (no secure defaults) with the one field at ``path`` set."""
    base: dict[str, Any] = {
        "image_id": IMAGE,
        "instance_type": TYPE,
        "root_volume": None,
        "metadata_options": None,
    }
    segments = path.split(".")
    head = segments[0].removesuffix("[]")
    if len(segments) == 1:
        base[head] = value
    else:
        hint = _hints(WorkspaceArgs)[head]
        inner, is_list = _dataclass_in(hint)
        built = _build(inner, segments[1:], value)
        base[head] = [built] if is_list else built
    return WorkspaceArgs(**base)


def lookup(data: Any, path: str) -> Any:
    """The value at a member path like ``NetworkInterfaces[0].Groups``."""
    for part in path.split("."):
        match = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", part)
        assert match, part
        data = data[match.group(1)]
        if match.group(2) is not None:
            data = data[int(match.group(2))]
    return data


@pytest.mark.parametrize("row", FIELDS, ids=[row[0] for row in FIELDS])
def test_each_field_maps_to_its_member(row: tuple[Any, ...]) -> None:
    arg_path, value, member_path = row[:3]
    expected = row[3] if len(row) > 3 else value
    managed = to_managed_instance(args_with(arg_path, value))
    assert lookup(managed, member_path) == expected


def _leaf_members(shape: Shape, prefix: str = "") -> set[str]:
    """Every leaf member path of a botocore shape (lists marked ``[]``)."""
    if isinstance(shape, StructureShape):
        leaves: set[str] = set()
        for name, member in shape.members.items():
            leaves |= _leaf_members(member, f"{prefix}.{name}" if prefix else name)
        return leaves
    if isinstance(shape, ListShape) and isinstance(shape.member, StructureShape):
        return _leaf_members(shape.member, prefix + "[]")
    return {prefix}


def _normalised(member_path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", member_path)


def test_every_managed_instance_member_is_mapped() -> None:
    """Walks botocore's ManagedInstanceRequest: each leaf is set by some argument, and vice versa."""
    leaves = _leaf_members(model.member_shape("CreateWorkspaceInstance", "ManagedInstance"))
    mapped = {_normalised(row[2]) for row in FIELDS}
    # A mapped path covers every leaf under it (``Tags`` covers ``Tags[].Key`` and ``Tags[].Value``).
    uncovered = {leaf for leaf in leaves if not any(leaf == m or leaf.startswith(m + "[]") for m in mapped)}
    assert uncovered == set()
    unknown = {m for m in mapped if not any(leaf == m or leaf.startswith(m + "[]") for leaf in leaves)}
    assert unknown == set()


def _leaf_arguments(cls: type, prefix: str = "") -> set[str]:
    """Every leaf argument path of an args dataclass (lists of dataclasses marked ``[]``)."""
    paths: set[str] = set()
    hints = _hints(cls)
    for f in fields(cls):
        path = f"{prefix}.{f.name}" if prefix else f.name
        if not prefix and f.name in COMPONENT_SETTINGS:
            continue
        try:
            inner, is_list = _dataclass_in(hints[f.name])
        except AssertionError:
            paths.add(path)
            continue
        paths |= _leaf_arguments(inner, path + ("[]" if is_list else ""))
    return paths


def test_every_argument_is_in_the_table() -> None:
    assert _leaf_arguments(WorkspaceArgs) == {row[0] for row in FIELDS}


def test_every_aws_name_in_metadata_exists_in_the_model() -> None:
    """Guards the metadata used by the mapping against typos, for every args class."""
    request = model.member_shape("CreateWorkspaceInstance", "ManagedInstance")
    names: set[str] = set()

    def collect(shape: Shape) -> None:
        if isinstance(shape, StructureShape):
            names.update(shape.members)
            for member in shape.members.values():
                collect(member)
        elif isinstance(shape, ListShape):
            collect(shape.member)

    collect(request)
    import pulumi_workspaces_instances.components.args as args_module

    for cls in vars(args_module).values():
        if isinstance(cls, type) and is_dataclass(cls):
            for f in fields(cls):
                if AWS_NAME in f.metadata:
                    assert f.metadata[AWS_NAME] in names, f"{cls.__name__}.{f.name}"


def test_defaults_are_secure_and_minimal() -> None:
    managed = to_managed_instance(WorkspaceArgs(image_id=IMAGE, instance_type=TYPE))
    assert managed == {
        "ImageId": IMAGE,
        "InstanceType": TYPE,
        "MetadataOptions": {"HttpTokens": "required"},
        "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"Encrypted": True}}],
    }


def test_secure_defaults_can_be_turned_off() -> None:
    managed = to_managed_instance(
        WorkspaceArgs(
            image_id=IMAGE,
            instance_type=TYPE,
            metadata_options=MetadataOptionsArgs(http_tokens="optional"),
            root_volume=RootVolumeArgs(encrypted=False),
        )
    )
    assert managed["MetadataOptions"] == {"HttpTokens": "optional"}
    assert managed["BlockDeviceMappings"] == [{"DeviceName": "/dev/sda1", "Ebs": {"Encrypted": False}}]


def test_none_leaves_defaults_to_the_service() -> None:
    managed = to_managed_instance(
        WorkspaceArgs(
            image_id=IMAGE,
            instance_type=TYPE,
            metadata_options=MetadataOptionsArgs(http_tokens=None),
            root_volume=RootVolumeArgs(encrypted=None),
        )
    )
    assert managed == {"ImageId": IMAGE, "InstanceType": TYPE}


def test_root_volume_comes_first_and_extra_volumes_are_encrypted_by_default() -> None:
    managed = to_managed_instance(
        WorkspaceArgs(
            image_id=IMAGE,
            instance_type=TYPE,
            root_volume=RootVolumeArgs(device_name="/dev/xvda", volume_size=100, volume_type="gp3"),
            extra_volumes=[
                BlockDeviceArgs(device_name="/dev/xvdf", ebs=EbsArgs(volume_size=200)),
                BlockDeviceArgs(device_name="/dev/xvdb", virtual_name="ephemeral0"),
            ],
        )
    )
    assert managed["BlockDeviceMappings"] == [
        {"DeviceName": "/dev/xvda", "Ebs": {"VolumeType": "gp3", "Encrypted": True, "VolumeSize": 100}},
        {"DeviceName": "/dev/xvdf", "Ebs": {"Encrypted": True, "VolumeSize": 200}},
        {"DeviceName": "/dev/xvdb", "VirtualName": "ephemeral0"},
    ]


def _nulls_or_empties(value: Any, path: str = "") -> list[str]:
    if value is None or (isinstance(value, list | dict) and not value):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nulls_or_empties(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nulls_or_empties(v, f"{path}[{i}]")]
    return []


def test_unset_and_empty_values_are_omitted() -> None:
    managed = to_managed_instance(
        WorkspaceArgs(
            image_id=IMAGE,
            instance_type=TYPE,
            extra_volumes=[],
            security_group_ids=[],
            placement=PlacementArgs(),
            cpu_options=CpuOptionsArgs(core_count=None),
            network_interfaces=[NetworkInterfaceArgs(), NetworkInterfaceArgs(device_index=0, groups=[])],
            tag_specifications=[TagSpecificationArgs(resource_type="instance", tags={})],
            license_specifications=[],
        )
    )
    assert _nulls_or_empties(managed) == []
    assert "Placement" not in managed
    assert "CpuOptions" not in managed
    assert "SecurityGroupIds" not in managed
    assert managed["NetworkInterfaces"] == [{"DeviceIndex": 0}]
    assert managed["TagSpecifications"] == [{"ResourceType": "instance"}]


def test_a_fully_populated_request_has_no_nulls() -> None:
    managed: dict[str, Any] = {}
    for row in FIELDS:
        managed = deep_merge(managed, to_managed_instance(args_with(row[0], row[1])))
    assert _nulls_or_empties(managed) == []


@pytest.mark.parametrize(
    ("tenancy", "placement", "expected"),
    [
        ("DEDICATED", None, {"Tenancy": "dedicated"}),
        ("SHARED", None, None),
        (None, None, None),
        ("DEDICATED", PlacementArgs(tenancy="host"), {"Tenancy": "host"}),
        ("SHARED", PlacementArgs(tenancy="default"), {"Tenancy": "default"}),
        (
            "DEDICATED",
            PlacementArgs(availability_zone="us-east-1a"),
            {"AvailabilityZone": "us-east-1a", "Tenancy": "dedicated"},
        ),
    ],
)
def test_tenancy_sets_placement_unless_placement_says(
    tenancy: str | None, placement: PlacementArgs | None, expected: dict[str, str] | None
) -> None:
    managed = to_managed_instance(
        WorkspaceArgs(image_id=IMAGE, instance_type=TYPE, tenancy=tenancy, placement=placement)
    )
    assert managed.get("Placement") == expected


def test_contradicting_tenancies_fail_naming_both() -> None:
    with pytest.raises(TenancyError, match=r"tenancy: 'SHARED' contradicts placement\.tenancy 'dedicated'"):
        to_managed_instance(
            WorkspaceArgs(
                image_id=IMAGE,
                instance_type=TYPE,
                tenancy="SHARED",
                placement=PlacementArgs(tenancy="dedicated"),
            )
        )


def test_invalid_tenancy_names_the_valid_values() -> None:
    with pytest.raises(
        TenancyError, match=r"tenancy: 'dedicated' is not valid; use one of: DEDICATED, SHARED"
    ):
        to_managed_instance(WorkspaceArgs(image_id=IMAGE, instance_type=TYPE, tenancy="dedicated"))


def test_overrides_deep_merge_last() -> None:
    managed = to_managed_instance(
        WorkspaceArgs(
            image_id=IMAGE,
            instance_type=TYPE,
            cpu_options=CpuOptionsArgs(core_count=2),
            security_group_ids=["sg-old"],
            managed_instance_overrides={
                "CpuOptions": {"SomeFutureMember": "on"},
                "MetadataOptions": {"HttpTokens": "optional"},
                "SecurityGroupIds": ["sg-new"],
                "InstanceType": "t3.large",
                "BrandNewMember": {"Enabled": True},
            },
        )
    )
    assert managed["CpuOptions"] == {"CoreCount": 2, "SomeFutureMember": "on"}
    assert managed["MetadataOptions"] == {"HttpTokens": "optional"}
    assert managed["SecurityGroupIds"] == ["sg-new"]
    assert managed["InstanceType"] == "t3.large"
    assert managed["BrandNewMember"] == {"Enabled": True}


def test_deep_merge_replaces_lists_and_leaves_inputs_alone() -> None:
    base = {"A": {"B": 1, "C": [1, 2]}, "D": "x"}
    override = {"A": {"C": [3], "E": {"F": 4}}, "D": {"now": "a dict"}}
    assert deep_merge(base, override) == {"A": {"B": 1, "C": [3], "E": {"F": 4}}, "D": {"now": "a dict"}}
    assert base == {"A": {"B": 1, "C": [1, 2]}, "D": "x"}
    assert override == {"A": {"C": [3], "E": {"F": 4}}, "D": {"now": "a dict"}}


def test_required_arguments_are_required() -> None:
    with pytest.raises(TypeError, match="image_id"):
        WorkspaceArgs(instance_type=TYPE)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="instance_type"):
        WorkspaceArgs(image_id=IMAGE)  # type: ignore[call-arg]


def test_args_are_keyword_only_and_instances_do_not_share_defaults() -> None:
    first = WorkspaceArgs(image_id=IMAGE, instance_type=TYPE)
    second = WorkspaceArgs(image_id=IMAGE, instance_type=TYPE)
    assert first.metadata_options is not second.metadata_options
    assert first.root_volume is not second.root_volume
    with pytest.raises(TypeError):
        WorkspaceArgs(IMAGE, TYPE)  # type: ignore[call-arg]
