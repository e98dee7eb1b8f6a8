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
    assert sorted(pulumi_workspaces_instances.__all__) == expected
    assert len(pulumi_workspaces_instances.__all__) == len(expected), "a name is exported twice"
    for name in components.__all__:
        assert getattr(pulumi_workspaces_instances, name) is getattr(components, name)
    for name in provider.__all__:
        assert getattr(pulumi_workspaces_instances, name) is getattr(provider, name)


def test_each_public_name_is_listed_once_in_the_source() -> None:
    """The root and the components re-export their parts' ``__all__`` instead of retyping it."""
    for module, parts in (
        (pulumi_workspaces_instances, (components, components.args, components.args_dicts, provider)),
        (components, (components.args, components.args_dicts)),
    ):
        tree = ast.parse(inspect.getsource(module))
        starred = [
            f"{module.__name__}.{node.module}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and [alias.name for alias in node.names] == ["*"]
        ]
        assert starred == [part.__name__ for part in parts], module.__name__
        listed = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        for part in parts:
            retyped = listed & set(part.__all__)
            assert not retyped, f"{module.__name__} lists {sorted(retyped)} of {part.__name__} again"


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
