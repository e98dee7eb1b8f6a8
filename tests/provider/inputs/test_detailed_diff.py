"""Where a changed input changed: paths, kinds, and the protocol's numbers for them."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime import proto

from pulumi_workspaces_instances.provider.inputs.detailed_diff import (
    Kind,
    PropertyChange,
    format_path,
    property_changes,
)


def _found(old: Any, new: Any, *, nested: bool = True) -> list[tuple[tuple[str | int, ...], Kind]]:
    changes = property_changes("p", {"p": old}, {"p": new}, replaces=False, nested=nested)
    return [(change.path, change.kind) for change in changes]


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        pytest.param({"a": 1}, {"a": 2}, [(("p", "a"), Kind.UPDATE)], id="leaf"),
        pytest.param({"a": 1}, {"a": 1, "b": 2}, [(("p", "b"), Kind.ADD)], id="added key"),
        pytest.param({"a": 1, "b": 2}, {"a": 1}, [(("p", "b"), Kind.DELETE)], id="removed key"),
        pytest.param({"a": 1, "b": None}, {"a": 2, "c": {}}, [(("p", "a"), Kind.UPDATE)], id="pruned"),
        pytest.param([1, 2], [1, 3, 4], [(("p", 1), Kind.UPDATE), (("p", 2), Kind.ADD)], id="list"),
        pytest.param(None, {"a": 1}, [(("p",), Kind.ADD)], id="whole added"),
        pytest.param({"a": 1}, {}, [(("p",), Kind.DELETE)], id="whole removed"),
        pytest.param({"a": 1}, {"a": Unknown()}, [(("p", "a"), Kind.UPDATE)], id="unknown leaf"),
        pytest.param({"a": 1}, Unknown(), [(("p",), Kind.UPDATE)], id="unknown whole"),
        pytest.param("x", {"a": 1}, [(("p",), Kind.UPDATE)], id="type change"),
    ],
)
def test_the_paths_that_differ_and_how(old: Any, new: Any, found: list[Any]) -> None:
    assert _found(old, new) == found


def test_a_normalised_input_is_reported_whole() -> None:
    assert _found({"create": "30m"}, {"create": "1h"}, nested=False) == [(("p",), Kind.UPDATE)]
    assert _found(None, {"create": "1h"}, nested=False) == [(("p",), Kind.ADD)]
    assert _found({"create": "1h"}, None, nested=False) == [(("p",), Kind.DELETE)]


def test_a_change_the_callers_comparison_found_is_never_dropped() -> None:
    # Equal once pruned, yet the caller's own comparison (say, after a normalisation) differs.
    assert _found({"a": 1}, {"a": 1}) == [(("p",), Kind.UPDATE)]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("tags", "team"), "tags.team"),
        (("managedInstance", "blockDeviceMappings", 0, "ebs"), "managedInstance.blockDeviceMappings[0].ebs"),
        (("tags", "cost.centre"), 'tags["cost.centre"]'),
        (("tags", "a b"), 'tags["a b"]'),
        (("tags", 'say "hi"'), 'tags["say \\"hi\\""]'),
        (("tags", "a[0]"), 'tags["a[0]"]'),
    ],
)
def test_paths_are_written_as_the_engine_parses_them(path: tuple[str | int, ...], text: str) -> None:
    assert format_path(path) == text


def test_the_kinds_are_numbered_as_the_provider_protocol_numbers_them() -> None:
    for kind in Kind:
        for replaces in (False, True):
            name = kind.name + ("_REPLACE" if replaces else "")
            assert PropertyChange(("p",), kind, replaces).protocol_kind == getattr(proto.PropertyDiff, name)
