"""The Pulumi package schema of the provider plugin, computed from :mod:`.description`.

``GetSchema`` serves :func:`package_schema`. The same document is checked in beside this module as
``schema.json`` (the input of SDK generation, and for review); ``python -m
pulumi_workspaces_instances.plugin.schema`` rewrites it, and a test proves that rewriting
it changes nothing.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from .description import (
    ANY,
    CONFIG,
    PACKAGE,
    ComponentSpec,
    Enum,
    Field,
    FunctionSpec,
    ListOf,
    MapOf,
    Record,
    ResourceSpec,
    Scalar,
    TypeSpec,
    component,
    functions,
    resources,
    token,
)

SCHEMA_FILE = Path(__file__).with_name("schema.json")
"""The checked-in copy (generated: edit description.py, then regenerate)."""
ANY_REF = "pulumi.json#/Any"
DISTRIBUTION = "pulumi-workspaces-instances"
LANGUAGE = {
    # The generated SDKs' own names. The Python one is ``pulumi_workspacesinstances`` (Pulumi's
    # ``pulumi_<package>`` convention), a different package from ``pulumi_workspaces_instances``,
    # which holds the dynamic face, this plugin and the emulator. No registry publishes these
    # SDKs: programs use them from ``sdk/`` (docs/languages.md).
    "nodejs": {"packageName": "pulumi-workspacesinstances", "respectSchemaVersion": True},
    "python": {
        "packageName": "pulumi_workspacesinstances",
        "respectSchemaVersion": True,
        "pyproject": {"enabled": True},
    },
    "go": {
        "importBasePath": "github.com/pulumi-workspaces-instances/sdk/go/workspacesinstances",
        "generateResourceContainerTypes": True,
        "respectSchemaVersion": True,
    },
    "csharp": {
        "rootNamespace": "WorkspacesInstances",
        "namespaces": {PACKAGE: "Provider"},
        "respectSchemaVersion": True,
        "packageReferences": {"Pulumi": "3.*"},
    },
    # Not Pulumi's own com.pulumi: the reverse of the Go SDK's (placeholder) repository path.
    "java": {"basePackage": "io.github.pulumiworkspacesinstances"},
}
"""Per-language settings of the SDK generators (``language`` in the schema)."""


def package_version() -> str:
    """The installed package's version: the plugin's, and so the schema's and the SDKs'."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0.0.0"


def enum_value_name(value: str) -> str:
    """A name every SDK can use for an enum value: ``NO_FORCE`` → ``NoForce``, ``Linux/UNIX``
    → ``LinuxUnix``."""
    parts = [part for part in re.split(r"[^A-Za-z0-9]+", value) if part]
    name = "".join(part[:1].upper() + (part[1:].lower() if part.isupper() else part[1:]) for part in parts)
    return name if name[:1].isalpha() else "Value" + name


