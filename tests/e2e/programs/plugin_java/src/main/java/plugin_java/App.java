// The Java twin of ../../../../plugin_ts/index.ts (and ../plugin_yaml/Pulumi.yaml), on the generated
// SDK (sdk/java).
package plugin_java;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import io.github.pulumiworkspacesinstances.workspacesinstances.Volume;
import io.github.pulumiworkspacesinstances.workspacesinstances.VolumeArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.VolumeAttachment;
import io.github.pulumiworkspacesinstances.workspacesinstances.VolumeAttachmentArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.Workspace;
import io.github.pulumiworkspacesinstances.workspacesinstances.WorkspaceArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.WorkspaceInstance;
import io.github.pulumiworkspacesinstances.workspacesinstances.WorkspaceInstanceArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.WorkspacesinstancesFunctions;
import io.github.pulumiworkspacesinstances.workspacesinstances.enums.BillingMode;
import io.github.pulumiworkspacesinstances.workspacesinstances.enums.HttpTokensEnum;
import io.github.pulumiworkspacesinstances.workspacesinstances.enums.InstanceConfigurationTenancyEnum;
import io.github.pulumiworkspacesinstances.workspacesinstances.inputs.BlockDeviceMappingArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.inputs.EbsBlockDeviceArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.inputs.GetInstanceTypesArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.inputs.InstanceMetadataOptionsArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.inputs.ManagedInstanceArgs;
import io.github.pulumiworkspacesinstances.workspacesinstances.inputs.WorkspaceRootVolumeArgs;
import java.util.Map;

public final class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    private static void stack(Context ctx) {
        var team = ctx.config().get("team").orElse("blue");
        var tags = Map.of("team", team);

        var hourlyTypes = WorkspacesinstancesFunctions.getInstanceTypes(GetInstanceTypesArgs.builder()
            .billingMode(BillingMode.Hourly)
            .tenancy(InstanceConfigurationTenancyEnum.Shared)
            .build());
        var instanceType = hourlyTypes.applyValue(types -> types.names().get(0));

        var desk = new WorkspaceInstance("desk", WorkspaceInstanceArgs.builder()
            .billingMode(BillingMode.Hourly)
            .managedInstance(ManagedInstanceArgs.builder()
                .imageId("ami-0123456789abcdef0")
                .instanceType(instanceType)
                .userData(Output.ofSecret("ZWNobyBoZWxsbw=="))
                .metadataOptions(InstanceMetadataOptionsArgs.builder()
                    .httpTokens(HttpTokensEnum.Required)
                    .build())
                .blockDeviceMappings(BlockDeviceMappingArgs.builder()
                    .deviceName("/dev/sda1")
                    .ebs(EbsBlockDeviceArgs.builder().volumeSize(80).encrypted(true).build())
                    .build())
                .build())
            .tags(tags)
            .build());

        var shared = new Workspace("shared", WorkspaceArgs.builder()
            .imageId("ami-0123456789abcdef0")
            .instanceType(instanceType)
            .billingMode("MONTHLY")
            .rootVolume(WorkspaceRootVolumeArgs.builder().volumeSize(100).build())
            .tags(tags)
            .build());

        var data = new Volume("data", VolumeArgs.builder()
            // Known once the instance is ALLOCATED (the provider waits for that).
            .availabilityZone(desk.availabilityZone().applyValue(zone -> zone.orElseThrow()))
            .sizeInGb(50)
            .encrypted(true)
            .tags(tags)
            .build());

        var dataDisk = new VolumeAttachment("data-disk", VolumeAttachmentArgs.builder()
            .workspaceInstanceId(desk.workspaceInstanceId())
            .volumeId(data.volumeId())
            .device("/dev/sdf")
            .build());

        ctx.export("deskId", desk.id());
        ctx.export("deskState", desk.provisionState());
        ctx.export("deskBilling", desk.billingMode().applyValue(mode -> mode.map(BillingMode::getValue).orElse(null)));
        ctx.export("dataId", data.volumeId());
        ctx.export("attachmentState", dataDisk.state().applyValue(state -> state.orElse(null)));
        ctx.export("instanceType", instanceType);
        ctx.export("sharedId", shared.workspaceInstanceId());
        ctx.export("sharedBilling", shared.billingMode().applyValue(mode -> mode.orElse(null)));
        ctx.export("sharedTokens", shared.managedInstance().applyValue(instance -> instance.metadataOptions()
            .flatMap(options -> options.httpTokens())
            .map(HttpTokensEnum::getValue)
            .orElse(null)));
        ctx.export("sharedEncrypted", shared.managedInstance().applyValue(instance -> instance.blockDeviceMappings()
            .stream()
            .findFirst()
            .flatMap(mapping -> mapping.ebs())
            .flatMap(ebs -> ebs.encrypted())
            .orElse(null)));
    }
}
