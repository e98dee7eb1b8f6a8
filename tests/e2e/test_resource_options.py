"""Resource options through the real CLI, on both faces: what a user checks after each.

The dynamic face runs tests/e2e/programs/options_python, whose options and shape come from config; the
plugin face runs tests/e2e/programs/options_yaml, into which the test writes each case's options (and a
renamed desktop, a data volume). Each case asserts what the user would look at: the preview's steps,
the AWS calls made, the ids kept or changed, what is live afterwards. Every case has its own emulator,
so everything live in it is the case's own.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]  # PyYAML (a dependency of pulumi) ships no types
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
from tests.e2e.test_reliability import _aim, _live

PROGRAMS = Path(__file__).parent / "programs"
USER_DATA = "ZWNobyBvcHRpb25z"
"""The secret UserData: it must never appear in a preview."""
INSTANCE = "workspacesinstances:index:WorkspaceInstance"
CREATES = {"CreateWorkspaceInstance"}
MUTATING = {
    "CreateWorkspaceInstance",
    "DeleteWorkspaceInstance",
    "TagResource",
    "UntagResource",
    "CreateVolume",
    "ModifyVolume",
    "DeleteVolume",
    "AssociateVolume",
    "DisassociateVolume",
}


# --- the two faces ---------------------------------------------------------------------------------


def _config_shape(stack: auto.Stack, shape: dict[str, Any]) -> None:
    """Options and shape as the program's config (the Python and TypeScript programs)."""

    def value(item: Any) -> str:
        if isinstance(item, bool):
            return str(item).lower()
        return json.dumps(item) if isinstance(item, dict | list) else str(item)

    stack.set_all_config({key: auto.ConfigValue(value(item)) for key, item in shape.items()})


def _yaml_shape(stack: auto.Stack, shape: dict[str, Any]) -> None:
    """Options and shape written into the YAML program."""
    project = stack_dir(stack) / "Pulumi.yaml"
    program = yaml.safe_load(project.read_text())
    resources: dict[str, Any] = program["resources"]
    [name] = [key for key, resource in resources.items() if resource["type"] == INSTANCE]
    if "deskName" in shape and shape["deskName"] != name:
        resources = {shape["deskName"] if key == name else key: value for key, value in resources.items()}
        name = shape["deskName"]
        program["outputs"]["deskId"] = f"${{{name}.workspaceInstanceId}}"
    if "managedInstance" in shape:
        resources[name]["properties"]["managedInstance"] = shape["managedInstance"]
    if "options" in shape:
        resources[name]["options"] = shape["options"]
    if shape.get("withVolume"):
        resources["data"] = {
            "type": "workspacesinstances:index:Volume",
            "properties": {
                "availabilityZone": "${zone}",
                "sizeInGb": int(shape.get("volumeSize", 50)),
                "tags": {"team": "${team}"},
            },
        }
        resources["data-disk"] = {
            "type": "workspacesinstances:index:VolumeAttachment",
            "properties": {
                "workspaceInstanceId": f"${{{name}.workspaceInstanceId}}",
                "volumeId": "${data.volumeId}",
                "device": "/dev/sdf",
            },
        }
        program["outputs"]["volumeId"] = "${data.volumeId}"
    program["resources"] = resources
    project.write_text(yaml.safe_dump(program, sort_keys=False))


@dataclass(frozen=True)
class Face:
    """One face and language: its program, how a case's options and shape reach it, its property names."""

    name: str
    program: Path
    shape: Callable[[auto.Stack, dict[str, Any]], None]
    user_data_path: str
    aliases_by_urn: bool = False
    """pulumi-yaml 1.25 takes an alias as the old URN only; the SDKs take the old name."""


TS_MODULES = PROGRAMS / "plugin_ts" / "node_modules"
"""The TypeScript programs' packages (``make plugin-ts``: the generated SDK, compiled), shared read-only."""

FACES = {
    "dynamic": Face("dynamic", PROGRAMS / "options_python", _config_shape, "managed_instance.UserData"),
    "yaml": Face("yaml", PROGRAMS / "options_yaml", _yaml_shape, "managedInstance.userData", True),
    "typescript": Face("typescript", PROGRAMS / "options_ts", _config_shape, "managedInstance.userData"),
}


