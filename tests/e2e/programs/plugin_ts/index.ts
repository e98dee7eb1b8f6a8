// The TypeScript twin of ../plugin_yaml/Pulumi.yaml, on the generated SDK (sdk/nodejs).
import * as pulumi from "@pulumi/pulumi";
import * as wsi from "pulumi-workspacesinstances";

const config = new pulumi.Config();
const team = config.get("team") ?? "blue";
const tags = { team };

const hourlyTypes = wsi.getInstanceTypesOutput({ billingMode: "HOURLY", tenancy: "SHARED" });
const instanceType = hourlyTypes.names[0];

const desk = new wsi.WorkspaceInstance("desk", {
    billingMode: "HOURLY",
    managedInstance: {
        imageId: "ami-0123456789abcdef0",
        instanceType,
        userData: pulumi.secret("ZWNobyBoZWxsbw=="),
        metadataOptions: { httpTokens: "required" },
        blockDeviceMappings: [{ deviceName: "/dev/sda1", ebs: { volumeSize: 80, encrypted: true } }],
    },
    tags,
});

const shared = new wsi.Workspace("shared", {
    imageId: "ami-0123456789abcdef0",
    instanceType,
    billingMode: "MONTHLY",
    rootVolume: { volumeSize: 100 },
    tags,
});

const data = new wsi.Volume("data", {
    // Known once the instance is ALLOCATED (the provider waits for that).
    availabilityZone: desk.availabilityZone.apply((zone) => zone!),
    sizeInGb: 50,
    encrypted: true,
    tags,
});

const dataDisk = new wsi.VolumeAttachment("data-disk", {
    workspaceInstanceId: desk.workspaceInstanceId,
    volumeId: data.volumeId,
    device: "/dev/sdf",
});

export const deskId = desk.id;
export const deskState = desk.provisionState;
export const deskBilling = desk.billingMode;
export const dataId = data.volumeId;
export const attachmentState = dataDisk.state;
export { instanceType };
export const sharedId = shared.workspaceInstanceId;
export const sharedBilling = shared.billingMode;
export const sharedTokens = shared.managedInstance.apply((instance) => instance.metadataOptions?.httpTokens);
export const sharedEncrypted = shared.managedInstance.apply(
    (instance) => instance.blockDeviceMappings?.[0]?.ebs?.encrypted,
);
