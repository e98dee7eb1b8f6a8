"""Switches for the parts of AWS that are inconvenient to a client: each one documented, each one settable.

The emulator is this project's picture of AWS, so it must not be kinder than AWS. Where AWS documents a
behaviour, the default here is AWS's; where AWS documents nothing either way, the behaviour is a switch
whose default is the milder one, and the test suite proves the provider survives both settings. Every
switch is set the same three ways, all derived from the fields below (one list, no copies):

- ``Emulator(behaviour=Behaviour(visibility_lag_seconds=2))`` in Python;
- ``workspaces-instances-emulator --visibility-lag-seconds 2`` (each field a flag, ``_`` → ``-``;
  booleans as ``--name``/``--no-name``);
- ``POST /_emulator/behaviour`` with ``{"visibility_lag_seconds": 2}`` (any subset of the fields;
  ``GET`` answers them all). ``POST /_emulator/reset`` restores the switches the emulator started with.

Each field's comment names the AWS source of the behaviour, or says that AWS documents none.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_type_hints

from ..core.limits import quote

ZoneChoice = Literal["ec2", "first"]
Ec2Changes = Literal["refuse", "allow"]
Visibility = Literal["visible", "hidden"]

#: The longest time a switch takes in seconds (an hour: a lag longer would only stall a client).
MAX_SECONDS = 3600.0


@dataclass(frozen=True)
class Behaviour:
    """How the emulated service treats its callers where AWS is eventually consistent, strict or silent."""

    #: Seconds during which a new workspace instance, volume or EC2 instance is unknown to every call
    #: that names it or lists it (ResourceNotFoundException, ``InvalidVolume.NotFound``,
    #: ``InvalidInstanceID.NotFound``; left out of lists). Source: the EC2 API reference, "Eventual
    #: consistency in the Amazon EC2 API": a resource may not be visible, or modifiable, right after the
    #: call that created it. WorkSpaces Instances documents nothing either way. 0: reads see writes at once.
    visibility_lag_seconds: float = field(
        default=0.0, metadata={"help": "seconds a new instance or volume is unknown to calls naming it"}
    )
    #: DeleteWorkspaceInstance on an ALLOCATING instance answers ConflictException ("a conflict with the
    #: current state of the resource", the model's description) instead of starting the deletion. AWS
    #: documents neither; False accepts the deletion.
    #: Seconds a DEALLOCATED instance still answers GetWorkspaceInstance and shows in
    #: ListWorkspaceInstances before the service forgets it (then ResourceNotFoundException; a create
    #: repeating the ClientToken that made it still answers its id, as no idempotency window is documented).
    #: WorkSpaces Instances documents no figure; EC2 keeps a terminated instance visible "for a short while"
    #: (about an hour: EC2 User Guide, "Terminate Amazon EC2 instances").
    deallocated_visible_seconds: float = field(
        default=MAX_SECONDS, metadata={"help": "seconds a DEALLOCATED instance is still known"}
    )
    delete_conflict_while_allocating: bool = field(
        default=False, metadata={"help": "DeleteWorkspaceInstance while ALLOCATING: ConflictException"}
    )
    #: Where an instance lands when Placement.AvailabilityZone names no zone (``zones``): ``ec2`` puts it
    #: in its subnet's zone, else lets the emulator choose among the region's zones as EC2 does
    #: (RunInstances: "If you don't specify a subnet ID, we choose a default subnet from your default VPC
    #: for you"), so a client cannot assume one; ``first`` always takes the region's first zone.
    zone_choice: ZoneChoice = field(
        default="ec2", metadata={"help": "zone of an instance placed nowhere: EC2's choice, or the first"}
    )
    #: EC2 calls that change the settings of the EC2 instance behind a workspace instance (a managed
    #: instance): ModifyInstanceAttribute and ModifyInstanceMetadataOptions. ``refuse`` answers them as EC2
    #: answers a caller its permissions do not allow (``UnauthorizedOperation``, 403) and changes nothing:
    #: the EC2 User Guide, "Amazon EC2 instances", says "You can't directly modify the settings of a
    #: managed instance" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Instances.html; likewise
    #: amazon-ec2-managed-instances.html), and the WorkSpaces Core guide, "Architecture", that mutable
    #: operations go through WorkSpaces Core instead of native EC2 APIs
    #: (https://docs.aws.amazon.com/workspaces-core/latest/pg/instance-architecture.html). The error code
    #: is not documented; UnauthorizedOperation is what EC2 was seen answering for another service's
    #: managed instances (aws/eks-node-monitoring-agent pull request 151). Still served on them:
    #: StopInstances and StartInstances (the WorkSpaces Core admin guide's example policy grants them,
    #: https://docs.aws.amazon.com/workspaces-core/latest/ag/workspaces-access-control.html) and
    #: CreateTags/DeleteTags (the managed instances page: tags can be added, changed and removed).
    #: ``allow`` applies every change, for tests that need drift inside a desktop that AWS itself would
    #: have to cause.
    managed_instance_ec2_changes: Ec2Changes = field(
        default="refuse", metadata={"help": "EC2 calls changing a desktop's EC2 instance: refused as on AWS"}
    )
    #: The account's default visibility of managed resources, as EC2's GetManagedResourceVisibility
    #: answers it and ModifyManagedResourceVisibility sets it. ``hidden`` leaves the instances and volumes
    #: WorkSpaces Instances manages out of DescribeInstances, DescribeVolumes and
    #: DescribeVolumesModifications, listed or named, unless the call sets IncludeManagedResources (EC2
    #: API reference, ManagedResourceVisibilitySettings: "hidden indicates that managed resources are not
    #: included in Describe operation responses by default"; DescribeInstances.IncludeManagedResources).
    #: AWS documents no default for the account setting, so the default here is the milder ``visible``.
    managed_resource_visibility: Visibility = field(
        default="visible", metadata={"help": "the account's default visibility of managed resources in EC2"}
    )
    #: A CreateWorkspaceInstance whose BlockDeviceMappings make a new EBS volume (any device but the
    #: AMI's root device) without VolumeSize ends ERROR_ALLOCATING with RunInstances' MissingParameter (EC2
    #: API reference, EbsBlockDevice.VolumeSize: "You must specify either a snapshot ID or a volume size";
    #: see ``block_devices``). False gives such a volume 8 GiB instead.
    require_mapping_size: bool = field(
        default=True, metadata={"help": "a non-root EBS mapping needs VolumeSize or SnapshotId"}
    )

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every switch's name."""
        return tuple(field.name for field in dataclasses.fields(cls))

    @classmethod
    def help_of(cls, name: str) -> str:
        """A switch's one-line description (for the command line)."""
        return str(next(f for f in dataclasses.fields(cls) if f.name == name).metadata["help"])

    @classmethod
    def kind_of(cls, name: str) -> Any:
        """The type of a switch: ``float``, ``bool`` or a ``Literal`` of its choices."""
        return get_type_hints(cls, globals())[name]

    def as_dict(self) -> dict[str, Any]:
        """Every switch and its value (the control plane's answer)."""
        return dataclasses.asdict(self)

    def updated(self, changes: Any) -> Behaviour:
        """A copy with ``changes`` (a JSON object of some switches) applied; ValueError names a bad one."""
        if not isinstance(changes, dict):
            raise ValueError(f"send a JSON object of switches, got {quote(changes, 80)}")
        known = self.names()
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in known:
                close = difflib.get_close_matches(str(name), known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; the switches are {', '.join(known)}"
                raise ValueError(f"unknown switch {quote(name, 60)}{hint}")
            values[name] = checked_value(name, self.kind_of(name), value)
        return dataclasses.replace(self, **values)


def checked_value(name: str, kind: Any, value: Any) -> Any:
    """``value`` if it fits the switch's type (ValueError naming the switch otherwise)."""
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be true or false, got {quote(value, 60)}")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"{name} must be a number of seconds, got {quote(value, 60)}")
        if not 0 <= value <= MAX_SECONDS:
            raise ValueError(f"{name} must be between 0 and {MAX_SECONDS:g}, got {value}")
        return float(value)
    choices = get_args(kind)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, got {quote(value, 60)}")
    return value
