"""Typed, snake_case arguments of the ``Workspace`` component.

The naming rule is mechanical so a user can translate AWS documentation without a lookup table:
every argument is the snake_case of the ``ManagedInstance`` member it sets, and every nested
structure is a dataclass named after the member plus ``Args``. Two deliberate exceptions:

* ``BlockDeviceMappings`` is split into ``root_volume`` (the AMI's root device, encrypted by
  default) and ``extra_volumes``, because the root device is the one almost everybody tunes.
* ``Tags`` inside ``tag_specifications`` is a ``dict`` like the component's own ``tags``.

Each field that maps to AWS carries the member name in its metadata (``AWS_NAME``); the mapping
in ``components.mapping`` reads it, and the tests check it against botocore's model. Any value may
be a Pulumi ``Input`` (a plain value or an ``Output``); lists of structures must be plain lists
of the dataclasses so the mapping can see their fields. ``None`` always means "not set": the
member is left out of the request and the service's default applies. A mistyped keyword raises
``UnknownArgumentError`` with the closest name.

No ``from __future__ import annotations`` here: the Pulumi SDK's schema inference
(``pulumi.provider.experimental``) reads these annotations as objects and cannot resolve strings.
"""

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import datetime
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import pulumi

from ..provider.suggestions import closest
from .errors import MissingArgumentError, UnknownArgumentError

#: Metadata key holding the ManagedInstance member name a field maps to.
AWS_NAME = "aws_name"
#: Metadata flag: the field is a ``dict`` of tags sent as a ``[{"Key", "Value"}]`` list.
TAG_DICT = "tag_dict"
#: The root device name of Windows AMIs (the default platform); Linux AMIs often use /dev/xvda.
DEFAULT_ROOT_DEVICE_NAME = "/dev/sda1"
#: Platform used for the instance-type check when none is given; the service derives the real
#: platform from the AMI, so this is only a question asked of ListInstanceTypes.
DEFAULT_PLATFORM_TYPE = "Windows"


#: How many valid names an unknown-argument message lists when none is close to the typo.
MAX_LISTED_NAMES = 12

_Args = TypeVar("_Args")


def _aws(name: str, *, tag_dict: bool = False) -> dict[str, Any]:
    """Field metadata naming the ManagedInstance member a field sets."""
    return {AWS_NAME: name, TAG_DICT: tag_dict}


def unknown_argument(
    class_name: str, name: str, valid: Sequence[str], path: str = ""
) -> UnknownArgumentError:
    """``[path: ]unknown argument 'x' of FooArgs; did you mean 'y'?`` (the valid names if none is close)."""
    match = closest(name, valid)
    if match is not None:
        hint = f"; did you mean '{match}'?"
    elif len(valid) <= MAX_LISTED_NAMES:
        hint = f" (valid: {', '.join(valid)})"
    else:
        hint = f" (see help({class_name}) for its {len(valid)} arguments)"
    where = f"{path}: " if path else ""
    return UnknownArgumentError(f"{where}unknown argument {name!r} of {class_name}{hint}")


def unknown_arguments(args: object) -> list[str]:
    """The unknown keywords an args object was made with (reported by the component that uses it)."""
    return list(getattr(args, UNKNOWN_ARGUMENTS, None) or [])


def nested_args_class(annotation: Any) -> tuple[type, bool] | None:
    """``(FooArgs, False)`` for ``FooArgs | None``, ``(FooArgs, True)`` for ``list[FooArgs] | None``."""
    options = get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)
    for option in options:
        if isinstance(option, type) and is_dataclass(option):
            return option, False
        if get_origin(option) is list:
            (item,) = get_args(option)
            if isinstance(item, type) and is_dataclass(item):
                return item, True
    return None


UNKNOWN_ARGUMENTS = "_unknown_arguments"
"""Attribute of an args object holding the unknown keywords it was given (see below)."""


