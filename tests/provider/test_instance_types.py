"""The instance-type data source against the emulator: paging, filter paths, cache, errors, region."""

from __future__ import annotations

import asyncio
import contextvars
import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pulumi
import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import clients, instance_types
from pulumi_workspaces_instances.provider.instance_types import (
    InstanceConfiguration,
    InstanceTypeInfo,
    InstanceTypesResult,
    InvalidInstanceTypeFilterError,
    get_instance_types,
    get_instance_types_output,
)

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

OPERATION = "ListInstanceTypes"
#: A page small enough that the emulator's catalogue needs several.
SMALL_PAGE = 7
FULL_COMBINATION = {"billing_mode": "MONTHLY", "platform_type": "Windows", "tenancy": "SHARED"}


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test starts (and leaves) without cached sweeps."""
    instance_types.clear_cache()
    yield
    instance_types.clear_cache()


def list_calls(emulator: Emulator) -> list[dict[str, Any]]:
    """The ListInstanceTypes calls the emulator has served since its last reset."""
    return [call for call in emulator.calls() if call["operation"] == OPERATION]


def every_type(client: WorkspacesInstancesClient) -> list[dict[str, Any]]:
    """The catalogue as the API gives it, read independently of the data source."""
    found: list[Any] = []
    request: dict[str, Any] = {"MaxResults": instance_types.PAGE_SIZE}
    while True:
        page = client.list_instance_types(**request)
        found.extend(page["InstanceTypes"])
        if not page.get("NextToken"):
            return found
        request["NextToken"] = page["NextToken"]


def supporting(items: list[dict[str, Any]], **criteria: str) -> list[str]:
    """Names of raw API items with a configuration matching every criterion, sorted."""
    keys = {"billing_mode": "BillingMode", "platform_type": "PlatformType", "tenancy": "Tenancy"}
    return sorted(
        item["InstanceType"]
        for item in items
        if any(
            all(config[keys[name]] == value for name, value in criteria.items())
            for config in item["SupportedInstanceConfigurations"]
        )
    )


def test_page_size_is_the_models_maximum() -> None:
    assert instance_types.PAGE_SIZE == 600


def test_follows_next_token_across_pages(
    aws_env: Emulator, wsi_client: WorkspacesInstancesClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = every_type(wsi_client)
    assert len(everything) > SMALL_PAGE, "the catalogue must need more than one page"
    aws_env.reset()
    monkeypatch.setattr(instance_types, "PAGE_SIZE", SMALL_PAGE)

    result = get_instance_types()

    assert result.names == sorted(item["InstanceType"] for item in everything)
    calls = list_calls(aws_env)
    assert len(calls) == math.ceil(len(everything) / SMALL_PAGE)
    assert all(call["params"]["MaxResults"] == SMALL_PAGE for call in calls)
    assert "NextToken" not in calls[0]["params"]
    assert all("NextToken" in call["params"] for call in calls[1:])


def test_one_call_at_the_largest_page_size(aws_env: Emulator) -> None:
    get_instance_types()

    calls = list_calls(aws_env)
    assert len(calls) == 1
    assert calls[0]["params"]["MaxResults"] == instance_types.PAGE_SIZE


def test_full_combination_is_filtered_by_the_service(
    aws_env: Emulator, wsi_client: WorkspacesInstancesClient
) -> None:
    expected = supporting(every_type(wsi_client), **FULL_COMBINATION)
    aws_env.reset()

    result = get_instance_types(**FULL_COMBINATION)

    assert result.names == expected
    assert all(info.supports(**FULL_COMBINATION) for info in result.instance_types)
    (call,) = list_calls(aws_env)
    assert call["params"]["InstanceConfigurationFilter"] == {
        "BillingMode": "MONTHLY",
        "PlatformType": "Windows",
        "Tenancy": "SHARED",
    }


@pytest.mark.parametrize(
    "criteria",
    [
        {"billing_mode": "MONTHLY"},
        {"platform_type": "SUSE Linux"},
        {"tenancy": "DEDICATED"},
        {"billing_mode": "MONTHLY", "platform_type": "Windows"},
        {"platform_type": "Windows BYOL", "tenancy": "DEDICATED"},
        {"billing_mode": "MONTHLY", "tenancy": "DEDICATED"},
    ],
    ids=lambda criteria: "+".join(criteria),
)
def test_partial_filters_are_applied_locally(
    aws_env: Emulator, wsi_client: WorkspacesInstancesClient, criteria: dict[str, str]
) -> None:
    everything = every_type(wsi_client)
    aws_env.reset()

    result = get_instance_types(**criteria)

    assert result.names == supporting(everything, **criteria)
    assert 0 < len(result.names) < len(everything), "the filter should matter for this catalogue"
    (call,) = list_calls(aws_env)
    assert "InstanceConfigurationFilter" not in call["params"]


def test_no_filter_returns_every_type_with_its_configurations(
    aws_env: Emulator, wsi_client: WorkspacesInstancesClient
) -> None:
    everything = {item["InstanceType"]: item for item in every_type(wsi_client)}

    result = get_instance_types()

    assert isinstance(result, InstanceTypesResult)
    assert result.names == sorted(everything)
    for info in result.instance_types:
        raw = everything[info.instance_type]["SupportedInstanceConfigurations"]
        assert list(info.supported_configurations) == [
            InstanceConfiguration(c["BillingMode"], c["PlatformType"], c["Tenancy"]) for c in raw
        ]


def test_server_and_local_filtering_agree(aws_env: Emulator) -> None:
    served = get_instance_types(**FULL_COMBINATION).names
    local = [
        info.instance_type
        for info in get_instance_types().instance_types
        if info.supports(**FULL_COMBINATION)
    ]

    assert served == sorted(local)


def test_repeated_questions_are_answered_from_the_cache(aws_env: Emulator) -> None:
    first = get_instance_types(billing_mode="HOURLY")
    get_instance_types(billing_mode="MONTHLY")
    get_instance_types(platform_type="Windows", tenancy="SHARED")
    again = get_instance_types(billing_mode="HOURLY")
    assert len(list_calls(aws_env)) == 1, "partial filters share one full sweep"

    get_instance_types(**FULL_COMBINATION)
    get_instance_types(**FULL_COMBINATION)
    assert len(list_calls(aws_env)) == 2, "the server-side filter is swept once"

    assert again == first


def test_each_region_is_swept_separately(aws_env: Emulator) -> None:
    get_instance_types(region="us-west-2")
    get_instance_types(region="eu-west-1")
    get_instance_types(region="us-west-2")

    assert [call["region"] for call in list_calls(aws_env)] == ["us-west-2", "eu-west-1"]


def in_program_run(
    ask: Callable[[], object], *, project: str = "proj", stack: str = "dev", monitor: str = "127.0.0.1:1"
) -> None:
    """Call ``ask`` as code inside one Pulumi program run would.

    Configures the runtime the way the Automation API's inline-program server does for each run
    (``reset_options`` with the engine's monitor address; the channel connects lazily and is never
    used here), inside a copied context so the settings don't leak into other tests.
    """

    def run() -> None:
        pulumi.runtime.reset_options(project=project, stack=stack, monitor_address=monitor)
        ask()

    contextvars.copy_context().run(run)


def test_one_sweep_per_program_run(aws_env: Emulator) -> None:
    def ask_three_times() -> None:
        get_instance_types()
        get_instance_types(billing_mode="MONTHLY")
        get_instance_types(platform_type="Windows")

    in_program_run(ask_three_times)
    assert len(list_calls(aws_env)) == 1, "one run asks the service once"

    # A later run in the same process (inline programs), even of the same stack and on the same
    # monitor address (ports get reused), sweeps again instead of reusing the first run's answers.
    in_program_run(ask_three_times)
    assert len(list_calls(aws_env)) == 2
    in_program_run(ask_three_times, stack="prod", monitor="127.0.0.1:2")
    assert len(list_calls(aws_env)) == 3


def test_each_endpoint_is_swept_separately(aws_env: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    get_instance_types()
    with Emulator() as other:
        monkeypatch.setenv("AWS_ENDPOINT_URL_WORKSPACES_INSTANCES", other.endpoint_url)
        get_instance_types()
        get_instance_types()
        served_by_other = list_calls(other)
    assert len(served_by_other) == 1, "the new endpoint is asked, once"
    assert len(list_calls(aws_env)) == 1, "the first endpoint's answers are not reused for it"

    # Back on the first endpoint: its sweep is still cached.
    monkeypatch.setenv("AWS_ENDPOINT_URL_WORKSPACES_INSTANCES", aws_env.endpoint_url)
    get_instance_types()
    assert len(list_calls(aws_env)) == 1


def test_clear_cache_forces_a_new_sweep(aws_env: Emulator) -> None:
    get_instance_types()
    instance_types.clear_cache()
    get_instance_types()

    assert len(list_calls(aws_env)) == 2


def test_mutating_a_result_does_not_change_the_cache(aws_env: Emulator) -> None:
    first = get_instance_types()
    first.names.clear()
    first.instance_types.clear()

    assert get_instance_types().names


@pytest.mark.parametrize("argument", ["billing_mode", "platform_type", "tenancy"])
def test_invalid_filter_value_lists_the_valid_ones(aws_env: Emulator, argument: str) -> None:
    with pytest.raises(InvalidInstanceTypeFilterError) as raised:
        get_instance_types(**{argument: "NOPE"})

    message = str(raised.value)
    assert argument in message and "'NOPE'" in message
    for value in instance_types.valid_values(argument):
        assert value in message
    assert list_calls(aws_env) == [], "a bad filter is rejected before any call"


def test_valid_values_come_from_the_model() -> None:
    assert instance_types.valid_values("billing_mode") == ["MONTHLY", "HOURLY"]
    assert "DEDICATED" in instance_types.valid_values("tenancy")
    assert "Windows BYOL" in instance_types.valid_values("platform_type")


def test_region_defaults_to_the_stack_config_then_the_environment(
    aws_env: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    clients.set_configured_region("ap-south-1")
    get_instance_types()
    instance_types.clear_cache()
    clients.set_configured_region(None)
    get_instance_types()  # AWS_REGION from aws_env

    assert [call["region"] for call in list_calls(aws_env)] == ["ap-south-1", "us-east-1"]


class FakeMonitor:
    """Stands in for a program run's resource monitor (only its identity matters here)."""


