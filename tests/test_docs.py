"""The README and the pages in docs/ keep their promises: links that resolve, pages a reader can
reach, caveats stated, variable blocks and examples that work as printed.

Examples: every ```python block must compile. A block is *standalone* when its first statement is an
import and its code holds no ``...`` placeholder (an ``Ellipsis`` in the syntax tree; an ellipsis in
a comment or a string does not count). Standalone blocks are type-checked together by one mypy run
with the project's configuration, against the package as it is in the tree (as
``scripts/typecheck`` checks it). Anything else is a fragment and is only compiled.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from toolchain.paths import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
#: The pages the Pulumi Registry reads with front matter, and the keys it needs there.
REGISTRY_PAGES = ("_index.md", "installation-configuration.md")
REGISTRY_KEYS = ("title", "meta_desc", "layout")
MYPY_TIMEOUT_SECONDS = 300

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class CodeBlock:
    page: Path
    line: int
    """Line number of the opening fence."""
    language: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


@dataclass(frozen=True)
class Page:
    path: Path
    front_matter: dict[str, str]
    prose: str
    """The page without front matter, code blocks blanked out (line numbers kept)."""
    blocks: tuple[CodeBlock, ...]

    @property
    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of every heading outside code blocks, in order."""
        found = []
        for line in self.prose.splitlines():
            match = _HEADING.match(line)
            if match:
                found.append((len(match.group(1)), match.group(2)))
        return found

    @property
    def anchors(self) -> set[str]:
        """GitHub's anchors for the headings; a repeated slug gets -1, -2, … as on GitHub."""
        seen: Counter[str] = Counter()
        anchors = set()
        for _, text in self.headings:
            slug = github_slug(text)
            anchors.add(slug if not seen[slug] else f"{slug}-{seen[slug]}")
            seen[slug] += 1
        return anchors

    @property
    def links(self) -> list[str]:
        """Targets of the inline links of the prose (code spans left out)."""
        text = _CODE_SPAN.sub(lambda match: "\n" * match.group(0).count("\n"), self.prose)
        return [target for _, target in _LINK.findall(text)]


