"""EC2's view of the instances behind workspace instances, and the changes tests make behind a provider.

- DescribeInstances: ``InstanceId.N`` (every id must exist: ``InvalidInstanceID.NotFound``;
  ``InvalidInstanceID.Malformed`` for an id that is not ``i-`` and 8 or 17 hex digits), ``Filter.N``
  (INSTANCE_FILTERS and ``tag:<key>``, with wildcards) and, like EC2, paging only when MaxResults
  is given (5 to 1000, not together with InstanceId.N). One reservation per instance. Every
  instance is a managed one (``managed``): it carries ``Operator``, and while the account hides
  managed resources only ``IncludeManagedResources`` shows it. PlatformDetails and UsageOperation are
  the AMI's (the catalogue image's billing fields).
- StopInstances / StartInstances: answer EC2's usual StoppingInstances / StartingInstances
  (``running`` → ``stopping``, ``stopped`` → ``pending``; an instance already there answers its
  state twice). The change is settled at once: the next DescribeInstances shows ``stopped`` or
  ``running`` (a start sets a new LaunchTime; a stopped instance shows no public address).
  DisableApiStop refuses a stop (``OperationNotPermitted``); an instance ``shutting-down`` (its
  workspace instance is being deleted) can be neither (``IncorrectInstanceState``).
- ModifyInstanceMetadataOptions and ModifyInstanceAttribute change a managed instance's settings,
  which EC2 refuses (``UnauthorizedOperation``, nothing changed) unless the
  ``managed_instance_ec2_changes`` switch is ``allow``; Stop/StartInstances are served either way.
  The id is checked first; DryRun then answers UnauthorizedOperation as the refusal would.
- ModifyInstanceMetadataOptions: changes the options given; answers State ``pending``, and
  DescribeInstances shows them ``applied``. HttpPutResponseHopLimit 1 to 64.
- ModifyInstanceAttribute, one attribute per call (``InvalidParameterCombination`` otherwise), in
  the member form (``InstanceType.Value``, ``GroupId.N``, ``EbsOptimized.Value``,
  ``DisableApiStop.Value``) or as ``Attribute`` + ``Value`` (``instanceType``, ``ebsOptimized``,
  ``disableApiStop``). InstanceType and EbsOptimized need the instance ``stopped``
  (``IncorrectInstanceState``), as on EC2; other attributes answer ``UnsupportedOperation``.

Changes are kept with the instance (``workspaces_instances.ec2_launch``), in SQLite when the emulator
has a state file.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from botocore.model import StructureShape

from ..core.ec2_query import ec2_error
from ..core.errors import ServiceError
from ..core.limits import quote
from ..core.model import ec2_service_model, service_model
from ..workspaces_instances.context import RequestContext
from ..workspaces_instances.ec2_launch import (
    RUNNING,
    SHUTTING_DOWN,
    STOPPED,
    Ec2Instance,
    find_ec2_instances,
    save,
    state_name,
    visible_ec2_instances,
    volumes_launched_with,
)
from ..workspaces_instances.ec2_network import (
    default_security_group,
    mac_address,
    primary_interface,
    private_dns_name,
    public_dns_name,
    public_ip,
    stable_id,
)
from ..workspaces_instances.record_store import all_volumes
from . import managed as managed_resources
from .account import ACCOUNT_ID
from .filters import FilterValues, View, apply_filters, member, page, refuse_dry_run, tag_keys, tag_values

#: EC2's instance state codes (InstanceState.Code).
STATE_CODES = {
    "pending": 0,
    "running": 16,
    "shutting-down": 32,
    "terminated": 48,
    "stopping": 64,
    "stopped": 80,
}
#: DescribeInstances pages between 5 and 1000 instances.
RESULT_LIMITS = (5, 1000)
_INSTANCE_ID = re.compile(r"i-[0-9a-f]{8}(?:[0-9a-f]{9})?")
# The ModifyInstanceAttribute members the emulator applies, by the Attribute name EC2 gives them.
_ATTRIBUTES = {
    "instanceType": "InstanceType",
    "groupSet": "Groups",
    "ebsOptimized": "EbsOptimized",
    "disableApiStop": "DisableApiStop",
}
# Members of ModifyInstanceAttribute that are not attributes to change.
_NOT_ATTRIBUTES = {"InstanceId", "DryRun", "Attribute", "Value"}
# Attributes EC2 changes only on a stopped instance.
_NEEDS_STOPPED = {"InstanceType", "EbsOptimized"}
_STOP_REASON = {
    "Code": "Client.UserInitiatedShutdown",
    "Message": "Client.UserInitiatedShutdown: User initiated shutdown",
}


def _group_values(name: str) -> FilterValues:
    return lambda view: [g[name] for g in view.get("SecurityGroups", []) if name in g]


def _volume_ids(view: View) -> list[str]:
    return [m["Ebs"]["VolumeId"] for m in view.get("BlockDeviceMappings", [])]


INSTANCE_FILTERS: dict[str, FilterValues] = {
    "availability-zone": member("Placement", "AvailabilityZone"),
    "block-device-mapping.volume-id": _volume_ids,
    "image-id": member("ImageId"),
    "instance-id": member("InstanceId"),
    "instance-state-code": member("State", "Code"),
    "instance-state-name": member("State", "Name"),
    "instance-type": member("InstanceType"),
    "instance.group-id": _group_values("GroupId"),
    "instance.group-name": _group_values("GroupName"),
    "ip-address": member("PublicIpAddress"),
    "metadata-options.http-tokens": member("MetadataOptions", "HttpTokens"),
    "private-ip-address": member("PrivateIpAddress"),
    "subnet-id": member("SubnetId"),
    "tag-key": tag_keys,
    # Not in the model's list of filters, but AWS's own example 6 of describe-instances uses it:
    # https://docs.aws.amazon.com/cli/latest/reference/ec2/describe-instances.html
    "tag-value": tag_values,
    "vpc-id": member("VpcId"),
}


def _state(name: str) -> dict[str, Any]:
    return {"Code": STATE_CODES[name], "Name": name}


def _gmt(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d %H:%M:%S GMT")


def _block_device_mappings(instance: Ec2Instance, ctx: RequestContext) -> list[dict[str, Any]]:
    """The volumes launched with the instance, then those associated with its workspace instance."""
    workspace_id = instance.workspace.workspace_instance_id
    associated = [
        v
        for v in all_volumes(ctx)
        if v.attachment is not None and v.attachment.workspace_instance_id == workspace_id
    ]
    mappings = []
    for volume in volumes_launched_with(instance) + associated:
        attachment = volume.attachment
        assert attachment is not None
        mappings.append(
            {
                "DeviceName": attachment.device,
                "Ebs": {
                    "AttachTime": attachment.attached_at,
                    "DeleteOnTermination": attachment.delete_on_termination,
                    "Status": "attached",
                    "VolumeId": volume.volume_id,
                    # Every volume the emulator knows is managed (see ``managed``).
                    "Operator": managed_resources.operator(ctx),
                },
            }
        )
    return mappings


def _network_interface(instance: Ec2Instance, public: str | None, ctx: RequestContext) -> dict[str, Any]:
    """The primary network interface, as EC2 describes it inside an instance."""
    interface = primary_interface(instance.managed)
    private, region = instance.private_ip, ctx.region
    association = (
        {"PublicIp": public, "PublicDnsName": public_dns_name(public, region), "IpOwnerId": "amazon"}
        if public
        else None
    )
    address: dict[str, Any] = {
        "Primary": True,
        "PrivateIpAddress": private,
        "PrivateDnsName": private_dns_name(private, region),
    }
    view: dict[str, Any] = {
        "Attachment": {
            "AttachTime": instance.workspace.created_at,
            "AttachmentId": stable_id("eni-attach-", instance.instance_id),
            "DeleteOnTermination": True,
            "DeviceIndex": 0,
            "Status": "attached",
            "NetworkCardIndex": 0,
        },
        "Description": interface.get("Description", ""),
        "Groups": instance.record.security_groups,
        "Ipv6Addresses": [],
        "MacAddress": mac_address(instance.instance_id),
        "NetworkInterfaceId": interface.get("NetworkInterfaceId") or stable_id("eni-", instance.instance_id),
        "OwnerId": ACCOUNT_ID,
        "PrivateDnsName": private_dns_name(private, region),
        "PrivateIpAddress": private,
        "PrivateIpAddresses": [address],
        "SourceDestCheck": True,
        "Status": "in-use",
        "SubnetId": instance.subnet.subnet_id,
        "VpcId": instance.subnet.vpc_id,
        "InterfaceType": interface.get("InterfaceType", "interface"),
        # Made with the managed instance, by the same provider.
        "Operator": managed_resources.operator(ctx),
    }
    if association is not None:
        view["Association"] = address["Association"] = association
    return view


def _placement(instance: Ec2Instance) -> dict[str, Any]:
    asked = instance.managed.get("Placement") or {}
    placement = {
        key: asked[key]
        for key in ("Affinity", "GroupId", "HostId", "PartitionNumber", "HostResourceGroupArn")
        if key in asked
    }
    placement.update(
        AvailabilityZone=instance.zone,
        GroupName=asked.get("GroupName", ""),
        Tenancy=asked.get("Tenancy", "default"),
    )
    return placement


def _optional_parts(managed: dict[str, Any]) -> dict[str, Any]:
    """Members shown only when the ManagedInstance asked for them."""
    parts: dict[str, Any] = {}
    if "KeyName" in managed:
        parts["KeyName"] = managed["KeyName"]
    profile = managed.get("IamInstanceProfile")
    if profile:
        arn = profile.get("Arn") or f"arn:aws:iam::{ACCOUNT_ID}:instance-profile/{profile.get('Name', '')}"
        parts["IamInstanceProfile"] = {"Arn": arn, "Id": stable_id("AIPA", arn).upper()}
    if managed.get("CpuOptions"):
        parts["CpuOptions"] = dict(managed["CpuOptions"])
    for name in ("KernelId", "RamdiskId"):
        if name in managed:
            parts[name] = managed[name]
    return parts


def instance_view(instance: Ec2Instance, ctx: RequestContext) -> View:
    """The DescribeInstances entry of an instance, by the EC2 model's member names."""
    managed, record, region = instance.managed, instance.record, ctx.region
    state = state_name(instance, ctx)
    # A stopped instance gives its public address back (EC2 assigns another at the next start).
    asks_public = bool(primary_interface(managed).get("AssociatePublicIpAddress"))
    public = public_ip(instance.instance_id) if asks_public and state != STOPPED else None
    view: View = {
        "InstanceId": instance.instance_id,
        "ImageId": managed.get("ImageId"),
        "State": _state(state),
        "PrivateDnsName": private_dns_name(instance.private_ip, region),
        # EC2 sends an empty dnsName for an instance without a public address.
        "PublicDnsName": public_dns_name(public, region) if public else "",
        "StateTransitionReason": (
            f"User initiated ({_gmt(record.stopped_at)})" if state == STOPPED and record.stopped_at else ""
        ),
        "AmiLaunchIndex": 0,
        "ProductCodes": [],
        "InstanceType": record.instance_type,
        "LaunchTime": record.launched_at,
        "Placement": _placement(instance),
        "PlatformDetails": instance.image.platform_details,
        "UsageOperation": instance.image.usage_operation,
        "Monitoring": {
            "State": "enabled" if (managed.get("Monitoring") or {}).get("Enabled") else "disabled"
        },
        "SubnetId": instance.subnet.subnet_id,
        "VpcId": instance.subnet.vpc_id,
        "PrivateIpAddress": instance.private_ip,
        "PublicIpAddress": public,
        "Architecture": "x86_64",
        "RootDeviceType": "ebs",
        "RootDeviceName": instance.root_device_name,
        "BlockDeviceMappings": _block_device_mappings(instance, ctx),
        "VirtualizationType": "hvm",
        "SecurityGroups": record.security_groups,
        "SourceDestCheck": True,
        "Hypervisor": "xen",
        "NetworkInterfaces": [_network_interface(instance, public, ctx)],
        "EbsOptimized": record.ebs_optimized,
        "EnaSupport": True,
        "CapacityReservationSpecification": {
            "CapacityReservationPreference": (managed.get("CapacityReservationSpecification") or {}).get(
                "CapacityReservationPreference", "open"
            )
        },
        "HibernationOptions": {
            "Configured": bool((managed.get("HibernationOptions") or {}).get("Configured"))
        },
        "MetadataOptions": {"State": "applied", **record.metadata_options},
        "EnclaveOptions": {"Enabled": bool((managed.get("EnclaveOptions") or {}).get("Enabled"))},
        "MaintenanceOptions": {
            "AutoRecovery": (managed.get("MaintenanceOptions") or {}).get("AutoRecovery", "default")
        },
        "PrivateDnsNameOptions": {
            "HostnameType": "ip-name",
            "EnableResourceNameDnsARecord": False,
            "EnableResourceNameDnsAAAARecord": False,
            **(managed.get("PrivateDnsNameOptions") or {}),
        },
        "Operator": managed_resources.operator(ctx),
        **_optional_parts(managed),
    }
    if instance.image.windows:
        # The model's enum spells it "Windows"; EC2 itself answers lowercase.
        view["Platform"] = "windows"
    if state == STOPPED:
        view["StateReason"] = dict(_STOP_REASON)
    if record.tags:
        view["Tags"] = [dict(tag) for tag in record.tags]
    return {k: v for k, v in view.items() if v is not None}


