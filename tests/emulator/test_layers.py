"""The emulator's layers import one way: core ← workspaces_instances ← ec2 ← the assembly around them.

``core`` (the protocol framework) knows no service; the WorkSpaces Instances service knows the
framework only; EC2's actions read what that service made. Only the modules at the emulator's top
(embedded, __main__, service, faults, operations) see all three.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from toolchain.paths import ROOT

EMULATOR = ROOT / "pulumi_workspaces_instances" / "emulator"
EMULATOR_MODULE = "pulumi_workspaces_instances.emulator"
#: Each layer, and the emulator's packages it may import (itself included).
MAY_IMPORT = {
    "core": {"core"},
    "workspaces_instances": {"core", "workspaces_instances"},
    "ec2": {"core", "workspaces_instances", "ec2"},
}


def _package_of(path: Path) -> str:
    return ".".join(path.parent.relative_to(ROOT).parts)


def _imported_modules(source: str, package: str) -> set[str]:
    """Every module ``source`` imports, its relative imports resolved against ``package``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # `from . import cbor` imports the module cbor; `from .x import name` the module x.
            found.update(f"{module}.{alias.name}" for alias in node.names)
            found.add(module)
    return found


def _emulator_packages_imported(source: str, package: str) -> set[str]:
    """The emulator's packages (or top-level modules) that ``source``, in ``package``, imports from."""
    packages = set()
    for module in _imported_modules(source, package):
        if module.startswith(EMULATOR_MODULE + "."):
            packages.add(module.removeprefix(EMULATOR_MODULE + ".").split(".")[0])
    return packages


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_each_layer_imports_only_the_layers_below_it(layer: str) -> None:
    files = sorted((EMULATOR / layer).rglob("*.py"))
    assert files, layer
    offenders = [
        f"{path.relative_to(ROOT)} imports {package}"
        for path in files
        for package in sorted(
            _emulator_packages_imported(path.read_text(), _package_of(path)) - MAY_IMPORT[layer]
        )
    ]
    assert offenders == []


def test_the_check_sees_relative_imports_across_layers() -> None:
    """Guard the guard: relative imports, one level up or within the package, resolve to their layer."""
    source = "from ..ec2.filters import page\nfrom . import cbor\nfrom ...ebs_limits import IOPS_RANGES\n"
    assert _emulator_packages_imported(source, f"{EMULATOR_MODULE}.core") == {"ec2", "core"}
