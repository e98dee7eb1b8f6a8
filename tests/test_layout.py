"""The tree imports the way the wheel does: its folders are the package's import paths.

``pulumi_workspaces_instances/provider`` is ``pulumi_workspaces_instances.provider``, with no
``package-dir`` mapping, import hook or link tree in between; the top-level ``provider``,
``components``, ``plugin`` and ``emulator`` are links into the package. So Python run from the
repository's root, mypy and pyright all read the tree as it is, whether or not a copy is installed.
Beside the package, two top-level folders that are never shipped: ``toolchain`` (what the tests and
the benchmark share) and ``bench`` (the benchmark).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import SHARES_CONSUMER_VENV
from toolchain.paths import ROOT

PACKAGE = "pulumi_workspaces_instances"
SUBPACKAGES = ("provider", "components", "plugin", "emulator")
#: Top-level packages of the repository that the wheel leaves out (run from the root only).
UNSHIPPED = ("toolchain", "bench")
PYRIGHT = ROOT / "tests" / "layout" / "node_modules" / "pyright" / "index.js"
CHECK_SECONDS = 600


def test_every_subpackage_is_a_folder_of_the_package_and_the_top_level_names_link_to_it() -> None:
    for name in SUBPACKAGES:
        folder = ROOT / PACKAGE / name
        assert folder.is_dir() and not folder.is_symlink(), folder
        assert (folder / "__init__.py").is_file(), folder
        link = ROOT / name
        assert link.is_symlink() and link.resolve() == folder.resolve(), link
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "package-dir" not in settings, "a package-dir mapping makes folders differ from import paths"
    # Listed, not found: a folder left out of the list would be left out of the wheel.
    folders = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / PACKAGE).rglob("__init__.py")
    }
    assert folders == set(settings["packages"])


def test_the_unshipped_packages_are_plain_folders_that_every_checker_reads() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shipped = pyproject["tool"]["setuptools"]["packages"]
    for name in UNSHIPPED:
        folder = ROOT / name
        assert folder.is_dir() and not folder.is_symlink(), folder
        assert (folder / "__init__.py").is_file(), folder
        assert not [package for package in shipped if package.split(".")[0] == name]
        # pyright and the imports' order know them; scripts/typecheck gives them to mypy.
        assert name in pyproject["tool"]["pyright"]["include"]
        assert name in pyproject["tool"]["ruff"]["lint"]["isort"]["known-first-party"]
        # Their tests mirror them, as the package's do.
        assert (ROOT / "tests" / name / "__init__.py").is_file(), name
    typecheck = (ROOT / "scripts" / "typecheck").read_text()
    assert f"mypy {PACKAGE} {' '.join(UNSHIPPED)} tests " in typecheck


@SHARES_CONSUMER_VENV
@pytest.mark.toolchain
def test_the_root_imports_the_tree_even_beside_a_non_editable_install(consumer_venv: Path) -> None:
    # Run from the root, Python puts it first on sys.path: the tree's package shadows the installed
    # copy, and must import completely (it failed with a package-dir layout).
    probe = (
        "import importlib, json, pulumi_workspaces_instances as p\n"
        f"mods = [importlib.import_module(f'{PACKAGE}.{{n}}') for n in {SUBPACKAGES!r}]\n"
        "print(json.dumps([p.__file__, *[m.__file__ for m in mods]]))\n"
    )
    done = subprocess.run(
        [str(consumer_venv / "python"), "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CHECK_SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    files = [Path(name) for name in json.loads(done.stdout)]
    assert all(path.is_relative_to(ROOT / PACKAGE) for path in files), files


@pytest.mark.toolchain
def test_mypy_checks_the_tree_directly() -> None:
    """No link tree and no rewritten paths: mypy on the package folder, as a newcomer would run it."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "-p", PACKAGE],
        cwd=ROOT,
        env={key: value for key, value in os.environ.items() if key != "MYPYPATH"},
        capture_output=True,
        text=True,
        timeout=CHECK_SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


@pytest.mark.toolchain
def test_pyright_resolves_every_import_of_the_tree() -> None:
    """As an editor would (pyproject.toml's [tool.pyright]): the package, the tests, the scripts."""
    if not PYRIGHT.is_file():
        pytest.fail(f"missing {PYRIGHT}: run `make layout`")
    done = subprocess.run(
        ["node", str(PYRIGHT), "--outputjson"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CHECK_SECONDS,
        check=False,
    )
    report = json.loads(done.stdout)
    problems = [
        f"{item['file']}:{item['range']['start']['line'] + 1}: {item['message']}"
        for item in report["generalDiagnostics"]
        if item["severity"] == "error"
    ]
    assert not problems, "\n".join(problems)
    assert report["summary"]["filesAnalyzed"] > 100, report["summary"]