def _not_found(missing: list[str]) -> ServiceError:
    shown = ", ".join(missing[:10])
    if len(missing) == 1:
        return ec2_error("InvalidInstanceID.NotFound", f"The instance ID {quote(shown)} does not exist")
    return ec2_error("InvalidInstanceID.NotFound", f"The instance IDs {quote(shown)} do not exist")


def require_instances(ctx: RequestContext, instance_ids: list[str]) -> list[Ec2Instance]:
    """The named instances (once each, in the order named); EC2's errors for malformed or unknown ids."""
    for instance_id in instance_ids:
        if not _INSTANCE_ID.fullmatch(instance_id or ""):
            raise ec2_error(
                "InvalidInstanceID.Malformed", f'Invalid id: {quote(instance_id)} (expecting "i-...")'
            )
    found, missing = find_ec2_instances(ctx, instance_ids)
    if missing:
        raise _not_found(missing)
    return found


def describe_instances(ctx: RequestContext, params: dict[str, Any]) -> View:
    """DescribeInstances: one reservation per instance, by id and filters, paged when MaxResults is given."""
    refuse_dry_run(params)
    ids = params.get("InstanceIds")
    if ids and "MaxResults" in params:
        raise ec2_error(
            "InvalidParameterCombination",
            "The parameter instancesSet cannot be used with the parameter maxResults.",
        )
    instances = require_instances(ctx, ids) if ids else visible_ec2_instances(ctx)
    if not managed_resources.shown(ctx, params):
        # Hidden from this call, named or not (``managed``); a named one still had to exist.
        instances = []
    views = apply_filters(
        [instance_view(i, ctx) for i in instances], params.get("Filters", []), INSTANCE_FILTERS, tagged=True
    )
    answer = page(ctx, "DescribeInstances", views, params, "Instances", RESULT_LIMITS, ids)
    answer["Reservations"] = [
        {
            "ReservationId": stable_id("r-", view["InstanceId"]),
            "OwnerId": ACCOUNT_ID,
            "Groups": [],
            "Instances": [view],
        }
        for view in answer.pop("Instances")
    ]
    return answer