# --- one case's run --------------------------------------------------------------------------------


@dataclass
class Run:
    """A case's stack on its face, against its own emulator."""

    face: Face
    stack: auto.Stack
    emulator: Emulator
    env: dict[str, str]

    def shape(self, **shape: Any) -> None:
        self.face.shape(self.stack, shape)

    def up(self, *args: str) -> dict[str, Any]:
        """``pulumi up`` (with extra CLI arguments through the CLI itself); the stack's outputs."""
        if args:
            self.cli("up", "--yes", "--skip-preview", *args)
            return {key: value.value for key, value in self.stack.outputs().items()}
        return {key: value.value for key, value in self.stack.up(on_output=print).outputs.items()}

    def cli(self, *args: str, check: bool = True) -> Any:
        return run_cli([*args, "--stack", self.stack.name], self.env, stack_dir(self.stack), check=check)

    def steps(self, *args: str) -> dict[str, str]:
        """``pulumi preview --json``: each changing resource's step, by name (the first of a replacement's
        pair); an unchanged resource has none."""
        completed = self.cli("preview", "--json", *args)
        found: dict[str, str] = {}
        for step in json.loads(completed.stdout).get("steps", []):
            found.setdefault(step["urn"].rsplit("::", 1)[-1], step["op"])
        return found

    def mark(self) -> int:
        return len(self.emulator.calls())

    def mutations(self, since: int) -> list[str]:
        """The mutating AWS calls made since ``since`` (a :meth:`mark`), in order."""
        return [
            str(call["operation"])
            for call in self.emulator.calls()[since:]
            if call["operation"] in MUTATING and not call["error"]
        ]

    def resource(self, name: str) -> dict[str, Any]:
        """The resource ``name`` in the stack's state (``pulumi stack export``)."""
        [found] = [
            resource
            for resource in json.loads(self.cli("stack", "export").stdout)["deployment"]["resources"]
            if resource["urn"].endswith(f"::{name}")
        ]
        return dict(found)

    def urn(self, name: str) -> str:
        return str(self.resource(name)["urn"])


def _tags(emulator: Emulator, instance_id: str) -> dict[str, str]:
    answer = emulator_client(emulator).list_tags_for_resource(WorkspaceInstanceId=instance_id)
    return {tag["Key"]: tag["Value"] for tag in answer["Tags"] if not tag["Key"].startswith("pulumi:")}


# --- the cases -------------------------------------------------------------------------------------


def case_ignore_changes(run: Run) -> None:
    """ignoreChanges [tags]: a tag edit previews as no change and makes no tag call."""
    run.shape(options={"ignoreChanges": ["tags"]})
    desk = run.up()["deskId"]
    run.stack.set_config("team", auto.ConfigValue("bravo-team"))
    assert "desk" not in run.steps(), "a preview with no step for the desktop: nothing changes"
    since = run.mark()
    assert run.up()["deskId"] == desk
    assert run.mutations(since) == []
    assert _tags(run.emulator, desk)["team"] == "alpha-team"


def case_replace_on_changes(run: Run) -> None:
    """replaceOnChanges [tags]: a tag edit replaces the desktop; the old one is deleted."""
    run.shape(options={"replaceOnChanges": ["tags"]})
    old = run.up()["deskId"]
    run.stack.set_config("team", auto.ConfigValue("bravo-team"))
    assert run.steps()["desk"] == "replace"
    new = run.up()["deskId"]
    assert new != old
    assert _live(run.emulator) == {new: "ALLOCATED"}


def case_delete_before_replace(run: Run) -> None:
    """deleteBeforeReplace: a replacing change deletes the old desktop before creating the new one."""
    run.shape(options={"deleteBeforeReplace": True})
    old = run.up()["deskId"]
    run.stack.set_config("instanceType", auto.ConfigValue("t3.large"))
    since = run.mark()
    new = run.up()["deskId"]
    calls = run.mutations(since)
    assert new != old
    assert calls.index("DeleteWorkspaceInstance") < calls.index("CreateWorkspaceInstance"), calls
    assert _live(run.emulator) == {new: "ALLOCATED"}


