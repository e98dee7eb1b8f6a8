// The TypeScript twin of ../options_python/__main__.py: `options` is JSON in the YAML spelling
// (replaceOnChanges, ignoreChanges, deleteBeforeReplace, retainOnDelete, protect, aliases as old names).
import * as pulumi from "@pulumi/pulumi";
import * as wsi from "pulumi-workspacesinstances";

const config = new pulumi.Config();
const options = JSON.parse(config.get("options") ?? "{}");
const zone = config.get("zone") ?? "us-east-1a";
const team = config.require("team");

let parent: pulumi.ComponentResource | undefined;
if (config.getBoolean("inGroup")) {
    parent = new pulumi.ComponentResource("test:index:Group", "group");
}
const aliases: pulumi.Input<pulumi.Alias | string>[] = (options.aliases ?? []).map((name: string) => ({ name }));
if (parent !== undefined) {
    aliases.push({ parent: pulumi.rootStackResource });
}
// After `pulumi import`, the declaration the import wrote (as JSON), instead of the one below.
const imported = config.getObject<wsi.types.input.ManagedInstanceArgs>("managedInstance");
const desk = new wsi.WorkspaceInstance(
    config.get("deskName") ?? "desk",
    {
        billingMode: "HOURLY",
        managedInstance: imported ?? {
            imageId: config.get("imageId") ?? "ami-0123456789abcdef0",
            instanceType: config.get("instanceType") ?? "t3.medium",
            userData: config.requireSecret("userData"),
            // Pinned, as for any desktop with a data volume: a replacement lands beside the volume.
            placement: { availabilityZone: zone },
        },
        tags: { team },
    },
    {
        parent,
        replaceOnChanges: options.replaceOnChanges,
        ignoreChanges: options.ignoreChanges,
        deleteBeforeReplace: options.deleteBeforeReplace,
        retainOnDelete: options.retainOnDelete,
        protect: options.protect,
        aliases: aliases.length > 0 ? aliases : undefined,
    },
);
export const deskId = desk.workspaceInstanceId;

let volumeId: pulumi.Output<string> | undefined;
if (config.getBoolean("withVolume")) {
    const data = new wsi.Volume("data", {
        availabilityZone: zone,
        sizeInGb: config.getNumber("volumeSize") ?? 50,
        tags: { team },
    });
    new wsi.VolumeAttachment("data-disk", {
        workspaceInstanceId: desk.workspaceInstanceId,
        volumeId: data.volumeId,
        device: "/dev/sdf",
    });
    volumeId = data.volumeId;
}
export { volumeId };
