"""Drift inside a desktop: where EC2's view of the instance contradicts the declared ManagedInstance.

GetWorkspaceInstance cannot report the ManagedInstance, so ``managed_instance`` in state is what
the program declared; EC2 ``DescribeInstances`` (and ``DescribeVolumes`` for the root volume) tell
what the instance is now. Each member the program declared and EC2 reports is compared
(:data:`RULES`, which docs/ec2-view.md lists); members left unset are the service's choice and never
drift. A difference is reported, never acted on: changing ``managed_instance`` replaces the
desktop (deleting its disk), so neither refresh nor the next ``up`` may do that by itself. EC2 does
not let a managed instance's settings be changed directly (EC2 User Guide), so each line names the
way that works: rebuilding the desktop as declared, on purpose (``pulumi up --replace``); for the root
volume's size and type, the service's own ModifyVolume may do instead.

No compared member is one the model marks sensitive (the tests assert it), so the lines may
quote declared and actual values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..inputs import properties

Instance = Mapping[str, Any]
"""One ``Reservations[].Instances[]`` entry of DescribeInstances."""
Volume = Mapping[str, Any]
"""One ``Volumes[]`` entry of DescribeVolumes."""

RESOURCE_TYPE = "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance"
"""The resource's type token, as it appears in its URN."""

NOT_RUNNING_STATES = frozenset({"stopping", "stopped"})
"""EC2 states of an instance that exists but is not running: reported, never treated as gone."""
ENDED_STATES = frozenset({"shutting-down", "terminated"})
"""EC2 states of an instance that will not come back."""
MONITORING_ON_STATES = frozenset({"enabled", "pending"})
"""``Monitoring.State`` values meaning detailed monitoring is (being turned) on."""
MANAGED_INSTANCE_NOTE = "EC2 does not let a managed instance's settings be changed directly"
"""Why no EC2 command is offered: "You can't directly modify the settings of a managed instance" (EC2 User
Guide, Amazon EC2 instances); the WorkSpaces Core documentation sends mutable operations to its own API."""
ROOT_MODIFY_COMMAND = "aws workspaces-instances modify-volume"
"""The service's own call that changes a volume's size and type; whether it takes a desktop's root volume
is not documented, so the line says "may"."""


@dataclass(frozen=True)
class Drift:
    """One declared member that EC2 reports otherwise."""

    field: str
    """Its path inside ``managed_instance`` (``MetadataOptions.HttpTokens``)."""
    declared: Any
    actual: Any
    fix: str | None
    """How the service might put the declared value back (a quoted AWS CLI command); None: only a rebuild."""


@dataclass(frozen=True)
class Observed:
    """What EC2 reported: the instance, and its root volume when DescribeVolumes could tell."""

    instance: Instance
    root_volume: Volume | None = None


Getter = Callable[[Mapping[str, Any]], Any]
Fixer = Callable[[Observed, Mapping[str, Any], Any], str | None]
"""(what EC2 reported, the declared ManagedInstance, the declared value) → an AWS CLI command, or None."""


@dataclass(frozen=True)
class Rule:
    """How one declared member is compared with EC2's answer."""

    field: str
    declared: Getter
    """The declared value from the ManagedInstance (None: not declared, nothing to compare)."""
    actual: Callable[[Observed], Any]
    """EC2's value (None: EC2 did not say, nothing to compare)."""


def _at(document: Mapping[str, Any] | None, path: str) -> Any:
    """The value at a dotted path of nested mappings, or None."""
    value: Any = document
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _declared(path: str) -> Getter:
    return lambda managed: _at(managed, path)


def _reported(path: str) -> Callable[[Observed], Any]:
    return lambda observed: _at(observed.instance, path)


