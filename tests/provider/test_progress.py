"""Progress lines while waiting: name, id, state and time; at most one per interval; no input values."""

from __future__ import annotations

import pytest

from pulumi_workspaces_instances.provider.progress import ENV_PROGRESS_SECONDS, PROGRESS_SECONDS, Progress


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
