"""Durations users write in the resource's ``timeouts`` input."""

from __future__ import annotations

import pytest

from pulumi_workspaces_instances.provider.inputs.timeouts import (
    DEFAULT_CREATE_TIMEOUT,
    DEFAULT_DELETE_TIMEOUT,
    TIMEOUT_KEYS,
    parse_duration,
    timeout_seconds,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("30m", 1800),
        ("1h", 3600),
        ("1h30m", 5400),
        ("2h45m30s", 9930),
        ("1.5h", 5400),
        ("500ms", 0.5),
        (" 10m ", 600),
        ("+5m", 300),
    ],
)
def test_terraform_style_durations_are_read_in_seconds(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("30", "invalid duration"),
        ("30 minutes", "invalid duration"),
        ("1d", "invalid duration"),
        ("h", "invalid duration"),
        ("1h 30m", "invalid duration"),
        ("", "must not be empty"),
        ("0s", "longer than zero"),
        ("0h0m", "longer than zero"),
        ("-5m", "must be positive"),
    ],
)
def test_bad_durations_say_what_to_write(text: str, phrase: str) -> None:
    with pytest.raises(ValueError, match=phrase) as raised:
        parse_duration(text)
    assert "'1h30m'" in str(raised.value), "the message shows an example to copy"


def test_a_number_is_not_a_duration() -> None:
    with pytest.raises(ValueError, match="must be a duration string, got int"):
        parse_duration(30)  # type: ignore[arg-type]


def test_defaults_apply_when_no_timeout_is_given() -> None:
    assert TIMEOUT_KEYS == ("create", "delete")
    assert timeout_seconds(None, "create") == parse_duration(DEFAULT_CREATE_TIMEOUT) == 1800
    assert timeout_seconds({"create": "5m"}, "delete") == parse_duration(DEFAULT_DELETE_TIMEOUT)
    assert timeout_seconds({"create": "5m"}, "create") == 300


def test_timeout_for_an_unknown_operation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown operation 'update'"):
        timeout_seconds({}, "update")