def suggest_argument_names(cls: type[_Args]) -> type[_Args]:
    """Make an unknown keyword of ``cls(...)`` an ``UnknownArgumentError`` naming the closest field.

    Applied over ``@dataclass`` (which Python would answer with a bare ``TypeError``). The
    generated ``__init__`` still does the work, and ``inspect.signature`` still shows it.

    The error is raised where the object is used, not where it is made: ``Workspace("desk",
    WorkspaceArgs(biling_mode=...))`` builds the args before the component exists, and only the
    component can say which resource (and which nested argument path) the typo belongs to. The
    unknown keywords are kept on the object (:func:`unknown_arguments`) until then.
    """
    generated: Callable[..., None] = cls.__init__
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]

    required = [f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING]  # type: ignore[arg-type]

    @functools.wraps(generated)
    def checked_init(self: Any, *args: Any, **kwargs: Any) -> None:
        unknown = [name for name in kwargs if name not in names]
        missing = [name for name in required if name not in kwargs]
        if missing and not args:
            # Cannot be made at all: a misspelt required argument is the likely cause; say so now.
            if unknown:
                raise unknown_argument(cls.__name__, unknown[0], names)
            raise MissingArgumentError(f"{', '.join(missing)}: missing; {cls.__name__} requires it")
        generated(self, *args, **{name: value for name, value in kwargs.items() if name in names})
        object.__setattr__(self, UNKNOWN_ARGUMENTS, unknown)

    setattr(cls, "__init__", checked_init)  # noqa: B010  (mypy refuses assigning to a method)
    return cls


@suggest_argument_names
@dataclass(kw_only=True)
class EbsArgs:
    """An EBS volume (``Ebs`` of a block device mapping). Encrypted unless ``encrypted=False``."""

    volume_type: pulumi.Input[str] | None = field(default=None, metadata=_aws("VolumeType"))
    """Volume type: standard, io1, io2, gp2, sc1, st1 or gp3."""
    encrypted: pulumi.Input[bool] | None = field(default=True, metadata=_aws("Encrypted"))
    """Encrypt the volume. Defaults to ``True`` (secure default); ``False`` or ``None`` to opt out."""
    kms_key_id: pulumi.Input[str] | None = field(default=None, metadata=_aws("KmsKeyId"))
    """KMS key for the encryption (sensitive: kept secret in outputs). Account default key if unset."""
    iops: pulumi.Input[int] | None = field(default=None, metadata=_aws("Iops"))
    """Provisioned IOPS (io1, io2, gp3)."""
    throughput: pulumi.Input[int] | None = field(default=None, metadata=_aws("Throughput"))
    """Throughput in MiB/s (gp3)."""
    volume_size: pulumi.Input[int] | None = field(default=None, metadata=_aws("VolumeSize"))
    """Size in GiB."""


@suggest_argument_names
@dataclass(kw_only=True)
class RootVolumeArgs(EbsArgs):
    """The AMI's root volume: a block device mapping of ``device_name`` with these EBS settings."""

    device_name: pulumi.Input[str] | None = field(
        default=DEFAULT_ROOT_DEVICE_NAME, metadata=_aws("DeviceName")
    )
    """The AMI's root device name; must match the AMI (``/dev/sda1`` for Windows AMIs). ``None``
    sends no root mapping, like ``root_volume=None``."""


@suggest_argument_names
@dataclass(kw_only=True)
class BlockDeviceArgs:
    """An additional block device mapping (an extra EBS volume, an instance store, or a suppression)."""

    device_name: pulumi.Input[str] = field(metadata=_aws("DeviceName"))
    """Device name, e.g. ``/dev/xvdf``. Required."""
    ebs: EbsArgs | None = field(default=None, metadata=_aws("Ebs"))
    """EBS volume to attach (encrypted by default)."""
    no_device: pulumi.Input[str] | None = field(default=None, metadata=_aws("NoDevice"))
    """Suppress a device the AMI maps (the API's ``NoDevice`` string, usually ``""``)."""
    virtual_name: pulumi.Input[str] | None = field(default=None, metadata=_aws("VirtualName"))
    """Instance store name, ``ephemeral0`` … ``ephemeral999``."""


