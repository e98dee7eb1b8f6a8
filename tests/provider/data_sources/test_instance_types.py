"""The instance-type data source against the emulator: paging, filter paths, cache, errors, region."""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import json
import math
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, TypedDict

import pulumi
import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.aws import clients
from pulumi_workspaces_instances.provider.data_sources import instance_types
from pulumi_workspaces_instances.provider.data_sources.instance_types import (
    GetInstanceTypesResult,
    InstanceConfiguration,
    InstanceTypeInfo,
    InstanceTypesLookupError,
    InvalidInstanceTypeFilterError,
    get_instance_types,
    get_instance_types_output,
)
from pulumi_workspaces_instances.provider.data_sources.invokes import InvokeOptionError

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

OPERATION = "ListInstanceTypes"
#: A page small enough that the emulator's catalogue needs several.
SMALL_PAGE = 7


class Criteria(TypedDict, total=False):
    """Some of the three filters, typed so ``**criteria`` type-checks as keyword arguments."""

    billing_mode: str
    platform_type: str
    tenancy: str


class Combination(TypedDict):
    """All three filters."""

    billing_mode: str
    platform_type: str
    tenancy: str


FULL_COMBINATION: Combination = {"billing_mode": "MONTHLY", "platform_type": "Windows", "tenancy": "SHARED"}


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
    request: dict[str, Any] = {"MaxResults": instance_types.page_size()}
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
    assert instance_types.page_size() == 600


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
    assert calls[0]["params"]["MaxResults"] == instance_types.page_size()


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
    aws_env: Emulator, wsi_client: WorkspacesInstancesClient, criteria: Criteria
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

    assert isinstance(result, GetInstanceTypesResult)
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
        bad: dict[str, Any] = {argument: "NOPE"}
        get_instance_types(**bad)

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
    async def resolve() -> GetInstanceTypesResult:
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


# --- Pulumi's invoke conventions --------------------------------------------------------------------


def test_invokes_are_named_and_shaped_like_pulumis() -> None:
    # get_x / get_x_output returning GetXResult, with opts last.
    for function in (get_instance_types, get_instance_types_output):
        assert list(inspect.signature(function).parameters)[-1] == "opts"
    assert inspect.signature(get_instance_types).return_annotation == "GetInstanceTypesResult"


def test_opts_parent_is_accepted(aws_env: Emulator) -> None:
    parent = pulumi.ComponentResource.__new__(pulumi.ComponentResource)  # any resource object
    result = get_instance_types(**FULL_COMBINATION, opts=pulumi.InvokeOptions(parent=parent))
    assert result.names
    # InvokeOutputOptions defaults version to "", which is "not set" too.
    assert get_instance_types(**FULL_COMBINATION, opts=pulumi.InvokeOutputOptions()).names == result.names


@pytest.mark.parametrize(
    ("option", "value"), [("version", "1.2.3"), ("plugin_download_url", "https://example.com/plugins")]
)
def test_opts_that_choose_a_provider_plugin_are_refused(aws_env: Emulator, option: str, value: str) -> None:
    with pytest.raises(InvokeOptionError, match=rf"^opts\.{option}: get_instance_types runs in the program"):
        options: dict[str, Any] = {option: value}
        get_instance_types(opts=pulumi.InvokeOptions(**options))
    assert list_calls(aws_env) == []


def test_opts_provider_is_refused_before_any_call(aws_env: Emulator) -> None:
    provider = pulumi.ProviderResource.__new__(pulumi.ProviderResource)
    with pytest.raises(InvokeOptionError, match=r"^opts\.provider: .*give region= for another region"):
        get_instance_types_output(opts=pulumi.InvokeOptions(provider=provider))
    assert list_calls(aws_env) == []


def test_opts_depends_on_is_refused_with_the_alternative(aws_env: Emulator) -> None:
    resource = pulumi.CustomResource.__new__(pulumi.CustomResource)
    with pytest.raises(InvokeOptionError, match=r"^opts\.depends_on: .*pass an Output of the resource"):
        get_instance_types_output(opts=pulumi.InvokeOutputOptions(depends_on=[resource]))


# --- failures: one line, the cause, the endpoint ---------------------------------------------------


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


Answer = tuple[int, dict[str, str], bytes]


