"""Unknowns and secret wrappers as the dynamic provider host delivers them."""

from __future__ import annotations

from pulumi.output import Unknown
from pulumi.runtime import rpc

from pulumi_workspaces_instances.provider.inputs.wire_values import (
    contains_unknown,
    is_unknown,
    unwrap_secrets,
)


def test_both_forms_of_unknown_are_recognised() -> None:
    assert is_unknown(Unknown())
    assert is_unknown(rpc.UNKNOWN)
    assert not is_unknown("ami-0123")
    assert not is_unknown(None)
    assert not is_unknown({"a": Unknown()}), "only the value itself, not what it contains"


def test_contains_unknown_looks_inside_maps_and_lists() -> None:
    assert contains_unknown({"a": [1, {"b": Unknown()}]})
    assert not contains_unknown({"a": [1, {"b": "x"}]})


def test_unwrap_secrets_removes_wrappers_at_any_depth() -> None:
    wrapped = {rpc._special_sig_key: rpc._special_secret_sig, "value": {"k": "v"}}
    nested = {"outer": [wrapped], "plain": 1}
    assert unwrap_secrets(nested) == {"outer": [{"k": "v"}], "plain": 1}
