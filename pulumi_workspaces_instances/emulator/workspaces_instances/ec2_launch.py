"""The EC2 instance behind each workspace instance: what it was launched with, and which exist now.

A workspace instance's EC2 instance exists once the workspace instance is ALLOCATED. While its
deletion runs (DEALLOCATING) the EC2 instance is ``shutting-down``; when the deletion completes
(DEALLOCATED) it vanishes from every EC2 answer at once, with the volumes launched with it. (EC2
keeps a terminated instance visible for a while; tests would then have to filter it out, and
nothing they check needs it.) If the deletion fails (ERROR_DEALLOCATING) it is still there as it was.

Launched from the ManagedInstance the workspace instance was created with:

- type, image, key, IAM profile, tenancy and the zone the workspace instance is placed in (``zones``:
  Placement's, else the named subnet's, else one EC2 chooses);
- subnet: ``SubnetId``, else the primary network interface's (DeviceIndex 0, else the first), else
  the zone's default subnet (see ``ec2_network`` for the VPC and addresses derived from it);
- security groups: ``SecurityGroupIds``, else ``SecurityGroups`` (names), else the primary
  interface's ``Groups``, else the VPC's ``default`` group;
- private address: ``PrivateIpAddress`` (or the primary interface's), else the next of the subnet;
  a public address when the primary interface sets ``AssociatePublicIpAddress``;
- MetadataOptions over EC2's defaults (DEFAULT_METADATA_OPTIONS), EbsOptimized, Monitoring,
  DisableApiStop; tags from the TagSpecifications for ``instance``;
- volumes: the AMI's root device, named and sized as the catalogue image has it, and each
  BlockDeviceMappings entry with Ebs (``block_devices``: a mapping that names the root device sets
  the root volume's size, type, IOPS, throughput and encryption; one that names another device is a
  new volume), tagged with the TagSpecifications for ``volume``. They show in DescribeVolumes,
  ``in-use`` with DeleteOnTermination, after the volumes made with CreateVolume; CreateTags and
  DeleteTags change them.

What calls can change afterwards (type, groups, metadata options, EbsOptimized, DisableApiStop,
running or stopped, tags) is an ``Ec2InstanceRecord``, stored only once changed; until then it is
derived afresh from the ManagedInstance, the same on every read, so old state files need nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .block_devices import planned_volumes
from .catalogue import CatalogueImage
from .context import RequestContext
from .ec2_network import (
    Subnet,
    default_security_group,
    default_subnet,
    named_security_group,
    named_subnet,
    named_subnet_id,
    primary_interface,
    stable_id,
)
from .instances import ec2_instance_id, state_of
from .record_store import all_instances, save_ec2_instance, stored_ec2_instances
from .records import Ec2InstanceRecord, InstanceRecord, Tag, VolumeAttachment, VolumeConfig, VolumeRecord
from .tag_rules import normalise

#: EC2's instance metadata options for an instance launched without any (an AMI without
#: ``ImdsSupport: v2.0``, which the emulator's AMIs do not claim).
DEFAULT_METADATA_OPTIONS: dict[str, Any] = {
    "HttpTokens": "optional",
    "HttpPutResponseHopLimit": 1,
    "HttpEndpoint": "enabled",
    "HttpProtocolIpv6": "disabled",
    "InstanceMetadataTags": "disabled",
}
DEFAULT_VOLUME_TYPE = "gp3"
RUNNING, STOPPED, SHUTTING_DOWN = "running", "stopped", "shutting-down"


@dataclass
class Ec2Instance:
    """One existing EC2 instance: its workspace instance, its changeable state and where it is."""

    workspace: InstanceRecord
    record: Ec2InstanceRecord
    subnet: Subnet
    private_ip: str
    #: The AMI it was launched from (the catalogue's image, or the default image for another AMI).
    image: CatalogueImage

    @property
    def instance_id(self) -> str:
        """The EC2 instance id."""
        return self.record.ec2_instance_id

    @property
    def managed(self) -> dict[str, Any]:
        """The ManagedInstance it was launched with."""
        return self.workspace.managed_instance

    @property
    def zone(self) -> str:
        """Its availability zone: the one its workspace instance was placed in at create (``zones``)."""
        return self.workspace.availability_zone

    @property
    def root_device_name(self) -> str:
        """The device the AMI boots from."""
        return self.image.root_device_name


def state_name(instance: Ec2Instance, ctx: RequestContext) -> str:
    """EC2's state now: ``shutting-down`` while the workspace instance is being deleted, else its own."""
    if state_of(instance.workspace, ctx) == "DEALLOCATING":
        return SHUTTING_DOWN
    return instance.record.run_state


def _subnet(workspace: InstanceRecord, region: str) -> Subnet:
    subnet_id = named_subnet_id(workspace.managed_instance)
    return named_subnet(subnet_id) if subnet_id else default_subnet(region, workspace.availability_zone)


def _security_groups(managed: dict[str, Any], vpc_id: str) -> list[dict[str, str]]:
    default = default_security_group(vpc_id)
    ids = managed.get("SecurityGroupIds") or primary_interface(managed).get("Groups")
    if ids:
        # Only the default group's name is known; EC2 would name the others from its own records.
        return [default if group_id == default["GroupId"] else {"GroupId": group_id} for group_id in ids]
    names = managed.get("SecurityGroups")
    if names:
        return [named_security_group(vpc_id, name) for name in names]
    return [default]


