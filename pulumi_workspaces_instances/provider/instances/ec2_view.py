"""The EC2 view of a desktop: what ``DescribeInstances`` says about the instance behind it.

GetWorkspaceInstance names the EC2 instance (``EC2ManagedInstance.InstanceId``) but says nothing about it.
Refresh, and create once the instance is ALLOCATED, read it with one EC2 ``DescribeInstances`` (same
credentials, region and ``AWS_ENDPOINT_URL_EC2`` as the volume reads, :mod:`provider.aws.ec2`), plus one
``DescribeVolumes`` of its root volume for what DescribeInstances cannot tell (encryption, size, type). The
answer becomes outputs (:data:`VIEW_OUTPUTS`) and is compared with the declared ManagedInstance
(:mod:`provider.instances.drift`); every difference, and an instance that is not running, is one warning
line (:mod:`provider.reporting.diagnostics`). Nothing here ever changes the instance, fails the operation,
or feeds ``diff``.

When EC2 cannot tell — the caller lacks ``ec2:DescribeInstances`` (AccessDenied /
UnauthorizedOperation), the endpoint cannot be reached, or any other error — the outputs keep
their last known values and one warning says why. A module-level record per region and
endpoint makes that *once per run*: the provider host is one process per ``pulumi`` command (per
explicit provider), and after the first failure it stops asking EC2 for that region and endpoint,
so a fleet is neither flooded with warnings nor slowed by a dead endpoint (each read gives up
after :data:`VIEW_DEADLINE_SECONDS`, with the short timeouts of :func:`provider.aws.clients.probe_config`).
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Mapping, MutableMapping
from datetime import datetime
from typing import Any, TypedDict

from botocore.exceptions import BotoCoreError, ClientError

from ..aws import clients, consistency, ec2, waiter
from ..aws.errors import error_code
from ..inputs import properties
from ..reporting import diagnostics
from . import state
from .drift import Observed, drift_line, find_drift, state_line

DESCRIBE_INSTANCES = "DescribeInstances"
INSTANCE_NOT_FOUND_CODES = frozenset({"InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed"})
"""EC2's answers for an instance id it does not know."""
ALLOCATED = "ALLOCATED"

VIEW_ATTEMPTS = 2
"""botocore attempts per EC2 read (short timeouts: :func:`provider.aws.clients.probe_config`)."""
VIEW_DEADLINE_SECONDS = 10.0
"""How long one read keeps retrying throttling or a lost connection before giving up with a warning."""

NEW_VIEW_GRACE_SECONDS = 30.0
"""At most this long a create waits for EC2 to list a desktop it has just allocated (the service launched
the instance while ALLOCATING, so EC2 has known it for a while): longer would only stall a fleet whose EC2
endpoint cannot see the desktops, which then keep their EC2 outputs empty until a refresh."""

VIEW_OUTPUTS = (state.EC2_INSTANCE, state.PRIVATE_IP, state.PUBLIC_IP, state.AVAILABILITY_ZONE)
"""The outputs this module fills in."""


class MetadataOptionsView(TypedDict):
    """The instance metadata service (IMDS) options in effect."""

    http_tokens: str | None
    """``required`` (IMDSv2 only) or ``optional``."""
    http_endpoint: str | None
    """``enabled`` or ``disabled``."""
    http_put_response_hop_limit: int | None
    http_protocol_ipv6: str | None
    instance_metadata_tags: str | None


class RootVolumeView(TypedDict):
    """The root volume (``DescribeVolumes``; size, type and encryption are None when EC2 could not tell)."""

    device_name: str | None
    volume_id: str | None
    encrypted: bool | None
    volume_size: int | None
    """GiB."""
    volume_type: str | None