def _change(instance: Ec2Instance, previous: str, current: str) -> dict[str, Any]:
    return {
        "InstanceId": instance.instance_id,
        "CurrentState": _state(current),
        "PreviousState": _state(previous),
    }


def _incorrect_state(instance: Ec2Instance, state: str, doing: str) -> ServiceError:
    return ec2_error(
        "IncorrectInstanceState",
        f"The instance {quote(instance.instance_id)} is {state}: it cannot be {doing} in that state.",
    )


def stop_instances(ctx: RequestContext, params: dict[str, Any]) -> View:
    """StopInstances: running instances stop (answered ``stopping``, described ``stopped`` from now on)."""
    refuse_dry_run(params)
    instances = require_instances(ctx, params["InstanceIds"])
    states = [state_name(i, ctx) for i in instances]
    for instance, state in zip(instances, states, strict=True):
        if state == SHUTTING_DOWN:
            raise _incorrect_state(instance, state, "stopped")
        if state == RUNNING and instance.record.disable_api_stop:
            raise ec2_error(
                "OperationNotPermitted",
                f"The instance {quote(instance.instance_id)} may not be stopped. "
                "Modify its 'disableApiStop' instance attribute and try again.",
            )
    changes = []
    for instance, state in zip(instances, states, strict=True):
        if state == RUNNING:
            instance.record.run_state, instance.record.stopped_at = STOPPED, ctx.now
            save(ctx, instance)
        changes.append(_change(instance, state, "stopping" if state == RUNNING else state))
    return {"StoppingInstances": changes}


