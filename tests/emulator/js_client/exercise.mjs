// Drives the emulator with the AWS SDK for JavaScript v3 and prints what it saw as one JSON document.
//
// Usage: node exercise.mjs <endpoint-url> <json|cbor>
// "json" leaves the client's default protocol (AWS JSON 1.0); "cbor" forces Smithy RPC v2 CBOR.
// tests/emulator/test_js_client.py runs it and checks the document; nothing here asserts, so a
// failure shows up there with everything the client received.

// Both packages are CommonJS for Node: import the module, then take its exports by name.
import sdk from "@aws-sdk/client-workspaces-instances";
import cbor from "@smithy/core/cbor";

const {
  AssociateVolumeCommand,
  ConflictException,
  CreateVolumeCommand,
  CreateWorkspaceInstanceCommand,
  DeleteVolumeCommand,
  DeleteWorkspaceInstanceCommand,
  DisassociateVolumeCommand,
  GetWorkspaceInstanceCommand,
  ListInstanceTypesCommand,
  ListRegionsCommand,
  ListWorkspaceInstancesCommand,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
  WorkspacesInstancesClient,
} = sdk;
const { SmithyRpcV2CborProtocol } = cbor;

const [endpoint, protocol] = process.argv.slice(2);
const WINDOWS_AMI = "ami-0a1b2c3d4e5f60001";
const ZONE = "us-east-1a";
// How long to wait for ALLOCATED; the test's emulator allocates in a fraction of a second.
const ALLOCATE_DEADLINE_MS = 10_000;
const POLL_MS = 50;

const client = new WorkspacesInstancesClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAEMULATORJSCLIENT", secretAccessKey: "emulator-js-client-secret" },
  // One attempt: an injected ThrottlingException must reach the caller, not be retried away.
  maxAttempts: 1,
  ...(protocol === "cbor" ? { protocol: SmithyRpcV2CborProtocol } : {}),
});

/** The parts of an SDK error the test checks: its class, both spellings of the message, members. */
function errorView(error, typedClass) {
  return {
    name: error.name,
    typed: error instanceof typedClass,
    status: error.$metadata?.httpStatusCode,
    message: error.message,
    Message: error.Message,
    Reason: error.Reason,
    FieldList: error.FieldList,
    ResourceId: error.ResourceId,
    ResourceType: error.ResourceType,
    RetryAfterSeconds: error.RetryAfterSeconds,
  };
}

async function failure(command, typedClass) {
  try {
    await client.send(command);
  } catch (error) {
    return errorView(error, typedClass);
  }
  return { name: "no error" };
}

async function allocated(id) {
  const deadline = Date.now() + ALLOCATE_DEADLINE_MS;
  for (;;) {
    const got = await client.send(new GetWorkspaceInstanceCommand({ WorkspaceInstanceId: id }));
    if (got.ProvisionState !== "ALLOCATING" || Date.now() > deadline) {
      return got;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const seen = { protocol };

// The test injects one ThrottlingException (RetryAfterSeconds 7) into the first ListRegions.
seen.throttled = await failure(new ListRegionsCommand({}), ThrottlingException);
seen.regions = (await client.send(new ListRegionsCommand({ MaxResults: 5 }))).Regions.length;

const types = await client.send(
  new ListInstanceTypesCommand({
    InstanceConfigurationFilter: { BillingMode: "MONTHLY", PlatformType: "Windows", Tenancy: "SHARED" },
  }),
);
seen.instanceTypes = types.InstanceTypes.map((t) => t.InstanceType);

const created = await client.send(
  new CreateWorkspaceInstanceCommand({
    ClientToken: `js-${protocol}-instance`,
    ManagedInstance: { ImageId: WINDOWS_AMI, InstanceType: "m5.large", Placement: { AvailabilityZone: ZONE } },
    BillingConfiguration: { BillingMode: "MONTHLY" },
    Tags: [{ Key: "client", Value: "aws-sdk-js-v3" }],
  }),
);
const instanceId = created.WorkspaceInstanceId;
const got = await allocated(instanceId);
seen.instance = {
  id: instanceId,
  state: got.ProvisionState,
  billingMode: got.BillingConfiguration?.BillingMode,
  ec2InstanceId: got.EC2ManagedInstance?.InstanceId,
};
seen.listed = (await client.send(new ListWorkspaceInstancesCommand({}))).WorkspaceInstances.map(
  (i) => i.WorkspaceInstanceId,
);

const volume = await client.send(
  new CreateVolumeCommand({
    AvailabilityZone: ZONE,
    SizeInGB: 20,
    VolumeType: "gp3",
    Iops: 4000,
    Throughput: 500,
    ClientToken: `js-${protocol}-volume`,
  }),
);
const volumeId = volume.VolumeId;
await client.send(new AssociateVolumeCommand({ WorkspaceInstanceId: instanceId, VolumeId: volumeId, Device: "/dev/sdf" }));
await client.send(new DisassociateVolumeCommand({ WorkspaceInstanceId: instanceId, VolumeId: volumeId }));
// The SDK's model has no ModifyVolume (botocore's has); the Python tests cover that one.
seen.volume = { id: volumeId };

seen.notFound = await failure(
  new GetWorkspaceInstanceCommand({ WorkspaceInstanceId: "wsinst-doesnotexist0" }),
  ResourceNotFoundException,
);
// 2^40 IOPS: more than a 32-bit integer holds.
seen.tooWide = await failure(
  new CreateVolumeCommand({ AvailabilityZone: ZONE, SizeInGB: 20, VolumeType: "gp3", Iops: 2 ** 40 }),
  ValidationException,
);
// io1 volumes are at least 4 GiB (an EBS limit, not a shape rule).
seen.ebsLimit = await failure(
  new CreateVolumeCommand({ AvailabilityZone: ZONE, SizeInGB: 2, VolumeType: "io1", Iops: 100 }),
  ValidationException,
);
// The volume's ClientToken again, with other parameters.
seen.tokenReused = await failure(
  new CreateVolumeCommand({ AvailabilityZone: ZONE, SizeInGB: 30, ClientToken: `js-${protocol}-volume` }),
  ConflictException,
);

await client.send(new DeleteVolumeCommand({ VolumeId: volumeId }));
await client.send(new DeleteWorkspaceInstanceCommand({ WorkspaceInstanceId: instanceId }));
seen.deleted = true;

process.stdout.write(`${JSON.stringify(seen)}\n`);