class FakeEndpoint:
    """A local HTTP server answering every request alike: ``answer`` is (status, headers, body), or
    a function of the request's Content-Type returning one (to speak the client's wire protocol)."""

    def __init__(self) -> None:
        self.answer: Answer | Callable[[str], Answer] = (200, {}, b"")
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = outer.answer
                status, headers, body = (
                    answer if isinstance(answer, tuple) else answer(self.headers["Content-Type"])
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeEndpoint:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def fake_endpoint(aws_env: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEndpoint]:
    """The data source aimed at a FakeEndpoint, one attempt per call."""
    with FakeEndpoint() as endpoint:
        monkeypatch.setenv("AWS_ENDPOINT_URL_WORKSPACES_INSTANCES", endpoint.url)
        monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
        clients.clear_clients()
        yield endpoint
    clients.clear_clients()


def _cbor_text(text: str) -> bytes:
    data = text.encode()
    assert len(data) < 256
    return (bytes([0x60 + len(data)]) if len(data) < 24 else bytes([0x78, len(data)])) + data


def aws_error(status: int, code: str, message: str) -> Callable[[str], Answer]:
    """An error as AWS words it, in the wire protocol the request came in (CBOR or JSON)."""

    def answer(content_type: str) -> Answer:
        if content_type == "application/cbor":
            body = bytes([0xA2]) + _cbor_text("__type") + _cbor_text(code)
            body += _cbor_text("message") + _cbor_text(message)
            return status, {"Content-Type": content_type, "smithy-protocol": "rpc-v2-cbor"}, body
        body = json.dumps({"__type": code, "message": message}).encode()
        return status, {"Content-Type": content_type}, body

    return answer


def lookup_failure() -> InstanceTypesLookupError:
    with pytest.raises(InstanceTypesLookupError) as raised:
        get_instance_types(**FULL_COMBINATION)
    return raised.value


def test_a_refused_connection_names_the_endpoint(aws_env: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    endpoint = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("AWS_ENDPOINT_URL_WORKSPACES_INSTANCES", endpoint)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")

    error = lookup_failure()

    assert str(error).startswith(f"ListInstanceTypes failed: cannot reach the service at {endpoint}: ")
    assert "\n" not in str(error)
    assert not error.transient
    assert isinstance(error, pulumi.RunError)  # a program reports it without a traceback


def test_an_html_answer_is_named_as_not_aws_and_cut_to_its_title(fake_endpoint: FakeEndpoint) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
        + "x" * 5000
        + "</body></html>"
    )
    fake_endpoint.answer = (502, {"Content-Type": "text/html"}, page.encode())

    error = lookup_failure()

    assert str(error) == (
        f"ListInstanceTypes failed: the endpoint at {fake_endpoint.url} is not AWS WorkSpaces Instances "
        "(HTTP 502: an HTML page titled '502 Bad Gateway'); check AWS_ENDPOINT_URL_WORKSPACES_INSTANCES "
        "and AWS_ENDPOINT_URL"
    )
    assert not error.transient


def test_invalid_credentials_are_an_error_with_awss_words(fake_endpoint: FakeEndpoint) -> None:
    fake_endpoint.answer = aws_error(
        403, "UnrecognizedClientException", "The security token included in the request is invalid."
    )

    error = lookup_failure()

    assert str(error) == (
        "ListInstanceTypes failed: UnrecognizedClientException: "
        "The security token included in the request is invalid."
    )
    assert not error.transient


def test_an_unreadable_answer_names_the_endpoint(fake_endpoint: FakeEndpoint) -> None:
    # Success status, but bytes that are neither JSON nor CBOR of the service.
    fake_endpoint.answer = lambda content_type: (200, {"Content-Type": content_type}, b"\xff\xfe\x00garbage")

    error = lookup_failure()

    assert str(error).startswith(f"ListInstanceTypes failed: the endpoint at {fake_endpoint.url} answered ")
    assert "\n" not in str(error)
    assert not error.transient


def test_missing_credentials_are_an_error(aws_env: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    clients.clear_clients()

    error = lookup_failure()

    assert str(error) == "ListInstanceTypes failed: NoCredentialsError: Unable to locate credentials"
    assert list_calls(aws_env) == []


def test_throttling_that_outlasts_the_retries_is_transient(
    aws_env: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    clients.clear_clients()
    aws_env.add_faults(
        [{"operation": OPERATION, "action": "error", "error": "ThrottlingException", "times": 1}]
    )

    error = lookup_failure()

    assert str(error).startswith("ListInstanceTypes failed: ThrottlingException: ")
    assert error.transient
    # Nothing was cached: the next question is asked again, and answered.
    assert get_instance_types(**FULL_COMBINATION).names