@suggest_argument_names
@dataclass(kw_only=True)
class CapacityReservationTargetArgs:
    """A specific capacity reservation or reservation group."""

    capacity_reservation_id: pulumi.Input[str] | None = field(
        default=None, metadata=_aws("CapacityReservationId")
    )
    """Capacity reservation ID."""
    capacity_reservation_resource_group_arn: pulumi.Input[str] | None = field(
        default=None, metadata=_aws("CapacityReservationResourceGroupArn")
    )
    """ARN of a capacity reservation resource group."""


@suggest_argument_names
@dataclass(kw_only=True)
class CapacityReservationSpecificationArgs:
    """Whether and which capacity reservation the instance launches into."""

    capacity_reservation_preference: pulumi.Input[str] | None = field(
        default=None, metadata=_aws("CapacityReservationPreference")
    )
    """capacity-reservations-only, open or none."""
    capacity_reservation_target: CapacityReservationTargetArgs | None = field(
        default=None, metadata=_aws("CapacityReservationTarget")
    )
    """The reservation to target."""


@suggest_argument_names
@dataclass(kw_only=True)
class CpuOptionsArgs:
    """CPU topology and features."""

    amd_sev_snp: pulumi.Input[str] | None = field(default=None, metadata=_aws("AmdSevSnp"))
    """AMD SEV-SNP: enabled or disabled."""
    core_count: pulumi.Input[int] | None = field(default=None, metadata=_aws("CoreCount"))
    """Number of CPU cores."""
    threads_per_core: pulumi.Input[int] | None = field(default=None, metadata=_aws("ThreadsPerCore"))
    """Threads per core (1 disables hyper-threading)."""
    nested_virtualization: pulumi.Input[str] | None = field(
        default=None, metadata=_aws("NestedVirtualization")
    )
    """Nested virtualization: enabled or disabled (in botocore's model, not in the 2026-01-20 reference)."""


@suggest_argument_names
@dataclass(kw_only=True)
class CreditSpecificationArgs:
    """CPU credits of burstable (T) instance types."""

    cpu_credits: pulumi.Input[str] | None = field(default=None, metadata=_aws("CpuCredits"))
    """standard or unlimited."""


@suggest_argument_names
@dataclass(kw_only=True)
class EnclaveOptionsArgs:
    """AWS Nitro Enclaves."""

    enabled: pulumi.Input[bool] | None = field(default=None, metadata=_aws("Enabled"))
    """Enable Nitro Enclaves."""


@suggest_argument_names
@dataclass(kw_only=True)
class HibernationOptionsArgs:
    """Hibernation support."""

    configured: pulumi.Input[bool] | None = field(default=None, metadata=_aws("Configured"))
    """Enable hibernation."""


@suggest_argument_names
@dataclass(kw_only=True)
class IamInstanceProfileArgs:
    """The instance profile, by ARN or by name."""

    arn: pulumi.Input[str] | None = field(default=None, metadata=_aws("Arn"))
    """Instance profile ARN."""
    name: pulumi.Input[str] | None = field(default=None, metadata=_aws("Name"))
    """Instance profile name."""


@suggest_argument_names
@dataclass(kw_only=True)
class SpotOptionsArgs:
    """Spot request settings."""

    block_duration_minutes: pulumi.Input[int] | None = field(
        default=None, metadata=_aws("BlockDurationMinutes")
    )
    """Spot block duration in minutes."""
    instance_interruption_behavior: pulumi.Input[str] | None = field(
        default=None, metadata=_aws("InstanceInterruptionBehavior")
    )
    """hibernate or stop."""
    max_price: pulumi.Input[str] | None = field(default=None, metadata=_aws("MaxPrice"))
    """Maximum hourly price, as a string (the API's type)."""
    spot_instance_type: pulumi.Input[str] | None = field(default=None, metadata=_aws("SpotInstanceType"))
    """one-time or persistent."""
    valid_until_utc: pulumi.Input[str] | datetime | None = field(default=None, metadata=_aws("ValidUntilUtc"))
    """End of validity: a ``datetime`` (sent as ISO 8601) or an ISO 8601 string."""


