"""Bulk brownfield import: 35 resources made outside Pulumi, listed by ``workspaces-instances import-file``,
imported by ``pulumi import --file`` into a YAML and a TypeScript project, and adopted by a Python program.

The emulator is this test's own: 25 desktops (2 claimed by a stack, 1 deleted, 1 whose allocation failed),
5 volumes and 5 attachments (one volume attached to a claimed desktop), all made with boto3.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from tests.conftest import (
    EmulatorFactory,
    StackFactory,
    emulator_client,
    emulator_ec2_client,
    require_executables,
    run_cli,
    settled,
    stack_dir,
    wait_for,
)
from tests.e2e.test_plugin_ts import PROGRAM as TS_PROGRAM
from tests.e2e.test_reliability import _aim
from toolchain.environment import TEST_REGION
from toolchain.paths import PLUGIN_EXECUTABLE, PULUMI_ROOT, VENV_BIN

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances.type_defs import TagTypeDef

COMMAND = VENV_BIN / "workspaces-instances"
IMAGE_ID = "ami-0a1b2c3d4e5f60001"
"""An image the emulator knows (its root device is checked at preview)."""
DESKTOPS, VOLUMES = 25, 5
READ_ONLY = re.compile(r"^(List|Get|Describe)")
"""The calls that change nothing: the import-file command and ``pulumi import`` make no other."""
TYPE = "workspacesinstances:index:"


@dataclass(frozen=True)
class Estate:
    """What was made outside Pulumi, and what the import must take and skip."""

    desktops: list[str]
    """Every desktop, in the order made (index i is named desk-<i>, except the two unnamed last ones)."""
    claimed: list[str]
    not_allocated: list[str]
    volumes: list[str]
    attached_to: dict[str, str]
    """Volume id -> the desktop it is attached to."""

    @property
    def taken_desktops(self) -> list[str]:
        return [d for d in self.desktops if d not in self.claimed and d not in self.not_allocated]

    @property
    def skipped_volume(self) -> str:
        [volume] = [v for v, desk in self.attached_to.items() if desk in self.claimed]
        return volume


def _zone(emulator: Emulator, instance_id: str) -> str:
    ec2_instance = emulator_client(emulator).get_workspace_instance(WorkspaceInstanceId=instance_id)[
        "EC2ManagedInstance"
    ]["InstanceId"]
    answer = emulator_ec2_client(emulator).describe_instances(InstanceIds=[ec2_instance])
    return str(answer["Reservations"][0]["Instances"][0]["Placement"]["AvailabilityZone"])


def _await_volume(ec2: Any, volume_id: str, state: str) -> None:
    def look() -> bool:
        return bool(ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["State"] == state)

    wait_for(look, f"{volume_id} {state}")


def _made_outside_pulumi(emulator: Emulator) -> Estate:
    """25 desktops, 5 volumes, 5 attachments, with boto3 (no Pulumi anywhere)."""
    wsi = emulator_client(emulator)
    desktops = []
    for index in range(DESKTOPS):
        if index == 3:  # this one's allocation fails: it ends in ERROR_ALLOCATING
            emulator.add_faults([{"operation": "CreateWorkspaceInstance", "action": "fail_allocation"}])
        tags: list[TagTypeDef] = [{"Key": "team", "Value": "ops"}]
        if index < DESKTOPS - 2:  # the last two have no Name tag: they are named after their ids
            tags.append({"Key": "Name", "Value": f"desk {index}"})
        desktops.append(
            wsi.create_workspace_instance(
                ManagedInstance={"ImageId": IMAGE_ID, "InstanceType": "t3.medium"},
                BillingConfiguration={"BillingMode": "MONTHLY" if index % 2 else "HOURLY"},
                Tags=tags,
            )["WorkspaceInstanceId"]
        )
    for instance_id in desktops:
        settled(wsi, instance_id)  # ALLOCATED, or ERROR_ALLOCATING for the failed one
    failed = desktops[3]
    assert settled(wsi, failed)["ProvisionState"] == "ERROR_ALLOCATING"
    deleted = desktops[4]
    wsi.delete_workspace_instance(WorkspaceInstanceId=deleted)
    claimed = desktops[5:7]
    for instance_id in claimed:  # as a stack's create or adoption leaves them
        wsi.tag_resource(WorkspaceInstanceId=instance_id, Tags=[{"Key": CLAIM_TAG_KEY, "Value": "0123abcd"}])
    # Volumes on desktops 6 (claimed), 10, 11, 12 and 13, each in its desktop's zone.
    holders = [desktops[6], *desktops[10:14]]
    ec2 = emulator_ec2_client(emulator)
    volumes, attached_to = [], {}
    for index, holder in enumerate(holders):
        volume_id = wsi.create_volume(
            AvailabilityZone=_zone(emulator, holder),
            SizeInGB=10 + index,
            TagSpecifications=[
                {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": f"data {index}"}]}
            ],
        )["VolumeId"]
        volumes.append(volume_id)
        _await_volume(ec2, volume_id, "available")
        wsi.associate_volume(WorkspaceInstanceId=holder, VolumeId=volume_id, Device="/dev/sdf")
        attached_to[volume_id] = holder
    for volume_id in volumes:
        _await_volume(ec2, volume_id, "in-use")
    return Estate(desktops, claimed, [failed, deleted], volumes, attached_to)


def _operations(emulator: Emulator, since: int) -> list[str]:
    return [str(call["operation"]) for call in emulator.calls()[since:]]


def _import_file(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [str(COMMAND), "import-file", "--region", TEST_REGION, *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    print(completed.stdout, completed.stderr)
    assert completed.returncode == 0, completed.stderr
    return completed


def _state(stack: auto.Stack, env: dict[str, str]) -> list[dict[str, Any]]:
    exported = run_cli(["stack", "export", "--stack", stack.name], env, stack_dir(stack)).stdout
    return [r for r in json.loads(exported)["deployment"]["resources"] if r["type"].startswith(TYPE)]


def _check_file(estate: Estate, document: dict[str, Any], stderr: str) -> dict[str, dict[str, Any]]:
    """The file takes every usable, unclaimed resource, named after its Name tag or id; the rest is said."""
    by_name = {item["name"]: item for item in document["resources"]}
    assert len(by_name) == len(document["resources"]) == 21 + 4 + 4
    desktops = {i["id"] for i in by_name.values() if i["type"] == TYPE + "WorkspaceInstance"}
    assert desktops == {f"{TEST_REGION}/{d}" for d in estate.taken_desktops}
    assert by_name["desk_0"]["id"] == f"{TEST_REGION}/{estate.desktops[0]}"
    assert (
        by_name[estate.desktops[-1].replace("-", "_")]["id"] == f"{TEST_REGION}/{estate.desktops[-1]}"
    )  # no Name tag
    volumes = {i["id"] for i in by_name.values() if i["type"] == TYPE + "Volume"}
    assert volumes == {f"{TEST_REGION}/{v}" for v in estate.volumes if v != estate.skipped_volume}
    attachments = {i["id"] for i in by_name.values() if i["type"] == TYPE + "VolumeAttachment"}
    assert attachments == {
        f"{TEST_REGION}/{desk}:{volume}"
        for volume, desk in estate.attached_to.items()
        if volume != estate.skipped_volume
    }
    assert by_name["data_1_on_desk_10"]["id"] == f"{TEST_REGION}/{estate.desktops[10]}:{estate.volumes[1]}"
    # Each skip said, per id.
    for instance_id in estate.claimed:
        assert f"skipped {instance_id}: desktop is already claimed by a Pulumi stack" in stderr
    assert f"skipped {estate.desktops[3]}: desktop is ERROR_ALLOCATING" in stderr
    assert re.search(rf"skipped {estate.desktops[4]}: desktop is DEALLOCAT(ING|ED)", stderr)
    assert f"skipped {estate.skipped_volume}: volume is attached to {estate.desktops[6]}, which a " in stderr
    assert f"skipped {estate.desktops[6]}:{estate.skipped_volume}: attachment's volume is skipped" in stderr
    assert "desktops 21, volumes 4, attachments 4" in stderr
    return by_name


@pytest.fixture
def estate_emulator(slow_emulator: EmulatorFactory, pulumi_env: dict[str, str]) -> Emulator:
    """This test's own emulator, with the CLI's environment aimed at it."""
    require_executables(
        COMMAND, PLUGIN_EXECUTABLE, PULUMI_ROOT / "bin" / "pulumi-language-yaml", make="venv hosts"
    )
    emulator = slow_emulator(0.2)
    _aim(pulumi_env, emulator)
    return emulator


TS_PROJECT = """\
name: bulk-import-ts
runtime:
  name: nodejs
  options:
    typescript: true
