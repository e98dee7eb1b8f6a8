"""Structural facts of the AWS CLI reference's EC2 examples that ``test_aws_examples`` replays.

The AWS CLI reference shows, for each command, examples written by AWS; they are kept in aws-cli's
repository as ``awscli/examples/ec2/<command>.rst`` (read at ``aws/aws-cli`` develop, commit
CLI_COMMIT) and published at ``https://docs.aws.amazon.com/cli/latest/reference/ec2/<command>.html``.
Only what the tests assert is recorded here, in the API's own terms (the request's members as boto3
takes them, the answer's members and the values that are not made up by EC2), never the pages' prose.
A value EC2 makes up (a time, an address, the id of something the example does not name) is
GENERATED: only its presence is asserted. Ids the example names (``i-…``, ``vol-…``) are replaced
by the emulator's when replayed.

Taken, per page (the others are not replayed, for the reason given):

- modify-instance-metadata-options: examples 1, 2, 3 (all).
- stop-instances: examples 1 and 2 (2 hibernates). start-instances: its one example.
- describe-volumes: examples 1, 3, 4. Example 2 sends the same request as botocore's second
  DescribeVolumes example, which ``test_aws_examples`` replays; its page shows no answer of its own.
- describe-volumes-modifications: its one example. Its answer on the page holds the entry under a
  member ``VolumeModification``, which EC2's model does not have (DescribeVolumesModifications answers
  a list, ``VolumesModifications``), and a ``VolumeId`` with a leading space: both recorded here as the
  model has them, and reported as differences of the page itself.
- describe-instances: examples 1 (the only AWS example that shows an instance's members), 2, 5, 6, 7
  (filters by type and tags). Examples 3 and 4 name a zone of us-east-2, a region the emulator's
  catalogue does not offer; 8 to 10 only reshape the answer on the client (``--query``); 11 and
  later are about placement groups, which a WorkSpaces Instances desktop does not use here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The aws-cli commit whose ``awscli/examples/ec2/*.rst`` the facts below were read from.
CLI_COMMIT = "07c4fe366b49c4dde816d674f4941134fc432673"
#: A value EC2 makes up: the member must be there, its value is not compared.
GENERATED = "<generated>"


@dataclass(frozen=True)
class CliExample:
    """One example of a CLI reference page: its request and the facts its answer shows."""

    #: The EC2 API operation the command calls.
    operation: str
    #: The command, as in the page's address and aws-cli's file name.
    command: str
    #: The example's number on the page.
    number: int
    #: The request, by the API's member names (the page gives it as command-line options).
    request: dict[str, Any]
    #: The answer's facts, by the API's member names; None when the page shows no answer.
    answer: dict[str, Any] | None = None

    @property
    def page(self) -> str:
        """The CLI reference page that shows the example."""
        return f"https://docs.aws.amazon.com/cli/latest/reference/ec2/{self.command}.html"

    @property
    def source(self) -> str:
        """Where the example is kept: aws-cli's file at CLI_COMMIT."""
        return f"aws/aws-cli@{CLI_COMMIT[:12]}:awscli/examples/ec2/{self.command}.rst"

    @property
    def case_id(self) -> str:
        """The test id of its replay."""
        return f"{self.operation}:cli-{self.command}-{self.number}"


_INSTANCE = "i-1234567890abcdef0"
# The modify-instance-metadata-options page's instance id (its own spelling).
_IMDS_INSTANCE = "i-1234567898abcdef0"
_ROOT_VOLUME = "vol-049df61146c4d7901"
_DATA_VOLUME = "vol-1234567890abcdef0"


def _imds_answer(**options: Any) -> dict[str, Any]:
    # Every answer on the page shows the request pending, IMDSv2 required and a hop limit of 1.
    return {
        "InstanceId": _IMDS_INSTANCE,
        "InstanceMetadataOptions": {
            "State": "pending",
            "HttpTokens": "required",
            "HttpPutResponseHopLimit": 1,
            **options,
        },
    }


def _state_change(key: str, current: tuple[int, str], previous: tuple[int, str]) -> dict[str, Any]:
    return {
        key: [
            {
                "InstanceId": _INSTANCE,
                "CurrentState": {"Code": current[0], "Name": current[1]},
                "PreviousState": {"Code": previous[0], "Name": previous[1]},
            }
        ]
    }


_STOPPING = _state_change("StoppingInstances", (64, "stopping"), (16, "running"))

_ASSOCIATION = {"IpOwnerId": "amazon", "PublicDnsName": GENERATED, "PublicIp": GENERATED}
_GROUP = {"GroupName": GENERATED, "GroupId": GENERATED}