@suggest_argument_names
@dataclass(kw_only=True)
class InstanceMarketOptionsArgs:
    """Spot or capacity-block purchasing."""

    market_type: pulumi.Input[str] | None = field(default=None, metadata=_aws("MarketType"))
    """spot or capacity-block."""
    spot_options: SpotOptionsArgs | None = field(default=None, metadata=_aws("SpotOptions"))
    """Spot settings."""


@suggest_argument_names
@dataclass(kw_only=True)
class Ipv6AddressArgs:
    """One IPv6 address."""

    ipv6_address: pulumi.Input[str] | None = field(default=None, metadata=_aws("Ipv6Address"))
    """The address (sensitive in the model: kept secret in outputs)."""
    is_primary_ipv6: pulumi.Input[bool] | None = field(default=None, metadata=_aws("IsPrimaryIpv6"))
    """Make it the primary IPv6 address."""


@suggest_argument_names
@dataclass(kw_only=True)
class LicenseSpecificationArgs:
    """A License Manager configuration."""

    license_configuration_arn: pulumi.Input[str] | None = field(
        default=None, metadata=_aws("LicenseConfigurationArn")
    )
    """License configuration ARN."""


@suggest_argument_names
@dataclass(kw_only=True)
class MaintenanceOptionsArgs:
    """Automatic recovery."""

    auto_recovery: pulumi.Input[str] | None = field(default=None, metadata=_aws("AutoRecovery"))
    """disabled or default."""


@suggest_argument_names
@dataclass(kw_only=True)
class MetadataOptionsArgs:
    """Instance metadata service (IMDS). IMDSv2 is required unless ``http_tokens`` says otherwise."""

    http_endpoint: pulumi.Input[str] | None = field(default=None, metadata=_aws("HttpEndpoint"))
    """enabled or disabled."""
    http_protocol_ipv6: pulumi.Input[str] | None = field(default=None, metadata=_aws("HttpProtocolIpv6"))
    """enabled or disabled."""
    http_put_response_hop_limit: pulumi.Input[int] | None = field(
        default=None, metadata=_aws("HttpPutResponseHopLimit")
    )
    """Hop limit of PUT responses, 1-64."""
    http_tokens: pulumi.Input[str] | None = field(default="required", metadata=_aws("HttpTokens"))
    """Defaults to ``"required"`` (IMDSv2 only, secure default); ``"optional"`` allows IMDSv1."""
    instance_metadata_tags: pulumi.Input[str] | None = field(
        default=None, metadata=_aws("InstanceMetadataTags")
    )
    """enabled or disabled: expose instance tags through IMDS."""


@suggest_argument_names
@dataclass(kw_only=True)
class MonitoringArgs:
    """CloudWatch detailed monitoring."""

    enabled: pulumi.Input[bool] | None = field(default=None, metadata=_aws("Enabled"))
    """Enable detailed monitoring."""


@suggest_argument_names
@dataclass(kw_only=True)
class ConnectionTrackingSpecificationArgs:
    """Connection tracking timeouts, in seconds."""

    tcp_established_timeout: pulumi.Input[int] | None = field(
        default=None, metadata=_aws("TcpEstablishedTimeout")
    )
    """Idle timeout of established TCP connections."""
    udp_stream_timeout: pulumi.Input[int] | None = field(default=None, metadata=_aws("UdpStreamTimeout"))
    """Idle timeout of UDP streams."""
    udp_timeout: pulumi.Input[int] | None = field(default=None, metadata=_aws("UdpTimeout"))
    """Idle timeout of other UDP flows."""


@suggest_argument_names
@dataclass(kw_only=True)
class EnaSrdUdpSpecificationArgs:
    """ENA Express for UDP."""

    ena_srd_udp_enabled: pulumi.Input[bool] | None = field(default=None, metadata=_aws("EnaSrdUdpEnabled"))
    """Enable ENA Express for UDP traffic."""


