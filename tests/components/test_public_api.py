"""The public API: everything the subpackages export is importable from the package root, by name."""

from __future__ import annotations

import ast
import inspect
import typing

import pulumi_workspaces_instances
from pulumi_workspaces_instances import Workspace, components, provider

POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD


def test_the_root_exports_every_public_name_of_the_subpackages() -> None:
    expected = sorted({*components.__all__, *provider.__all__})
    assert pulumi_workspaces_instances.__all__ == expected
    for name in components.__all__:
        assert getattr(pulumi_workspaces_instances, name) is getattr(components, name)
    for name in provider.__all__:
        assert getattr(pulumi_workspaces_instances, name) is getattr(provider, name)


def test_the_root_names_its_imports() -> None:
    # An explicit list (no star import), so readers and tools see where each name comes from.
    tree = ast.parse(inspect.getsource(pulumi_workspaces_instances))
    imported = [
        alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names
    ]
    assert "*" not in imported
    assert sorted(imported) == pulumi_workspaces_instances.__all__


def test_every_export_of_the_components_is_documented() -> None:
    for name in components.__all__:
        assert (getattr(components, name).__doc__ or "").strip(), name


def test_workspace_takes_args_or_keywords_with_opts_last() -> None:
    by_args, by_keywords = (inspect.signature(f) for f in typing.get_overloads(Workspace.__init__))
    assert [(p.name, p.kind) for p in by_args.parameters.values()] == [
        ("self", POSITIONAL),
        ("resource_name", POSITIONAL),
        ("args", POSITIONAL),
        ("opts", POSITIONAL),
    ]
    assert [(p.name, p.kind) for p in by_keywords.parameters.values()] == [
        ("self", POSITIONAL),
        ("resource_name", POSITIONAL),
        ("opts", inspect.Parameter.KEYWORD_ONLY),
        ("kwargs", inspect.Parameter.VAR_KEYWORD),  # Unpack[WorkspaceArgsDict]: every argument by name
    ]
