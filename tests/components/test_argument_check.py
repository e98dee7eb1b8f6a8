"""The provider's input check run on a Workspace's arguments, reported by argument path."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from pulumi_workspaces_instances.components import InvalidArgumentError, WorkspaceArgs
from pulumi_workspaces_instances.components.argument_check import check_arguments
from pulumi_workspaces_instances.components.mapping import to_managed_instance
from pulumi_workspaces_instances.provider.aws.unmodeled import split_unmodeled

IMAGE = "ami-0a1b2c3d4e5f60001"


def problems_of(**settings: Any) -> list[str]:
    """The check's lines for these arguments ([] when they pass)."""
    args = WorkspaceArgs(image_id=IMAGE, instance_type="m5.large", **settings)
    modeled, extras = split_unmodeled(to_managed_instance(args))
    try:
        check_arguments(args, modeled, extras)
    except InvalidArgumentError as error:
        return str(error).splitlines()
    return []


def test_valid_arguments_pass() -> None:
    assert problems_of(billing_mode="MONTHLY", tags={"team": "desktops"}, region="us-east-1") == []


def test_a_bad_override_is_named_in_the_overrides() -> None:
    assert problems_of(managed_instance_overrides={"Monitoring": {"Enabled": "yes"}}) == [
        "managed_instance_overrides.Monitoring.Enabled (ManagedInstance.Monitoring.Enabled): "
        "must be true or false, got a string 'yes'"
    ]


def test_inputs_beside_managed_instance_keep_their_names() -> None:
    lines = problems_of(region="us-eats-1", timeouts={"craete": "5m"}, tags={"aws:team": "x"})
    assert lines == [
        "tags.aws:team: tag keys starting with 'aws:' are reserved by AWS; rename it",
        "region: unknown AWS region 'us-eats-1'; did you mean 'us-east-1'?",
        "timeouts.craete: unknown key 'craete'; did you mean 'create'? (valid: create, delete)",
    ]


def test_an_unset_region_is_left_to_the_resource(monkeypatch: pytest.MonkeyPatch) -> None:
    # The default region is resolved where the resource runs (stack config, the provider host's
    # environment); the program's own environment says nothing about it.
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/config")
    assert problems_of() == []


@pytest.mark.usefixtures("event_loop_for_outputs")
def test_outputs_are_not_judged() -> None:
    assert (
        problems_of(billing_mode=pulumi.Output.from_input("MONTLY"), tags=pulumi.Output.from_input({})) == []
    )