def case_retain_on_delete(run: Run) -> None:
    """retainOnDelete: destroy leaves the desktop ALLOCATED and makes no delete call."""
    run.shape(options={"retainOnDelete": True})
    desk = run.up()["deskId"]
    since = run.mark()
    run.stack.destroy(on_output=print)
    assert "DeleteWorkspaceInstance" not in run.mutations(since)
    assert _live(run.emulator) == {desk: "ALLOCATED"}


def case_protect(run: Run) -> None:
    """protect: destroy is refused and deletes nothing; unprotected, it deletes."""
    run.shape(options={"protect": True})
    desk = run.up()["deskId"]
    since = run.mark()
    refused = run.cli("destroy", "--yes", "--skip-preview", check=False)
    assert refused.returncode != 0 and "protected" in refused.stdout + refused.stderr
    assert run.mutations(since) == [] and _live(run.emulator) == {desk: "ALLOCATED"}
    run.shape(options={})
    run.up()
    run.stack.destroy(on_output=print)
    assert _live(run.emulator) == {}


def case_alias_rename(run: Run) -> None:
    """A rename with an alias: no create or delete, the same desktop."""
    desk = run.up()["deskId"]
    alias = [run.urn("desk") if run.face.aliases_by_urn else "desk"]
    run.shape(deskName="workstation", options={"aliases": alias})
    steps = run.steps()
    assert steps.get("workstation", "same") in ("same", "update") and "desk" not in steps, steps
    since = run.mark()
    assert run.up()["deskId"] == desk
    assert not CREATES & set(run.mutations(since)) and "DeleteWorkspaceInstance" not in run.mutations(since)


def case_alias_reparent(run: Run) -> None:
    """Moved under a component with an alias to the stack: no create or delete, the same desktop."""
    desk = run.up()["deskId"]
    run.shape(inGroup=True)
    assert run.steps().get("desk", "same") in ("same", "update")
    since = run.mark()
    assert run.up()["deskId"] == desk
    assert run.mutations(since) == []
    assert "test:index:Group$" in run.urn("desk")


def case_target_and_exclude(run: Run) -> None:
    """up --target the volume: only the volume changes; --exclude the desktop: the same."""
    run.shape(withVolume=True)
    outputs = run.up()
    desk, volume = outputs["deskId"], outputs["volumeId"]
    volume_urn = run.urn("data")
    run.shape(withVolume=True, volumeSize=60)
    run.stack.set_config("team", auto.ConfigValue("bravo-team"))
    since = run.mark()
    run.up("--target", volume_urn)
    changed = run.mutations(since)
    assert "ModifyVolume" in changed and "TagResource" not in changed, changed
    assert _tags(run.emulator, desk)["team"] == "alpha-team", "the desktop untouched"
    run.shape(withVolume=True, volumeSize=70)
    since = run.mark()
    run.up("--exclude", run.urn("desk"))
    assert "ModifyVolume" in run.mutations(since) and "TagResource" not in run.mutations(since)
    assert _tags(run.emulator, desk)["team"] == "alpha-team"
    assert run.up()["volumeId"] == volume


def case_refresh_preview_only(run: Run) -> None:
    """refresh --preview-only: drift is shown, the state is not changed."""
    desk = run.up()["deskId"]
    emulator_client(run.emulator).tag_resource(
        WorkspaceInstanceId=desk, Tags=[{"Key": "drift", "Value": "yes"}]
    )
    before = run.cli("stack", "export").stdout
    shown = run.cli("refresh", "--preview-only").stdout
    assert re.search(r"~ .*desk|desk.*update", shown, re.IGNORECASE | re.DOTALL), shown
    assert run.cli("stack", "export").stdout == before


def case_state_delete_then_take_back(run: Run) -> None:
    """pulumi state delete, then import (plugin) or adopt_id (dynamic): the same desktop, no launch."""
    desk = run.up()["deskId"]
    run.cli("state", "delete", run.urn("desk"), "--yes")
    assert _live(run.emulator) == {desk: "ALLOCATED"}, "state delete leaves the desktop"
    since = run.mark()
    if run.face.name == "dynamic":
        run.stack.set_all_config(
            {"adoptId": auto.ConfigValue(desk), "adoptClaimed": auto.ConfigValue("true")}
        )
        assert run.steps()["desk"] == "create"  # an adoption, which the next lines prove launches nothing
    else:
        # Pulumi's import flow: the declaration becomes the one the import rebuilt from the service and
        # EC2 (the inputs it recorded, which the code `pulumi import` writes declares; UserData cannot be
        # read back, so it is not among them). Keeping a declaration that differs would preview as a
        # replacement, as any change of a desktop's launch inputs does.
        run.cli("import", INSTANCE, "desk", desk, "--yes", "--protect=false", "--generate-code=false")
        run.shape(managedInstance=run.resource("desk")["inputs"]["managedInstance"])
        assert "desk" not in run.steps(), run.cli("preview", "--diff").stdout
    assert run.up()["deskId"] == desk
    assert not CREATES & set(run.mutations(since))
    assert _live(run.emulator) == {desk: "ALLOCATED"}


