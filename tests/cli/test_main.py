"""The console script: its subcommands, their options, and what a bad command line gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.cli import main
from tests.conftest import settled


def test_every_subcommand_is_reachable_by_its_name() -> None:
    names = {module.NAME for module in main.SUBCOMMANDS}

    assert names == {"import-file"}
    for name in names:
        with pytest.raises(SystemExit) as done:
            main.main([name, "--help"])
        assert done.value.code == 0


def test_a_bad_tag_filter_fails_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["import-file", "--region", "us-east-1", "--tag", "team"]) == 2
    assert (
        capsys.readouterr().err == "workspaces-instances import-file: --tag 'team': write it as key=value\n"
    )


def test_import_file_writes_the_file_and_says_what_it_left_out(
    wsi_client: WorkspacesInstancesClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance_id = wsi_client.create_workspace_instance(
        ManagedInstance={"ImageId": "ami-0a1b2c3d4e5f60001", "InstanceType": "t3.medium"}
    )["WorkspaceInstanceId"]
    settled(wsi_client, instance_id)
    output = tmp_path / "resources.json"

    assert main.main(["import-file", "--region", "us-east-1", "--output", str(output)]) == 0

    [resource] = json.loads(output.read_text())["resources"]
    assert resource["id"] == f"us-east-1/{instance_id}"
    assert capsys.readouterr().err == (
        f"wrote {output}: desktops 1, volumes 0, attachments 0; skipped 0, 1 volumes launched with their "
        "desktops (part of them)\n"
    )
