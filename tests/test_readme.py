"""The README's promises a reader relies on: a table of contents that matches, a variable block that works."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_the_contents_list_every_section_in_order() -> None:
    headings = [line[3:] for line in README.splitlines() if line.startswith("## ")]
    contents = README[README.index("**Contents**") : README.index(f"\n## {headings[0]}\n")]
    listed = re.findall(r"^- \[(.+?)\]\(#(.+?)\)$", contents, flags=re.MULTILINE)

    assert [anchor for _, anchor in listed] == [_anchor(heading) for heading in headings]


def test_the_before_you_start_box_names_the_caveats_that_bite() -> None:
    box = README[README.index("> **Before you start**") : README.index("**Contents**")]
    for caveat in ("replaces", "adopt_id", "customTimeouts", "AWS_ENDPOINT_URL_EC2", "AWS_DEFAULT_REGION"):
        assert caveat in box
    assert "PULUMI_PYTHON_CMD" in box and "/_emulator/reset" in box


def test_the_emulator_variable_block_works_with_boto3_as_it_is(tmp_path: Path) -> None:
    block = re.search(
        r"```sh\n(workspaces-instances-emulator .*?)```", _section("Use it in your own stack"), re.S
    )
    assert block is not None
    exports = [
        line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.startswith("export ")
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