def case_reimage_with_data_volume(run: Run) -> None:
    """A new image with a data volume attached: one up replaces the desktop and re-attaches the same
    volume to the new one; exactly one desktop is left."""
    run.shape(withVolume=True)
    outputs = run.up()
    old, volume = outputs["deskId"], outputs["volumeId"]
    run.stack.set_config("imageId", auto.ConfigValue("ami-0fedcba9876543210"))
    outputs = run.up()
    new = outputs["deskId"]
    assert new != old and outputs["volumeId"] == volume
    assert _live(run.emulator) == {new: "ALLOCATED"}
    instance = emulator_client(run.emulator).get_workspace_instance(WorkspaceInstanceId=new)
    [described] = emulator_ec2_client(run.emulator).describe_volumes(VolumeIds=[volume])["Volumes"]
    assert [a["InstanceId"] for a in described["Attachments"]] == [
        instance["EC2ManagedInstance"]["InstanceId"]
    ]


CASES: dict[str, Callable[[Run], None]] = {
    "ignoreChanges": case_ignore_changes,
    "replaceOnChanges": case_replace_on_changes,
    "deleteBeforeReplace": case_delete_before_replace,
    "retainOnDelete": case_retain_on_delete,
    "protect": case_protect,
    "aliases-rename": case_alias_rename,
    "aliases-reparent": case_alias_reparent,
    "target-exclude": case_target_and_exclude,
    "refresh-preview-only": case_refresh_preview_only,
    "state-delete-take-back": case_state_delete_then_take_back,
    "reimage-with-volume": case_reimage_with_data_volume,
}
NOT_IN_YAML = {
    "aliases-reparent": "a YAML program (pulumi-yaml 1.25 here) cannot declare a component of its own",
}


def _cases(face: str) -> list[Any]:
    excluded = NOT_IN_YAML if face == "yaml" else {}
    return [pytest.param(case, id=name) for name, case in CASES.items() if name not in excluded]


def _start(face: Face, slow_emulator: EmulatorFactory, make_stack: StackFactory, env: dict[str, str]) -> Run:
    emulator = slow_emulator(0.3)
    _aim(env, emulator)
    if face.name == "typescript":
        # Type-checked once, by test_the_typescript_options_program_type_checks: each of the case's
        # CLI runs only transpiles it (a third of its CPU).
        env["PULUMI_NODEJS_TRANSPILE_ONLY"] = "true"
    stack = make_stack(face.program, config={"team": "alpha-team"}, own_emulator=True)
    if face.name == "typescript":
        if not (TS_MODULES / ".installed").is_file():
            pytest.fail(f"missing {TS_MODULES}: run `make plugin-ts`")
        (stack_dir(stack) / "node_modules").symlink_to(TS_MODULES, target_is_directory=True)
    stack.set_config("userData", auto.ConfigValue(USER_DATA, secret=True))
    return Run(face, stack, emulator, env)


@pytest.mark.e2e
@pytest.mark.parametrize("case", _cases("dynamic"))
def test_resource_options_on_the_dynamic_face(
    slow_emulator: EmulatorFactory,
    case: Callable[[Run], None],
    make_stack: StackFactory,
    pulumi_env: dict[str, str],
) -> None:
    case(_start(FACES["dynamic"], slow_emulator, make_stack, pulumi_env))


@pytest.mark.e2e
@pytest.mark.parametrize("case", _cases("yaml"))
def test_resource_options_on_the_plugin_face_from_yaml(
    slow_emulator: EmulatorFactory,
    case: Callable[[Run], None],
    make_stack: StackFactory,
    pulumi_env: dict[str, str],
) -> None:
    case(_start(FACES["yaml"], slow_emulator, make_stack, pulumi_env))