def start_instances(ctx: RequestContext, params: dict[str, Any]) -> View:
    """StartInstances: stopped instances start (answered ``pending``, described ``running`` from now on)."""
    refuse_dry_run(params)
    instances = require_instances(ctx, params["InstanceIds"])
    states = [state_name(i, ctx) for i in instances]
    for instance, state in zip(instances, states, strict=True):
        if state == SHUTTING_DOWN:
            raise _incorrect_state(instance, state, "started")
    changes = []
    for instance, state in zip(instances, states, strict=True):
        if state == STOPPED:
            instance.record.run_state, instance.record.launched_at = RUNNING, ctx.now
            save(ctx, instance)
        changes.append(_change(instance, state, "pending" if state == STOPPED else state))
    return {"StartingInstances": changes}


def _metadata_members() -> list[str]:
    """The options ModifyInstanceMetadataOptions changes: its members that its answer also shows."""
    operation = ec2_service_model().operation_model("ModifyInstanceMetadataOptions")
    assert operation.input_shape is not None and operation.output_shape is not None
    shown = operation.output_shape.members["InstanceMetadataOptions"]
    assert isinstance(shown, StructureShape)
    return [name for name in operation.input_shape.members if name in shown.members and name != "State"]


def _changeable(ctx: RequestContext, action: str, params: dict[str, Any]) -> Ec2Instance:
    """The instance a settings change names, once EC2 would let the caller change it (then DryRun)."""
    (instance,) = require_instances(ctx, [params["InstanceId"]])
    # DryRun: "If you have the required permissions, the error response is DryRunOperation.
    # Otherwise, it is UnauthorizedOperation." (EC2 API reference), so the refusal comes first.
    managed_resources.refuse_change(ctx, action, instance.instance_id)
    refuse_dry_run(params)
    return instance


