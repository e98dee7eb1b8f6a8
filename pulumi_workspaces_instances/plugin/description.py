"""The one description of what the provider plugin serves: every resource, function and type.

Both the package schema (:mod:`.schema`) and the translation of values between the wire and the
shared implementation (:mod:`.values`) are computed from this description, so they cannot
disagree. It is assembled, not retyped:

- the ``ManagedInstance`` tree, its enums and its sensitive members come from the installed
  botocore model (camelCase names on the wire, the model's PascalCase names inside);
- the other properties come from the Python face's classes: their annotations give the types and
  their attribute docstrings (and the constructors' ``:param`` lines) the descriptions;
- the small tables below hold only this project's choices: which of those properties each face
  serves, which types the annotations are too loose to tell, and which members are secret.

Names: the schema uses camelCase (Pulumi's convention for every language; each SDK generator
renames them, e.g. snake_case in Python); the shared implementation keeps the names the dynamic
face stores in state (``size_in_gb``), and the model's own names inside ``managedInstance``.
Keys that start with ``__`` are the implementation's hidden inputs (``__defaults``, ``__seed``):
they travel unchanged and never appear in the schema.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import inspect
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Union

import pulumi
from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape

from ..provider.attachment_provider import VolumeAttachmentProvider
from ..provider.aws.model import managed_instance_shape, member_shape, model_markdown
from ..provider.data_sources import instance_types, lookups
from ..provider.inputs import properties, timeouts
from ..provider.instance_provider import WorkspaceInstanceProvider
from ..provider.instances import ec2_view, state
from ..provider.provider_base import PackageProvider
from ..provider.volume import Volume, VolumeAttachment
from ..provider.volume_provider import VolumeProvider
from ..provider.volumes import state as vs
from ..provider.workspace_instance import WorkspaceInstance
from .docs import attribute_docs, markdown, param_docs, summary

PACKAGE = "workspacesinstances"
"""The package name: the plugin is ``pulumi-resource-workspacesinstances`` and every token starts
with it. One lowercase word, as Pulumi's own providers are named (``aws``, ``awsnative``); the
component's token ``workspacesinstances:index:Workspace`` already uses it in existing states."""
MODULE = "index"
HIDDEN_PREFIX = "__"
"""Keys of the shared implementation's hidden inputs: carried through unchanged, never in the schema."""


