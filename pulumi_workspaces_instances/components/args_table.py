"""This project's choices for the ``Workspace`` arguments: what botocore's model cannot say.

``args_generator`` writes ``args.py`` (the ``…Args`` dataclasses) and ``args_dicts.py`` (their
``…ArgsDict`` forms) from the installed botocore's ``ManagedInstance`` shape plus the tables here;
the provider plugin's schema (``plugin/schema.json``) and through it every generated SDK are built
from those classes. Everything mechanical comes from the model: one argument per member (its
snake_case name), one class per structure (the member's name, singular for lists, plus ``Args``),
the types, the enum values and sensitive flags named in the docs, and each member's documentation.
What is here is only what the model cannot say: friendly names, defaults, the root/extra volume
split, better words where the model's are vague, and the component's own settings.

Paths are ``ManagedInstance`` member paths, ``[]`` standing for a list's items
(``BlockDeviceMappings[].Ebs.Encrypted``). Defaults and annotations are Python source, evaluated
in the generated module (which imports ``pulumi``, ``Mapping``, ``Sequence``, ``Any``, ``datetime``
and ``args_base``'s ``DEFAULT_…`` constants).
"""

from dataclasses import dataclass

#: The top-level class: every ManagedInstance member plus :data:`SETTINGS`.
ROOT_CLASS = "WorkspaceArgs"

#: Members no instance launches without (the model marks nothing required): no default, and a
#: ``Required`` key of the dict form.
REQUIRED: frozenset[str] = frozenset({"ImageId", "InstanceType", "BlockDeviceMappings[].DeviceName"})

#: Secure and practical defaults, as Python source. A structure's default is a factory (a class).
DEFAULTS: dict[str, str] = {
    "BlockDeviceMappings[].Ebs.Encrypted": "True",
    "MetadataOptions": "MetadataOptionsArgs",
    "MetadataOptions.HttpTokens": '"required"',
}

#: Class names that differ from the mechanical one.
CLASS_NAMES: dict[str, str] = {"BlockDeviceMappings[]": "BlockDeviceArgs"}

#: The member split in two arguments, because the root device is the one almost everybody tunes.
SPLIT_MEMBER = "BlockDeviceMappings"
#: The class of the root device's mapping: the EBS settings of ``BlockDeviceMappings[].Ebs`` plus
#: the device name, which defaults to the Windows AMIs' root device.
ROOT_VOLUME_CLASS = "RootVolumeArgs"
ROOT_VOLUME_DEVICE_DEFAULT = "DEFAULT_ROOT_DEVICE_NAME"


@dataclass(frozen=True)
class Argument:
    """An argument that is not one ManagedInstance member: its name, Python annotation (source),
    default (source; a class name with ``factory`` makes a ``default_factory``) and documentation."""

    name: str
    annotation: str
    default: str
    doc: str
    factory: bool = False


#: The two arguments that stand for :data:`SPLIT_MEMBER`, in its place.
SPLIT_ARGUMENTS: tuple[Argument, ...] = (
    Argument(
        "root_volume",
        f"{ROOT_VOLUME_CLASS} | None",
        ROOT_VOLUME_CLASS,
        "Root volume settings; encrypted by default. ``None`` sends no root mapping (AMI defaults).",
        factory=True,
    ),
    Argument(
        "extra_volumes",
        "list[BlockDeviceArgs] | None",
        "None",
        "Further block device mappings, after the root one.",
    ),
)

