"""The tenancy translation between ListInstanceTypes (SHARED/DEDICATED) and EC2 placement."""

from __future__ import annotations

import pytest

from components import TenancyError, tenancy
from provider import model


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
