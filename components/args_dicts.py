"""The dict form of the ``Workspace`` arguments: one ``TypedDict`` per ``…Args`` class.

Like Pulumi's generated SDKs, every place that takes a ``FooArgs`` also takes a ``FooArgsDict``
(``root_volume={"volume_size": 100}``); the keys are the dataclass's field names, and
``WorkspaceArgsDict`` also types ``Workspace``'s keyword form (``Workspace("desk", image_id=...)``).
They exist for type checkers and editors only: ``args_forms`` turns dicts into the dataclasses,
which stay the single definition of each argument (and what schema inference reads). Lists are
``Sequence``s here so a ``list[BlockDeviceArgs]`` is accepted (``list`` is invariant).
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Required, TypedDict

import pulumi

from .args import (
    BlockDeviceArgs,
    CapacityReservationSpecificationArgs,
    CapacityReservationTargetArgs,
    ConnectionTrackingSpecificationArgs,
    CpuOptionsArgs,
    CreditSpecificationArgs,
    EbsArgs,
    EnaSrdSpecificationArgs,
    EnaSrdUdpSpecificationArgs,
    EnclaveOptionsArgs,
    HibernationOptionsArgs,
    IamInstanceProfileArgs,
    InstanceMarketOptionsArgs,
    Ipv4PrefixArgs,
    Ipv6AddressArgs,
    Ipv6PrefixArgs,
    LicenseSpecificationArgs,
    MaintenanceOptionsArgs,
    MetadataOptionsArgs,
    MonitoringArgs,
    NetworkInterfaceArgs,
    NetworkPerformanceOptionsArgs,
    PlacementArgs,
    PrivateDnsNameOptionsArgs,
    PrivateIpAddressArgs,
    RootVolumeArgs,
    SpotOptionsArgs,
    TagSpecificationArgs,
)


class EbsArgsDict(TypedDict, total=False):
    """Dict form of :class:`EbsArgs` (same keys and meanings)."""

    volume_type: pulumi.Input[str] | None
    encrypted: pulumi.Input[bool] | None
    kms_key_id: pulumi.Input[str] | None
    iops: pulumi.Input[int] | None
    throughput: pulumi.Input[int] | None
    volume_size: pulumi.Input[int] | None


class RootVolumeArgsDict(EbsArgsDict, total=False):
    """Dict form of :class:`RootVolumeArgs` (same keys and meanings)."""

    device_name: pulumi.Input[str] | None


class BlockDeviceArgsDict(TypedDict, total=False):
    """Dict form of :class:`BlockDeviceArgs` (same keys and meanings)."""

    device_name: Required[pulumi.Input[str]]
    ebs: EbsArgs | EbsArgsDict | None
    no_device: pulumi.Input[str] | None
    virtual_name: pulumi.Input[str] | None


class CapacityReservationTargetArgsDict(TypedDict, total=False):
    """Dict form of :class:`CapacityReservationTargetArgs` (same keys and meanings)."""

    capacity_reservation_id: pulumi.Input[str] | None
    capacity_reservation_resource_group_arn: pulumi.Input[str] | None


class CapacityReservationSpecificationArgsDict(TypedDict, total=False):
    """Dict form of :class:`CapacityReservationSpecificationArgs` (same keys and meanings)."""

    capacity_reservation_preference: pulumi.Input[str] | None
    capacity_reservation_target: CapacityReservationTargetArgs | CapacityReservationTargetArgsDict | None


class CpuOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`CpuOptionsArgs` (same keys and meanings)."""

    amd_sev_snp: pulumi.Input[str] | None
    core_count: pulumi.Input[int] | None
    threads_per_core: pulumi.Input[int] | None
    nested_virtualization: pulumi.Input[str] | None


class CreditSpecificationArgsDict(TypedDict, total=False):
    """Dict form of :class:`CreditSpecificationArgs` (same keys and meanings)."""

    cpu_credits: pulumi.Input[str] | None


class EnclaveOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`EnclaveOptionsArgs` (same keys and meanings)."""

    enabled: pulumi.Input[bool] | None


class HibernationOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`HibernationOptionsArgs` (same keys and meanings)."""

    configured: pulumi.Input[bool] | None


class IamInstanceProfileArgsDict(TypedDict, total=False):
    """Dict form of :class:`IamInstanceProfileArgs` (same keys and meanings)."""

    arn: pulumi.Input[str] | None
    name: pulumi.Input[str] | None


class SpotOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`SpotOptionsArgs` (same keys and meanings)."""

    block_duration_minutes: pulumi.Input[int] | None
    instance_interruption_behavior: pulumi.Input[str] | None
    max_price: pulumi.Input[str] | None
    spot_instance_type: pulumi.Input[str] | None
    valid_until_utc: pulumi.Input[str] | datetime | None


class InstanceMarketOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`InstanceMarketOptionsArgs` (same keys and meanings)."""

    market_type: pulumi.Input[str] | None
    spot_options: SpotOptionsArgs | SpotOptionsArgsDict | None


class Ipv6AddressArgsDict(TypedDict, total=False):
    """Dict form of :class:`Ipv6AddressArgs` (same keys and meanings)."""

    ipv6_address: pulumi.Input[str] | None
    is_primary_ipv6: pulumi.Input[bool] | None


class LicenseSpecificationArgsDict(TypedDict, total=False):
    """Dict form of :class:`LicenseSpecificationArgs` (same keys and meanings)."""

    license_configuration_arn: pulumi.Input[str] | None


class MaintenanceOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`MaintenanceOptionsArgs` (same keys and meanings)."""

    auto_recovery: pulumi.Input[str] | None


class MetadataOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`MetadataOptionsArgs` (same keys and meanings)."""

    http_endpoint: pulumi.Input[str] | None
    http_protocol_ipv6: pulumi.Input[str] | None
    http_put_response_hop_limit: pulumi.Input[int] | None
    http_tokens: pulumi.Input[str] | None
    instance_metadata_tags: pulumi.Input[str] | None


class MonitoringArgsDict(TypedDict, total=False):
    """Dict form of :class:`MonitoringArgs` (same keys and meanings)."""

    enabled: pulumi.Input[bool] | None


class ConnectionTrackingSpecificationArgsDict(TypedDict, total=False):
    """Dict form of :class:`ConnectionTrackingSpecificationArgs` (same keys and meanings)."""

    tcp_established_timeout: pulumi.Input[int] | None
    udp_stream_timeout: pulumi.Input[int] | None
    udp_timeout: pulumi.Input[int] | None


class EnaSrdUdpSpecificationArgsDict(TypedDict, total=False):
    """Dict form of :class:`EnaSrdUdpSpecificationArgs` (same keys and meanings)."""

    ena_srd_udp_enabled: pulumi.Input[bool] | None


class EnaSrdSpecificationArgsDict(TypedDict, total=False):
    """Dict form of :class:`EnaSrdSpecificationArgs` (same keys and meanings)."""

    ena_srd_enabled: pulumi.Input[bool] | None
    ena_srd_udp_specification: EnaSrdUdpSpecificationArgs | EnaSrdUdpSpecificationArgsDict | None


class Ipv4PrefixArgsDict(TypedDict, total=False):
    """Dict form of :class:`Ipv4PrefixArgs` (same keys and meanings)."""

    ipv4_prefix: pulumi.Input[str] | None


class Ipv6PrefixArgsDict(TypedDict, total=False):
    """Dict form of :class:`Ipv6PrefixArgs` (same keys and meanings)."""

    ipv6_prefix: pulumi.Input[str] | None


class PrivateIpAddressArgsDict(TypedDict, total=False):
    """Dict form of :class:`PrivateIpAddressArgs` (same keys and meanings)."""

    primary: pulumi.Input[bool] | None
    private_ip_address: pulumi.Input[str] | None


class NetworkInterfaceArgsDict(TypedDict, total=False):
    """Dict form of :class:`NetworkInterfaceArgs` (same keys and meanings)."""

    associate_carrier_ip_address: pulumi.Input[bool] | None
    associate_public_ip_address: pulumi.Input[bool] | None
    connection_tracking_specification: (
        ConnectionTrackingSpecificationArgs | ConnectionTrackingSpecificationArgsDict | None
    )
    description: pulumi.Input[str] | None
    device_index: pulumi.Input[int] | None
    ena_srd_specification: EnaSrdSpecificationArgs | EnaSrdSpecificationArgsDict | None
    interface_type: pulumi.Input[str] | None
    ipv4_prefixes: Sequence[Ipv4PrefixArgs | Ipv4PrefixArgsDict] | None
    ipv4_prefix_count: pulumi.Input[int] | None
    ipv6_address_count: pulumi.Input[int] | None
    ipv6_addresses: Sequence[Ipv6AddressArgs | Ipv6AddressArgsDict] | None
    ipv6_prefixes: Sequence[Ipv6PrefixArgs | Ipv6PrefixArgsDict] | None
    ipv6_prefix_count: pulumi.Input[int] | None
    network_card_index: pulumi.Input[int] | None
    network_interface_id: pulumi.Input[str] | None
    primary_ipv6: pulumi.Input[bool] | None
    private_ip_address: pulumi.Input[str] | None
    private_ip_addresses: Sequence[PrivateIpAddressArgs | PrivateIpAddressArgsDict] | None
    secondary_private_ip_address_count: pulumi.Input[int] | None
    groups: pulumi.Input[Sequence[pulumi.Input[str]]] | None
    subnet_id: pulumi.Input[str] | None


class NetworkPerformanceOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`NetworkPerformanceOptionsArgs` (same keys and meanings)."""

    bandwidth_weighting: pulumi.Input[str] | None


class PlacementArgsDict(TypedDict, total=False):
    """Dict form of :class:`PlacementArgs` (same keys and meanings)."""

    affinity: pulumi.Input[str] | None
    availability_zone: pulumi.Input[str] | None
    group_id: pulumi.Input[str] | None
    group_name: pulumi.Input[str] | None
    host_id: pulumi.Input[str] | None
    host_resource_group_arn: pulumi.Input[str] | None
    partition_number: pulumi.Input[int] | None
    tenancy: pulumi.Input[str] | None


class PrivateDnsNameOptionsArgsDict(TypedDict, total=False):
    """Dict form of :class:`PrivateDnsNameOptionsArgs` (same keys and meanings)."""

    hostname_type: pulumi.Input[str] | None
    enable_resource_name_dns_a_record: pulumi.Input[bool] | None
    enable_resource_name_dns_aaaa_record: pulumi.Input[bool] | None


class TagSpecificationArgsDict(TypedDict, total=False):
    """Dict form of :class:`TagSpecificationArgs` (same keys and meanings)."""

    resource_type: pulumi.Input[str] | None
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None


class WorkspaceArgsDict(TypedDict, total=False):
    """Dict form of :class:`WorkspaceArgs` (same keys and meanings)."""

    image_id: Required[pulumi.Input[str]]
    instance_type: Required[pulumi.Input[str]]
    root_volume: RootVolumeArgs | RootVolumeArgsDict | None
    extra_volumes: Sequence[BlockDeviceArgs | BlockDeviceArgsDict] | None
    capacity_reservation_specification: (
        CapacityReservationSpecificationArgs | CapacityReservationSpecificationArgsDict | None
    )
    cpu_options: CpuOptionsArgs | CpuOptionsArgsDict | None
    credit_specification: CreditSpecificationArgs | CreditSpecificationArgsDict | None
    disable_api_stop: pulumi.Input[bool] | None
    ebs_optimized: pulumi.Input[bool] | None
    enable_primary_ipv6: pulumi.Input[bool] | None
    enclave_options: EnclaveOptionsArgs | EnclaveOptionsArgsDict | None
    hibernation_options: HibernationOptionsArgs | HibernationOptionsArgsDict | None
    iam_instance_profile: IamInstanceProfileArgs | IamInstanceProfileArgsDict | None
    instance_market_options: InstanceMarketOptionsArgs | InstanceMarketOptionsArgsDict | None
    ipv6_addresses: Sequence[Ipv6AddressArgs | Ipv6AddressArgsDict] | None
    ipv6_address_count: pulumi.Input[int] | None
    kernel_id: pulumi.Input[str] | None
    key_name: pulumi.Input[str] | None
    license_specifications: Sequence[LicenseSpecificationArgs | LicenseSpecificationArgsDict] | None
    maintenance_options: MaintenanceOptionsArgs | MaintenanceOptionsArgsDict | None
    metadata_options: MetadataOptionsArgs | MetadataOptionsArgsDict | None
    monitoring: MonitoringArgs | MonitoringArgsDict | None
    network_interfaces: Sequence[NetworkInterfaceArgs | NetworkInterfaceArgsDict] | None
    network_performance_options: NetworkPerformanceOptionsArgs | NetworkPerformanceOptionsArgsDict | None
    placement: PlacementArgs | PlacementArgsDict | None
    private_dns_name_options: PrivateDnsNameOptionsArgs | PrivateDnsNameOptionsArgsDict | None
    private_ip_address: pulumi.Input[str] | None
    ramdisk_id: pulumi.Input[str] | None
    security_group_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None
    security_groups: pulumi.Input[Sequence[pulumi.Input[str]]] | None
    subnet_id: pulumi.Input[str] | None
    tag_specifications: Sequence[TagSpecificationArgs | TagSpecificationArgsDict] | None
    user_data: pulumi.Input[str] | None
    billing_mode: pulumi.Input[str] | None
    platform_type: pulumi.Input[str] | None
    tenancy: pulumi.Input[str] | None
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None
    region: pulumi.Input[str] | None
    client_token: pulumi.Input[str] | None
    adopt_id: pulumi.Input[str] | None
    adopt_claimed: pulumi.Input[bool] | None
    timeouts: pulumi.Input[Mapping[str, str]] | None
    validate_instance_type: bool | None
    managed_instance_overrides: Mapping[str, Any] | None