class _Builder:
    """Walks the description once, collecting every named type it meets."""

    def __init__(self) -> None:
        self.types: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, TypeSpec] = {}

    def ref(self, spec: TypeSpec) -> dict[str, Any]:
        if isinstance(spec, Scalar):
            return {"$ref": ANY_REF} if spec is ANY else {"type": spec.schema_type}
        if isinstance(spec, ListOf):
            return {"type": "array", "items": self.ref(spec.item)}
        if isinstance(spec, MapOf):
            return {"type": "object", "additionalProperties": self.ref(spec.value)}
        type_token = token(spec.name)
        if type_token in self.owners:
            known = self.owners[type_token]
            # One enum shape can be documented differently per operation; its values must agree.
            # A record met twice must have the same fields (the component's are built per use).
            if isinstance(known, Enum) and isinstance(spec, Enum):
                same = known.values == spec.values
            else:
                same = known is spec or (
                    isinstance(known, Record)
                    and isinstance(spec, Record)
                    and _Builder().object(known.fields) == _Builder().object(spec.fields)
                )
            assert same, f"two different types named {spec.name}"
        else:
            self.owners[type_token] = spec
            if isinstance(spec, Enum):
                names = [enum_value_name(value) for value in spec.values]
                assert len(set(names)) == len(names), f"{spec.name}: enum value names collide: {names}"
                self.types[type_token] = {
                    "type": "string",
                    "description": spec.description,
                    "enum": [
                        {"name": name, "value": value} for name, value in zip(names, spec.values, strict=True)
                    ],
                }
            else:
                self.types[type_token] = {}  # reserved first: a recursive record refers to itself
                self.types[type_token] = {
                    "type": "object",
                    "description": spec.description,
                    **self.object(spec.fields),
                }
        return {"$ref": f"#/types/{type_token}"}

    def property(self, field: Field) -> dict[str, Any]:
        spec: dict[str, Any] = {**self.ref(field.type)}
        if field.description:
            spec["description"] = field.description
        if field.secret:
            spec["secret"] = True
        return spec

    def object(self, fields: tuple[Field, ...], required_key: str = "required") -> dict[str, Any]:
        spec: dict[str, Any] = {"properties": {field.name: self.property(field) for field in fields}}
        required = sorted(field.name for field in fields if field.required)
        if required:
            spec[required_key] = required
        return spec

    def resource(self, resource: ResourceSpec) -> dict[str, Any]:
        inputs = self.object(resource.inputs, "requiredInputs")
        outputs = self.object(resource.outputs)
        return {
            "description": resource.description,
            "inputProperties": inputs["properties"],
            **({"requiredInputs": inputs["requiredInputs"]} if "requiredInputs" in inputs else {}),
            **outputs,
        }

    def function(self, function: FunctionSpec) -> dict[str, Any]:
        self.ref(function.result)
        result = self.types.pop(token(function.result.name))
        return {
            "description": function.description,
            "inputs": self.object(function.inputs),
            "outputs": {key: value for key, value in result.items() if key != "type"},
        }

    def config(self, record: Record) -> dict[str, Any]:
        return self.object(record.fields)

    def component(self, component: ComponentSpec) -> dict[str, Any]:
        inputs = self.object(component.inputs.fields, "requiredInputs")
        return {
            "isComponent": True,
            "description": component.description,
            "inputProperties": inputs["properties"],
            **({"requiredInputs": inputs["requiredInputs"]} if "requiredInputs" in inputs else {}),
            **self.object(component.outputs),
        }


def package_schema() -> dict[str, Any]:
    """The whole schema document."""
    builder = _Builder()
    resource_specs = {resource.token: builder.resource(resource) for resource in resources()}
    workspace = component()
    resource_specs[workspace.token] = builder.component(workspace)
    function_specs = {function.token: builder.function(function) for function in functions()}
    config = builder.config(CONFIG)
    return {
        "name": PACKAGE,
        "version": package_version(),
        "displayName": "Amazon WorkSpaces Instances",
        "description": (
            "Amazon WorkSpaces Instances: desktops with their billing mode (MONTHLY or HOURLY), volumes, "
            "attachments and instance-type lookups, from every Pulumi language."
        ),
        "keywords": ["pulumi", "aws", "workspaces", "workspaces-instances", "category/cloud"],
        "license": "Apache-2.0",
        "publisher": "workspaces-instances",
        "config": {"variables": config["properties"]},
        "provider": {
            "description": CONFIG.description,
            "inputProperties": config["properties"],
        },
        "resources": resource_specs,
        "functions": function_specs,
        "types": dict(sorted(builder.types.items())),
        "language": LANGUAGE,
    }


def render() -> str:
    """The schema as the checked-in file holds it (stable key order, trailing newline)."""
    return json.dumps(package_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``schema.json`` (or with ``--check``, fail when it is not what the description gives)."""
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in args:
        if SCHEMA_FILE.read_text() != text:
            print(f"{SCHEMA_FILE} is out of date: run python -m {__spec__.name}", file=sys.stderr)
            return 1
        return 0
    SCHEMA_FILE.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