@suggest_argument_names
@dataclass(kw_only=True)
class EnaSrdSpecificationArgs:
    """ENA Express (Scalable Reliable Datagram)."""

    ena_srd_enabled: pulumi.Input[bool] | None = field(default=None, metadata=_aws("EnaSrdEnabled"))
    """Enable ENA Express."""
    ena_srd_udp_specification: EnaSrdUdpSpecificationArgs | None = field(
        default=None, metadata=_aws("EnaSrdUdpSpecification")
    )
    """UDP settings."""


@suggest_argument_names
@dataclass(kw_only=True)
class Ipv4PrefixArgs:
    """An IPv4 delegated prefix."""

    ipv4_prefix: pulumi.Input[str] | None = field(default=None, metadata=_aws("Ipv4Prefix"))
    """The prefix, CIDR notation."""


@suggest_argument_names
@dataclass(kw_only=True)
class Ipv6PrefixArgs:
    """An IPv6 delegated prefix."""

    ipv6_prefix: pulumi.Input[str] | None = field(default=None, metadata=_aws("Ipv6Prefix"))
    """The prefix, CIDR notation."""


@suggest_argument_names
@dataclass(kw_only=True)
class PrivateIpAddressArgs:
    """A private IPv4 address of a network interface."""

    primary: pulumi.Input[bool] | None = field(default=None, metadata=_aws("Primary"))
    """Make it the primary address."""
    private_ip_address: pulumi.Input[str] | None = field(default=None, metadata=_aws("PrivateIpAddress"))
    """The address (sensitive in the model: kept secret in outputs)."""


@suggest_argument_names
@dataclass(kw_only=True)
class NetworkInterfaceArgs:
    """A network interface to create or attach at launch."""

    associate_carrier_ip_address: pulumi.Input[bool] | None = field(
        default=None, metadata=_aws("AssociateCarrierIpAddress")
    )
    """Associate a carrier IP (Wavelength zones)."""
    associate_public_ip_address: pulumi.Input[bool] | None = field(
        default=None, metadata=_aws("AssociatePublicIpAddress")
    )
    """Associate a public IPv4 address."""
    connection_tracking_specification: ConnectionTrackingSpecificationArgs | None = field(
        default=None, metadata=_aws("ConnectionTrackingSpecification")
    )
    """Connection tracking timeouts."""
    description: pulumi.Input[str] | None = field(default=None, metadata=_aws("Description"))
    """Interface description."""
    device_index: pulumi.Input[int] | None = field(default=None, metadata=_aws("DeviceIndex"))
    """Attachment index (0 is the primary interface)."""
    ena_srd_specification: EnaSrdSpecificationArgs | None = field(
        default=None, metadata=_aws("EnaSrdSpecification")
    )
    """ENA Express settings."""
    interface_type: pulumi.Input[str] | None = field(default=None, metadata=_aws("InterfaceType"))
    """interface, efa or efa-only."""
    ipv4_prefixes: list[Ipv4PrefixArgs] | None = field(default=None, metadata=_aws("Ipv4Prefixes"))
    """IPv4 delegated prefixes."""
    ipv4_prefix_count: pulumi.Input[int] | None = field(default=None, metadata=_aws("Ipv4PrefixCount"))
    """Number of IPv4 prefixes to auto-assign."""
    ipv6_address_count: pulumi.Input[int] | None = field(default=None, metadata=_aws("Ipv6AddressCount"))
    """Number of IPv6 addresses to auto-assign."""
    ipv6_addresses: list[Ipv6AddressArgs] | None = field(default=None, metadata=_aws("Ipv6Addresses"))
    """Specific IPv6 addresses."""
    ipv6_prefixes: list[Ipv6PrefixArgs] | None = field(default=None, metadata=_aws("Ipv6Prefixes"))
    """IPv6 delegated prefixes."""
    ipv6_prefix_count: pulumi.Input[int] | None = field(default=None, metadata=_aws("Ipv6PrefixCount"))
    """Number of IPv6 prefixes to auto-assign."""
    network_card_index: pulumi.Input[int] | None = field(default=None, metadata=_aws("NetworkCardIndex"))
    """Network card index."""
    network_interface_id: pulumi.Input[str] | None = field(default=None, metadata=_aws("NetworkInterfaceId"))
    """Attach this existing interface instead of creating one."""
    primary_ipv6: pulumi.Input[bool] | None = field(default=None, metadata=_aws("PrimaryIpv6"))
    """Assign a primary IPv6 address."""
    private_ip_address: pulumi.Input[str] | None = field(default=None, metadata=_aws("PrivateIpAddress"))
    """Primary private IPv4 (sensitive in the model: kept secret in outputs)."""
    private_ip_addresses: list[PrivateIpAddressArgs] | None = field(
        default=None, metadata=_aws("PrivateIpAddresses")
    )
    """Private IPv4 addresses."""
    secondary_private_ip_address_count: pulumi.Input[int] | None = field(
        default=None, metadata=_aws("SecondaryPrivateIpAddressCount")
    )
    """Number of secondary private IPv4 addresses."""
    groups: pulumi.Input[Sequence[pulumi.Input[str]]] | None = field(default=None, metadata=_aws("Groups"))
    """Security group IDs of this interface."""
    subnet_id: pulumi.Input[str] | None = field(default=None, metadata=_aws("SubnetId"))
    """Subnet of this interface."""