def test_inside_a_program_aws_region_config_is_used(
    aws_env: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stand-ins for a running program: a monitor exists and the stack has `aws:region`.
    monitor = FakeMonitor()
    monkeypatch.setattr(instance_types.pulumi_settings, "get_monitor", lambda: monitor)
    monkeypatch.setattr(pulumi.Config, "get", lambda self, key, *a, **k: "eu-central-1")
    get_instance_types()
    get_instance_types(region="sa-east-1")  # an explicit region still wins

    assert [call["region"] for call in list_calls(aws_env)] == ["eu-central-1", "sa-east-1"]


def test_outside_a_program_stack_config_is_not_read(
    aws_env: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No monitor means plain Python (pinned, in case another test left Pulumi mocks installed).
    monkeypatch.setattr(instance_types.pulumi_settings, "get_monitor", lambda: None)
    monkeypatch.setenv("PULUMI_CONFIG", '{"aws:region": "eu-west-3"}')
    get_instance_types()

    assert [call["region"] for call in list_calls(aws_env)] == ["us-east-1"]


def test_output_form_resolves_inputs_and_returns_the_same_result(aws_env: Emulator) -> None:
    async def resolve() -> InstanceTypesResult:
        output = get_instance_types_output(
            billing_mode=pulumi.Output.from_input("MONTHLY"),
            platform_type="Windows",
            tenancy=pulumi.Output.from_input("SHARED"),
        )
        return await output.future()  # type: ignore[return-value]

    result = asyncio.run(resolve())

    assert result == get_instance_types(**FULL_COMBINATION)
    assert len(list_calls(aws_env)) == 1


def test_supports_matches_any_configuration() -> None:
    info = InstanceTypeInfo(
        "m5.large",
        (
            InstanceConfiguration("HOURLY", "Windows", "SHARED"),
            InstanceConfiguration("MONTHLY", "Linux/UNIX", "DEDICATED"),
        ),
    )

    assert info.supports()
    assert info.supports(billing_mode="MONTHLY", tenancy="DEDICATED")
    assert not info.supports(billing_mode="MONTHLY", platform_type="Windows")
