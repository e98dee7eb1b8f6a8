"""The behaviour switches: one list of fields, set from Python, the command line and the control plane."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.__main__ import behaviour_of, parse_args
from pulumi_workspaces_instances.emulator.workspaces_instances.behaviour import MAX_SECONDS, Behaviour
from tests.emulator.conftest import control


def test_every_switch_has_a_help_line_and_a_known_kind() -> None:
    for name in Behaviour.names():
        assert Behaviour.help_of(name)
        assert Behaviour.kind_of(name) in (bool, float) or Behaviour.kind_of(name).__args__


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"visibility_lag": 1}, "unknown switch 'visibility_lag'; did you mean 'visibility_lag_seconds'?"),
        ({"visibility_lag_seconds": -1}, "visibility_lag_seconds must be between 0 and"),
        ({"visibility_lag_seconds": MAX_SECONDS + 1}, "must be between 0 and 3600"),
        ({"visibility_lag_seconds": "2"}, "visibility_lag_seconds must be a number of seconds, got '2'"),
        ({"visibility_lag_seconds": True}, "must be a number of seconds, got True"),
        ({"delete_conflict_while_allocating": "yes"}, "must be true or false, got 'yes'"),
        ({"zone_choice": "random"}, "zone_choice must be one of ec2, first, got 'random'"),
        ([], "send a JSON object of switches"),
    ],
)
def test_a_bad_switch_is_refused_naming_it(changes: Any, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        Behaviour().updated(changes)
    assert message in str(raised.value)


def test_an_update_changes_only_the_switches_given() -> None:
    changed = Behaviour().updated({"visibility_lag_seconds": 2, "zone_choice": "first"})
    assert changed == Behaviour(visibility_lag_seconds=2.0, zone_choice="first")


def test_the_command_line_sets_every_switch() -> None:
    args = parse_args(
        [
            "--visibility-lag-seconds",
            "1.5",
            "--delete-conflict-while-allocating",
            "--zone-choice",
            "first",
            "--managed-instance-ec2-changes",
            "allow",
            "--managed-resource-visibility",
            "hidden",
            "--no-require-mapping-size",
        ]
    )
    assert behaviour_of(args) == Behaviour(
        visibility_lag_seconds=1.5,
        delete_conflict_while_allocating=True,
        zone_choice="first",
        managed_instance_ec2_changes="allow",
        managed_resource_visibility="hidden",
        require_mapping_size=False,
    )
    assert behaviour_of(parse_args([])) == Behaviour()


def test_a_bad_flag_value_stops_the_command_line_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--zone-choice", "middle"])
    assert "zone_choice must be one of ec2, first, got 'middle'" in capsys.readouterr().err


def test_the_control_plane_reads_and_sets_switches_and_a_reset_restores_the_start() -> None:
    with Emulator(behaviour=Behaviour(zone_choice="first")) as emu:
        url = emu.endpoint_url
        assert control(url, "GET", "/_emulator/behaviour") == (200, Behaviour(zone_choice="first").as_dict())
        status, answer = control(url, "POST", "/_emulator/behaviour", {"visibility_lag_seconds": 3})
        assert status == 200 and answer["visibility_lag_seconds"] == 3.0 and answer["zone_choice"] == "first"
        assert emu.behaviour.visibility_lag_seconds == 3.0
        status, refused = control(url, "POST", "/_emulator/behaviour", {"zone_choice": "any"})
        assert status == 400 and "zone_choice must be one of" in refused["error"]
        assert emu.behaviour.visibility_lag_seconds == 3.0, "a refused change changes nothing"
        control(url, "POST", "/_emulator/reset")
        assert emu.behaviour == Behaviour(zone_choice="first")
        assert emu.set_behaviour(delete_conflict_while_allocating=True).delete_conflict_while_allocating