def retext(text: str) -> str:
    """A Python-face description for every language: ```snake_name``` becomes ```camelName```."""
    return re.sub(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`", lambda match: f"`{camel(match.group(1))}`", text)


def token(name: str) -> str:
    """The schema token of a resource, function or type of this package."""
    return f"{PACKAGE}:{MODULE}:{name}"


def camel(name: str) -> str:
    """The schema name of an implementation name: ``size_in_gb`` → ``sizeInGb``, ``ImageId`` → ``imageId``."""
    head, *rest = name.split("_")
    head = head[:1].lower() + head[1:]
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


# --- types ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scalar:
    """A string, integer, number, boolean, or any value (``pulumi.json#/Any``)."""

    schema_type: str


STRING = Scalar("string")
INTEGER = Scalar("integer")
NUMBER = Scalar("number")
BOOLEAN = Scalar("boolean")
ANY = Scalar("any")


@dataclass(frozen=True)
class ListOf:
    """A list of ``item``."""

    item: TypeSpec


@dataclass(frozen=True)
class MapOf:
    """A map from user-chosen string keys (never renamed) to ``value``."""

    value: TypeSpec


@dataclass(frozen=True)
class Enum:
    """A string with a closed set of values, named after the model's enum shape."""

    name: str
    values: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Field:
    """One property: its implementation name, schema name, type and documentation."""

    core: str
    name: str
    type: TypeSpec
    description: str = ""
    required: bool = False
    secret: bool = False


@dataclass(frozen=True, eq=False)
class Record:
    """An object type with named fields (a model structure, a TypedDict or a dataclass)."""

    name: str
    description: str
    fields: tuple[Field, ...] = ()

    def field_named(self, name: str) -> Field | None:
        """The field whose schema name is ``name``."""
        return next((field for field in self.fields if field.name == name), None)

    def field_of(self, core: str) -> Field | None:
        """The field whose implementation name is ``core``."""
        return next((field for field in self.fields if field.core == core), None)


TypeSpec = Scalar | ListOf | MapOf | Enum | Record


# --- from the botocore model --------------------------------------------------------------------

_SCALARS = {
    "string": STRING,
    "integer": INTEGER,
    "long": INTEGER,
    "boolean": BOOLEAN,
    "float": NUMBER,
    "double": NUMBER,
    "timestamp": STRING,
}


def _model_type_name(shape: Shape) -> str:
    # What a program sends is the request form anyway: the suffix only lengthens SDK class names.
    return shape.name.removesuffix("Request")


@cache
def _model_records() -> dict[str, Record]:
    return {}


def model_type(shape: Shape) -> TypeSpec:
    """The schema type of a model shape (structures become records named after the shape)."""
    if isinstance(shape, StringShape) and shape.enum:
        return Enum(shape.name, tuple(shape.enum), model_markdown(shape.documentation))
    if isinstance(shape, StructureShape):
        records = _model_records()
        name = _model_type_name(shape)
        if name not in records:
            record = Record(name, model_markdown(shape.documentation))
            records[name] = record  # before the members: a recursive shape refers to itself
            fields = tuple(
                Field(
                    core=member_name,
                    name=camel(member_name),
                    type=model_type(member),
                    description=model_markdown(member.documentation),
                    required=member_name in shape.required_members,
                    secret=bool(member.metadata.get("sensitive")),
                )
                for member_name, member in shape.members.items()
            )
            object.__setattr__(record, "fields", fields)
        return records[name]
    if isinstance(shape, ListShape):
        return ListOf(model_type(shape.member))
    if isinstance(shape, MapShape):
        return MapOf(model_type(shape.value))
    return _SCALARS[shape.type_name]


def managed_instance_type() -> Record:
    """``ManagedInstance``, every member of the installed botocore's model."""
    record = model_type(managed_instance_shape())
    assert isinstance(record, Record)
    return Record("ManagedInstance", record.description, record.fields)


# --- from Python annotations --------------------------------------------------------------------


def _python_type(annotation: Any, overrides: Mapping[str, TypeSpec], name: str) -> TypeSpec:
    if name in overrides:
        return overrides[name]
    origin = typing.get_origin(annotation)
    if origin is pulumi.Output:
        return _python_type(typing.get_args(annotation)[0], {}, name)
    if origin in (Union, types.UnionType):
        present = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _python_type(present[0], {}, name)
    if origin in (list, collections.abc.Sequence) or (
        origin is tuple and typing.get_args(annotation)[1:] == (...,)
    ):
        return ListOf(_python_type(typing.get_args(annotation)[0], {}, name))
    if origin in (dict, collections.abc.Mapping):
        return MapOf(_python_type(typing.get_args(annotation)[1], {}, name))
    if annotation is str:
        return STRING
    if annotation is bool:
        return BOOLEAN
    if annotation is int:
        return INTEGER
    if annotation is float:
        return NUMBER
    if annotation is Any:
        return ANY
    if isinstance(annotation, type) and (
        typing.is_typeddict(annotation) or dataclasses.is_dataclass(annotation)
    ):
        return python_record(annotation, _record_name(annotation))
    raise TypeError(f"{name}: no schema type for {annotation!r}")


COMPONENT_ARGS_SUFFIX = "Args"
COMPONENT_TYPE_PREFIX = "Workspace"
"""The component's argument classes (``CpuOptionsArgs``) become ``WorkspaceCpuOptions`` types: every
SDK adds its own ``Args`` suffix to input types, and the prefix keeps them apart from the model's."""


def _record_name(cls: type) -> str:
    if dataclasses.is_dataclass(cls) and cls.__name__.endswith(COMPONENT_ARGS_SUFFIX):
        return COMPONENT_TYPE_PREFIX + cls.__name__.removesuffix(COMPONENT_ARGS_SUFFIX)
    return cls.__name__


def _optional(cls: type, field_name: str, hint: Any) -> bool:
    if dataclasses.is_dataclass(cls):
        declared = {field.name: field for field in dataclasses.fields(cls)}[field_name]
        return (
            declared.default is not dataclasses.MISSING or declared.default_factory is not dataclasses.MISSING
        )
    return typing.get_origin(hint) in (Union, types.UnionType) and type(None) in typing.get_args(hint)


def _inherited_docs(cls: type) -> dict[str, str]:
    docs: dict[str, str] = {}
    for base in reversed([base for base in cls.__mro__ if base.__module__ == cls.__module__]):
        docs.update(attribute_docs(base))
    return docs


@cache
def python_record(cls: type, name: str | None = None) -> Record:
    """A TypedDict or dataclass as a record: snake_case fields, camelCase on the wire.

    A dataclass field is required when it has no default; a TypedDict key when it cannot be None.
    """
    # pulumi.Input refers to "Output" by name: resolve it in the SDK's namespace.
    hints = typing.get_type_hints(cls, localns={"Output": pulumi.Output, "T": pulumi.output.T})
    docs = _inherited_docs(cls)
    optional = {field_name for field_name, hint in hints.items() if _optional(cls, field_name, hint)}
    fields = tuple(
        Field(
            core=field_name,
            name=camel(field_name),
            type=_python_type(hint, {}, field_name),
            description=retext(docs.get(field_name, "")),
            required=field_name not in optional,
        )
        for field_name, hint in hints.items()
    )
    return Record(name or cls.__name__, retext(summary(cls)), fields)


def timeouts_record(resource: str, defaults: Mapping[str, str]) -> Record:
    """The ``timeouts`` input of one resource: one duration per operation it waits for."""
    return Record(
        f"{resource}Timeouts",
        "How long Pulumi waits for each operation: a duration such as `90s`, `30m` or `1h30m`.",
        tuple(
            Field(core=operation, name=operation, type=STRING, description=f"Default `{default}`.")
            for operation, default in defaults.items()
        ),
    )


# --- resources ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceSpec:
    """One custom resource the plugin serves, and the shared implementation behind it."""

    name: str
    description: str
    inputs: tuple[Field, ...]
    outputs: tuple[Field, ...]
    provider: Callable[[], PackageProvider]
    delete_before_replace: bool = False
    """Replace by deleting first, as the Python face's default resource option does."""
    stable: tuple[str, ...] = ()
    """Outputs an in-place update never changes: a preview keeps them known, so what depends on
    them (an attachment on an instance's id) is not shown as replaced when it will not be."""

    @property
    def token(self) -> str:
        """The resource's type token."""
        return token(self.name)

    def record(self) -> Record:
        """Every property (inputs and outputs) as one record, for translating state."""
        seen = {field.core: field for field in (*self.outputs, *self.inputs)}
        return Record(self.name, self.description, tuple(seen.values()))


def _own_hints(cls: type) -> dict[str, Any]:
    """The annotations ``cls`` itself declares, evaluated (not its bases': the SDK's are not resolvable)."""
    module = vars(sys.modules[cls.__module__])
    annotations: dict[str, Any] = inspect.get_annotations(cls)
    return {
        name: eval(hint, module) if isinstance(hint, str) else hint  # our own annotations, not input
        for name, hint in annotations.items()
    }


def _fields(
    cls: type,
    names: tuple[str, ...],
    *,
    docs: Mapping[str, str],
    overrides: Mapping[str, TypeSpec],
    required: tuple[str, ...] = (),
    secret: tuple[str, ...] = (),
) -> tuple[Field, ...]:
    hints = _own_hints(cls)
    return tuple(
        Field(
            core=name,
            name=camel(name),
            type=_python_type(hints[name], overrides, name),
            description=retext(DESCRIPTIONS.get(name) or docs.get(name) or attribute_docs(cls).get(name, "")),
            required=name in required,
            secret=name in secret,
        )
        for name in names
    )


def _enum(operation: str, path: str) -> TypeSpec:
    return model_type(member_shape(operation, path))


DESCRIPTIONS = {
    state.MANAGED_INSTANCE: (
        "The instance's settings: the API's `ManagedInstance`, every member of the installed model "
        "(image, type, network, storage, metadata options, ...). Changing it replaces the instance."
    ),
    properties.REGION: (
        "Where the resource lives; default: the provider's `region`, then the AWS environment. "
        "Changing it replaces the resource."
    ),
}
"""Descriptions of this face's own (the Python face's docstrings name Python options there)."""
RESOURCE_DESCRIPTIONS = {
    "Volume": (
        "An EBS volume for WorkSpaces Instances "
        "(CreateVolume/ModifyVolume/DeleteVolume, read through EC2).\n\n"
        "`sizeInGb` (grow only), `volumeType`, `iops` and `throughput` change **in place** with "
        "ModifyVolume, `tags` in place with EC2 CreateTags/DeleteTags; a smaller `sizeInGb` is refused "
        "at preview. `availabilityZone`, `encrypted`, `kmsKeyId`, `snapshotId`, `region` and "
        "`clientToken` replace the volume (its data is lost), deleting the old volume first. `timeouts` "
        "only change how long Pulumi waits. Unset `sizeInGb`, `volumeType`, `iops` and `throughput` "
        'mean "as the volume is": their outputs show EC2\'s values.'
    ),
}

INSTANCE_INPUTS = (
    state.MANAGED_INSTANCE,
    state.MANAGED_INSTANCE_EXTRAS,
    state.BILLING_MODE,
    properties.TAGS,
    properties.REGION,
    properties.CLIENT_TOKEN,
    properties.TIMEOUTS,
)
"""WorkspaceInstance inputs the plugin serves. ``adopt_id``/``adopt_claimed`` are the Python face's
way to take over an instance; the plugin offers Pulumi's own, ``pulumi import``."""
INSTANCE_COMPUTED = (
    state.WORKSPACE_INSTANCE_ID,
    state.PROVISION_STATE,
    state.EC2_INSTANCE_ID,
    *state.EC2_VIEW_OUTPUTS,
)
VOLUME_COMPUTED = (vs.VOLUME_ID, vs.VOLUME_STATE, vs.ATTACHMENTS)
ATTACHMENT_COMPUTED = (vs.EC2_INSTANCE_ID, vs.ATTACHMENT_STATE)


class VolumeAttachmentInfo(typing.TypedDict):
    """Where EC2 shows the volume attached (by anyone)."""

    ec2_instance_id: str | None
    """The EC2 instance it is attached to."""
    device: str | None
    """The device name."""
    state: str | None
    """EC2's state of the attachment (`attaching`, `attached`, `detaching`)."""


@cache
def resources() -> tuple[ResourceSpec, ...]:
    """The custom resources, in schema order."""
    instance_docs = param_docs(WorkspaceInstance.__init__)
    instance_types_: dict[str, TypeSpec] = {
        state.MANAGED_INSTANCE: managed_instance_type(),
        state.MANAGED_INSTANCE_EXTRAS: MapOf(ANY),
        state.BILLING_MODE: _enum("CreateWorkspaceInstance", "BillingConfiguration.BillingMode"),
        properties.TIMEOUTS: timeouts_record("WorkspaceInstance", timeouts.DEFAULT_TIMEOUTS),
        state.EC2_INSTANCE: python_record(ec2_view.Ec2InstanceView),
    }
    instance_inputs = _fields(
        WorkspaceInstance,
        INSTANCE_INPUTS,
        docs=instance_docs,
        overrides=instance_types_,
        required=(state.MANAGED_INSTANCE,),
        secret=(properties.CLIENT_TOKEN,),
    )
    instance_outputs = _fields(
        WorkspaceInstance,
        (*INSTANCE_COMPUTED, *INSTANCE_INPUTS),
        docs={},
        overrides=instance_types_,
        required=(
            state.WORKSPACE_INSTANCE_ID,
            state.PROVISION_STATE,
            state.MANAGED_INSTANCE,
            properties.REGION,
        ),
        secret=(properties.CLIENT_TOKEN,),
    )
    volume_docs = param_docs(Volume.__init__)
    volume_types: dict[str, TypeSpec] = {
        vs.VOLUME_TYPE: _enum(vs.CREATE_VOLUME, "VolumeType"),
        vs.TIMEOUTS: timeouts_record("Volume", vs.VOLUME_TIMEOUTS),
        vs.ATTACHMENTS: ListOf(python_record(VolumeAttachmentInfo)),
    }
    volume_secret = (vs.KMS_KEY_ID, vs.CLIENT_TOKEN)
    attachment_docs = param_docs(VolumeAttachment.__init__)
    attachment_types: dict[str, TypeSpec] = {
        vs.DISASSOCIATE_MODE: _enum(vs.DISASSOCIATE_VOLUME, "DisassociateMode"),
        vs.TIMEOUTS: timeouts_record("VolumeAttachment", vs.ATTACHMENT_TIMEOUTS),
    }
    attachment_required = (vs.WORKSPACE_INSTANCE_ID, vs.VOLUME_ID, vs.DEVICE)
    return (
        ResourceSpec(
            "WorkspaceInstance",
            retext(
                RESOURCE_DESCRIPTIONS.get("WorkspaceInstance") or markdown(WorkspaceInstance.__doc__ or "")
            ),
            instance_inputs,
            instance_outputs,
            WorkspaceInstanceProvider,
            stable=(
                state.WORKSPACE_INSTANCE_ID,
                state.EC2_INSTANCE_ID,
                properties.REGION,
                state.AVAILABILITY_ZONE,
                state.MANAGED_INSTANCE,
                state.MANAGED_INSTANCE_EXTRAS,
                state.BILLING_MODE,
                properties.CLIENT_TOKEN,
            ),
        ),
        ResourceSpec(
            "Volume",
            retext(RESOURCE_DESCRIPTIONS.get("Volume") or markdown(Volume.__doc__ or "")),
            _fields(
                Volume,
                vs.VOLUME_INPUTS,
                docs=volume_docs,
                overrides=volume_types,
                required=(vs.AVAILABILITY_ZONE,),
                secret=volume_secret,
            ),
            _fields(
                Volume,
                (*VOLUME_COMPUTED, *vs.VOLUME_INPUTS),
                docs={},
                overrides=volume_types,
                required=(vs.VOLUME_ID, vs.VOLUME_STATE, vs.AVAILABILITY_ZONE, vs.REGION),
                secret=volume_secret,
            ),
            VolumeProvider,
            delete_before_replace=True,
            stable=(vs.VOLUME_ID, *(name for name in vs.CREATE_ONLY)),
        ),
        ResourceSpec(
            "VolumeAttachment",
            retext(RESOURCE_DESCRIPTIONS.get("VolumeAttachment") or markdown(VolumeAttachment.__doc__ or "")),
            _fields(
                VolumeAttachment,
                vs.ATTACHMENT_INPUTS,
                docs=attachment_docs,
                overrides=attachment_types,
                required=attachment_required,
            ),
            _fields(
                VolumeAttachment,
                vs.ATTACHMENT_OUTPUTS,
                docs={},
                overrides=attachment_types,
                required=(*attachment_required, vs.REGION),
            ),
            VolumeAttachmentProvider,
            stable=(*vs.ATTACHMENT_REPLACE, vs.EC2_INSTANCE_ID),
        ),
    )


def resource(type_token: str) -> ResourceSpec:
    """The resource a request's type names (a child's type is ``Parent$Child``: the last part)."""
    name = type_token.rsplit("$", 1)[-1]
    for spec in resources():
        if spec.token == name:
            return spec
    raise KeyError(f"unknown resource type {type_token!r}")


# --- functions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunctionSpec:
    """One function (data source) the plugin serves: the Python function behind it."""

    name: str
    description: str
    inputs: tuple[Field, ...]
    result: Record
    implementation: Callable[..., Any]

    @property
    def token(self) -> str:
        """The function's token."""
        return token(self.name)


def _function(
    name: str, implementation: Callable[..., Any], overrides: Mapping[str, TypeSpec]
) -> FunctionSpec:
    hints = typing.get_type_hints(implementation)
    docs = param_docs(implementation)
    result_name = name[:1].upper() + name[1:] + "Result"
    result = python_record(hints["return"], name=result_name)
    result = Record(result_name, f"What `{name}` returns.", result.fields)
    inputs = tuple(
        Field(
            core=parameter,
            name=camel(parameter),
            type=_python_type(hint, overrides, parameter),
            description=retext(docs.get(parameter, "")),
            required=not (
                typing.get_origin(hint) in (Union, types.UnionType) and type(None) in typing.get_args(hint)
            ),
        )
        for parameter, hint in hints.items()
        if parameter not in ("return", "opts")
    )
    return FunctionSpec(name, retext(summary(implementation)), inputs, result, implementation)


@cache
def functions() -> tuple[FunctionSpec, ...]:
    """The functions, in schema order."""
    filter_path = "InstanceConfigurationFilter"
    return (
        _function(
            "getInstanceTypes",
            instance_types.get_instance_types,
            {
                "billing_mode": _enum("ListInstanceTypes", f"{filter_path}.BillingMode"),
                "platform_type": _enum("ListInstanceTypes", f"{filter_path}.PlatformType"),
                "tenancy": _enum("ListInstanceTypes", f"{filter_path}.Tenancy"),
            },
        ),
        _function("getWorkspaceInstance", lookups.get_workspace_instance, {}),
        _function(
            "listWorkspaceInstances",
            lookups.list_workspace_instances,
            {"provision_states": _enum("ListWorkspaceInstances", "ProvisionStates")},
        ),
    )


def function(function_token: str) -> FunctionSpec:
    """The function a token names."""
    for spec in functions():
        if spec.token == function_token:
            return spec
    raise KeyError(f"unknown function {function_token!r}")


# --- the component ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComponentSpec:
    """The ``Workspace`` component, served through ``construct``: the Python face's own class."""

    name: str
    description: str
    inputs: Record
    outputs: tuple[Field, ...]

    @property
    def token(self) -> str:
        """The component's type token (the Python component registers the same one)."""
        return token(self.name)

    def record(self) -> Record:
        """The outputs as one record, for translating the component's state."""
        return Record(self.name, self.description, self.outputs)


PYTHON_ONLY_ARGUMENTS = ("adopt_id", "adopt_claimed")
"""``Workspace`` arguments this face does not serve (``pulumi import`` is its way to adopt)."""
WORKSPACE_OUTPUTS = (
    "workspace_instance_id",
    "ec2_instance_id",
    "provision_state",
    "billing_mode",
    "managed_instance",
    "private_ip",
    "public_ip",
    "availability_zone",
    "ec2_instance",
)


def _secret_arguments(record: Record, secret_members: frozenset[str]) -> Record:
    """``record`` with the fields that set a sensitive member (or the client token) marked secret."""
    fields = []
    for field in record.fields:
        kind = field.type
        if isinstance(kind, Record):
            kind = _secret_arguments(kind, secret_members)
        elif isinstance(kind, ListOf) and isinstance(kind.item, Record):
            kind = ListOf(_secret_arguments(kind.item, secret_members))
        secret = field.secret or camel(field.core)[:1].upper() + camel(field.core)[1:] in secret_members
        fields.append(dataclasses.replace(field, type=kind, secret=secret))
    return Record(record.name, record.description, tuple(fields))


@cache
def component() -> ComponentSpec:
    """The ``Workspace`` component: ``WorkspaceArgs`` in, the ``Workspace`` outputs out."""
    from ..components.args import WorkspaceArgs
    from ..components.workspace import Workspace
    from ..provider.instances.secrets import managed_instance_secret_paths

    arguments = python_record(WorkspaceArgs, "Workspace")
    served = tuple(field for field in arguments.fields if field.core not in PYTHON_ONLY_ARGUMENTS)
    secret_members = frozenset({path[-1] for path in managed_instance_secret_paths()} | {"ClientToken"})
    inputs = _secret_arguments(Record("Workspace", arguments.description, served), secret_members)
    outputs = _fields(
        Workspace,
        WORKSPACE_OUTPUTS,
        docs={},
        overrides={
            state.MANAGED_INSTANCE: managed_instance_type(),
            state.EC2_INSTANCE: python_record(ec2_view.Ec2InstanceView),
        },
        required=(state.WORKSPACE_INSTANCE_ID, state.PROVISION_STATE, state.MANAGED_INSTANCE),
    )
    return ComponentSpec("Workspace", retext(summary(Workspace)), inputs, outputs)


# --- provider configuration ---------------------------------------------------------------------

CONFIG = Record(
    "Provider",
    "The provider's configuration (`pulumi config set workspacesinstances:<key> <value>`).",
    (
        Field(
            core="region",
            name="region",
            type=STRING,
            description=(
                "The default region of every resource and function that does not set `region`; "
                "unset, the AWS environment's (`AWS_DEFAULT_REGION`, the profile)."
            ),
        ),
    ),
)
"""The provider's configuration keys (a plugin sees only its own package's keys, not `aws:region`)."""