def _number(value: Any) -> Any:
    """A whole float (how Pulumi's wire format carries every number) as an int."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _cli_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_number(value))


def _no_fix(_observed: Observed, _managed: Mapping[str, Any], _declared: Any) -> str | None:
    return None


# --- the network: subnet and security groups, at the instance or on its primary interface ----------


def _primary_interface(managed: Mapping[str, Any]) -> Mapping[str, Any]:
    for interface in managed.get("NetworkInterfaces") or []:
        if isinstance(interface, Mapping) and _number(interface.get("DeviceIndex")) in (0, None):
            return interface
    return {}


def _declared_subnet(managed: Mapping[str, Any]) -> Any:
    return managed.get("SubnetId") or _primary_interface(managed).get("SubnetId")


def _declared_group_ids(managed: Mapping[str, Any]) -> Any:
    groups = managed.get("SecurityGroupIds") or _primary_interface(managed).get("Groups")
    return sorted(str(group) for group in groups) if groups else None


def _declared_group_names(managed: Mapping[str, Any]) -> Any:
    names = managed.get("SecurityGroups")
    return sorted(str(name) for name in names) if names else None


def _groups(key: str) -> Callable[[Observed], Any]:
    def actual(observed: Observed) -> list[str]:
        return sorted(str(group.get(key)) for group in observed.instance.get("SecurityGroups") or [])

    return actual


# --- settings compared with what EC2 reports ---------------------------------------------------------


def _monitoring(observed: Observed) -> Any:
    state = _at(observed.instance, "Monitoring.State")
    return None if state is None else state in MONITORING_ON_STATES


def _profile_arn(observed: Observed) -> Any:
    return _at(observed.instance, "IamInstanceProfile.Arn") or "none"


def _profile_name(observed: Observed) -> Any:
    arn = _at(observed.instance, "IamInstanceProfile.Arn")
    return str(arn).rsplit("/", 1)[-1] if arn else "none"


# --- the root volume (DescribeVolumes) ------------------------------------------------------------


def _root_mapping(managed: Mapping[str, Any], observed: Observed) -> tuple[int, Mapping[str, Any]] | None:
    """The declared block device of the instance's root device, with its index."""
    root = observed.instance.get("RootDeviceName")
    for index, mapping in enumerate(managed.get("BlockDeviceMappings") or []):
        if isinstance(mapping, Mapping) and root and mapping.get("DeviceName") == root:
            return index, mapping
    return None


def _root_volume_id(observed: Observed) -> str:
    return str((observed.root_volume or {}).get("VolumeId") or "<root volume>")


def _fix_root_size(observed: Observed, _managed: Mapping[str, Any], declared: Any) -> str | None:
    actual = (observed.root_volume or {}).get("Size")
    if isinstance(actual, int | float) and actual > _number(declared):
        return None  # an EBS volume cannot shrink
    volume_id = _root_volume_id(observed)
    return f"{ROOT_MODIFY_COMMAND} --volume-id {volume_id} --size-in-gb {_cli_value(declared)}"


def _fix_root_type(observed: Observed, _managed: Mapping[str, Any], declared: Any) -> str:
    return f"{ROOT_MODIFY_COMMAND} --volume-id {_root_volume_id(observed)} --volume-type {declared}"


ROOT_VOLUME_MEMBERS: tuple[tuple[str, str, Fixer], ...] = (
    ("Encrypted", "Encrypted", _no_fix),
    ("VolumeSize", "Size", _fix_root_size),
    ("VolumeType", "VolumeType", _fix_root_type),
)
"""Root device ``Ebs`` members compared with DescribeVolumes: (ManagedInstance member, Volume member, fix)."""

_METADATA_OPTIONS = (
    "HttpTokens",
    "HttpEndpoint",
    "HttpPutResponseHopLimit",
    "HttpProtocolIpv6",
    "InstanceMetadataTags",
)
_DNS_RECORDS = ("EnableResourceNameDnsARecord", "EnableResourceNameDnsAAAARecord")


def _same_path(path: str) -> Rule:
    """A member EC2 reports at the same path as the ManagedInstance declares it."""
    return Rule(path, _declared(path), _reported(path))


RULES: tuple[Rule, ...] = (
    _same_path("InstanceType"),
    _same_path("ImageId"),
    Rule("SubnetId", _declared_subnet, _reported("SubnetId")),
    Rule("SecurityGroupIds", _declared_group_ids, _groups("GroupId")),
    Rule("SecurityGroups", _declared_group_names, _groups("GroupName")),
    _same_path("Placement.AvailabilityZone"),
    _same_path("Placement.Tenancy"),
    *(_same_path(f"MetadataOptions.{member}") for member in _METADATA_OPTIONS),
    _same_path("EbsOptimized"),
    Rule("Monitoring.Enabled", _declared("Monitoring.Enabled"), _monitoring),
    _same_path("KeyName"),
    Rule("IamInstanceProfile.Arn", _declared("IamInstanceProfile.Arn"), _profile_arn),
    Rule("IamInstanceProfile.Name", _declared("IamInstanceProfile.Name"), _profile_name),
    _same_path("CpuOptions.CoreCount"),
    _same_path("CpuOptions.ThreadsPerCore"),
    _same_path("HibernationOptions.Configured"),
    _same_path("EnclaveOptions.Enabled"),
    _same_path("MaintenanceOptions.AutoRecovery"),
    _same_path("PrivateDnsNameOptions.HostnameType"),
    *(_same_path(f"PrivateDnsNameOptions.{member}") for member in _DNS_RECORDS),
)
"""Every ManagedInstance member compared with DescribeInstances (the root volume's: ROOT_VOLUME_MEMBERS)."""


def _equal(declared: Any, actual: Any) -> bool:
    return bool(_number(declared) == _number(actual))


