"""The ``Workspace`` component and its arguments (``pulumi_workspaces_instances.components``).

Public: :class:`Workspace`, its :class:`WorkspaceArgs` and the nested ``…Args`` dataclasses (each
with a ``…ArgsDict`` dict form), the errors it raises, and :func:`use_instance_type_lookup`.

Module map, one job each:

- ``workspace`` — the ``ComponentResource``: arguments in, one ``WorkspaceInstance`` child out;
- ``args`` — the snake_case ``…Args`` dataclasses, each field naming the ManagedInstance member
  it sets (the single definition of every argument, read by the SDK's schema inference);
- ``args_dicts`` — their ``TypedDict`` dict forms, for type checkers;
- ``args_forms`` — a ``WorkspaceArgs`` from a dataclass, a dict or keyword arguments;
- ``mapping`` — ``WorkspaceArgs`` → the PascalCase ``ManagedInstance`` request;
- ``tenancy`` — the two tenancy vocabularies and the translation between them;
- ``argument_check`` — the provider's input check run on the arguments, before anything is
  registered; ``argument_paths`` — API member path → the argument that set it;
- ``overrides`` — warnings for override members the installed botocore does not model;
- ``instance_type_check`` — the preview-time ListInstanceTypes check of ``instance_type``;
- ``errors`` — the argument errors (one line, naming the argument).
"""

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
    WorkspaceArgs,
)
from .args_dicts import (
    BlockDeviceArgsDict,
    CapacityReservationSpecificationArgsDict,
    CapacityReservationTargetArgsDict,
    ConnectionTrackingSpecificationArgsDict,
    CpuOptionsArgsDict,
    CreditSpecificationArgsDict,
    EbsArgsDict,
    EnaSrdSpecificationArgsDict,
    EnaSrdUdpSpecificationArgsDict,
    EnclaveOptionsArgsDict,
    HibernationOptionsArgsDict,
    IamInstanceProfileArgsDict,
    InstanceMarketOptionsArgsDict,
    Ipv4PrefixArgsDict,
    Ipv6AddressArgsDict,
    Ipv6PrefixArgsDict,
    LicenseSpecificationArgsDict,
    MaintenanceOptionsArgsDict,
    MetadataOptionsArgsDict,
    MonitoringArgsDict,
    NetworkInterfaceArgsDict,
    NetworkPerformanceOptionsArgsDict,
    PlacementArgsDict,
    PrivateDnsNameOptionsArgsDict,
    PrivateIpAddressArgsDict,
    RootVolumeArgsDict,
    SpotOptionsArgsDict,
    TagSpecificationArgsDict,
    WorkspaceArgsDict,
)
from .errors import InvalidArgumentError, UnknownArgumentError, WorkspaceArgumentError
from .instance_type_check import (
    InstanceTypeCheckError,
    InstanceTypeLookup,
    UnknownInstanceTypeError,
    UnsupportedInstanceTypeError,
    use_instance_type_lookup,
)
from .tenancy import TenancyError
from .workspace import Workspace

__all__ = [
    "BlockDeviceArgs",
    "BlockDeviceArgsDict",
    "CapacityReservationSpecificationArgs",
    "CapacityReservationSpecificationArgsDict",
    "CapacityReservationTargetArgs",
    "CapacityReservationTargetArgsDict",
    "ConnectionTrackingSpecificationArgs",
    "ConnectionTrackingSpecificationArgsDict",
    "CpuOptionsArgs",
    "CpuOptionsArgsDict",
    "CreditSpecificationArgs",
    "CreditSpecificationArgsDict",
    "EbsArgs",
    "EbsArgsDict",
    "EnaSrdSpecificationArgs",
    "EnaSrdSpecificationArgsDict",
    "EnaSrdUdpSpecificationArgs",
    "EnaSrdUdpSpecificationArgsDict",
    "EnclaveOptionsArgs",
    "EnclaveOptionsArgsDict",
    "HibernationOptionsArgs",
    "HibernationOptionsArgsDict",
    "IamInstanceProfileArgs",
    "IamInstanceProfileArgsDict",
    "InstanceMarketOptionsArgs",
    "InstanceMarketOptionsArgsDict",
    "InstanceTypeCheckError",
    "InstanceTypeLookup",
    "InvalidArgumentError",
    "Ipv4PrefixArgs",
    "Ipv4PrefixArgsDict",
    "Ipv6AddressArgs",
    "Ipv6AddressArgsDict",
    "Ipv6PrefixArgs",
    "Ipv6PrefixArgsDict",
    "LicenseSpecificationArgs",
    "LicenseSpecificationArgsDict",
    "MaintenanceOptionsArgs",
    "MaintenanceOptionsArgsDict",
    "MetadataOptionsArgs",
    "MetadataOptionsArgsDict",
    "MonitoringArgs",
    "MonitoringArgsDict",
    "NetworkInterfaceArgs",
    "NetworkInterfaceArgsDict",
    "NetworkPerformanceOptionsArgs",
    "NetworkPerformanceOptionsArgsDict",
    "PlacementArgs",
    "PlacementArgsDict",
    "PrivateDnsNameOptionsArgs",
    "PrivateDnsNameOptionsArgsDict",
    "PrivateIpAddressArgs",
    "PrivateIpAddressArgsDict",
    "RootVolumeArgs",
    "RootVolumeArgsDict",
    "SpotOptionsArgs",
    "SpotOptionsArgsDict",
    "TagSpecificationArgs",
    "TagSpecificationArgsDict",
    "TenancyError",
    "UnknownArgumentError",
    "UnknownInstanceTypeError",
    "UnsupportedInstanceTypeError",
    "Workspace",
    "WorkspaceArgs",
    "WorkspaceArgsDict",
    "WorkspaceArgumentError",
    "use_instance_type_lookup",
]
