"""The provider plugin from a YAML program, through the real CLI and the YAML language host.

The plugin (``pulumi-resource-workspacesinstances``, the package's console script) is found on
PATH as a user's ``pipx install`` would put it; the program is tests/e2e/programs/plugin_yaml.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import (
    EmulatorFactory,
    StackFactory,
    emulator_client,
    emulator_ec2_client,
    run_cli,
    stack_dir,
)
from tests.e2e.test_reliability import ALLOCATE_SECONDS, _aim, _live
from toolchain.paths import PULUMI_ROOT, VENV_BIN

PROGRAM = Path(__file__).parent / "programs" / "plugin_yaml"
USER_DATA = "ZWNobyBoZWxsbw=="
"""The program's secret UserData: it must never appear in the state in plaintext."""
MUTATING = (
    "CreateWorkspaceInstance",
    "DeleteWorkspaceInstance",
    "CreateVolume",
    "ModifyVolume",
    "DeleteVolume",
    "AssociateVolume",
    "DisassociateVolume",
)
"""Calls that create, replace or destroy something (tags aside)."""


@pytest.fixture(autouse=True)
def _yaml_host_and_plugin() -> None:
    missing = [
        path
        for path in (
            PULUMI_ROOT / "bin" / "pulumi-language-yaml",
            VENV_BIN / "pulumi-resource-workspacesinstances",
        )
        if not os.access(path, os.X_OK)
    ]
    if missing:
        pytest.fail(f"missing {', '.join(map(str, missing))}: run `make hosts venv`")


def _operations(emulator: Emulator, since: int = 0) -> list[str]:
    return [str(call["operation"]) for call in emulator.calls()[since:]]


def _preview_steps(stack: auto.Stack, env: dict[str, str]) -> dict[str, str]:
    completed = run_cli(["preview", "--json", "--stack", stack.name], env, stack_dir(stack))
    steps = json.loads(completed.stdout).get("steps", [])
    # "<type> <name>": the component and its child instance share the name.
    return {
        f"{step['urn'].split('::')[2].rsplit(':', 1)[-1]} {step['urn'].rsplit('::', 1)[-1]}": step["op"]
        for step in steps
    }


def _exported(stack: auto.Stack, env: dict[str, str]) -> str:
    """``pulumi stack export`` as stored (the Automation API's export shows secrets decrypted)."""
    return run_cli(["stack", "export", "--stack", stack.name], env, stack_dir(stack)).stdout


def _state(exported: str) -> dict[str, dict[str, Any]]:
    deployment = json.loads(exported)["deployment"]
    return {resource["urn"].rsplit("::", 1)[-1]: resource for resource in deployment["resources"]}


def _is_secret(value: Any) -> bool:
    return isinstance(value, dict) and "ciphertext" in value


#: The ``program_lifecycle`` fixture (tests/e2e/conftest.py): ``check_program_lifecycle`` on a new stack.
ProgramLifecycle = Callable[..., None]


@pytest.mark.e2e
def test_yaml_program_lifecycle_on_the_plugin(program_lifecycle: ProgramLifecycle) -> None:
    program_lifecycle(PROGRAM)


