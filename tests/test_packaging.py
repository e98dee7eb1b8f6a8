"""The distribution: one namespaced package, its data files and console script, nothing generic on top."""

from __future__ import annotations

import ast
import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import pulumi_workspaces_instances
from tests.conftest import copy_of_source
from toolchain.paths import ROOT

PACKAGE = "pulumi_workspaces_instances"
HOST_PTH = "pulumi_workspaces_instances_host.pth"
#: The repository folders the package is assembled from; never importable by these names.
FOLDERS = ("provider", "components", "emulator")
SOURCE_DIRS = (*FOLDERS, PACKAGE, "tests", "toolchain", "bench")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    source = copy_of_source(tmp_path_factory.mktemp("source"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(source),
        ],
        check=True,
    )
    (path,) = out.glob("pulumi_workspaces_instances-*.whl")
    return zipfile.ZipFile(path)


@pytest.mark.toolchain
def test_the_wheel_installs_one_namespaced_package(wheel: zipfile.ZipFile) -> None:
    top_level = {name.split("/", 1)[0] for name in wheel.namelist()}
    # Beside the package only the dynamic host's start-up hook (provider/host/import_hint.py).
    assert {entry for entry in top_level if not entry.endswith(".dist-info")} == {PACKAGE, HOST_PTH}
    hook = wheel.read(HOST_PTH).decode()
    assert hook.startswith("import sys;") and "pulumi.dynamic" in hook and hook.count("\n") == 1
    names = set(wheel.namelist())
    # Every module and data file of the tree's package, in every folder (a subpackage missing from
    # pyproject's list would be left out, and the installed package would fail to import).
    tree = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / PACKAGE).rglob("*")
        if path.suffix in (".py", ".json", ".typed") and "__pycache__" not in path.parts
    }
    assert f"{PACKAGE}/emulator/workspaces_instances/catalogue.json" in tree
    # schema.json is the input of sdk/, checked in; the plugin builds its schema when asked.
    assert sorted(tree - names) == [f"{PACKAGE}/plugin/schema.json"]
    assert not [name for name in names if "/tests/" in name or name.startswith("tests/")]


@pytest.mark.toolchain
def test_the_wheel_declares_the_emulator_command_and_compatible_ranges(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [name for name in wheel.namelist() if name.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(entry_points).decode())
    assert parser["console_scripts"]["workspaces-instances-emulator"] == (f"{PACKAGE}.emulator.__main__:main")
    (metadata,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
    requires = [
        line.removeprefix("Requires-Dist: ")
        for line in wheel.read(metadata).decode().splitlines()
        if line.startswith("Requires-Dist: ") and "extra ==" not in line
    ]
    # Ranges, not pins: the package must install beside a user's own versions.
    assert sorted(requires) == ["boto3<2,>=1.44.5", "botocore<2,>=1.44.5", "pulumi<4,>=3.272"]


def _absolute_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_no_source_imports_the_folders_by_their_top_level_names() -> None:
    # Such an import would load a second copy of the modules (and collide with a user's own).
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in SOURCE_DIRS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "consumer_project" not in path.parts  # another team's project, with its own such names
        for name in _absolute_imports(path)
        if name in FOLDERS
    ]
    assert offenders == []


def _imports_of(folder: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(ROOT)): _absolute_imports(path) for path in sorted((ROOT / folder).rglob("*.py"))
    }


def test_what_is_shipped_imports_nothing_that_is_not() -> None:
    # The package imports neither the tests nor the unshipped toolchain/ and bench/ (absent from
    # the wheel); toolchain/ only the standard library, so the tests and the benchmark can both use
    # it; bench/ never the tests (what it shares with them is toolchain's).
    rules = {
        PACKAGE: lambda name: name not in ("tests", "toolchain", "bench"),
        "toolchain": lambda name: name == "toolchain" or name in sys.stdlib_module_names,
        "bench": lambda name: name != "tests",
    }
    offenders = [
        f"{path}: {name}"
        for folder, allowed in rules.items()
        for path, names in _imports_of(folder).items()
        for name in sorted(names)
        if not allowed(name)
    ]
    assert offenders == []


def test_the_public_api_is_exported_from_the_package_root_with_docstrings() -> None:
    from pulumi_workspaces_instances import (  # noqa: F401  (the imports the README and docs/_index.md show)
        Workspace,
        WorkspaceArgs,
        WorkspaceInstance,
        get_instance_types,
        get_instance_types_output,
    )

    for name in pulumi_workspaces_instances.__all__:
        value = getattr(pulumi_workspaces_instances, name)
        assert (value.__doc__ or "").strip(), f"{name} has no docstring"


def test_each_provider_name_is_exported_from_the_module_the_lazy_map_names() -> None:
    from pulumi_workspaces_instances import provider

    assert sorted(provider.EXPORTS) == sorted(provider.__all__)
    for name, module in provider.EXPORTS.items():
        defined_in = getattr(provider, name).__module__
        assert defined_in == f"{PACKAGE}.provider.{module}", name


def _modules_loaded_by(statement: str, prefix: str = PACKAGE) -> set[str]:
    """The modules named ``prefix``… a fresh interpreter has loaded after ``statement``."""
    script = f"import sys\n{statement}\nprint(*sorted(m for m in sys.modules if m.startswith({prefix!r})))"
    command = [sys.executable, "-c", script]
    answer = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return set(answer.stdout.split())


def test_the_provider_host_loads_only_the_provider_it_unpickles() -> None:
    """The dynamic host imports the package to unpickle a provider: every other module costs every preview."""
    loaded = _modules_loaded_by(f"import {PACKAGE}.provider.instance_provider, {PACKAGE}.provider.seed")
    assert f"{PACKAGE}.provider.instance_provider" in loaded
    unrelated = ("components", "plugin", "emulator", "provider.data_sources", "provider.volume")
    assert sorted(name for name in loaded if name.removeprefix(f"{PACKAGE}.").startswith(unrelated)) == []
    # botocore makes the clients; boto3 (and its s3transfer) would add nothing but import time.
    assert _modules_loaded_by(f"import {PACKAGE}.provider.instance_provider", "boto3") == set()


def test_a_program_of_workspace_instances_does_not_load_the_component() -> None:
    loaded = _modules_loaded_by(f"from {PACKAGE} import WorkspaceInstance")
    assert f"{PACKAGE}.provider.workspace_instance" in loaded
    assert not any(name.startswith(f"{PACKAGE}.components") for name in loaded)
    assert f"{PACKAGE}.components.workspace" in _modules_loaded_by(f"from {PACKAGE} import Workspace")
