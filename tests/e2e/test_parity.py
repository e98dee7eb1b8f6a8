"""One implementation, two faces: the same scenario through the Python dynamic face and the provider
plugin makes the same AWS calls (operation and parameters; tokens, ids and claim values aside)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from tests.conftest import StackFactory

PROGRAMS = Path(__file__).parent / "programs"
FACES = {"dynamic": PROGRAMS / "parity_python", "plugin": PROGRAMS / "parity_yaml"}
CONFIG = {"imageId": "ami-0123456789abcdef0", "instanceType": "t3.medium", "team": "blue"}
IDS = re.compile(r"\b(wsinst|vol|i|sg|subnet|vpc|eni)-[0-9a-f]{8,17}\b")
TOKENS = ("ClientToken",)
READS = ("Get", "List", "Describe")
"""Read calls: both faces make the same ones, but how often a wait polls depends on timing."""


def _normalized(value: Any) -> Any:
    """``value`` without tokens, with ids reduced to their kind and the claim tag's value hidden."""
    if isinstance(value, dict):
        if value.get("Key") == CLAIM_TAG_KEY:
            return {**value, "Value": "<claim>"}
        return {key: _normalized(item) for key, item in value.items() if key not in TOKENS}
    if isinstance(value, list):
        return [_normalized(item) for item in value]
    if isinstance(value, str):
        return IDS.sub(lambda match: f"{match.group(1)}-<id>", value)
    return value


def _calls(emulator: Emulator, since: int) -> Counter[str]:
    return Counter(
        json.dumps([call["operation"], _normalized(call.get("params") or {})], sort_keys=True)
        for call in emulator.calls()[since:]
    )


def _is_read(key: str) -> bool:
    return str(json.loads(key)[0]).startswith(READS)


def _scenario(stack: auto.Stack) -> None:
    stack.up(on_output=print)
    stack.set_config("team", auto.ConfigValue("green"))
    stack.up(on_output=print)
    stack.refresh(on_output=print)
    stack.destroy(on_output=print)


@pytest.mark.e2e
def test_both_faces_make_the_same_aws_calls(make_stack: StackFactory, first_zone: Emulator) -> None:
    emulator = first_zone
    made: dict[str, Counter[str]] = {}
    for face, program in FACES.items():
        emulator.reset()
        # The calls are compared member by member, the volume's zone (the desk's) among them, and
        # EC2's choice of a zone differs from run to run: both runs put their desk in the first one.
        emulator.set_behaviour(zone_choice="first")
        stack = make_stack(program, stack_name=f"parity-{face}", config=CONFIG)
        before = len(emulator.calls())
        _scenario(stack)
        made[face] = _calls(emulator, before)
    # Every call, with its parameters, made by one face is made by the other ...
    only_dynamic = set(made["dynamic"]) - set(made["plugin"])
    only_plugin = set(made["plugin"]) - set(made["dynamic"])
    assert not only_dynamic and not only_plugin, (
        f"only the dynamic face: {only_dynamic}\nonly the plugin: {only_plugin}"
    )
    # ... and every call that changes something exactly as often.
    changes = {
        face: Counter({key: n for key, n in calls.items() if not _is_read(key)})
        for face, calls in made.items()
    }
    assert changes["dynamic"] == changes["plugin"], changes
    operations = {json.loads(key)[0] for key in made["plugin"]}
    assert {
        "CreateWorkspaceInstance",
        "CreateVolume",
        "AssociateVolume",
        "TagResource",
        "CreateTags",
    } <= operations
