"""Progress lines while waiting: name, id, state and time; at most one per interval; no input values."""

from __future__ import annotations

import pytest
from botocore.exceptions import EndpointConnectionError

from pulumi_workspaces_instances.provider.aws import waiter
from pulumi_workspaces_instances.provider.reporting import diagnostics, progress
from pulumi_workspaces_instances.provider.reporting.progress import (
    ENV_PROGRESS_SECONDS,
    PROGRESS_SECONDS,
    Progress,
)


def test_one_line_per_interval_with_name_id_state_and_time(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_PROGRESS_SECONDS, "10")
    progress = Progress("desk", "wsinst-abc12345", "ALLOCATING")
    for waited in (1, 5, 9.9, 10.2, 12, 19, 20.5, 21):
        progress(waited)
    progress.state = "DEALLOCATING"
    progress(31)

    assert capsys.readouterr().out.splitlines() == [
        "desk (wsinst-abc12345): ALLOCATING, 10s so far",
        "desk (wsinst-abc12345): ALLOCATING, 20s so far",
        "desk (wsinst-abc12345): DEALLOCATING, 31s so far",
    ]


def test_the_default_interval_is_thirty_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_PROGRESS_SECONDS, raising=False)
    assert PROGRESS_SECONDS == 30.0
    assert Progress("desk", "wsinst-1", "ALLOCATING")._interval == 30.0


def test_a_call_retried_while_its_endpoint_is_unreachable_names_it_and_its_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_PROGRESS_SECONDS, "0.05")
    monkeypatch.delenv("AWS_ENDPOINT_URL_EC2", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    url = "https://ec2.us-east-1.amazonaws.com"
    failures = iter(range(6))

    def describe() -> str:
        if next(failures, None) is not None:
            raise EndpointConnectionError(endpoint_url=url)
        return "answered"

    # Every pause, between polls and between retries, exactly 0.02 s.
    pauses = dict.fromkeys(("minimum", "maximum", "retry_initial", "retry_maximum"), 0.02)
    backoff = waiter.Backoff(**pauses, fraction=0.0, jitter=0.0, retry_factor=1.0)
    assert waiter.call(describe, waiter.Deadline(5), backoff) == "answered"

    lines = capsys.readouterr().out.splitlines()
    assert lines, "no progress line while retrying"
    assert lines[0].startswith(
        f"waiting for {url} (AWS's endpoint for the region: AWS_ENDPOINT_URL_EC2 and AWS_ENDPOINT_URL "
        f'are not set): Could not connect to the endpoint URL: "{url}"'
    )
    assert "retrying for up to 5s" in lines[0]


def test_lines_go_to_a_routed_sink_and_only_within_its_context(capsys: pytest.CaptureFixture[str]) -> None:
    received: list[tuple[str, bool]] = []
    with diagnostics.routed(lambda line, warning: received.append((line, warning))):
        progress.announce("desk: create will adopt wsinst-1")
        diagnostics.warning("desk:   drift\n in   MetadataOptions")
    progress.announce("after the block")
    assert received == [("desk: create will adopt wsinst-1", False), ("desk: drift in MetadataOptions", True)]
    captured = capsys.readouterr()
    assert captured.out == "after the block\n" and captured.err == ""
    diagnostics.warning("on the host")
    assert capsys.readouterr().err == "warning: on the host\n"