@pytest.mark.e2e
@pytest.mark.parametrize("case", _cases("typescript"))
def test_resource_options_on_the_plugin_face_from_typescript(
    slow_emulator: EmulatorFactory,
    case: Callable[[Run], None],
    make_stack: StackFactory,
    pulumi_env: dict[str, str],
) -> None:
    case(_start(FACES["typescript"], slow_emulator, make_stack, pulumi_env))


# --- what preview --diff shows ---------------------------------------------------------------------

DISPLAY_FACES = {name: FACES[name] for name in ("dynamic", "yaml")}
"""The display comes from the engine: the plugin's answer is the same from every language."""


def _desk_step(run: Run, *extra: str) -> dict[str, Any]:
    """The ``desk`` step of ``pulumi preview --json`` (the first, for a replacement's pair)."""
    completed = run.cli("preview", "--json", *extra)
    steps = [step for step in json.loads(completed.stdout)["steps"] if step["urn"].endswith("::desk")]
    assert steps, completed.stdout
    return dict(steps[0])


@pytest.mark.e2e
@pytest.mark.parametrize("face", DISPLAY_FACES.values(), ids=DISPLAY_FACES.keys())
def test_a_tag_edit_previews_from_old_to_new_at_its_path(
    slow_emulator: EmulatorFactory, face: Face, make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    run = _start(face, slow_emulator, make_stack, pulumi_env)
    run.up()
    run.stack.set_config("team", auto.ConfigValue("bravo-team"))

    lines: list[str] = []
    run.stack.preview(diff=True, on_output=lines.append)
    text = "\n".join(lines)
    assert re.search(r'^\s*~ team\s*: "alpha-team" => "bravo-team"$', text, re.MULTILINE), text
    step = _desk_step(run)
    assert step["op"] == "update"
    assert step["diffReasons"] == ["tags"]
    assert step["detailedDiff"] == {"tags.team": {"kind": "update", "inputDiff": False}}


@pytest.mark.e2e
@pytest.mark.parametrize("face", DISPLAY_FACES.values(), ids=DISPLAY_FACES.keys())
def test_a_secret_change_previews_as_secret_and_replaces(
    slow_emulator: EmulatorFactory, face: Face, make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    run = _start(face, slow_emulator, make_stack, pulumi_env)
    run.up()
    run.stack.set_config("userData", auto.ConfigValue("ZWNobyBjaGFuZ2Vk", secret=True))

    lines: list[str] = []
    run.stack.preview(diff=True, on_output=lines.append)
    text = "\n".join(lines)
    assert USER_DATA not in text and "ZWNobyBjaGFuZ2Vk" not in text, text
    assert re.search(r"userData", text, re.IGNORECASE) and "[secret]" in text, text
    step = _desk_step(run)
    assert step["op"] == "replace"
    assert step["detailedDiff"] == {face.user_data_path: {"kind": "update-replace", "inputDiff": False}}


def test_the_docs_list_every_case_and_what_the_plugin_face_leaves_out() -> None:
    page = (Path(__file__).parents[2] / "docs" / "resource-options.md").read_text()
    listed = set(re.findall(r"\| `([\w-]+)` \|\n", page))
    assert listed == set(CASES), "docs/resource-options.md's table names the cases of this test"
    for case in NOT_IN_YAML:
        assert re.search(rf"not in YAML¹ \| `{case}` \|", page), case


@pytest.mark.toolchain
def test_the_typescript_options_program_type_checks(tmp_path: Path) -> None:
    # The cases run it transpiled only (PULUMI_NODEJS_TRANSPILE_ONLY): its types are checked here, once.
    if not (TS_MODULES / ".installed").is_file():
        pytest.fail(f"missing {TS_MODULES}: run `make plugin-ts`")
    project = tmp_path / "options_ts"
    shutil.copytree(FACES["typescript"].program, project)
    (project / "node_modules").symlink_to(TS_MODULES, target_is_directory=True)
    node = shutil.which("node")
    assert node is not None, "install Node.js 20 or later"
    checked = subprocess.run(
        [node, str(TS_MODULES / "typescript" / "bin" / "tsc"), "--project", str(project), "--noEmit"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