def check_program_lifecycle(
    stack: auto.Stack, pulumi_env: dict[str, str], emulator: Emulator, program: Path
) -> None:
    """Drive ``stack`` of ``program``: plugin_yaml's resources and outputs, in whichever language.

    Up (ALLOCATED, HOURLY and MONTHLY as the service sees them, secure defaults, secrets encrypted),
    a tag change that updates in place, nothing left to change, a refresh that finds nothing, destroy.
    """
    up = stack.up(on_output=print)
    outputs = {name: value.value for name, value in up.outputs.items()}
    assert outputs["deskState"] == "ALLOCATED"
    assert outputs["deskBilling"] == "HOURLY"
    assert outputs["attachmentState"] == "attached"
    wsi = emulator_client(emulator)
    live = wsi.get_workspace_instance(WorkspaceInstanceId=outputs["deskId"])
    assert live["BillingConfiguration"]["BillingMode"] == "HOURLY"
    listed = {
        item["InstanceType"]: item["SupportedInstanceConfigurations"]
        for page in wsi.get_paginator("list_instance_types").paginate()
        for item in page["InstanceTypes"]
    }
    assert any(
        config["BillingMode"] == "HOURLY" and config["Tenancy"] == "SHARED"
        for config in listed[outputs["instanceType"]]
    ), listed[outputs["instanceType"]]
    # The component, MONTHLY, with the Python face's secure defaults (IMDSv2 only, encrypted root).
    assert outputs["sharedBilling"] == "MONTHLY"
    assert (outputs["sharedTokens"], outputs["sharedEncrypted"]) == ("required", True)
    shared = wsi.get_workspace_instance(WorkspaceInstanceId=outputs["sharedId"])
    assert shared["BillingConfiguration"]["BillingMode"] == "MONTHLY"
    assert _operations(emulator).count("CreateWorkspaceInstance") == 2

    # Secrets: the program's UserData, the ClientToken and the provider's seed are encrypted.
    exported = _exported(stack, pulumi_env)
    assert USER_DATA not in exported
    resources = _state(exported)
    desk = resources["desk"]
    assert _is_secret(desk["outputs"]["managedInstance"]["userData"]), desk["outputs"]["managedInstance"]
    assert desk["outputs"]["managedInstance"]["instanceType"] == outputs["instanceType"]
    assert _is_secret(desk["outputs"]["clientToken"])
    assert _is_secret(desk["inputs"]["__seed"])
    [provider] = [r for r in resources.values() if r["type"] == "pulumi:providers:workspacesinstances"]
    assert _is_secret(provider["inputs"]["__seed"])
    # The plugin made everything, in every language: its provider and types, never a dynamic
    # provider (a Python program's venv also holds this project's package, the dynamic face).
    types = Counter(r["type"] for r in json.loads(exported)["deployment"]["resources"])
    assert {kind for kind in types if kind.startswith("pulumi:providers:")} == {
        "pulumi:providers:workspacesinstances"
    }, types
    assert not [kind for kind in types if kind.startswith("pulumi-python:")], types
    face = {kind: count for kind, count in types.items() if kind.startswith("workspacesinstances:")}
    assert face == {
        "workspacesinstances:index:WorkspaceInstance": 2,  # desk, and shared's child
        "workspacesinstances:index:Workspace": 1,
        "workspacesinstances:index:Volume": 1,
        "workspacesinstances:index:VolumeAttachment": 1,
    }, types

    # A tag change is an in-place update of the instance and the volume; the attachment stays.
    stack.set_config("team", auto.ConfigValue("green"))
    steps = _preview_steps(stack, pulumi_env)
    changed = {name: op for name, op in steps.items() if op != "same"}
    # The component's instance too; the attachment is not replaced (its inputs are ids).
    assert changed == {
        "WorkspaceInstance desk": "update",
        "Volume data": "update",
        "WorkspaceInstance shared": "update",
    }, steps
    before = len(emulator.calls())
    stack.up(on_output=print)
    made = _operations(emulator, before)
    assert not [op for op in made if op in MUTATING], made
    assert "TagResource" in made and "CreateTags" in made, made
    assert {"Key": "team", "Value": "green"} in wsi.list_tags_for_resource(
        WorkspaceInstanceId=outputs["deskId"]
    )["Tags"]
    [volume] = emulator_ec2_client(emulator).describe_volumes(VolumeIds=[outputs["dataId"]])["Volumes"]
    assert {"Key": "team", "Value": "green"} in volume["Tags"]

    # Nothing left to do, and a refresh finds nothing changed.
    stack.preview(expect_no_changes=True)
    refresh = stack.refresh(on_output=print)
    assert set((refresh.summary.resource_changes or {}).keys()) == {"same"}, refresh.summary.resource_changes

    stack.destroy(on_output=print)
    live_states = {
        item["ProvisionState"]
        for item in wsi.list_workspace_instances()["WorkspaceInstances"]
        if item["WorkspaceInstanceId"] == outputs["deskId"]
    }
    assert live_states <= {"DEALLOCATING", "DEALLOCATED"}, live_states
    remaining = emulator_ec2_client(emulator).describe_volumes()["Volumes"]
    assert outputs["dataId"] not in {item["VolumeId"] for item in remaining}


BAD_PROGRAM = """\
name: plugin-yaml-bad
runtime: yaml
resources:
  desk:
    type: workspacesinstances:index:WorkspaceInstance
    properties:
      billingMode: MONTHLY
      managedInstance:
        imageId: ami-12
        instanceType: t3.medium
        blockDeviceMappings:
          - deviceName: /dev/sda1
            ebs:
              volumeSize: -3
      tags:
        aws:owner: me
"""


@pytest.mark.e2e
def test_yaml_preview_names_every_problem_by_its_path_before_any_call(
    make_stack: StackFactory, emulator: Emulator, tmp_path: Path
) -> None:
    project = tmp_path / "bad"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(BAD_PROGRAM)
    stack = make_stack(project)
    before = len(emulator.calls())
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    text = str(failure.value)
    for path in (
        "managedInstance.imageId",
        "managedInstance.blockDeviceMappings[0].ebs.volumeSize",
        "tags.aws:owner",
    ):
        assert f"property {path} " in text, text
    assert not [op for op in _operations(emulator, before) if op in MUTATING]


def test_the_docs_show_the_program_this_test_runs() -> None:
    page = (Path(__file__).parents[2] / "docs" / "languages.md").read_text()
    program = "\n".join((PROGRAM / "Pulumi.yaml").read_text().splitlines()[2:]) + "\n"
    assert f"```yaml\n{program}```" in page