def find_drift(managed: Mapping[str, Any] | None, observed: Observed) -> list[Drift]:
    """Every declared member EC2 reports otherwise, in :data:`RULES` order, then the root volume's."""
    managed = managed if isinstance(managed, Mapping) else {}
    found: list[Drift] = []
    for rule in RULES:
        declared, actual = rule.declared(managed), rule.actual(observed)
        if declared is None or actual is None or _equal(declared, actual):
            continue
        # EC2 changes no setting of a managed instance: only a rebuild puts it back.
        found.append(Drift(_field_of(rule.field, managed), declared, actual, None))
    found.extend(_root_drift(managed, observed))
    return found


def _field_of(field: str, managed: Mapping[str, Any]) -> str:
    """Where the program declared it: an instance-level member, or its primary network interface."""
    if field in ("SubnetId", "SecurityGroupIds") and not managed.get(field):
        interfaces = list(managed.get("NetworkInterfaces") or [])
        primary = _primary_interface(managed)
        if primary in interfaces:
            member = "SubnetId" if field == "SubnetId" else "Groups"
            return f"NetworkInterfaces[{interfaces.index(primary)}].{member}"
    return field


def _root_drift(managed: Mapping[str, Any], observed: Observed) -> list[Drift]:
    located = _root_mapping(managed, observed)
    if located is None or observed.root_volume is None:
        return []
    index, mapping = located
    found = []
    for member, volume_member, fixer in ROOT_VOLUME_MEMBERS:
        declared, actual = _at(mapping, f"Ebs.{member}"), observed.root_volume.get(volume_member)
        if declared is None or actual is None or _equal(declared, actual):
            continue
        fix = fixer(observed, managed, declared)
        found.append(
            Drift(f"BlockDeviceMappings[{index}].Ebs.{member}", declared, actual, f"`{fix}`" if fix else None)
        )
    return found


# --- the lines ------------------------------------------------------------------------------------


def show(value: Any) -> str:
    """A value as a warning line shows it: strings quoted, booleans and lists as EC2 writes them."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, Sequence):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(_number(value))


def replace_target(identity: str) -> str | None:
    """The URN to give ``pulumi up --replace``, from the resource's hidden identity.

    The identity is ``organization::project::stack[::parentType$parentName]::name``. Without a parent the
    URN is exact (:func:`provider.inputs.properties.resource_urn`). With one, the parent's own ancestors are
    unknown here, so it is a pattern — ``**`` stands for them, as ``--replace`` allows — that only this
    resource matches.
    """
    exact = properties.resource_urn({properties.IDENTITY: identity}, RESOURCE_TYPE)
    if exact is not None:
        return exact
    parts = identity.split("::")
    if len(parts) == 5 and all(parts[1:]):
        _organization, project, stack, parent, name = parts
        parent_type = parent.rsplit("$", 1)[0]
        return f"urn:pulumi:{stack}::{project}::**{parent_type}${RESOURCE_TYPE}::{name}"
    return None


def rebuild_hint(identity: str) -> str:
    """How to converge on the declared configuration on purpose (replacing deletes the disks)."""
    target = replace_target(identity)
    command = (
        f"`pulumi up --replace '{target}'`"
        if target
        else "`pulumi up --replace <its URN>` (`pulumi stack --show-urns` lists it)"
    )
    return f"rebuild the desktop as declared with {command} (a new instance: its disks are lost)"


def drift_line(subject: str, ec2_instance_id: str, drift: Drift, identity: str) -> str:
    """One warning line: resource, field, declared → actual, and what to do."""
    remedy = (
        f"the service may put it back: {drift.fix}; or {rebuild_hint(identity)}"
        if drift.fix
        else f"{MANAGED_INSTANCE_NOTE}: {rebuild_hint(identity)}"
    )
    return (
        f"{subject}: managed_instance.{drift.field} differs on EC2 instance {ec2_instance_id}: "
        f"declared {show(drift.declared)} → actual {show(drift.actual)}; {remedy}; "
        "Pulumi changes nothing by itself"
    )


def state_line(subject: str, ec2_instance_id: str, ec2_state: str | None, identity: str) -> str | None:
    """The line for an EC2 instance that is not running (None when it runs or is starting).

    ``ec2_state`` None means EC2 does not know the instance (InvalidInstanceID.NotFound).
    """
    if ec2_state in NOT_RUNNING_STATES:
        return (
            f"{subject}: EC2 instance {ec2_instance_id} is {ec2_state}, not gone: the desktop stays in "
            f"the stack; start it with `aws ec2 start-instances --instance-ids {ec2_instance_id}` "
            "if that was not meant"
        )
    if ec2_state in ENDED_STATES or ec2_state is None:
        seen = ec2_state or "unknown to EC2"
        return (
            f"{subject}: EC2 instance {ec2_instance_id} is {seen} while WorkSpaces still reports the "
            f"desktop; refresh again once WorkSpaces deallocates it (refresh then drops it), or "
            f"{rebuild_hint(identity)}"
        )
    return None
