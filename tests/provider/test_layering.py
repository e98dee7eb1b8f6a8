"""The provider's folders import only what their docstrings allow (``May import …``).

Each subpackage of ``pulumi_workspaces_instances.provider`` says in its docstring which sibling
folders it may import; this test reads that sentence and every relative import of the folder's
modules, so the rule is written once, where a reader of the folder sees it. The top floor (the
resource classes and their pickled providers) may import every folder.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from pulumi_workspaces_instances import provider

PROVIDER_DIR = Path(provider.__file__).parent
FOLDERS = sorted(p.name for p in PROVIDER_DIR.iterdir() if (p / "__init__.py").exists())


def _allowed(folder: str) -> set[str]:
    """The sibling folders ``folder``'s docstring allows, from its ``May import`` sentence."""
    doc = importlib.import_module(f"{provider.__name__}.{folder}").__doc__ or ""
    match = re.search(r"May import (.*?)(?:\.\s*$|\.\s*\n\n|$)", doc, re.S)
    assert match, f"{folder}/__init__.py: its docstring must say what the folder may import"
    return set(re.findall(r":mod:`\.\.(\w+)`", match[1]))


def _imported_folders(folder: str) -> dict[str, set[str]]:
    """Each module of ``folder`` -> the sibling folders (or ``(top)`` modules) it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((PROVIDER_DIR / folder).glob("*.py")):
        targets = found.setdefault(path.name, set())
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom) or node.level != 2:
                continue  # level 1: the folder itself; level 3: the package (ebs_limits)
            names = [node.module.split(".")[0]] if node.module else [alias.name for alias in node.names]
            targets.update(name if name in FOLDERS else "(top)" for name in names)
    return found


def test_every_folder_is_listed() -> None:
    assert FOLDERS == ["aws", "data_sources", "host", "inputs", "instances", "reporting", "volumes"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_folder_imports_only_what_its_docstring_allows(folder: str) -> None:
    allowed = _allowed(folder)
    assert allowed <= set(FOLDERS), allowed
    for module, targets in _imported_folders(folder).items():
        assert targets <= allowed, f"{folder}/{module} imports {sorted(targets - allowed)}, not in {allowed}"


def test_the_folders_form_no_cycle() -> None:
    allowed = {folder: _allowed(folder) for folder in FOLDERS}
    done: set[str] = set()

    def visit(folder: str, path: tuple[str, ...]) -> None:
        assert folder not in path, f"import cycle: {' -> '.join((*path, folder))}"
        if folder not in done:
            for target in allowed[folder]:
                visit(target, (*path, folder))
            done.add(folder)

    for folder in FOLDERS:
        visit(folder, ())