def modify_instance_metadata_options(ctx: RequestContext, params: dict[str, Any]) -> View:
    """ModifyInstanceMetadataOptions: change the options given; the answer shows them ``pending``."""
    instance = _changeable(ctx, "ModifyInstanceMetadataOptions", params)
    if state_name(instance, ctx) == SHUTTING_DOWN:
        raise _incorrect_state(instance, SHUTTING_DOWN, "modified")
    hop_limit = params.get("HttpPutResponseHopLimit")
    # EC2's model gives the hop limit no range; WorkSpaces Instances' (the same IMDS) does.
    bounds = service_model().shape_for("HttpPutResponseHopLimit").metadata
    if hop_limit is not None and not bounds["min"] <= hop_limit <= bounds["max"]:
        raise ec2_error(
            "InvalidParameterValue",
            f"Value ({hop_limit}) for parameter HttpPutResponseHopLimit is invalid: "
            f"it must be between {bounds['min']} and {bounds['max']}.",
        )
    instance.record.metadata_options.update({k: params[k] for k in _metadata_members() if k in params})
    save(ctx, instance)
    return {
        "InstanceId": instance.instance_id,
        "InstanceMetadataOptions": {"State": "pending", **instance.record.metadata_options},
    }


def _requested_attribute(params: dict[str, Any]) -> tuple[str, Any]:
    """The one attribute a ModifyInstanceAttribute call changes, as (member name, member value)."""
    given = [name for name in params if name not in _NOT_ATTRIBUTES]
    if "Attribute" in params:
        if "Value" not in params:
            raise ec2_error("MissingParameter", "The request must contain the parameter Value.")
        given.append(params["Attribute"])
    if len(given) != 1:
        raise ec2_error(
            "InvalidParameterCombination",
            "No attribute to modify was given."
            if not given
            else f"Fields for multiple attribute types specified: {', '.join(given)}",
        )
    if "Attribute" not in params:
        return given[0], params[given[0]]
    name = _ATTRIBUTES.get(params["Attribute"])
    if name == "Groups":
        raise ec2_error(
            "InvalidParameterCombination", "Give the groups as GroupId.N, not as Attribute=groupSet."
        )
    if name is None:
        return params["Attribute"], None
    raw = params["Value"]
    if name == "InstanceType":
        return name, {"Value": raw}
    if raw.lower() not in ("true", "false"):
        raise ec2_error(
            "InvalidParameterValue",
            f"Value ({quote(raw)}) for parameter value is invalid: not true or false.",
        )
    return name, {"Value": raw.lower() == "true"}


