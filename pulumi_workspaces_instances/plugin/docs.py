"""Descriptions for the schema, read from this package's own docstrings (never retyped).

Attributes of the resource classes, TypedDicts and dataclasses carry a docstring right under them
(the style of this codebase); functions carry ``:param name:`` lines. Python keeps neither at
runtime, so they are read from the source with :mod:`ast`. reStructuredText's double backticks
become Markdown's single ones, which is what the Pulumi schema's descriptions use.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import textwrap
from functools import cache
from typing import Any

_PARAM = re.compile(r"^\s*:param (\w+):(.*)$")


def markdown(text: str) -> str:
    """A docstring as schema Markdown: dedented, paragraphs joined, ``code`` as `code`."""
    text = inspect.cleandoc(text).replace("``", "`")
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)


@cache
def _module_classes(path: str) -> dict[str, ast.ClassDef]:
    """Every class of one source file by its qualified name, from one parse of the file.

    ``inspect.getsource(cls)`` parses the whole module again for every class it is asked about, which
    cost the plugin most of a second at every start that builds the component's description.
    """
    classes: dict[str, ast.ClassDef] = {}

    def visit(nodes: list[ast.stmt], prefix: str) -> None:
        for node in nodes:
            if isinstance(node, ast.ClassDef):
                classes.setdefault(prefix + node.name, node)
                visit(node.body, f"{prefix}{node.name}.")

    with open(path, encoding="utf-8") as source:
        visit(ast.parse(source.read()).body, "")
    return classes


def _class_node(cls: type) -> ast.ClassDef | None:
    path = inspect.getsourcefile(cls)
    if path is not None:
        found = _module_classes(path).get(cls.__qualname__)
        if found is not None:
            return found
    # Defined somewhere a file does not show (a function's local class): as inspect finds it.
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    return tree.body[0] if tree.body and isinstance(tree.body[0], ast.ClassDef) else None


@cache
def attribute_docs(cls: type) -> dict[str, str]:
    """Each annotated attribute of ``cls`` whose next statement is a string: that string."""
    node = _class_node(cls)
    body = node.body if node is not None else []
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = markdown(following.value.value)
    return docs


def param_docs(function: Any) -> dict[str, str]:
    """The ``:param name: text`` entries of a function's docstring (continuation lines joined)."""
    docs: dict[str, str] = {}
    current: str | None = None
    for line in inspect.cleandoc(inspect.getdoc(function) or "").splitlines():
        match = _PARAM.match(line)
        if match:
            current = match.group(1)
            docs[current] = match.group(2).strip()
        elif current is not None and line.startswith(" ") and line.strip():
            docs[current] += " " + line.strip()
        else:
            current = None
    return {name: markdown(text) for name, text in docs.items()}


def summary(obj: Any) -> str:
    """The first paragraph of an object's docstring, as Markdown."""
    doc = inspect.getdoc(obj) or ""
    return markdown(doc.split("\n\n", 1)[0])
