"""The generated ``args.py`` / ``args_dicts.py``: regenerating changes nothing, and the rules hold."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import ModuleType

import pytest
from botocore.model import ListShape, Shape, StructureShape

from pulumi_workspaces_instances.components import args, args_dicts, args_table
from pulumi_workspaces_instances.components.args_base import AWS_NAME
from pulumi_workspaces_instances.components.args_generator import (
    HEADER,
    class_specs,
    main,
    outputs,
    singular,
    snake,
)
from pulumi_workspaces_instances.provider.aws.model import managed_instance_shape


def test_regenerating_changes_nothing() -> None:
    stale = [path.name for path, text in outputs() if path.read_text() != text]
    assert not stale, (
        f"{', '.join(stale)} differ from what args_table and the installed botocore give: "
        "run python -m pulumi_workspaces_instances.components.args_generator (or make generate)"
    )
    assert main(["--check"]) == 0


@pytest.mark.parametrize("module", [args, args_dicts])
def test_the_files_say_they_are_generated(module: ModuleType) -> None:
    assert module.__file__ is not None
    assert Path(module.__file__).read_text().startswith(HEADER)


@pytest.mark.parametrize(
    ("member", "name"),
    [
        ("EnableResourceNameDnsAAAARecord", "enable_resource_name_dns_aaaa_record"),
        ("EnableResourceNameDnsARecord", "enable_resource_name_dns_a_record"),
        ("Ipv6AddressCount", "ipv6_address_count"),
        ("HttpPutResponseHopLimit", "http_put_response_hop_limit"),
        ("AmdSevSnp", "amd_sev_snp"),
    ],
)
def test_snake_case_names(member: str, name: str) -> None:
    assert snake(member) == name


@pytest.mark.parametrize(
    ("member", "item"),
    [
        ("Ipv6Addresses", "Ipv6Address"),
        ("Ipv4Prefixes", "Ipv4Prefix"),
        ("NetworkInterfaces", "NetworkInterface"),
        ("LicenseSpecifications", "LicenseSpecification"),
    ],
)
def test_list_items_are_singular(member: str, item: str) -> None:
    assert singular(member) == item


def _structures(shape: StructureShape) -> list[tuple[str, StructureShape]]:
    """Every (path, structure) under ``shape``, lists' items included, without Key/Value tags."""
    found = []
    for name, member in shape.members.items():
        item: Shape = member.member if isinstance(member, ListShape) else member
        path = f"{name}[]" if isinstance(member, ListShape) else name
        if isinstance(item, StructureShape) and set(item.members) != {"Key", "Value"}:
            found.append((path, item))
            found += [(f"{path}.{p}", s) for p, s in _structures(item)]
    return found


def test_every_managed_instance_member_is_an_argument_at_its_place() -> None:
    """A model walk: each member of each structure is a field of the class its parent maps to."""
    classes = {spec.name: spec for spec in class_specs()}
    root = classes[args_table.ROOT_CLASS]
    by_member = {f.aws_name: f for f in root.fields if f.aws_name}
    shape = managed_instance_shape()
    for member in shape.members:
        if member == args_table.SPLIT_MEMBER:
            assert {f.name for f in root.fields} >= {a.name for a in args_table.SPLIT_ARGUMENTS}
        else:
            assert member in by_member, member
    for path, structure in _structures(shape):
        owner = next(
            (
                cls
                for cls in classes.values()
                if {f.aws_name for f in cls.fields if f.aws_name} == set(structure.members)
            ),
            None,
        )
        assert owner is not None, f"{path}: no class has exactly its members {sorted(structure.members)}"
        real = getattr(args, owner.name)
        assert {f.metadata[AWS_NAME] for f in dataclasses.fields(real)} >= set(structure.members), path


def test_every_table_path_names_a_member() -> None:
    """A table entry for a member botocore renamed or dropped would silently do nothing."""
    paths = {""}
    shape = managed_instance_shape()

    def walk(structure: StructureShape, prefix: str) -> None:
        for name, member in structure.members.items():
            item = member.member if isinstance(member, ListShape) else member
            path = f"{prefix}{name}"
            paths.add(path)
            if isinstance(member, ListShape):
                paths.add(f"{path}[]")
            if isinstance(item, StructureShape):
                walk(item, f"{path}[]." if isinstance(member, ListShape) else f"{path}.")

    walk(shape, "")
    table_paths = {*args_table.REQUIRED, *args_table.DEFAULTS, *args_table.CLASS_NAMES, *args_table.DOCS}
    assert table_paths <= paths, sorted(table_paths - paths)


def test_secure_defaults_come_through() -> None:
    workspace = args.WorkspaceArgs(image_id="ami-1", instance_type="m5.large")
    assert workspace.metadata_options is not None and workspace.metadata_options.http_tokens == "required"
    assert workspace.root_volume is not None and workspace.root_volume.encrypted is True
    assert args.BlockDeviceArgs(device_name="/dev/xvdf", ebs=args.EbsArgs()).ebs.encrypted is True  # type: ignore[union-attr]