#: The component's own settings, after the ManagedInstance members.
SETTINGS: tuple[Argument, ...] = (
    Argument(
        "billing_mode",
        "pulumi.Input[str] | None",
        "None",
        "MONTHLY or HOURLY. ``None`` sends no BillingConfiguration: the service bills HOURLY.",
    ),
    Argument(
        "platform_type",
        "pulumi.Input[str] | None",
        "DEFAULT_PLATFORM_TYPE",
        "Platform asked about by the instance-type check only (the service derives it from the AMI); "
        "``None`` asks about any platform.",
    ),
    Argument(
        "tenancy",
        "pulumi.Input[str] | None",
        "None",
        "SHARED or DEDICATED (ListInstanceTypes vocabulary). DEDICATED sets ``Placement.Tenancy`` to "
        "``dedicated`` unless ``placement.tenancy`` is set; ``None`` means SHARED, or whatever "
        "``placement.tenancy`` implies.",
    ),
    Argument(
        "tags",
        "pulumi.Input[Mapping[str, pulumi.Input[str]]] | None",
        "None",
        "Tags of the WorkSpaces Instance (updated in place).",
    ),
    Argument(
        "region",
        "pulumi.Input[str] | None",
        "None",
        "AWS region of the instance and of the instance-type check; else stack config ``aws:region``.",
    ),
    Argument(
        "client_token",
        "pulumi.Input[str] | None",
        "None",
        "Idempotency token passed to the WorkspaceInstance (it makes one when unset).",
    ),
    Argument(
        "adopt_id",
        "pulumi.Input[str] | None",
        "None",
        "An existing instance (``wsinst-…``) to take over instead of launching one: it must be "
        "ALLOCATING or ALLOCATED in the region, bill as ``billing_mode`` says and not be claimed by "
        "another Pulumi resource. The arguments above are taken as declared (the API cannot report "
        "them). Changing or removing it later changes nothing.",
    ),
    Argument(
        "adopt_claimed",
        "pulumi.Input[bool] | None",
        "None",
        "Adopt even an instance another Pulumi resource has claimed (moving it between stacks).",
    ),
    Argument(
        "timeouts",
        "pulumi.Input[Mapping[str, str]] | None",
        "None",
        "Create/delete timeouts passed to the WorkspaceInstance (its format).",
    ),
    Argument(
        "validate_instance_type",
        "bool | None",
        "True",
        "During preview, fail unless ``instance_type`` exists and supports billing mode, platform and "
        "tenancy. ``False`` skips the check (``None`` means the default, ``True``).",
    ),
    Argument(
        "managed_instance_overrides",
        "Mapping[str, Any] | None",
        "None",
        "PascalCase ManagedInstance fragment deep-merged last (dicts merge, lists and scalars replace): "
        "the escape hatch for members AWS adds before botocore does.",
    ),
)

#: Member documentation that replaces the model's (where it is vague, or this project adds a
#: default or a rule). The generator still adds the enum values and the sensitive note.
DOCS: dict[str, str] = {
    "ImageId": "AMI ID (``ami-…``). Required.",
    "InstanceType": (
        "Instance type, e.g. ``m5.large``. Required; checked at preview, see ``validate_instance_type``."
    ),
    "BlockDeviceMappings[].DeviceName": "Device name, e.g. ``/dev/xvdf``. Required.",
    "BlockDeviceMappings[].Ebs": "EBS volume to attach (encrypted by default).",
    "BlockDeviceMappings[].Ebs.Encrypted": (
        "Encrypt the volume. Defaults to ``True`` (secure default); ``False`` or ``None`` to opt out."
    ),
    "BlockDeviceMappings[].NoDevice": (
        'Suppress a device the AMI maps (the API\'s ``NoDevice`` string, usually ``""``).'
    ),
    "BlockDeviceMappings[].VirtualName": "Instance store name, ``ephemeral0`` … ``ephemeral999``.",
    "InstanceMarketOptions.SpotOptions.MaxPrice": "Maximum hourly price, as a string (the API's type).",
    "MetadataOptions": (
        "IMDS settings; defaults to IMDSv2 required. ``None`` sends nothing (service defaults)."
    ),
    "MetadataOptions.HttpTokens": (
        'Defaults to ``"required"`` (IMDSv2 only, secure default); ``"optional"`` allows IMDSv1.'
    ),
    "NetworkInterfaces[].DeviceIndex": "Attachment index (0 is the primary interface).",
    "NetworkInterfaces[].NetworkInterfaceId": "Attach this existing interface instead of creating one.",
    "Placement.Tenancy": "Tenancy in EC2's vocabulary. Wins over ``WorkspaceArgs.tenancy`` when set.",
    "SecurityGroups": "Security group names (default VPC).",
    "TagSpecifications": "Tags EC2 applies at launch to the instance, volumes, interfaces or spot request.",
    "UserData": "User data (base64, as the API expects).",
}

#: Class documentation that replaces the model's documentation of the member that holds it.
CLASS_DOCS: dict[str, str] = {
    ROOT_CLASS: (
        "Everything a ``Workspace`` needs: the ManagedInstance fields plus component settings.\n\n"
        "``image_id`` and ``instance_type`` are required (the model marks nothing required, but no "
        "instance can launch without them); everything else is optional."
    ),
    "EbsArgs": "An EBS volume (``Ebs`` of a block device mapping). Encrypted unless ``encrypted=False``.",
    ROOT_VOLUME_CLASS: (
        "The AMI's root volume: a block device mapping of ``device_name`` with these EBS settings."
    ),
    "BlockDeviceArgs": (
        "An additional block device mapping (an extra EBS volume, an instance store, or a suppression)."
    ),
    "MetadataOptionsArgs": (
        "Instance metadata service (IMDS). IMDSv2 is required unless ``http_tokens`` says otherwise."
    ),
}

#: The root volume's device name documentation (the member's own says nothing of the default).
ROOT_VOLUME_DEVICE_DOC = (
    "The AMI's root device name; must match the AMI (``/dev/sda1`` for Windows AMIs). ``None`` sends "
    "no root mapping, like ``root_volume=None``."
)
