"""The Python twin of ../plugin_ts/index.ts, on the generated SDK (sdk/python), not the dynamic face."""

import pulumi
import pulumi_workspacesinstances as wsi

config = pulumi.Config()
team = config.get("team") or "blue"
tags = {"team": team}

hourly_types = wsi.get_instance_types_output(
    billing_mode=wsi.BillingMode.HOURLY, tenancy=wsi.InstanceConfigurationTenancyEnum.SHARED
)
instance_type = hourly_types.names[0]

desk = wsi.WorkspaceInstance(
    "desk",
    billing_mode=wsi.BillingMode.HOURLY,
    managed_instance=wsi.ManagedInstanceArgs(
        image_id="ami-0123456789abcdef0",
        instance_type=instance_type,
        user_data=pulumi.Output.secret("ZWNobyBoZWxsbw=="),
        metadata_options=wsi.InstanceMetadataOptionsArgs(http_tokens=wsi.HttpTokensEnum.REQUIRED),
        block_device_mappings=[
            wsi.BlockDeviceMappingArgs(
                device_name="/dev/sda1", ebs=wsi.EbsBlockDeviceArgs(volume_size=80, encrypted=True)
            )
        ],
    ),
    tags=tags,
)

shared = wsi.Workspace(
    "shared",
    image_id="ami-0123456789abcdef0",
    instance_type=instance_type,
    billing_mode="MONTHLY",
    root_volume=wsi.WorkspaceRootVolumeArgs(volume_size=100),
    tags=tags,
)


def _zone(zone: str | None) -> str:
    # Known once the instance is ALLOCATED (the provider waits for that).
    assert zone is not None
    return zone


data = wsi.Volume(
    "data",
    availability_zone=desk.availability_zone.apply(_zone),
    size_in_gb=50,
    encrypted=True,
    tags=tags,
)

data_disk = wsi.VolumeAttachment(
    "data-disk",
    workspace_instance_id=desk.workspace_instance_id,
    volume_id=data.volume_id,
    device="/dev/sdf",
)


def _http_tokens(instance: wsi.outputs.ManagedInstance) -> str | None:
    return instance.metadata_options.http_tokens if instance.metadata_options else None


def _root_encrypted(instance: wsi.outputs.ManagedInstance) -> bool | None:
    mappings = instance.block_device_mappings or []
    ebs = mappings[0].ebs if mappings else None
    return ebs.encrypted if ebs else None


pulumi.export("deskId", desk.id)
pulumi.export("deskState", desk.provision_state)
pulumi.export("deskBilling", desk.billing_mode)
pulumi.export("dataId", data.volume_id)
pulumi.export("attachmentState", data_disk.state)
pulumi.export("instanceType", instance_type)
pulumi.export("sharedId", shared.workspace_instance_id)
pulumi.export("sharedBilling", shared.billing_mode)
pulumi.export("sharedTokens", shared.managed_instance.apply(_http_tokens))
pulumi.export("sharedEncrypted", shared.managed_instance.apply(_root_encrypted))
