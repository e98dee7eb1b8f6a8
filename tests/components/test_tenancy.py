"""The tenancy translation between ListInstanceTypes (SHARED/DEDICATED) and EC2 placement."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from google.protobuf import json_format

from pulumi_workspaces_instances.components import TenancyError, Workspace, WorkspaceArgs, tenancy
from pulumi_workspaces_instances.provider.aws import model
from pulumi_workspaces_instances.provider.inputs import properties
from pulumi_workspaces_instances.provider.instances import diffing, state
from tests.components.conftest import ProgramRunner, Run

IMAGE = "ami-0a1b2c3d4e5f60001"


def test_translation_covers_both_vocabularies_of_the_model() -> None:
    placement = model.enum_values("CreateWorkspaceInstance", "ManagedInstance.Placement.Tenancy")
    check = model.enum_values("ListInstanceTypes", "InstanceConfigurationFilter.Tenancy")
    assert sorted(tenancy.PLACEMENT_TO_CHECK) == sorted(placement)
    assert set(tenancy.PLACEMENT_TO_CHECK.values()) <= set(check)
    assert sorted(tenancy.CHECK_TO_PLACEMENT) == sorted(check)
    assert set(tenancy.CHECK_TO_PLACEMENT.values()) <= set(placement)


@pytest.mark.parametrize(
    ("placement", "expected"),
    [(None, "SHARED"), ("default", "SHARED"), ("dedicated", "DEDICATED"), ("host", "DEDICATED")],
)
def test_placement_tenancy_checks_as(placement: str | None, expected: str) -> None:
    assert tenancy.to_check(placement) == expected


def test_round_trip_from_the_check_vocabulary() -> None:
    for value in tenancy.check_vocabulary():
        assert tenancy.to_check(tenancy.to_placement(value)) == value


def test_unknown_placement_tenancy_names_the_property_and_valid_values() -> None:
    with pytest.raises(
        TenancyError,
        match=r"placement\.tenancy: 'Dedicated' is not valid; use one of: dedicated, default, host",
    ):
        tenancy.to_check("Dedicated")


def test_shared_adds_nothing_to_placement() -> None:
    assert tenancy.placement_tenancy_input("SHARED") is None
    assert tenancy.placement_tenancy_input("DEDICATED") == "dedicated"


def test_consistent_pairs_pass() -> None:
    tenancy.ensure_consistent("DEDICATED", "host")
    tenancy.ensure_consistent("SHARED", "default")
    with pytest.raises(TenancyError, match="contradicts"):
        tenancy.ensure_consistent("DEDICATED", "default")


def test_unset_tenancy_adds_nothing_to_placement() -> None:
    assert tenancy.placement_tenancy_input(None) is None


# --- tenancy as a Pulumi Output, through the Workspace component ------------------------------


def _child_request(run: Run) -> dict[str, Any]:
    """The managed_instance the WorkspaceInstance child was registered with (wire form)."""
    raw = json_format.MessageToDict(run.child().object)
    return dict(raw["managed_instance"])


def _workspace_request(
    run_program: ProgramRunner, tenancy_value: pulumi.Input[str] | None, *, preview: bool = False
) -> dict[str, Any]:
    def program() -> dict[str, Any]:
        desk = Workspace(
            "desk",
            WorkspaceArgs(
                image_id=IMAGE,
                instance_type="m5.large",
                tenancy=tenancy_value,
                # Not what these tests are about, and it would ask the service.
                validate_instance_type=False,
            ),
        )
        return {"managed_instance": desk.managed_instance}

    return _child_request(run_program(program, preview=preview))


@pytest.mark.parametrize("preview", [True, False], ids=["preview", "update"])
def test_shared_from_an_output_requests_the_same_instance_as_plain_shared(
    run_program: ProgramRunner, preview: bool
) -> None:
    plain_request = _workspace_request(run_program, "SHARED", preview=preview)
    output_request = _workspace_request(run_program, pulumi.Output.from_input("SHARED"), preview=preview)
    assert "Placement" not in plain_request
    assert output_request.get("Placement", {}).get("Tenancy") is None
    # What the provider sends and diffs on: None members and empty structures are pruned.
    assert properties.prune(output_request) == properties.prune(plain_request)
    assert state.create_request({"managed_instance": output_request}) == state.create_request(
        {"managed_instance": plain_request}
    )
    # Moving tenancy from a literal to an Output is therefore no change, let alone a replacement.
    changes = diffing.diff_properties(
        {"managed_instance": plain_request}, {"managed_instance": output_request}
    )
    assert changes.replaces == []


def test_an_output_resolving_to_none_means_shared(run_program: ProgramRunner) -> None:
    unset_request = _workspace_request(run_program, None)
    # As an optional config value read inside an apply can: typed str, resolving to None.
    resolves_to_none: pulumi.Output[Any] = pulumi.Output.from_input(None)
    output_request = _workspace_request(run_program, resolves_to_none)
    assert properties.prune(output_request) == properties.prune(unset_request)
    assert (
        diffing.diff_properties(
            {"managed_instance": unset_request}, {"managed_instance": output_request}
        ).replaces
        == []
    )


def test_dedicated_from_an_output_sets_placement_tenancy(run_program: ProgramRunner) -> None:
    plain_request = _workspace_request(run_program, "DEDICATED")
    output_request = _workspace_request(run_program, pulumi.Output.from_input("DEDICATED"))
    assert plain_request["Placement"] == {"Tenancy": "dedicated"}
    assert output_request["Placement"] == {"Tenancy": "dedicated"}


def test_invalid_tenancy_from_an_output_still_names_the_valid_values(run_program: ProgramRunner) -> None:
    # The SDK wraps an error raised while serializing inputs in a ValueError of its own.
    with pytest.raises(ValueError, match=r"tenancy: 'shared' is not valid; use one of: DEDICATED, SHARED"):
        _workspace_request(run_program, pulumi.Output.from_input("shared"))