"""


def _typescript_project(folder: Path) -> Path:
    """A fresh TypeScript project with no resources, on the packages ``make plugin-ts`` installed."""
    require_executables(PULUMI_ROOT / "bin" / "pulumi-language-nodejs", make="hosts plugin-ts")
    folder.mkdir()
    (folder / "Pulumi.yaml").write_text(TS_PROJECT)
    (folder / "package.json").write_text('{"name": "bulk-import-ts", "private": true, "main": "index.ts"}\n')
    (folder / "tsconfig.json").write_text((TS_PROGRAM / "tsconfig.json").read_text())
    (folder / "index.ts").write_text('import * as wsi from "pulumi-workspacesinstances";\n\nexport {};\n')
    (folder / "node_modules").symlink_to(TS_PROGRAM / "node_modules")
    return folder


@pytest.mark.e2e
def test_bulk_import_of_35_unmanaged_resources_into_yaml_and_typescript(
    estate_emulator: Emulator, make_stack: StackFactory, pulumi_env: dict[str, str], tmp_path: Path
) -> None:
    emulator = estate_emulator
    estate = _made_outside_pulumi(emulator)
    before = len(emulator.calls())

    listed = _import_file(pulumi_env, tmp_path, "--output", str(tmp_path / "resources.json"))

    document = json.loads((tmp_path / "resources.json").read_text())
    _check_file(estate, document, listed.stderr)
    made = _operations(emulator, before)
    assert made and all(READ_ONLY.match(op) for op in made), sorted(set(made))

    # YAML: `pulumi import --file` imports all 29 with read-only calls, and writes the program.
    yaml_project = tmp_path / "yaml"
    yaml_project.mkdir()
    program = yaml_project / "Pulumi.yaml"
    program.write_text("name: bulk-import-yaml\nruntime: yaml\n")
    yaml_stack = make_stack(yaml_project)
    before = len(emulator.calls())
    generated = tmp_path / "generated.yaml"
    run_cli(
        ["import", "--file", str(tmp_path / "resources.json"), "--yes", "--out", str(generated)],
        pulumi_env,
        yaml_project,
    )
    made = _operations(emulator, before)
    assert made and all(READ_ONLY.match(op) for op in made), sorted(set(made))
    text = generated.read_text()
    print(text)
    # The attachments reference their desktop and volume: the CLI links a value equal to an imported id.
    attachment = text.split("  data_1_on_desk_10:\n")[1].split("\n  data_2_on_desk_11:")[0]
    assert "workspaceInstanceId: ${desk_10.id}" in attachment and "volumeId: ${data_1.id}" in attachment
    assert estate.volumes[1] not in attachment and estate.desktops[10] not in attachment
    state = _state(yaml_stack, pulumi_env)
    assert len(state) == 29 and all(r.get("protect") for r in state)
    lines = text.splitlines()
    program.write_text(program.read_text() + "\n".join(lines[lines.index("resources:") :]) + "\n")
    before = len(emulator.calls())
    yaml_stack.preview(expect_no_changes=True, on_output=print)
    made = _operations(emulator, before)
    assert all(READ_ONLY.match(op) for op in made), sorted(set(made))

    # `pulumi import` claims nothing: a second run leaves out what the stack holds only when told of it.
    exported = tmp_path / "yaml-stack.json"
    exported.write_text(run_cli(["stack", "export"], pulumi_env, yaml_project).stdout)
    again = _import_file(
        pulumi_env, tmp_path, "--exclude-state", str(exported), "--output", str(tmp_path / "again.json")
    )
    assert json.loads((tmp_path / "again.json").read_text()) == {"resources": []}
    for item in document["resources"]:
        held = item["id"].split("/", 1)[1]
        assert f"skipped {held}: already in a stack's state (--exclude-state)" in again.stderr

    # TypeScript: the same file imports all 29 into a fresh project. The Node.js host here (sdk/v3 v3.68.0)
    # has no GenerateProgram, so the import runs with --generate-code=false (proven below).
    ts_project = _typescript_project(tmp_path / "ts")
    ts_stack = make_stack(ts_project, stack_name="ts")
    before = len(emulator.calls())
    imported = run_cli(
        ["import", "--file", str(tmp_path / "resources.json"), "--yes", "--generate-code=false"],
        pulumi_env,
        ts_project,
    )
    print(imported.stdout)
    made = _operations(emulator, before)
    assert made and all(READ_ONLY.match(op) for op in made), sorted(set(made))
    ts_state = _state(ts_stack, pulumi_env)
    assert {(r["urn"].rsplit("::", 1)[-1], r["id"]) for r in ts_state} == {
        (r["urn"].rsplit("::", 1)[-1], r["id"]) for r in state
    }
    # What this program declares is written here from the imported inputs, as a Node.js host with
    # GenerateProgram would write it (attachments referring to their desktop's and volume's id).
    (ts_project / "index.ts").write_text(_typescript_program(ts_state))
    before = len(emulator.calls())
    ts_stack.preview(expect_no_changes=True, on_output=print)
    made = _operations(emulator, before)
    assert all(READ_ONLY.match(op) for op in made), sorted(set(made))

    # With code generation (the default), the same import fails after importing: the host cannot write code.
    codegen_stack = make_stack(ts_project, stack_name="codegen")
    attempt = run_cli(
        [
            "import",
            f"{TYPE}WorkspaceInstance",
            "desk_0",
            f"{TEST_REGION}/{estate.desktops[0]}",
            "--yes",
            "--stack",
            codegen_stack.name,
        ],
        pulumi_env,
        ts_project,
        check=False,
    )
    print(attempt.stdout, attempt.stderr)
    assert attempt.returncode != 0
    assert "method GenerateProgram not implemented" in attempt.stdout + attempt.stderr
    assert [r["id"] for r in _state(codegen_stack, pulumi_env)] == [estate.desktops[0]]


def _typescript_program(state: list[dict[str, Any]]) -> str:
    """A TypeScript program declaring each imported resource with its imported inputs (protected, as
    imported), an attachment's instance and volume as references to theirs."""
    names = {r["id"]: r["urn"].rsplit("::", 1)[-1] for r in state}
    lines = ['import * as wsi from "pulumi-workspacesinstances";', ""]
    for kind in ("WorkspaceInstance", "Volume", "VolumeAttachment"):
        for resource in [r for r in state if r["type"] == TYPE + kind]:
            name = resource["urn"].rsplit("::", 1)[-1]
            inputs = {k: v for k, v in resource["inputs"].items() if not k.startswith("__")}
            refs = {
                k: inputs.pop(k) for k in ("workspaceInstanceId", "volumeId") if kind == "VolumeAttachment"
            }
            body = json.dumps(inputs, indent=4)[:-1].rstrip()
            for key, value in refs.items():
                body += f',\n    "{key}": {names[value]}.id'
            lines.append(
                f"const {name} = new wsi.{kind}({json.dumps(name)}, {body}\n}}, {{ protect: true }});"
            )
    return "\n".join(lines) + "\n"