@suggest_argument_names
@dataclass(kw_only=True)
class NetworkPerformanceOptionsArgs:
    """Bandwidth weighting between VPC and EBS traffic."""

    bandwidth_weighting: pulumi.Input[str] | None = field(default=None, metadata=_aws("BandwidthWeighting"))
    """default, vpc-1 or ebs-1."""


@suggest_argument_names
@dataclass(kw_only=True)
class PlacementArgs:
    """Where the instance runs."""

    affinity: pulumi.Input[str] | None = field(default=None, metadata=_aws("Affinity"))
    """Host affinity (dedicated hosts)."""
    availability_zone: pulumi.Input[str] | None = field(default=None, metadata=_aws("AvailabilityZone"))
    """Availability zone, e.g. us-east-1a."""
    group_id: pulumi.Input[str] | None = field(default=None, metadata=_aws("GroupId"))
    """Placement group ID."""
    group_name: pulumi.Input[str] | None = field(default=None, metadata=_aws("GroupName"))
    """Placement group name."""
    host_id: pulumi.Input[str] | None = field(default=None, metadata=_aws("HostId"))
    """Dedicated host ID."""
    host_resource_group_arn: pulumi.Input[str] | None = field(
        default=None, metadata=_aws("HostResourceGroupArn")
    )
    """Host resource group ARN."""
    partition_number: pulumi.Input[int] | None = field(default=None, metadata=_aws("PartitionNumber"))
    """Partition of a partition placement group."""
    tenancy: pulumi.Input[str] | None = field(default=None, metadata=_aws("Tenancy"))
    """default, dedicated or host (EC2 vocabulary). Wins over ``WorkspaceArgs.tenancy`` when set."""


@suggest_argument_names
@dataclass(kw_only=True)
class PrivateDnsNameOptionsArgs:
    """Private DNS hostname of the instance."""

    hostname_type: pulumi.Input[str] | None = field(default=None, metadata=_aws("HostnameType"))
    """ip-name or resource-name."""
    enable_resource_name_dns_a_record: pulumi.Input[bool] | None = field(
        default=None, metadata=_aws("EnableResourceNameDnsARecord")
    )
    """Answer DNS A queries for the resource name."""
    enable_resource_name_dns_aaaa_record: pulumi.Input[bool] | None = field(
        default=None, metadata=_aws("EnableResourceNameDnsAAAARecord")
    )
    """Answer DNS AAAA queries for the resource name."""


@suggest_argument_names
@dataclass(kw_only=True)
class TagSpecificationArgs:
    """Tags applied by EC2 to the instance or the resources it creates at launch."""

    resource_type: pulumi.Input[str] | None = field(default=None, metadata=_aws("ResourceType"))
    """instance, volume, spot-instances-request or network-interface."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = field(
        default=None, metadata=_aws("Tags", tag_dict=True)
    )
    """Tags as a dict; sent as the API's Key/Value list."""


