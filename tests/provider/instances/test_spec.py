"""InstanceSpec: a WorkspaceInstance's property bag, read once into the values a provider call uses."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi.runtime import rpc

from pulumi_workspaces_instances.provider.aws.tokens import claim_value
from pulumi_workspaces_instances.provider.inputs import properties
from pulumi_workspaces_instances.provider.inputs.timeouts import custom_timeout
from pulumi_workspaces_instances.provider.instances import state
from pulumi_workspaces_instances.provider.instances.spec import InstanceSpec

IDENTITY = "organization::project::dev::desk"


def _secret(value: Any) -> dict[str, Any]:
    return {rpc._special_sig_key: rpc._special_secret_sig, "value": value}


def _bag(**extra: Any) -> dict[str, Any]:
    return {
        properties.PROVIDER_KEY: "pickled-provider",
        state.MANAGED_INSTANCE: {"ImageId": "ami-0123456789abcdef0", "UserData": _secret("c2VjcmV0")},
        state.BILLING_MODE: "MONTHLY",
        properties.TAGS: {"team": "desktops", "cost": None},
        properties.REGION: "eu-west-1",
        properties.IDENTITY: IDENTITY,
        properties.SEED: "seed-1",
        **extra,
    }


def test_a_bag_is_read_once_into_typed_values() -> None:
    spec = InstanceSpec.read(_bag(client_token=_secret("my-token"), timeouts={"create": "5m"}))

    assert properties.PROVIDER_KEY not in spec.bag
    assert spec.bag[state.MANAGED_INSTANCE]["UserData"] == "c2VjcmV0"  # secret wrapper gone
    assert (spec.name, spec.region, spec.billing_mode) == ("desk", "eu-west-1", "MONTHLY")
    assert spec.tags == {"team": "desktops", "cost": ""}
    assert (spec.client_token, spec.identity, spec.seed) == ("my-token", IDENTITY, "seed-1")
    assert (spec.adopt_id, spec.adopt_claimed) == (None, False)
    assert spec.claim == claim_value(IDENTITY, "seed-1")
    assert spec.timeout_seconds("create") == 300
    assert spec.timeout_seconds("delete") == 1800  # the default
    assert spec.create_request() == state.create_request(spec.bag)


def test_unset_inputs_take_the_defaults_the_provider_applies() -> None:
    spec = InstanceSpec.read({state.MANAGED_INSTANCE: {"ImageId": "ami-0123456789abcdef0"}})

    assert spec.region is None  # the stack's aws:region or the environment decides
    assert spec.billing_mode == "HOURLY"  # the API's default
    assert (spec.tags, spec.timeouts, spec.client_token, spec.seed) == ({}, None, None, None)
    assert spec.name == "WorkspaceInstance"
    assert "BillingConfiguration" not in spec.create_request()


def test_adoption_inputs() -> None:
    spec = InstanceSpec.read(_bag(adopt_id="wsinst-0123456789abcdef0", adopt_claimed=True))

    assert (spec.adopt_id, spec.adopt_claimed) == ("wsinst-0123456789abcdef0", True)


def test_unknown_values_are_not_passed_off_as_known() -> None:
    spec = InstanceSpec.read(_bag(client_token=Unknown(), timeouts=Unknown(), tags={"team": Unknown()}))

    assert (spec.client_token, spec.timeouts) == (None, None)


def test_custom_timeouts_win_over_the_timeouts_input() -> None:
    spec = InstanceSpec.read(_bag(timeouts={"create": "5m"}))
    with custom_timeout(42.0):
        assert spec.timeout_seconds("create") == 42.0
    with pytest.raises(ValueError, match="unknown operation 'update'"):
        spec.timeout_seconds("update")