#: The instance describe-instances example 1 shows, every member by name.
_DESCRIBED_INSTANCE: dict[str, Any] = {
    "AmiLaunchIndex": 0,
    "ImageId": GENERATED,
    "InstanceId": _INSTANCE,
    "InstanceType": "t3.nano",
    "KeyName": "my-key-pair",
    "LaunchTime": GENERATED,
    "Monitoring": {"State": "disabled"},
    "Placement": {"AvailabilityZone": GENERATED, "GroupName": "", "Tenancy": "default"},
    "PrivateDnsName": GENERATED,
    "PrivateIpAddress": GENERATED,
    "ProductCodes": [],
    "PublicDnsName": GENERATED,
    "PublicIpAddress": GENERATED,
    "State": {"Code": 16, "Name": "running"},
    "StateTransitionReason": "",
    "SubnetId": GENERATED,
    "VpcId": GENERATED,
    "Architecture": "x86_64",
    "BlockDeviceMappings": [
        {
            "DeviceName": "/dev/xvda",
            "Ebs": {
                "AttachTime": GENERATED,
                "DeleteOnTermination": True,
                "Status": "attached",
                "VolumeId": GENERATED,
            },
        }
    ],
    "ClientToken": GENERATED,
    "EbsOptimized": True,
    "EnaSupport": True,
    "Hypervisor": "xen",
    "IamInstanceProfile": {"Arn": GENERATED, "Id": GENERATED},
    "NetworkInterfaces": [
        {
            "Association": _ASSOCIATION,
            "Attachment": {
                "AttachTime": GENERATED,
                "AttachmentId": GENERATED,
                "DeleteOnTermination": True,
                "DeviceIndex": 0,
                "Status": "attached",
                "NetworkCardIndex": 0,
            },
            "Description": "",
            "Groups": [_GROUP],
            "Ipv6Addresses": [],
            "MacAddress": GENERATED,
            "NetworkInterfaceId": GENERATED,
            "OwnerId": GENERATED,
            "PrivateDnsName": GENERATED,
            "PrivateIpAddress": GENERATED,
            "PrivateIpAddresses": [
                {
                    "Association": _ASSOCIATION,
                    "Primary": True,
                    "PrivateDnsName": GENERATED,
                    "PrivateIpAddress": GENERATED,
                }
            ],
            "SourceDestCheck": True,
            "Status": "in-use",
            "SubnetId": GENERATED,
            "VpcId": GENERATED,
            "InterfaceType": "interface",
        }
    ],
    "RootDeviceName": "/dev/xvda",
    "RootDeviceType": "ebs",
    "SecurityGroups": [_GROUP],
    "SourceDestCheck": True,
    "Tags": [{"Key": "Name", "Value": "my-instance"}],
    "VirtualizationType": "hvm",
    "CpuOptions": {"CoreCount": 1, "ThreadsPerCore": 2},
    "CapacityReservationSpecification": {"CapacityReservationPreference": "open"},
    "HibernationOptions": {"Configured": False},
    "MetadataOptions": {
        "State": "applied",
        "HttpTokens": "optional",
        "HttpPutResponseHopLimit": 1,
        "HttpEndpoint": "enabled",
        "HttpProtocolIpv6": "disabled",
        "InstanceMetadataTags": "enabled",
    },
    "EnclaveOptions": {"Enabled": False},
    "PlatformDetails": "Linux/UNIX",
    "UsageOperation": "RunInstances",
    "UsageOperationUpdateTime": GENERATED,
    "PrivateDnsNameOptions": {
        "HostnameType": "ip-name",
        "EnableResourceNameDnsARecord": True,
        "EnableResourceNameDnsAAAARecord": False,
    },
    "MaintenanceOptions": {"AutoRecovery": "default"},
}