def github_slug(heading: str) -> str:
    """GitHub's anchor for a heading: link text kept, lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _closes(line: str, opening: str) -> bool:
    """Whether ``line`` closes a code block opened by ``opening`` (same character, at least as many)."""
    marker = line.strip()
    return len(marker) >= len(opening) and marker == opening[0] * len(marker)


@cache
def read_page(path: Path) -> Page:
    lines = path.read_text().splitlines()
    front_matter: dict[str, str] = {}
    prose: list[str] = []
    start = 0
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        for entry in lines[1:end]:
            key, _, value = entry.partition(":")
            front_matter[key.strip()] = value.strip()
        prose = [""] * (end + 1)
        start = end + 1
    blocks = []
    fence: tuple[str, str, int] | None = None
    body: list[str] = []
    for number, line in enumerate(lines[start:], start + 1):
        match = _FENCE.match(line)
        if fence is None and match:
            fence, body = (match.group(1), match.group(2).lower(), number), []
            prose.append("")
        elif fence is not None and _closes(line, fence[0]):
            blocks.append(CodeBlock(path, fence[2], fence[1], "".join(f"{entry}\n" for entry in body)))
            fence = None
            prose.append("")
        elif fence is not None:
            body.append(line)
            prose.append("")
        else:
            prose.append(line)
    assert fence is None, f"{path.relative_to(ROOT)}:{fence[2]}: code block never closed"
    return Page(path, front_matter, "\n".join(prose), tuple(blocks))


def python_blocks() -> list[CodeBlock]:
    return [block for page in PAGES for block in read_page(page).blocks if block.language == "python"]


def is_standalone(block: CodeBlock) -> bool:
    """First statement an import, and no ``...`` placeholder in the code (comments and strings aside)."""
    tree = ast.parse(block.text)
    placeholder = any(isinstance(node, ast.Constant) and node.value is Ellipsis for node in ast.walk(tree))
    return bool(tree.body) and isinstance(tree.body[0], ast.Import | ast.ImportFrom) and not placeholder


def _section(page: Page, title: str) -> str:
    start = page.prose.index(f"\n## {title}\n")
    end = page.prose.find("\n## ", start + 1)
    return page.prose[start : end if end != -1 else None]


# --- Links and pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_local_link_resolves(path: Path) -> None:
    page = read_page(path)
    broken = []
    for target in page.links:
        if _SCHEME.match(target):
            continue  # a web address: not checked here
        file_part, _, anchor = target.partition("#")
        destination = (path.parent / file_part).resolve() if file_part else path
        if not destination.exists():
            broken.append(f"{target}: no file {destination}")
        elif anchor and destination.suffix != ".md":
            broken.append(f"{target}: an anchor into a file that is not Markdown")
        elif anchor and anchor not in read_page(destination).anchors:
            broken.append(f"{target}: no heading of {destination.name} has the anchor #{anchor}")

    assert page.links or path.name == "README.md", "a page without a single link is an island"
    assert not broken, "\n".join(broken)


def test_the_slugs_are_githubs() -> None:
    assert github_slug("Volumes: `Volume` and `VolumeAttachment`") == "volumes-volume-and-volumeattachment"
    assert github_slug("The demo and the repository's tools") == "the-demo-and-the-repositorys-tools"
    assert github_slug("`get_instance_types`") == "get_instance_types"
    assert github_slug("Timeouts and `customTimeouts`") == "timeouts-and-customtimeouts"


def test_the_readme_links_every_docs_page_from_its_contents() -> None:
    page = read_page(README)
    contents = page.prose[page.prose.index("**Contents**") : page.prose.index("\n## ")]
    listed = [target for _, target in _LINK.findall(contents)]
    pages = {(README.parent / target.partition("#")[0]).resolve() for target in listed if "#" not in target}
    own = {target[1:] for target in listed if target.startswith("#")}

    assert set(DOCS.glob("*.md")) <= pages, "docs pages missing from the README's contents"
    assert {github_slug(text) for level, text in page.headings if level == 2} <= own


@pytest.mark.parametrize("name", REGISTRY_PAGES)
def test_the_registry_pages_have_front_matter(name: str) -> None:
    page = read_page(DOCS / name)

    for key in REGISTRY_KEYS:
        assert page.front_matter.get(key), f"{name}: front matter without {key}"
    assert page.front_matter["layout"] == "package"
    # The Registry titles the page from the front matter: the headings start below it.
    assert all(level >= 2 for level, _ in page.headings)


@pytest.mark.parametrize(
    "path",
    [path for path in PAGES if path.parent != DOCS or path.name not in REGISTRY_PAGES],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_every_other_page_has_one_title(path: Path) -> None:
    headings = read_page(path).headings

    assert headings and headings[0][0] == 1, "the page starts with its title"
    assert [level for level, _ in headings].count(1) == 1


def test_the_before_you_start_box_names_the_caveats_that_bite() -> None:
    prose = read_page(README).prose
    box = prose[prose.index("> **Before you start**") : prose.index("**Contents**")]
    for caveat in ("replaces", "adopt_id", "customTimeouts", "AWS_ENDPOINT_URL_EC2", "AWS_DEFAULT_REGION"):
        assert caveat in box
    assert "PULUMI_PYTHON_CMD" in box and "/_emulator/reset" in box


# --- Blocks a reader runs as printed ------------------------------------------------------------


def emulator_variable_blocks() -> list[CodeBlock]:
    return [
        block
        for page in PAGES
        for block in read_page(page).blocks
        if block.language == "sh" and "export AWS_ENDPOINT_URL_WORKSPACES_INSTANCES=" in block.text
    ]


def test_the_readme_quick_start_has_the_emulator_variables() -> None:
    quick_start = [block for block in emulator_variable_blocks() if block.page == README]

    assert quick_start and quick_start[0].text.startswith("workspaces-instances-emulator ")


@pytest.mark.parametrize("block", emulator_variable_blocks(), ids=lambda block: block.where)
def test_the_emulator_variable_block_works_with_boto3_as_it_is(block: CodeBlock, tmp_path: Path) -> None:
    exports = [
        line.split("#", 1)[0].strip() for line in block.text.splitlines() if line.startswith("export ")
    ]
    probe = (
        "import boto3; c = boto3.client('workspaces-instances'); e = boto3.client('ec2'); "
        "print(c.meta.region_name, c.meta.endpoint_url, e.meta.endpoint_url)"
    )
    clean = {
        key: value for key, value in os.environ.items() if not key.startswith("AWS_") and key != "PYTHONPATH"
    }
    # No profile or config file may supply what the block forgets.
    clean.update(AWS_CONFIG_FILE=str(tmp_path / "none"), AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"))
    script = "\n".join([*exports, f'"{sys.executable}" -c "{probe}"'])

    answer = subprocess.run(["bash", "-c", script], env=clean, capture_output=True, text=True, check=True)

    assert answer.stdout.split() == ["us-east-1", "http://127.0.0.1:4599", "http://127.0.0.1:4599"]


@pytest.mark.parametrize("block", python_blocks(), ids=lambda block: block.where)
def test_every_python_block_compiles(block: CodeBlock) -> None:
    compile(block.text, block.where, "exec")


def test_the_examples_meant_to_be_copied_whole_are_standalone() -> None:
    first = next(block for block in python_blocks() if block.page == README)
    overview = [block for block in python_blocks() if block.page == DOCS / "_index.md"]

    assert is_standalone(first), "the README's first example"
    # The overview says each of its examples stands on its own.
    assert overview and all(is_standalone(block) for block in overview)


@pytest.mark.toolchain
def test_every_standalone_python_block_type_checks(tmp_path: Path) -> None:
    examples = tmp_path / "examples"
    examples.mkdir()
    written = {}
    for block in python_blocks():
        if is_standalone(block):
            stem = re.sub(r"\W", "_", block.page.stem).strip("_").lower()
            target = examples / f"doc_example_{stem}_line_{block.line}.py"
            target.write_text(block.text)
            written[target.name] = block.where

    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            *sorted(str(path) for path in examples.iterdir()),
        ],
        cwd=ROOT,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=MYPY_TIMEOUT_SECONDS,
        check=False,
    )

    blocks = "\n".join(f"  {name} is {where}" for name, where in sorted(written.items()))
    assert len(written) >= 10, f"too few standalone examples found:\n{blocks}"
    assert checked.returncode == 0, f"{checked.stdout}{checked.stderr}\nwhere:\n{blocks}"