class Ec2InstanceView(TypedDict):
    """The ``ec2_instance`` output: the EC2 instance as ``DescribeInstances`` reported it last."""

    instance_id: str
    state: str | None
    """``pending``, ``running``, ``stopping``, ``stopped``, ``shutting-down`` or ``terminated``."""
    instance_type: str | None
    image_id: str | None
    subnet_id: str | None
    vpc_id: str | None
    availability_zone: str | None
    tenancy: str | None
    security_group_ids: list[str]
    security_group_names: list[str]
    metadata_options: MetadataOptionsView
    ebs_optimized: bool | None
    monitoring: str | None
    """Detailed monitoring: ``disabled``, ``disabling``, ``enabled`` or ``pending``."""
    root_volume: RootVolumeView
    launch_time: str | None
    """ISO 8601, UTC."""


# --- once per run: regions and endpoints where EC2 cannot tell ------------------------------------

_lock = threading.Lock()
_unavailable: dict[tuple[str, str, str | None], str] = {}
"""(operation, region, endpoint override) → why EC2 could not answer it, in this host process."""


def _key(operation: str, region: str) -> tuple[str, str, str | None]:
    return operation, region, clients.endpoint_override(ec2.ENDPOINT_VARIABLES)


def _skipped(operation: str, region: str) -> bool:
    with _lock:
        return _key(operation, region) in _unavailable


def _give_up(operation: str, region: str, line: str) -> None:
    """Stop asking ``operation`` in ``region`` for this run; warn the first time only."""
    with _lock:
        key = _key(operation, region)
        if key in _unavailable:
            return
        _unavailable[key] = line
    diagnostics.warning(line)


def forget() -> None:
    """Ask EC2 again (tests that change the endpoint or the faults between cases)."""
    with _lock:
        _unavailable.clear()


# --- the reads ------------------------------------------------------------------------------------


def prepare(region: str) -> None:
    """Make the EC2 client :func:`describe` uses now, in the background: a create calls this while it waits
    for ALLOCATED, so loading EC2's model (a tenth of a second) happens during the wait, not after it.

    Best effort: whatever fails here fails again, and is reported, when :func:`describe` makes the client.
    """

    def make() -> None:
        with contextlib.suppress(Exception):
            ec2.client_for(region, max_attempts=VIEW_ATTEMPTS)

    threading.Thread(target=make, name="ec2-view-client", daemon=True).start()


class _Missing:
    """EC2 does not know the instance."""


MISSING = _Missing()


def describe(region: str, ec2_instance_id: str) -> Observed | _Missing | None:
    """The instance (and its root volume) as EC2 reports it; MISSING; None when EC2 cannot tell.

    Never raises for an AWS error: a failure is a warning (once per run) and None.
    """
    if _skipped(DESCRIBE_INSTANCES, region):
        return None
    client = ec2.client_for(region, max_attempts=VIEW_ATTEMPTS)
    try:
        answer = waiter.call(
            functools.partial(client.describe_instances, InstanceIds=[ec2_instance_id], **ec2.MANAGED_TOO),
            waiter.Deadline(VIEW_DEADLINE_SECONDS),
        )
    except (ClientError, BotoCoreError) as exc:
        if error_code(exc) in INSTANCE_NOT_FOUND_CODES:
            return MISSING
        _give_up(
            DESCRIBE_INSTANCES, region, _unavailable_line(DESCRIBE_INSTANCES, exc, region, ec2_instance_id)
        )
        return None
    instance = _find(answer, ec2_instance_id)
    if instance is None:
        return MISSING
    return Observed(instance, _root_volume(client, region, instance))


def describe_new(region: str, ec2_instance_id: str) -> Observed | _Missing | None:
    """:func:`describe` of an instance just allocated: EC2 not knowing it yet is its eventual consistency,
    so it is asked again until the grace of a new resource (:mod:`provider.aws.consistency`) runs out, at most
    :data:`NEW_VIEW_GRACE_SECONDS`.

    Without this, the ``availability_zone`` a volume of the same program is created in would stay unknown
    after a create that EC2 answered a moment too early.
    """
    new = consistency.grace(waiter.Deadline(NEW_VIEW_GRACE_SECONDS))

    def look() -> tuple[Observed | _Missing | None] | None:
        observed = describe(region, ec2_instance_id)
        if isinstance(observed, _Missing) and not new.expired():
            return None  # not visible yet: look again on the polling schedule
        return (observed,)

    try:
        (found,) = waiter.poll(look, waiter.Deadline(new.seconds))
    except waiter.WaitTimeout:
        return MISSING
    return found