def _spec_tags(managed: dict[str, Any], resource_type: str) -> list[Tag]:
    tags: list[Tag] = []
    for spec in managed.get("TagSpecifications") or []:
        if spec.get("ResourceType") == resource_type:
            tags.extend(normalise(spec.get("Tags", [])))
    return tags


def _launched(workspace: InstanceRecord, vpc_id: str) -> Ec2InstanceRecord:
    """The changeable state as launched, before any call changed it."""
    managed = workspace.managed_instance
    return Ec2InstanceRecord(
        ec2_instance_id=workspace.ec2_instance_id,
        workspace_instance_id=workspace.workspace_instance_id,
        instance_type=managed["InstanceType"],
        security_groups=_security_groups(managed, vpc_id),
        metadata_options={**DEFAULT_METADATA_OPTIONS, **(managed.get("MetadataOptions") or {})},
        ebs_optimized=bool(managed.get("EbsOptimized", False)),
        disable_api_stop=bool(managed.get("DisableApiStop", False)),
        run_state=RUNNING,
        launched_at=workspace.created_at,
        tags=_spec_tags(managed, "instance"),
    )


def _exists(workspace: InstanceRecord, ctx: RequestContext) -> bool:
    return ec2_instance_id(workspace, ctx) is not None and state_of(workspace, ctx) != "DEALLOCATED"


def ec2_instances(ctx: RequestContext) -> list[Ec2Instance]:
    """Every EC2 instance of the caller's region that exists now, in the order they were launched."""
    stored = stored_ec2_instances(ctx)
    placed: dict[str, int] = {}
    found = []
    for workspace in all_instances(ctx):
        subnet = _subnet(workspace, ctx.region)
        # Every instance ever placed in the subnet takes the next address, so none is reused.
        ordinal = placed.get(subnet.subnet_id, 0)
        placed[subnet.subnet_id] = ordinal + 1
        if not _exists(workspace, ctx):
            continue
        managed = workspace.managed_instance
        explicit_ip = managed.get("PrivateIpAddress") or primary_interface(managed).get("PrivateIpAddress")
        record = stored.get(workspace.ec2_instance_id) or _launched(workspace, subnet.vpc_id)
        found.append(
            Ec2Instance(
                workspace=workspace,
                record=record,
                subnet=subnet,
                private_ip=explicit_ip or subnet.address(ordinal),
                image=ctx.catalogue.image_of(managed.get("ImageId")),
            )
        )
    return found


def visible_ec2_instances(ctx: RequestContext) -> list[Ec2Instance]:
    """The EC2 instances a caller can see: those that exist, less those still in the read-after-create lag.

    An EC2 instance comes to be when its workspace instance is allocated, so its lag runs from then: a client
    that sees ALLOCATED may still not find the EC2 instance behind it.
    """
    return [
        instance
        for instance in ec2_instances(ctx)
        if ctx.sees(instance.workspace.created_at + ctx.timing.allocate_seconds)
    ]


def find_ec2_instances(ctx: RequestContext, instance_ids: list[str]) -> tuple[list[Ec2Instance], list[str]]:
    """The named instances a caller can see (in the order named, once each) and the ids of the others."""
    by_id = {instance.instance_id: instance for instance in visible_ec2_instances(ctx)}
    wanted = list(dict.fromkeys(instance_ids))
    return [by_id[i] for i in wanted if i in by_id], [i for i in wanted if i not in by_id]


def save(ctx: RequestContext, instance: Ec2Instance) -> None:
    """Keep the instance's changeable state (from now on it is read back, not derived)."""
    save_ec2_instance(ctx, instance.record)


def volumes_launched_with(instance: Ec2Instance) -> list[VolumeRecord]:
    """The root volume and the BlockDeviceMappings volumes of an instance, as volume records."""
    managed = instance.managed
    spec_tags = _spec_tags(managed, "volume")
    # Made when the instance was first launched (a restart keeps its volumes).
    created_at = instance.workspace.created_at
    volumes = []
    for planned in planned_volumes(instance.image, managed):
        ebs = planned.ebs
        volume_id = stable_id("vol-", instance.instance_id, planned.device)
        volumes.append(
            VolumeRecord(
                volume_id=volume_id,
                availability_zone=instance.zone,
                config=VolumeConfig(
                    size_gib=planned.size_gib,
                    volume_type=ebs.get("VolumeType", DEFAULT_VOLUME_TYPE),
                    iops=ebs.get("Iops"),
                    throughput=ebs.get("Throughput"),
                ),
                encrypted=bool(ebs.get("Encrypted", False)),
                kms_key_id=ebs.get("KmsKeyId"),
                # The root volume is made from the AMI's snapshot.
                snapshot_id=instance.image.root_snapshot_id if planned.root else None,
                created_at=created_at,
                attachment=VolumeAttachment(
                    instance.workspace.workspace_instance_id,
                    planned.device,
                    created_at,
                    delete_on_termination=True,
                ),
                tags=instance.record.volume_tags.get(volume_id, spec_tags),
            )
        )
    return volumes


def launch_devices(ctx: RequestContext, workspace_instance_id: str) -> list[str]:
    """The devices that the volumes launched with a workspace instance's EC2 instance occupy."""
    return [
        volume.attachment.device
        for instance in ec2_instances(ctx)
        if instance.workspace.workspace_instance_id == workspace_instance_id
        for volume in volumes_launched_with(instance)
        if volume.attachment is not None
    ]


def visible_launch_volumes(ctx: RequestContext) -> list[VolumeRecord]:
    """The volumes launched with the EC2 instances a caller can see (they share their instance's lag)."""
    return [volume for instance in visible_ec2_instances(ctx) for volume in volumes_launched_with(instance)]
