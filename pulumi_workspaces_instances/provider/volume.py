"""``Volume`` and ``VolumeAttachment``: EBS volumes of WorkSpaces Instances as Pulumi resources.

Both are ``pulumi.dynamic.Resource`` classes (type tokens
``pulumi-python:dynamic/workspacesinstances:Volume`` and ``…:VolumeAttachment``) backed by
:class:`.volume_provider.VolumeProvider` and :class:`.attachment_provider.VolumeAttachmentProvider`.
This module runs in the user's program: it marks the secret inputs, names the resource's identity
for ClientTokens and declares the outputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi
import pulumi.dynamic

from .attachment_provider import VolumeAttachmentProvider
from .inputs.arguments import init_checked, refuse_import, warn_custom_timeouts
from .seed import InstanceSeed
from .volume_provider import VolumeProvider
from .volumes import state as vs
from .workspace_instance import resource_identity

SEED_SUFFIX = "-volume-seed"
"""Appended to the volume's name to name its seed (not the instance's suffix: a WorkspaceInstance and a
Volume may share a name, their seeds may not)."""


def _secret(value: Any) -> Any:
    return None if value is None else pulumi.Output.secret(value)


def _seed_options(opts: pulumi.ResourceOptions | None) -> pulumi.ResourceOptions:
    """The seed sits beside the volume: same parent and provider, protected with it."""
    opts = opts or pulumi.ResourceOptions()
    return pulumi.ResourceOptions(parent=opts.parent, provider=opts.provider, protect=opts.protect)


class Volume(pulumi.dynamic.Resource, module="workspacesinstances", name="Volume"):
    """An EBS volume for WorkSpaces Instances (CreateVolume/ModifyVolume/DeleteVolume, read through EC2).

    ``size_in_gb`` (grow only), ``volume_type``, ``iops`` and ``throughput`` change **in place** with
    ModifyVolume, ``tags`` in place with EC2 CreateTags/DeleteTags; a smaller ``size_in_gb`` is
    refused at preview. ``availability_zone``, ``encrypted``, ``kms_key_id``, ``snapshot_id``,
    ``region`` and ``client_token`` replace the volume — its data is lost — and by default the old
    volume is deleted before the new one is created (``ResourceOptions(delete_before_replace=False)``
    turns that off). ``timeouts`` only change how long Pulumi waits. Unset ``size_in_gb``,
    ``volume_type``, ``iops`` and ``throughput`` mean "as the volume is": their outputs show EC2's values.
    """

    volume_id: pulumi.Output[str]
    """The volume id (``vol-…``): the resource id itself, so a preview knows it whenever the engine
    does (it stays known across an in-place update; a dependent attachment is not replaced)."""
    state: pulumi.Output[str]
    """EC2's state of the volume at the last create, update or refresh (``available``, ``in-use``)."""
    attachments: pulumi.Output[list[dict[str, str]]]
    """Where EC2 showed the volume attached (``ec2_instance_id``, ``device``, ``state``), by anyone."""
    availability_zone: pulumi.Output[str]
    """The zone the volume is in."""
    size_in_gb: pulumi.Output[int]
    """The size in GiB, as EC2 reports it."""
    volume_type: pulumi.Output[str]
    """The EBS volume type, as EC2 reports it."""
    iops: pulumi.Output[int | None]
    """The provisioned (or baseline) IOPS, as EC2 reports it."""
    throughput: pulumi.Output[int | None]
    """The throughput in MiB/s (gp3), as EC2 reports it."""
    encrypted: pulumi.Output[bool | None]
    """Whether encryption was asked for (as declared)."""
    kms_key_id: pulumi.Output[str | None]
    """The KMS key asked for (as declared; secret)."""
    snapshot_id: pulumi.Output[str | None]
    """The snapshot the volume was created from."""
    tags: pulumi.Output[dict[str, str]]
    """The volume's tags, as EC2 reports them (without AWS's own ``aws:…`` tags)."""
    region: pulumi.Output[str]
    """The region the volume lives in."""
    client_token: pulumi.Output[str | None]
    """The user-supplied ClientToken, if any (secret)."""
    timeouts: pulumi.Output[dict[str, str] | None]
    """The create/update/delete timeouts in effect."""

    @init_checked("Volume")
    def __init__(
        self,
        resource_name: str,
        *,
        availability_zone: pulumi.Input[str],
        size_in_gb: pulumi.Input[int] | None = None,
        volume_type: pulumi.Input[str] | None = None,
        iops: pulumi.Input[int] | None = None,
        throughput: pulumi.Input[int] | None = None,
        encrypted: pulumi.Input[bool] | None = None,
        kms_key_id: pulumi.Input[str] | None = None,
        snapshot_id: pulumi.Input[str] | None = None,
        tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        region: pulumi.Input[str] | None = None,
        client_token: pulumi.Input[str] | None = None,
        timeouts: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a volume (arguments after the name are keyword-only, ``opts`` last).

        :param availability_zone: the zone, e.g. ``"us-east-1a"``; attach it only to instances there.
        :param size_in_gb: size in GiB (required unless ``snapshot_id``); can grow in place, never shrink.
        :param volume_type: ``gp3``, ``gp2``, ``io1``, ``io2``, ``st1``, ``sc1`` or ``standard``;
            changes in place.
        :param iops: provisioned IOPS (gp3, io1, io2; required for io1/io2); changes in place.
        :param throughput: MiB/s (gp3 only); changes in place.
        :param encrypted: encrypt the volume; unset, the account's EBS default applies.
        :param kms_key_id: the KMS key for encryption (needs ``encrypted`` not False; kept secret).
        :param snapshot_id: create the volume from this snapshot.
        :param tags: tag keys to values; set at creation, changed in place afterwards (EC2
            CreateTags/DeleteTags: ``ec2:CreateTags`` and ``ec2:DeleteTags`` in the IAM policy).
        :param region: where to create it; default ``aws:region`` config, then the AWS environment.
        :param client_token: a fixed idempotency token (secret); by default one is derived per create.
        :param timeouts: ``{"create": "10m", "update": "30m", "delete": "10m"}`` (the defaults).
        """
        refuse_import("Volume", resource_name, opts)
        seed = InstanceSeed(resource_name + SEED_SUFFIX, opts=_seed_options(opts))
        secrets = vs.secret_inputs()
        given: dict[str, Any] = {
            vs.AVAILABILITY_ZONE: availability_zone,
            vs.SIZE_IN_GB: size_in_gb,
            vs.VOLUME_TYPE: volume_type,
            vs.IOPS: iops,
            vs.THROUGHPUT: throughput,
            vs.ENCRYPTED: encrypted,
            vs.KMS_KEY_ID: kms_key_id,
            vs.SNAPSHOT_ID: snapshot_id,
            vs.TAGS: tags,
            vs.REGION: region,
            vs.CLIENT_TOKEN: client_token,
            vs.TIMEOUTS: timeouts,
        }
        props: dict[str, Any] = {
            name: _secret(value) if name in secrets else value for name, value in given.items()
        }
        props.update(
            {
                vs.IDENTITY: resource_identity(resource_name, opts),
                # Waiting on the seed's output makes Pulumi save the seed before this create starts.
                vs.SEED: seed.seed,
                # Computed outputs must be present (as None) to become attributes of the resource.
                vs.VOLUME_ID: None,
                vs.VOLUME_STATE: None,
                vs.ATTACHMENTS: None,
            }
        )
        opts = opts or pulumi.ResourceOptions()
        defaults = pulumi.ResourceOptions(
            additional_secret_outputs=list(secrets),
            # A --replace with unchanged inputs would derive the old volume's ClientToken and get the
            # live old volume back; deleted first, it cannot be (volume_provider.py).
            delete_before_replace=True if opts.delete_before_replace is None else None,
        )
        super().__init__(VolumeProvider(), resource_name, props, pulumi.ResourceOptions.merge(opts, defaults))
        # At preview every output of a volume being updated is unknown but its id (the SDK's
        # dynamic host drops a diff's stable outputs): an attachment given volume_id stays put.
        self.volume_id = self.id
        warn_custom_timeouts(self, "Volume", opts, tuple(vs.VOLUME_TIMEOUTS))


class VolumeAttachment(pulumi.dynamic.Resource, module="workspacesinstances", name="VolumeAttachment"):
    """A volume attached to a workspace instance (AssociateVolume/DisassociateVolume, read through EC2).

    Pass the instance's ``workspace_instance_id`` and the volume's ``volume_id`` outputs (both are the
    resources' ids), so Pulumi attaches after both exist and detaches before either is deleted, and a
    preview shows a replacement only when one of them really is replaced. Changing the instance, volume,
    device or region replaces the attachment (detach, then attach).
    """

    workspace_instance_id: pulumi.Output[str]
    """The instance the volume is attached to."""
    volume_id: pulumi.Output[str]
    """The attached volume."""
    device: pulumi.Output[str]
    """The device name, as EC2 reports it."""
    disassociate_mode: pulumi.Output[str | None]
    """``FORCE`` or ``NO_FORCE`` for the detach on delete (unset: the API's default)."""
    region: pulumi.Output[str]
    """The region of the instance and the volume."""
    timeouts: pulumi.Output[dict[str, str] | None]
    """The create/delete timeouts in effect."""
    ec2_instance_id: pulumi.Output[str]
    """The EC2 instance behind the workspace instance (where EC2 shows the attachment)."""
    state: pulumi.Output[str]
    """EC2's state of the attachment (``attached``) at the last create or refresh."""

    @init_checked("VolumeAttachment")
    def __init__(
        self,
        resource_name: str,
        *,
        workspace_instance_id: pulumi.Input[str],
        volume_id: pulumi.Input[str],
        device: pulumi.Input[str],
        disassociate_mode: pulumi.Input[str] | None = None,
        region: pulumi.Input[str] | None = None,
        timeouts: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare an attachment (arguments after the name are keyword-only, ``opts`` last).

        :param workspace_instance_id: the instance (``wsinst-…``), ALLOCATED and in the volume's zone.
        :param volume_id: the volume (``vol-…``).
        :param device: the device name on the instance, e.g. ``"/dev/sdf"`` (Windows: ``"xvdf"``).
        :param disassociate_mode: ``"FORCE"`` or ``"NO_FORCE"`` when detaching on delete.
        :param region: default ``aws:region`` config, then the AWS environment.
        :param timeouts: ``{"create": "10m", "delete": "10m"}`` (the defaults).
        """
        refuse_import("VolumeAttachment", resource_name, opts)
        props: dict[str, Any] = {
            vs.WORKSPACE_INSTANCE_ID: workspace_instance_id,
            vs.VOLUME_ID: volume_id,
            vs.DEVICE: device,
            vs.DISASSOCIATE_MODE: disassociate_mode,
            vs.REGION: region,
            vs.TIMEOUTS: timeouts,
            vs.EC2_INSTANCE_ID: None,
            vs.ATTACHMENT_STATE: None,
        }
        super().__init__(VolumeAttachmentProvider(), resource_name, props, opts)
        warn_custom_timeouts(self, "VolumeAttachment", opts, tuple(vs.ATTACHMENT_TIMEOUTS))
