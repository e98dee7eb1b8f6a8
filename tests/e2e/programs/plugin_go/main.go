// The Go twin of ../plugin_ts/index.ts (and ../plugin_yaml/Pulumi.yaml), on the generated SDK (sdk/go).
package main

import (
	wsi "github.com/pulumi-workspaces-instances/sdk/go/workspacesinstances"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		team := config.New(ctx, "").Get("team")
		if team == "" {
			team = "blue"
		}
		tags := pulumi.StringMap{"team": pulumi.String(team)}

		hourlyTypes := wsi.GetInstanceTypesOutput(ctx, wsi.GetInstanceTypesOutputArgs{
			BillingMode: wsi.BillingModeHourly,
			Tenancy:     wsi.InstanceConfigurationTenancyEnumShared,
		})
		instanceType := hourlyTypes.Names().Index(pulumi.Int(0))

		desk, err := wsi.NewWorkspaceInstance(ctx, "desk", &wsi.WorkspaceInstanceArgs{
			BillingMode: wsi.BillingModeHourly,
			ManagedInstance: wsi.ManagedInstanceArgs{
				ImageId:         pulumi.String("ami-0123456789abcdef0"),
				InstanceType:    instanceType,
				UserData:        pulumi.ToSecret(pulumi.String("ZWNobyBoZWxsbw==")).(pulumi.StringOutput),
				MetadataOptions: wsi.InstanceMetadataOptionsArgs{HttpTokens: wsi.HttpTokensEnumRequired},
				BlockDeviceMappings: wsi.BlockDeviceMappingArray{wsi.BlockDeviceMappingArgs{
					DeviceName: pulumi.String("/dev/sda1"),
					Ebs:        wsi.EbsBlockDeviceArgs{VolumeSize: pulumi.Int(80), Encrypted: pulumi.Bool(true)},
				}},
			},
			Tags: tags,
		})
		if err != nil {
			return err
		}

		shared, err := wsi.NewWorkspace(ctx, "shared", &wsi.WorkspaceArgs{
			ImageId:      pulumi.String("ami-0123456789abcdef0"),
			InstanceType: instanceType,
			BillingMode:  pulumi.String("MONTHLY"),
			RootVolume:   wsi.WorkspaceRootVolumeArgs{VolumeSize: pulumi.Int(100)},
			Tags:         tags,
		})
		if err != nil {
			return err
		}

		data, err := wsi.NewVolume(ctx, "data", &wsi.VolumeArgs{
			// Known once the instance is ALLOCATED (the provider waits for that).
			AvailabilityZone: desk.AvailabilityZone.Elem(),
			SizeInGb:         pulumi.Int(50),
			Encrypted:        pulumi.Bool(true),
			Tags:             tags,
		})
		if err != nil {
			return err
		}

		dataDisk, err := wsi.NewVolumeAttachment(ctx, "data-disk", &wsi.VolumeAttachmentArgs{
			WorkspaceInstanceId: desk.WorkspaceInstanceId,
			VolumeId:            data.VolumeId,
			Device:              pulumi.String("/dev/sdf"),
		})
		if err != nil {
			return err
		}

		ctx.Export("deskId", desk.ID())
		ctx.Export("deskState", desk.ProvisionState)
		ctx.Export("deskBilling", desk.BillingMode)
		ctx.Export("dataId", data.VolumeId)
		ctx.Export("attachmentState", dataDisk.State)
		ctx.Export("instanceType", instanceType)
		ctx.Export("sharedId", shared.WorkspaceInstanceId)
		ctx.Export("sharedBilling", shared.BillingMode)
		ctx.Export("sharedTokens", shared.ManagedInstance.MetadataOptions().HttpTokens())
		ctx.Export("sharedEncrypted", shared.ManagedInstance.BlockDeviceMappings().Index(pulumi.Int(0)).Ebs().Encrypted())
		return nil
	})
}
