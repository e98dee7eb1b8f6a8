"""EC2's Get/ModifyManagedResourceVisibility: the account setting is the emulator's visibility switch."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.emulator.workspaces_instances.behaviour import Behaviour
from tests.emulator.conftest import control, ec2_client_for


def _code(call: Any) -> str:
    with pytest.raises(ClientError) as excinfo:
        call()
    return str(excinfo.value.response["Error"]["Code"])


def test_get_answers_the_switch_and_modify_sets_it(emu: Emulator, ec2: Any) -> None:
    assert ec2.get_managed_resource_visibility()["Visibility"] == {"DefaultVisibility": "visible"}

    answer = ec2.modify_managed_resource_visibility(DefaultVisibility="hidden")

    assert answer["Visibility"] == {"DefaultVisibility": "hidden"}
    assert ec2.get_managed_resource_visibility()["Visibility"] == {"DefaultVisibility": "hidden"}
    assert emu.behaviour.managed_resource_visibility == "hidden"
    assert (
        control(emu.endpoint_url, "GET", "/_emulator/behaviour")[1]["managed_resource_visibility"] == "hidden"
    )
    # One account setting, whatever region asks.
    assert ec2_client_for(emu.endpoint_url, region="eu-west-1").get_managed_resource_visibility()[
        "Visibility"
    ] == {"DefaultVisibility": "hidden"}
    # The control plane sets the same value.
    control(emu.endpoint_url, "POST", "/_emulator/behaviour", {"managed_resource_visibility": "visible"})
    assert ec2.get_managed_resource_visibility()["Visibility"] == {"DefaultVisibility": "visible"}


def test_a_reset_restores_the_setting_the_emulator_started_with() -> None:
    with Emulator(behaviour=Behaviour(managed_resource_visibility="hidden")) as emu:
        ec2 = ec2_client_for(emu.endpoint_url)
        assert ec2.get_managed_resource_visibility()["Visibility"]["DefaultVisibility"] == "hidden"
        ec2.modify_managed_resource_visibility(DefaultVisibility="visible")
        emu.reset()
        assert ec2.get_managed_resource_visibility()["Visibility"]["DefaultVisibility"] == "hidden"


def test_modify_refuses_what_ec2_refuses_and_changes_nothing(emu: Emulator, ec2: Any) -> None:
    loose = ec2_client_for(emu.endpoint_url, validate=False)
    assert _code(lambda: loose.modify_managed_resource_visibility(DefaultVisibility="invisible")) == (
        "InvalidParameterValue"
    )
    assert _code(lambda: loose.modify_managed_resource_visibility()) == "MissingParameter"
    assert _code(lambda: ec2.modify_managed_resource_visibility(DefaultVisibility="hidden", DryRun=True)) == (
        "DryRunOperation"
    )
    assert _code(lambda: ec2.get_managed_resource_visibility(DryRun=True)) == "DryRunOperation"
    assert emu.behaviour.managed_resource_visibility == "visible"