def _find(answer: Mapping[str, Any], ec2_instance_id: str) -> dict[str, Any] | None:
    for reservation in answer.get("Reservations") or []:
        for instance in reservation.get("Instances") or []:
            if instance.get("InstanceId") == ec2_instance_id:
                return dict(instance)
    return None


def root_volume_id(instance: Mapping[str, Any]) -> str | None:
    """The id of the EBS volume on the instance's root device, if DescribeInstances lists it."""
    root = instance.get("RootDeviceName")
    for mapping in instance.get("BlockDeviceMappings") or []:
        if root and mapping.get("DeviceName") == root:
            volume_id = (mapping.get("Ebs") or {}).get("VolumeId")
            return str(volume_id) if volume_id else None
    return None


def _root_volume(client: ec2.Ec2Client, region: str, instance: Mapping[str, Any]) -> dict[str, Any] | None:
    volume_id = root_volume_id(instance)
    if volume_id is None or _skipped(ec2.DESCRIBE_VOLUMES, region):
        return None
    try:
        return ec2.describe_volume(client, volume_id, waiter.Deadline(VIEW_DEADLINE_SECONDS))
    except (ClientError, BotoCoreError) as exc:
        line = _unavailable_line(ec2.DESCRIBE_VOLUMES, exc, region, volume_id)
        _give_up(ec2.DESCRIBE_VOLUMES, region, line)
        return None


def _unavailable_line(operation: str, exc: BaseException, region: str, target: str) -> str:
    cause = ec2.describe_ec2_error(operation, exc, target)
    if operation == DESCRIBE_INSTANCES:
        consequence = (
            "refresh goes on with what WorkSpaces Instances reports: ec2_instance, private_ip, public_ip "
            "and availability_zone keep their last known values and drift inside the desktops is not "
            "checked"
        )
    else:
        consequence = (
            "ec2_instance.root_volume keeps its last known encryption, size and type and the root "
            "volumes' drift is not checked"
        )
    return f"EC2 {operation} unavailable in {region} for this run: {cause}; {consequence}"


# --- the outputs ----------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _integer(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def view(observed: Observed, previous: Mapping[str, Any] | None = None) -> Ec2InstanceView:
    """The ``ec2_instance`` output for what EC2 reported.

    The root volume's size, type and encryption come from ``previous`` when DescribeVolumes could
    not tell this time (and it is the same volume).
    """
    instance = observed.instance
    metadata = instance.get("MetadataOptions") or {}
    placement = instance.get("Placement") or {}
    groups = instance.get("SecurityGroups") or []
    launched = instance.get("LaunchTime")
    volume = observed.root_volume
    volume_id = root_volume_id(instance)
    root: RootVolumeView = {
        "device_name": _text(instance.get("RootDeviceName")),
        "volume_id": volume_id,
        "encrypted": _flag(volume.get("Encrypted")) if volume else None,
        "volume_size": _integer(volume.get("Size")) if volume else None,
        "volume_type": _text(volume.get("VolumeType")) if volume else None,
    }
    known = (previous or {}).get("root_volume")
    if volume is None and isinstance(known, Mapping) and known.get("volume_id") == volume_id:
        root["encrypted"] = _flag(known.get("encrypted"))
        root["volume_size"] = _integer(known.get("volume_size"))
        root["volume_type"] = _text(known.get("volume_type"))
    return {
        "instance_id": str(instance.get("InstanceId") or ""),
        "state": _text((instance.get("State") or {}).get("Name")),
        "instance_type": _text(instance.get("InstanceType")),
        "image_id": _text(instance.get("ImageId")),
        "subnet_id": _text(instance.get("SubnetId")),
        "vpc_id": _text(instance.get("VpcId")),
        "availability_zone": _text(placement.get("AvailabilityZone")),
        "tenancy": _text(placement.get("Tenancy")),
        "security_group_ids": [str(group.get("GroupId")) for group in groups if group.get("GroupId")],
        "security_group_names": [str(group.get("GroupName")) for group in groups if group.get("GroupName")],
        "metadata_options": {
            "http_tokens": _text(metadata.get("HttpTokens")),
            "http_endpoint": _text(metadata.get("HttpEndpoint")),
            "http_put_response_hop_limit": _integer(metadata.get("HttpPutResponseHopLimit")),
            "http_protocol_ipv6": _text(metadata.get("HttpProtocolIpv6")),
            "instance_metadata_tags": _text(metadata.get("InstanceMetadataTags")),
        },
        "ebs_optimized": _flag(instance.get("EbsOptimized")),
        "monitoring": _text((instance.get("Monitoring") or {}).get("State")),
        "root_volume": root,
        "launch_time": launched.isoformat() if isinstance(launched, datetime) else _text(launched),
    }


