"""Resource options through the real CLI, on both faces: what ``preview --diff`` shows, what
``replaceOnChanges`` does.

The dynamic face runs tests/e2e/programs/options_python (its options from config); the plugin face
runs tests/e2e/programs/options_yaml, into whose ``desk`` the test writes each case's options.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pulumi import automation as auto

from tests.conftest import EmulatorFactory, StackFactory, run_cli, stack_dir
from tests.e2e.test_reliability import _aim, _live

PROGRAMS = Path(__file__).parent / "programs"
USER_DATA = "ZWNobyBvcHRpb25z"
"""The secret UserData: it must never appear in a preview."""


@dataclass(frozen=True)
class Face:
    """One face: its program, and how a case's options are given to it."""

    program: Path
    set_options: Callable[[auto.Stack, dict[str, Any]], None]
    tags_path: str
    """The detailed diff's path of the ``team`` tag."""
    user_data_path: str


def _python_options(stack: auto.Stack, options: dict[str, Any]) -> None:
    stack.set_config("replaceOnChanges", auto.ConfigValue(json.dumps(options.get("replaceOnChanges", []))))


def _yaml_options(stack: auto.Stack, options: dict[str, Any]) -> None:
    project = stack_dir(stack) / "Pulumi.yaml"
    program = yaml.safe_load(project.read_text())
    program["resources"]["desk"]["options"] = options
    project.write_text(yaml.safe_dump(program, sort_keys=False))


FACES = {
    "dynamic": Face(
        PROGRAMS / "options_python", _python_options, "tags.team", "managed_instance.UserData"
    ),
    "plugin": Face(PROGRAMS / "options_yaml", _yaml_options, "tags.team", "managedInstance.userData"),
}


def _stack(face: Face, make_stack: StackFactory, options: dict[str, Any] | None = None) -> auto.Stack:
    stack = make_stack(face.program, config={"team": "alpha-team"})
    stack.set_config("userData", auto.ConfigValue(USER_DATA, secret=True))
    face.set_options(stack, options or {})
    return stack


def _desk_step(stack: auto.Stack, env: dict[str, str], *extra: str) -> dict[str, Any]:
    """The ``desk`` step of ``pulumi preview --json`` (the first, for a replacement's pair)."""
    completed = run_cli(["preview", "--json", "--stack", stack.name, *extra], env, stack_dir(stack))
    steps = [step for step in json.loads(completed.stdout)["steps"] if step["urn"].endswith("::desk")]
    assert steps, completed.stdout
    return dict(steps[0])


@pytest.mark.e2e
@pytest.mark.parametrize("face", FACES.values(), ids=FACES.keys())
def test_a_tag_edit_previews_from_old_to_new_at_its_path(
    face: Face, make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    stack = _stack(face, make_stack)
    stack.up(on_output=print)
    stack.set_config("team", auto.ConfigValue("bravo-team"))

    lines: list[str] = []
    stack.preview(diff=True, on_output=lines.append)
    text = "\n".join(lines)
    assert re.search(r'^\s*~ team\s*: "alpha-team" => "bravo-team"$', text, re.MULTILINE), text
    step = _desk_step(stack, pulumi_env)
    assert step["op"] == "update"
    assert step["diffReasons"] == ["tags"]
    assert step["detailedDiff"] == {face.tags_path: {"kind": "update", "inputDiff": False}}


@pytest.mark.e2e
@pytest.mark.parametrize("face", FACES.values(), ids=FACES.keys())
def test_a_secret_change_previews_as_secret_and_replaces(
    face: Face, make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    stack = _stack(face, make_stack)
    stack.up(on_output=print)
    stack.set_config("userData", auto.ConfigValue("ZWNobyBjaGFuZ2Vk", secret=True))

    lines: list[str] = []
    stack.preview(diff=True, on_output=lines.append)
    text = "\n".join(lines)
    assert USER_DATA not in text and "ZWNobyBjaGFuZ2Vk" not in text, text
    assert re.search(r"UserData|userData", text, re.IGNORECASE) and "[secret]" in text, text
    step = _desk_step(stack, pulumi_env, "--show-secrets=false")
    assert step["op"] == "replace"
    assert step["detailedDiff"] == {face.user_data_path: {"kind": "update-replace", "inputDiff": False}}


@pytest.mark.e2e
@pytest.mark.parametrize("face", FACES.values(), ids=FACES.keys())
def test_replace_on_changes_replaces_the_desktop_on_a_tag_edit(
    # The emulator first: it must outlive the stack, which make_stack destroys at teardown.
    slow_emulator: EmulatorFactory, face: Face, make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    emulator = slow_emulator(0.3)  # its own: every desktop live in it is this test's
    _aim(pulumi_env, emulator)
    stack = _stack(face, make_stack, {"replaceOnChanges": ["tags"]})
    old_id = stack.up(on_output=print).outputs["deskId"].value
    stack.set_config("team", auto.ConfigValue("bravo-team"))

    assert _desk_step(stack, pulumi_env)["op"] == "replace"
    new_id = stack.up(on_output=print).outputs["deskId"].value

    assert new_id != old_id
    assert _live(emulator) == {new_id: "ALLOCATED"}, "the old desktop is deleted, the new one kept"
    stack.destroy(on_output=print)
    assert _live(emulator) == {}