def _generated_resources(path: Path) -> str:
    """The ``resources:`` entries of a program ``pulumi import --out`` wrote (without the key)."""
    lines = path.read_text().splitlines()
    start = lines.index("resources:")
    return "\n".join(lines[start + 1 :]) + "\n"


@pytest.mark.e2e
def test_import_rebuilds_real_inputs_and_the_printed_program_previews_clean(
    make_stack: StackFactory, pulumi_env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    wsi = emulator_client(emulator)
    instance_id = wsi.create_workspace_instance(
        ManagedInstance={
            "ImageId": "ami-0123456789abcdef0",
            "InstanceType": "t3.medium",
            "MetadataOptions": {"HttpTokens": "required"},
            "BlockDeviceMappings": [
                {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 60, "Encrypted": True}}
            ],
        },
        BillingConfiguration={"BillingMode": "MONTHLY"},
        Tags=[{"Key": "team", "Value": "ops"}],
    )["WorkspaceInstanceId"]
    volume_id = wsi.create_volume(
        AvailabilityZone="us-east-1a",
        SizeInGB=20,
        TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "team", "Value": "ops"}]}],
    )["VolumeId"]
    project = tmp_path / "imported"
    project.mkdir()
    program = project / "Pulumi.yaml"
    program.write_text("name: plugin-yaml-import\nruntime: yaml\n")
    stack = make_stack(project)
    before = len(emulator.calls())
    for kind, name, resource_id in (
        ("WorkspaceInstance", "desk", instance_id),
        ("Volume", "data", volume_id),
    ):
        out = tmp_path / f"{name}.yaml"
        run_cli(
            [
                "import",
                f"workspacesinstances:index:{kind}",
                name,
                resource_id,
                "--yes",
                "--protect=false",
                "--out",
                str(out),
                "--stack",
                stack.name,
            ],
            pulumi_env,
            project,
        )
        text = program.read_text()
        header = "" if "resources:" in text else "resources:\n"
        program.write_text(text + header + _generated_resources(out))
    text = program.read_text()
    print(text)
    assert (
        "billingMode: MONTHLY" in text
        and "instanceType: t3.medium" in text
        and "httpTokens: required" in text
    )
    assert "volumeSize: 60" in text and "sizeInGb: 20" in text and "availabilityZone: us-east-1a" in text
    assert not [op for op in _operations(emulator, before) if op in MUTATING]

    # The program `pulumi import` printed is the program the stack now runs: nothing to change.
    stack.preview(expect_no_changes=True)
    state = _state(_exported(stack, pulumi_env))
    assert state["desk"]["id"] == instance_id and state["data"]["id"] == volume_id

    # A missing id fails in one line, naming the id and the region.
    missing = run_cli(
        [
            "import",
            "workspacesinstances:index:Volume",
            "nope",
            "vol-0000000000000000a",
            "--yes",
            "--stack",
            stack.name,
        ],
        pulumi_env,
        project,
        check=False,
    )
    assert missing.returncode != 0
    assert (
        "import: no Volume vol-0000000000000000a in us-east-1; check the id"
        in missing.stdout + missing.stderr
    )
    assert "Traceback" not in missing.stdout + missing.stderr


TIMED_PROGRAM = """\
name: plugin-timeouts
runtime: yaml
resources:
  smoke:
    type: workspacesinstances:index:WorkspaceInstance
    properties:
      billingMode: HOURLY
      managedInstance:
        imageId: ami-0a1b2c3d4e5f60001
        instanceType: t3.medium
      timeouts:
        create: 30m
    options:
      customTimeouts:
        create: 2s
"""


@pytest.mark.e2e
def test_custom_timeouts_are_honoured_and_a_timed_out_create_leaves_nothing_billed(
    slow_emulator: EmulatorFactory, make_stack: StackFactory, pulumi_env: dict[str, str], tmp_path: Path
) -> None:
    emulator = slow_emulator(ALLOCATE_SECONDS)
    _aim(pulumi_env, emulator)
    project = tmp_path / "timeouts"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(TIMED_PROGRAM)
    stack = make_stack(project)
    started = time.monotonic()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.up(on_output=print)
    elapsed = time.monotonic() - started
    text = str(failure.value)
    # customTimeouts.create (2 s) won over timeouts.create (30 m), and said so.
    assert "after 2s (customTimeouts.create)" in text, text
    assert elapsed < ALLOCATE_SECONDS + 20, elapsed
    # The instance it launched is being deleted: nothing is left billing and unowned.
    assert _live(emulator) == {}
    created = [c for c in emulator.calls() if c["operation"] == "CreateWorkspaceInstance"]
    deleted = [c for c in emulator.calls() if c["operation"] == "DeleteWorkspaceInstance"]
    assert len(created) == 1 and len(deleted) == 1
