"""The catalogue and list operations: contents, filters and NextToken pagination."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import settled
from tests.emulator.conftest import create_instance

_FILTER = {"BillingMode": "MONTHLY", "PlatformType": "Windows", "Tenancy": "DEDICATED"}


def _all_pages(call: Any, key: str, **params: Any) -> list[Any]:
    items: list[Any] = []
    pages = 0
    while True:
        page = call(**params)
        items.extend(page[key])
        pages += 1
        if "NextToken" not in page:
            return items
        params["NextToken"] = page["NextToken"]
        assert pages < 100


def test_catalogue_has_at_least_40_varied_instance_types(client: Any) -> None:
    types = _all_pages(client.list_instance_types, "InstanceTypes", MaxResults=600)
    assert len(types) >= 40
    configurations = [c for t in types for c in t["SupportedInstanceConfigurations"]]
    for member in ("BillingMode", "PlatformType", "Tenancy"):
        assert len({c[member] for c in configurations}) >= 2
    # Not every type supports MONTHLY, DEDICATED or every platform.
    assert any(all(c["BillingMode"] == "HOURLY" for c in t["SupportedInstanceConfigurations"]) for t in types)
    assert any(all(c["Tenancy"] == "SHARED" for c in t["SupportedInstanceConfigurations"]) for t in types)
    assert any(
        "SUSE Linux" not in {c["PlatformType"] for c in t["SupportedInstanceConfigurations"]} for t in types
    )


def test_default_page_is_smaller_than_the_catalogue(client: Any) -> None:
    first = client.list_instance_types()
    assert "NextToken" in first
    every = _all_pages(client.list_instance_types, "InstanceTypes")
    assert len(every) > len(first["InstanceTypes"])


@pytest.mark.parametrize("size", [1, 7, 40])
def test_instance_types_pages_join_up_without_gaps_or_repeats(client: Any, size: int) -> None:
    whole = [t["InstanceType"] for t in client.list_instance_types(MaxResults=600)["InstanceTypes"]]
    paged = [
        t["InstanceType"] for t in _all_pages(client.list_instance_types, "InstanceTypes", MaxResults=size)
    ]
    assert paged == whole


def test_configuration_filter_keeps_only_types_offering_it(client: Any) -> None:
    every = _all_pages(client.list_instance_types, "InstanceTypes", MaxResults=600)
    matching = _all_pages(
        client.list_instance_types, "InstanceTypes", InstanceConfigurationFilter=_FILTER, MaxResults=3
    )
    assert 0 < len(matching) < len(every)
    for entry in matching:
        assert _FILTER in entry["SupportedInstanceConfigurations"]
    expected = [t["InstanceType"] for t in every if _FILTER in t["SupportedInstanceConfigurations"]]
    assert [t["InstanceType"] for t in matching] == expected


def test_forged_next_token_is_rejected(client: Any) -> None:
    token = client.list_instance_types(MaxResults=5)["NextToken"]
    body, _, signature = token.partition(".")
    for forged in ("not-a-token", body + "." + "0" * len(signature), token[:-1] + "x"):
        with pytest.raises(client.exceptions.ValidationException) as excinfo:
            client.list_instance_types(MaxResults=5, NextToken=forged)
        assert "NextToken" in excinfo.value.response["Error"]["Message"]


def test_token_is_bound_to_its_filter_and_operation(client: Any) -> None:
    token = client.list_instance_types(MaxResults=5)["NextToken"]
    with pytest.raises(client.exceptions.ValidationException):
        client.list_instance_types(MaxResults=5, NextToken=token, InstanceConfigurationFilter=_FILTER)
    with pytest.raises(client.exceptions.ValidationException):
        client.list_regions(NextToken=token)


def test_regions_paginate(client: Any) -> None:
    first = client.list_regions(MaxResults=4)
    assert len(first["Regions"]) == 4
    regions = _all_pages(client.list_regions, "Regions", MaxResults=4)
    names = [r["RegionName"] for r in regions]
    assert len(names) == len(set(names)) > 4
    assert {"us-east-1", "eu-west-1"} <= set(names)


def test_workspace_instances_paginate_and_filter_by_state(client: Any) -> None:
    created = [create_instance(client) for _ in range(7)]
    assert {settled(client, made)["ProvisionState"] for made in created} == {"ALLOCATED"}
    client.delete_workspace_instance(WorkspaceInstanceId=created[0])
    listed = _all_pages(client.list_workspace_instances, "WorkspaceInstances", MaxResults=3)
    assert [i["WorkspaceInstanceId"] for i in listed] == created
    allocated = _all_pages(
        client.list_workspace_instances, "WorkspaceInstances", MaxResults=2, ProvisionStates=["ALLOCATED"]
    )
    assert [i["WorkspaceInstanceId"] for i in allocated] == created[1:]
    assert all("EC2ManagedInstance" in i for i in allocated)
    deallocating = client.list_workspace_instances(ProvisionStates=["DEALLOCATING", "DEALLOCATED"])
    assert [i["WorkspaceInstanceId"] for i in deallocating["WorkspaceInstances"]] == created[:1]


def test_boto3_paginators_work(client: Any) -> None:
    for _ in range(3):
        create_instance(client)
    paginator = client.get_paginator("list_workspace_instances")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["WorkspaceInstances"]) for p in pages] == [2, 1]
