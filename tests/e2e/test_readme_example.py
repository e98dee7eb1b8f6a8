"""The README's first program, as printed, previews against the emulator through the real CLI.

The program is the first ```python block of the README, written as the ``__main__.py`` of a fresh
project; ``make_stack`` gives it a file backend, ``aws:region`` and the emulator's endpoints.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pulumi import automation as auto

from tests.conftest import StackFactory
from toolchain.paths import ROOT

README = ROOT / "README.md"


def first_python_block(markdown: str) -> str:
    match = re.search(r"^```python\n(.*?)^```", markdown, re.S | re.M)
    assert match is not None, "the README has no python example"
    return match.group(1)


@pytest.mark.e2e
def test_the_readme_first_program_previews_against_the_emulator(
    make_stack: StackFactory, tmp_path: Path
) -> None:
    project = tmp_path / "readme-example"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: readme-example\nruntime: python\n")
    (project / "__main__.py").write_text(first_python_block(README.read_text()))
    stack = make_stack(project)

    preview = stack.preview(on_output=print)

    # The stack, the Workspace component, its WorkspaceInstance and the instance's seed.
    assert preview.change_summary == {auto.OpType.CREATE: 4}