def _groups(instance: Ec2Instance, group_ids: list[str]) -> list[dict[str, str]]:
    pattern = service_model().shape_for("SecurityGroupId").metadata["pattern"]
    for group_id in group_ids:
        if not re.fullmatch(pattern, group_id):
            raise ec2_error("InvalidGroupId.Malformed", f'Invalid id: {quote(group_id)} (expecting "sg-...")')
    # Names already known (the default group's, or ones launched by name) stay with their ids.
    known = {
        g["GroupId"]: g
        for g in [*instance.record.security_groups, default_security_group(instance.subnet.vpc_id)]
    }
    return [dict(known.get(group_id, {"GroupId": group_id})) for group_id in dict.fromkeys(group_ids)]


def modify_instance_attribute(ctx: RequestContext, params: dict[str, Any]) -> View:
    """ModifyInstanceAttribute: change one of InstanceType, Groups, EbsOptimized or DisableApiStop."""
    instance = _changeable(ctx, "ModifyInstanceAttribute", params)
    name, value = _requested_attribute(params)
    if name not in _ATTRIBUTES.values():
        raise ec2_error(
            "UnsupportedOperation",
            f"The emulator changes only the attributes {', '.join(_ATTRIBUTES)}; not {quote(name)}.",
        )
    state = state_name(instance, ctx)
    if state == SHUTTING_DOWN:
        raise _incorrect_state(instance, state, "modified")
    if name in _NEEDS_STOPPED and state != STOPPED:
        raise ec2_error(
            "IncorrectInstanceState",
            f"The instance {quote(instance.instance_id)} is not in the 'stopped' state.",
        )
    record = instance.record
    if name == "InstanceType":
        instance_type = value.get("Value")
        if instance_type not in ec2_service_model().shape_for("InstanceType").metadata["enum"]:
            raise ec2_error(
                "InvalidParameterValue", f"Invalid value {quote(instance_type)} for InstanceType."
            )
        record.instance_type = instance_type
    elif name == "Groups":
        record.security_groups = _groups(instance, value)
    elif name == "EbsOptimized":
        record.ebs_optimized = bool(value.get("Value"))
    else:
        record.disable_api_stop = bool(value.get("Value"))
    save(ctx, instance)
    return {}