CLI_EXAMPLES: tuple[CliExample, ...] = (
    CliExample(
        "ModifyInstanceMetadataOptions",
        "modify-instance-metadata-options",
        1,
        {"InstanceId": _IMDS_INSTANCE, "HttpTokens": "required", "HttpEndpoint": "enabled"},
        _imds_answer(HttpEndpoint="enabled"),
    ),
    CliExample(
        "ModifyInstanceMetadataOptions",
        "modify-instance-metadata-options",
        2,
        {"InstanceId": _IMDS_INSTANCE, "HttpEndpoint": "disabled"},
        _imds_answer(HttpEndpoint="disabled"),
    ),
    CliExample(
        "ModifyInstanceMetadataOptions",
        "modify-instance-metadata-options",
        3,
        {"InstanceId": _IMDS_INSTANCE, "HttpProtocolIpv6": "enabled", "HttpEndpoint": "enabled"},
        _imds_answer(HttpEndpoint="enabled", HttpProtocolIpv6="enabled"),
    ),
    CliExample("StopInstances", "stop-instances", 1, {"InstanceIds": [_INSTANCE]}, _STOPPING),
    CliExample(
        "StopInstances", "stop-instances", 2, {"InstanceIds": [_INSTANCE], "Hibernate": True}, _STOPPING
    ),
    CliExample(
        "StartInstances",
        "start-instances",
        1,
        {"InstanceIds": [_INSTANCE]},
        _state_change("StartingInstances", (0, "pending"), (80, "stopped")),
    ),
    CliExample(
        "DescribeVolumes",
        "describe-volumes",
        1,
        {"VolumeIds": [_ROOT_VOLUME, _DATA_VOLUME]},
        {
            "Volumes": [
                {
                    "AvailabilityZone": "us-east-1a",
                    "Attachments": [
                        {
                            "AttachTime": GENERATED,
                            "InstanceId": _INSTANCE,
                            "VolumeId": _ROOT_VOLUME,
                            "State": "attached",
                            "DeleteOnTermination": True,
                            "Device": "/dev/sda1",
                        }
                    ],
                    "Encrypted": True,
                    "KmsKeyId": GENERATED,
                    "VolumeType": "gp2",
                    "VolumeId": _ROOT_VOLUME,
                    "State": "in-use",
                    "Iops": 100,
                    "SnapshotId": GENERATED,
                    "CreateTime": GENERATED,
                    "Size": 8,
                },
                {
                    "AvailabilityZone": "us-east-1a",
                    "Attachments": [],
                    "Encrypted": False,
                    "VolumeType": "gp2",
                    "VolumeId": _DATA_VOLUME,
                    "State": "available",
                    "Iops": 300,
                    "SnapshotId": "",
                    "CreateTime": GENERATED,
                    "Size": 100,
                },
            ]
        },
    ),
    CliExample(
        "DescribeVolumes",
        "describe-volumes",
        3,
        {
            "Filters": [
                {"Name": "status", "Values": ["available"]},
                {"Name": "availability-zone", "Values": ["us-east-1a"]},
            ]
        },
    ),
    CliExample(
        "DescribeVolumes",
        "describe-volumes",
        4,
        {"Filters": [{"Name": "tag:Name", "Values": ["Test*"]}]},
        # The page shows these two members through --query (as ID and Tag).
        {
            "Volumes": [
                {"VolumeId": _DATA_VOLUME, "Tags": [{"Value": "Test2", "Key": "Name"}]},
                {"VolumeId": _ROOT_VOLUME, "Tags": [{"Value": "Test1", "Key": "Name"}]},
            ]
        },
    ),
    CliExample(
        "DescribeVolumesModifications",
        "describe-volumes-modifications",
        1,
        {"VolumeIds": [_DATA_VOLUME]},
        {
            "VolumesModifications": [
                {
                    "TargetSize": 150,
                    "TargetVolumeType": "io1",
                    "ModificationState": "optimizing",
                    "VolumeId": _DATA_VOLUME,
                    "TargetIops": 100,
                    "StartTime": GENERATED,
                    "Progress": GENERATED,
                    "OriginalVolumeType": "io1",
                    "OriginalIops": 100,
                    "OriginalSize": 100,
                }
            ]
        },
    ),
    CliExample(
        "DescribeInstances",
        "describe-instances",
        1,
        {"InstanceIds": [_INSTANCE]},
        {
            "Reservations": [
                {
                    "Groups": [],
                    "Instances": [_DESCRIBED_INSTANCE],
                    "OwnerId": GENERATED,
                    "ReservationId": GENERATED,
                }
            ]
        },
    ),
    CliExample(
        "DescribeInstances",
        "describe-instances",
        2,
        {"Filters": [{"Name": "instance-type", "Values": ["m5.large"]}]},
    ),
    CliExample(
        "DescribeInstances", "describe-instances", 5, {"Filters": [{"Name": "tag-key", "Values": ["Owner"]}]}
    ),
    CliExample(
        "DescribeInstances",
        "describe-instances",
        6,
        {"Filters": [{"Name": "tag-value", "Values": ["my-team"]}]},
    ),
    CliExample(
        "DescribeInstances",
        "describe-instances",
        7,
        {"Filters": [{"Name": "tag:Owner", "Values": ["my-team"]}]},
    ),
)