@pytest.mark.e2e
def test_the_python_program_it_writes_adopts_each_desktop_and_launches_none(
    estate_emulator: Emulator, make_stack: StackFactory, pulumi_env: dict[str, str], tmp_path: Path
) -> None:
    emulator = estate_emulator
    estate = _made_outside_pulumi(emulator)
    project = tmp_path / "python"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: bulk-adopt\nruntime: python\n")
    before = len(emulator.calls())

    listed = _import_file(
        pulumi_env, tmp_path, "--format", "python", "--output", str(project / "__main__.py")
    )

    made = _operations(emulator, before)
    assert made and all(READ_ONLY.match(op) for op in made), sorted(set(made))
    assert "desktops 21, volumes 4, attachments 4" in listed.stderr
    program = (project / "__main__.py").read_text()
    print(program)
    compile(program, "__main__.py", "exec")
    assert program.count("adopt_id=") == 21
    # Volumes and attachments are named for the plugin's import: the Python face cannot adopt them.
    for volume in estate.volumes:
        assert (volume in program) == (volume != estate.skipped_volume)
    stack = make_stack(project)
    before = len(emulator.calls())
    output: list[str] = []

    preview = stack.preview(on_output=output.append)

    text = "\n".join(output)
    print(text)
    for instance_id in estate.taken_desktops:
        assert re.search(rf": create will adopt {instance_id} \(ALLOCATED, billing (HOURLY|MONTHLY)\)", text)
    for instance_id in (*estate.claimed, *estate.not_allocated):
        assert instance_id not in text
    made = _operations(emulator, before)
    assert "CreateWorkspaceInstance" not in made and all(READ_ONLY.match(op) for op in made), sorted(
        set(made)
    )
    # Each adopting WorkspaceInstance and its seed: creates in the plan, adoptions at `up`.
    assert preview.change_summary.get(auto.OpType.CREATE) == 1 + 2 * 21, preview.change_summary