def observe(outs: MutableMapping[str, Any], *, refreshing: bool) -> None:
    """Read the EC2 view of an ALLOCATED desktop into ``outs`` and warn about what it shows.

    ``outs`` is the resource's output bag (:func:`provider.instances.state.outputs`), holding the last known
    EC2 outputs, which stay as they are when EC2 cannot tell. ``refreshing`` is False at create, where an
    instance EC2 does not list yet is EC2's eventual consistency, not news.
    """
    ec2_instance_id = outs.get(state.EC2_INSTANCE_ID)
    if outs.get(state.PROVISION_STATE) != ALLOCATED or not ec2_instance_id:
        return
    region = str(outs.get(properties.REGION) or "")
    subject = f"{state.resource_name(outs)} ({outs.get(state.WORKSPACE_INSTANCE_ID)})"
    identity = str(outs.get(properties.IDENTITY) or "")
    # At create, an instance EC2 does not list yet is EC2's eventual consistency, not news.
    observed = (describe if refreshing else describe_new)(region, str(ec2_instance_id))
    if observed is None:
        return
    if isinstance(observed, _Missing):
        line = state_line(subject, str(ec2_instance_id), None, identity)
        if refreshing and line is not None:
            diagnostics.warning(line)
        return
    current = view(observed, outs.get(state.EC2_INSTANCE))
    outs[state.EC2_INSTANCE] = current
    outs[state.PRIVATE_IP] = _text(observed.instance.get("PrivateIpAddress"))
    outs[state.PUBLIC_IP] = _text(observed.instance.get("PublicIpAddress"))
    outs[state.AVAILABILITY_ZONE] = current["availability_zone"]
    lines = [state_line(subject, str(ec2_instance_id), current["state"], identity)]
    lines += [
        drift_line(subject, str(ec2_instance_id), drift, identity)
        for drift in find_drift(outs.get(state.MANAGED_INSTANCE), observed)
    ]
    for line in lines:
        if line is not None:
            diagnostics.warning(line)


def observe_safely(outs: MutableMapping[str, Any], *, refreshing: bool) -> None:
    """:func:`observe`, where nothing may fail the operation (create: the instance is already claimed).

    Any unexpected error becomes one warning and leaves the EC2 outputs as they were.
    """
    try:
        observe(outs, refreshing=refreshing)
    except Exception as exc:  # the desktop exists and is recorded whatever EC2 says
        diagnostics.warning(
            f"{state.resource_name(outs)} ({outs.get(state.WORKSPACE_INSTANCE_ID)}): reading the EC2 "
            f"view failed ({type(exc).__name__}: {' '.join(str(exc).split())[:300]}); its EC2 outputs "
            "keep their last known values; `pulumi refresh` reads them again"
        )