@suggest_argument_names
@dataclass(kw_only=True)
class WorkspaceArgs:
    """Everything a ``Workspace`` needs: the ManagedInstance fields plus component settings.

    ``image_id`` and ``instance_type`` are required (the model marks nothing required, but no
    instance can launch without them); everything else is optional.
    """

    # --- the instance (ManagedInstance members) ---
    image_id: pulumi.Input[str] = field(metadata=_aws("ImageId"))
    """AMI ID (``ami-…``). Required."""
    instance_type: pulumi.Input[str] = field(metadata=_aws("InstanceType"))
    """Instance type, e.g. ``m5.large``. Required; checked at preview, see ``validate_instance_type``."""
    root_volume: RootVolumeArgs | None = field(default_factory=RootVolumeArgs)
    """Root volume settings; encrypted by default. ``None`` sends no root mapping (AMI defaults)."""
    extra_volumes: list[BlockDeviceArgs] | None = None
    """Further block device mappings, after the root one."""
    capacity_reservation_specification: CapacityReservationSpecificationArgs | None = field(
        default=None, metadata=_aws("CapacityReservationSpecification")
    )
    """Capacity reservation preference and target."""
    cpu_options: CpuOptionsArgs | None = field(default=None, metadata=_aws("CpuOptions"))
    """CPU topology and features."""
    credit_specification: CreditSpecificationArgs | None = field(
        default=None, metadata=_aws("CreditSpecification")
    )
    """Burstable CPU credits."""
    disable_api_stop: pulumi.Input[bool] | None = field(default=None, metadata=_aws("DisableApiStop"))
    """Protect against API-initiated stop."""
    ebs_optimized: pulumi.Input[bool] | None = field(default=None, metadata=_aws("EbsOptimized"))
    """EBS-optimized networking."""
    enable_primary_ipv6: pulumi.Input[bool] | None = field(default=None, metadata=_aws("EnablePrimaryIpv6"))
    """Assign a primary IPv6 address."""
    enclave_options: EnclaveOptionsArgs | None = field(default=None, metadata=_aws("EnclaveOptions"))
    """Nitro Enclaves."""
    hibernation_options: HibernationOptionsArgs | None = field(
        default=None, metadata=_aws("HibernationOptions")
    )
    """Hibernation."""
    iam_instance_profile: IamInstanceProfileArgs | None = field(
        default=None, metadata=_aws("IamInstanceProfile")
    )
    """IAM instance profile."""
    instance_market_options: InstanceMarketOptionsArgs | None = field(
        default=None, metadata=_aws("InstanceMarketOptions")
    )
    """Spot / capacity-block purchasing."""
    ipv6_addresses: list[Ipv6AddressArgs] | None = field(default=None, metadata=_aws("Ipv6Addresses"))
    """Specific IPv6 addresses."""
    ipv6_address_count: pulumi.Input[int] | None = field(default=None, metadata=_aws("Ipv6AddressCount"))
    """Number of IPv6 addresses to auto-assign."""
    kernel_id: pulumi.Input[str] | None = field(default=None, metadata=_aws("KernelId"))
    """Kernel ID."""
    key_name: pulumi.Input[str] | None = field(default=None, metadata=_aws("KeyName"))
    """EC2 key pair name."""
    license_specifications: list[LicenseSpecificationArgs] | None = field(
        default=None, metadata=_aws("LicenseSpecifications")
    )
    """License configurations."""
    maintenance_options: MaintenanceOptionsArgs | None = field(
        default=None, metadata=_aws("MaintenanceOptions")
    )
    """Auto recovery."""
    metadata_options: MetadataOptionsArgs | None = field(
        default_factory=MetadataOptionsArgs, metadata=_aws("MetadataOptions")
    )
    """IMDS settings; defaults to IMDSv2 required. ``None`` sends nothing (service defaults)."""
    monitoring: MonitoringArgs | None = field(default=None, metadata=_aws("Monitoring"))
    """Detailed monitoring."""
    network_interfaces: list[NetworkInterfaceArgs] | None = field(
        default=None, metadata=_aws("NetworkInterfaces")
    )
    """Network interfaces."""
    network_performance_options: NetworkPerformanceOptionsArgs | None = field(
        default=None, metadata=_aws("NetworkPerformanceOptions")
    )
    """Bandwidth weighting."""
    placement: PlacementArgs | None = field(default=None, metadata=_aws("Placement"))
    """Placement (zone, group, host, tenancy)."""
    private_dns_name_options: PrivateDnsNameOptionsArgs | None = field(
        default=None, metadata=_aws("PrivateDnsNameOptions")
    )
    """Private DNS hostname."""
    private_ip_address: pulumi.Input[str] | None = field(default=None, metadata=_aws("PrivateIpAddress"))
    """Primary private IPv4 (sensitive in the model: kept secret in outputs)."""
    ramdisk_id: pulumi.Input[str] | None = field(default=None, metadata=_aws("RamdiskId"))
    """RAM disk ID."""
    security_group_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = field(
        default=None, metadata=_aws("SecurityGroupIds")
    )
    """Security group IDs."""
    security_groups: pulumi.Input[Sequence[pulumi.Input[str]]] | None = field(
        default=None, metadata=_aws("SecurityGroups")
    )
    """Security group names (default VPC)."""
    subnet_id: pulumi.Input[str] | None = field(default=None, metadata=_aws("SubnetId"))
    """Subnet ID."""
    tag_specifications: list[TagSpecificationArgs] | None = field(
        default=None, metadata=_aws("TagSpecifications")
    )
    """Tags EC2 applies at launch to the instance, volumes, interfaces or spot request."""
    user_data: pulumi.Input[str] | None = field(default=None, metadata=_aws("UserData"))
    """User data (base64, as the API expects). Always secret in state and outputs."""

    # --- component settings (not ManagedInstance members) ---
    billing_mode: pulumi.Input[str] | None = None
    """MONTHLY or HOURLY. ``None`` sends no BillingConfiguration: the service bills HOURLY."""
    platform_type: pulumi.Input[str] | None = DEFAULT_PLATFORM_TYPE
    """Platform asked about by the instance-type check only (the service derives it from the AMI);
    ``None`` asks about any platform."""
    tenancy: pulumi.Input[str] | None = None
    """SHARED or DEDICATED (ListInstanceTypes vocabulary). DEDICATED sets ``Placement.Tenancy``
    to ``dedicated`` unless ``placement.tenancy`` is set; ``None`` means SHARED, or whatever
    ``placement.tenancy`` implies."""
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Tags of the WorkSpaces Instance (updated in place)."""
    region: pulumi.Input[str] | None = None
    """AWS region of the instance and of the instance-type check; else stack config ``aws:region``."""
    client_token: pulumi.Input[str] | None = None
    """Idempotency token passed to the WorkspaceInstance (it makes one when unset)."""
    adopt_id: pulumi.Input[str] | None = None
    """An existing instance (``wsinst-…``) to take over instead of launching one: it must be
    ALLOCATING or ALLOCATED in the region, bill as ``billing_mode`` says and not be claimed by
    another Pulumi resource. The arguments above are taken as declared (the API cannot report
    them). Changing or removing it later changes nothing."""
    adopt_claimed: pulumi.Input[bool] | None = None
    """Adopt even an instance another Pulumi resource has claimed (moving it between stacks)."""
    timeouts: pulumi.Input[Mapping[str, str]] | None = None
    """Create/delete timeouts passed to the WorkspaceInstance (its format)."""
    validate_instance_type: bool | None = True
    """During preview, fail unless ``instance_type`` exists and supports billing mode, platform and
    tenancy. ``False`` skips the check (``None`` means the default, ``True``)."""
    managed_instance_overrides: Mapping[str, Any] | None = None
    """PascalCase ManagedInstance fragment deep-merged last (dicts merge, lists and scalars
    replace): the escape hatch for members AWS adds before botocore does."""
