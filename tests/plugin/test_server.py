"""The plugin face's own behaviour, called as the SDK's server calls it (no engine)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

import grpc
import pytest
from pulumi.provider.experimental import provider as api
from pulumi.provider.experimental.property_value import PropertyValue

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.plugin import server
from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from tests.conftest import HELD_SECONDS, EmulatorFactory, emulator_client

T = TypeVar("T")
URN = "urn:pulumi:dev::project::workspacesinstances:index:WorkspaceInstance::desk"
MUTATING = {"CreateWorkspaceInstance", "DeleteWorkspaceInstance", "TagResource", "UntagResource"}


def _run(awaitable: Awaitable[T]) -> T:
    loop = asyncio.new_event_loop()  # never installed as the current loop: other tests keep theirs
    try:
        return loop.run_until_complete(awaitable)
    finally:
        loop.close()


def _check_config(olds: dict[str, PropertyValue]) -> dict[str, PropertyValue]:
    request = api.CheckRequest(
        "urn:pulumi:dev::project::pulumi:providers:workspacesinstances::default", olds, {}, b""
    )
    response = _run(server.WorkspacesInstancesProvider().check_config(request))
    assert response.inputs is not None
    return response.inputs


def test_the_providers_seed_is_drawn_once_then_kept_from_state() -> None:
    drawn = _check_config({})[server.SEED]
    assert drawn.is_secret and isinstance(drawn.value, str) and len(drawn.value) == 2 * server.SEED_BYTES
    assert _check_config({})[server.SEED].value != drawn.value  # another stack, another seed
    stored = PropertyValue("0123456789abcdef", is_secret=True)
    kept = _check_config({server.SEED: stored})[server.SEED]
    assert kept.value == "0123456789abcdef" and kept.is_secret


def test_check_reports_every_problem_by_its_wire_path_before_any_call(aws_env: Emulator) -> None:
    news = {
        "managedInstance": PropertyValue(
            {
                "imageId": PropertyValue("ami-12"),
                "instanceType": PropertyValue("t3.medium"),
                "metadataOptions": PropertyValue({"httpTokens": PropertyValue("requird")}),
            }
        ),
        "billingMode": PropertyValue("monthly"),
        "biling": PropertyValue("x"),
    }
    before = len(aws_env.calls())
    response = _run(server.WorkspacesInstancesProvider().check(api.CheckRequest(URN, {}, news, b"")))
    failures = {failure.property: failure.reason for failure in response.failures or []}
    assert set(failures) == {
        "biling",
        "billingMode",
        "managedInstance.imageId",
        "managedInstance.metadataOptions.httpTokens",
    }
    assert "did you mean 'MONTHLY'" in failures["billingMode"]
    assert "did you mean 'required'" in failures["managedInstance.metadataOptions.httpTokens"]
    assert not MUTATING & {str(call["operation"]) for call in aws_env.calls()[before:]}


def test_check_fills_in_the_identity_seed_and_defaults(aws_env: Emulator) -> None:
    provider = server.WorkspacesInstancesProvider()
    config = {server.SEED: PropertyValue("feedface", is_secret=True)}
    _run(provider.configure(api.ConfigureRequest({}, config, True, False)))
    response = _run(provider.check(api.CheckRequest(URN, {}, _instance(), b"")))
    assert not response.failures
    inputs = response.inputs or {}
    assert inputs["__identity"].value == URN
    assert inputs[server.SEED].value == "feedface" and inputs[server.SEED].is_secret
    assert inputs["billingMode"].value == "HOURLY"  # the API's default, recorded as a default
    assert inputs["region"].value == "us-east-1"


class _Context:
    def __init__(self) -> None:
        self.aborted: tuple[grpc.StatusCode, str] | None = None

    async def abort(self, code: grpc.StatusCode, details: str) -> None:
        self.aborted = (code, details)
        raise grpc.RpcError(details)


def test_this_packages_errors_reach_the_engine_in_one_line() -> None:
    async def sdk_method(_self: Any, _request: Any, _context: Any) -> None:
        # What the SDK's server does: re-raise with the traceback appended.
        try:
            raise WorkspaceInstanceError("CreateWorkspaceInstance: denied; check the policy")
        except Exception as exc:
            raise Exception(f"{exc}:\n  File ...")  # noqa: B904 - the SDK chains implicitly

    context = _Context()
    with pytest.raises(grpc.RpcError):
        _run(server._one_line(sdk_method)(None, None, context))
    assert context.aborted == (grpc.StatusCode.UNKNOWN, "CreateWorkspaceInstance: denied; check the policy")


def test_other_errors_keep_their_traceback() -> None:
    async def failing(_self: Any, _request: Any, _context: Any) -> None:
        raise KeyError("a bug")

    context = _Context()
    with pytest.raises(KeyError):
        _run(server._one_line(failing)(None, None, context))
    assert context.aborted is None


def _instance(**extra: PropertyValue) -> dict[str, PropertyValue]:
    """Valid WorkspaceInstance inputs on the wire, plus ``extra`` properties."""
    managed = {"imageId": PropertyValue("ami-0123456789abcdef0"), "instanceType": PropertyValue("t3.medium")}
    return {"managedInstance": PropertyValue(managed), **extra}


def _checked(provider: server.WorkspacesInstancesProvider, news: dict[str, PropertyValue]) -> dict[str, Any]:
    response = _run(provider.check(api.CheckRequest(URN, {}, news, b"")))
    assert not response.failures, response.failures
    return dict(response.inputs or {})


def test_custom_timeouts_win_over_the_timeouts_input_and_a_timed_out_create_leaves_nothing_billed(
    aws_env: Emulator, aimed_emulator: EmulatorFactory, fast_polling: None
) -> None:
    # Allocation lasts an hour there: a customTimeouts.create of 50 ms surely runs out first (the session's
    # 0.2 s allocation can end before the create's first look on a loaded machine).
    emulator = aimed_emulator(HELD_SECONDS)
    provider = server.WorkspacesInstancesProvider()
    inputs = _checked(provider, _instance(timeouts=PropertyValue({"create": PropertyValue("30m")})))
    with pytest.raises(WorkspaceInstanceError) as failure:
        _run(provider.create(api.CreateRequest(URN, inputs, 0.05, False)))
    message = str(failure.value)
    assert "customTimeouts.create" in message and "ALLOCATING" in message, message
    listed = emulator.calls()
    [instance] = emulator_client(emulator).list_workspace_instances()["WorkspaceInstances"]
    assert instance["ProvisionState"] in ("DEALLOCATING", "DEALLOCATED")
    assert [call["operation"] for call in listed].count("DeleteWorkspaceInstance") == 1


def test_without_custom_timeouts_the_timeouts_input_applies(
    aws_env: Emulator, aimed_emulator: EmulatorFactory, fast_polling: None
) -> None:
    aimed_emulator(HELD_SECONDS)  # the 50 ms surely run out while ALLOCATING
    provider = server.WorkspacesInstancesProvider()
    inputs = _checked(provider, _instance(timeouts=PropertyValue({"create": PropertyValue("50ms")})))
    with pytest.raises(WorkspaceInstanceError) as failure:
        _run(provider.create(api.CreateRequest(URN, inputs, 0.0, False)))
    assert "timeouts.create" in str(failure.value) and "customTimeouts" not in str(failure.value)


def test_a_create_within_its_custom_timeout_is_allocated_and_its_outputs_are_wire_named(
    aws_env: Emulator, fast_polling: None
) -> None:
    provider = server.WorkspacesInstancesProvider()
    inputs = _checked(provider, _instance(billingMode=PropertyValue("MONTHLY")))
    response = _run(provider.create(api.CreateRequest(URN, inputs, 60.0, False)))
    outputs = response.properties or {}
    assert response.resource_id and outputs["workspaceInstanceId"].value == response.resource_id
    assert outputs["provisionState"].value == "ALLOCATED"
    assert outputs["billingMode"].value == "MONTHLY"
    assert outputs["clientToken"].is_secret or outputs["clientToken"].value is None


def _desk(instance_type: str, team: str, **managed: PropertyValue) -> dict[str, PropertyValue]:
    return {
        "managedInstance": PropertyValue(
            {
                "imageId": PropertyValue("ami-0123456789abcdef0"),
                "instanceType": PropertyValue(instance_type),
                **managed,
            }
        ),
        "billingMode": PropertyValue("HOURLY"),
        "region": PropertyValue("us-east-1"),
        "tags": PropertyValue({"team": PropertyValue(team)}),
    }


def _diff(olds: dict[str, PropertyValue], news: dict[str, PropertyValue]) -> api.DiffResponse:
    request = api.DiffRequest(URN, "wsinst-abcdefgh12", olds, news, [])
    return _run(server.WorkspacesInstancesProvider().diff(request))


def test_a_tag_edit_is_a_detailed_update_at_its_wire_path() -> None:
    response = _diff(_desk("t3.medium", "alpha-team"), _desk("t3.medium", "bravo-team"))

    assert {path: (d.kind, d.input_diff) for path, d in response.detailed_diff.items()} == {
        "tags.team": (api.PropertyDiffKind.UPDATE, False)
    }
    assert response.diffs == ["tags"] and response.replaces == []


def test_a_nested_change_is_reported_at_its_depth_in_wire_names_and_replaces() -> None:
    tokens = {"metadataOptions": PropertyValue({"httpTokens": PropertyValue("optional")})}
    required = {"metadataOptions": PropertyValue({"httpTokens": PropertyValue("required")})}

    response = _diff(_desk("t3.medium", "a", **tokens), _desk("t3.large", "a", **required))

    assert {path: d.kind for path, d in response.detailed_diff.items()} == {
        "managedInstance.instanceType": api.PropertyDiffKind.UPDATE_REPLACE,
        "managedInstance.metadataOptions.httpTokens": api.PropertyDiffKind.UPDATE_REPLACE,
    }
    assert response.replaces == ["managedInstance"] and response.diffs == ["managedInstance"]


def test_a_tag_key_that_is_not_a_plain_name_is_quoted_as_the_engine_parses_it() -> None:
    olds = _desk("t3.medium", "a")
    news = {**olds, "tags": PropertyValue({"team": PropertyValue("a"), "cost.centre": PropertyValue("7")})}

    assert list(_diff(olds, news).detailed_diff) == ['tags["cost.centre"]']


def test_a_components_child_reports_its_detailed_diff_too() -> None:
    types = "workspacesinstances:index:Workspace$workspacesinstances:index:WorkspaceInstance"
    child = f"urn:pulumi:dev::project::{types}::shared"
    request = api.DiffRequest(
        child, "wsinst-abcdefgh12", _desk("t3.medium", "a"), _desk("t3.medium", "b"), []
    )

    response = _run(server.WorkspacesInstancesProvider().diff(request))

    assert {path: d.kind for path, d in response.detailed_diff.items()} == {
        "tags.team": api.PropertyDiffKind.UPDATE
    }
