"""Fixtures for provider tests: the provider object and inputs valid in the emulator catalogue
(``fast_polling`` is shared from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from pulumi.dynamic import CheckFailure

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from toolchain.environment import TEST_REGION

# Valid against the emulator catalogue (emulator/workspaces_instances/catalogue.json): Windows AMI,
# SHARED t3.medium.
IMAGE_ID = "ami-0a1b2c3d4e5f60001"
INSTANCE_TYPE = "t3.medium"
#: An instance type the catalogue does not offer: Create accepts it, allocation then fails.
UNSUPPORTED_INSTANCE_TYPE = "x9.mega"
Props = dict[str, Any]


@pytest.fixture
def provider(fast_polling: None) -> WorkspaceInstanceProvider:
    """A provider object as the dynamic provider host would unpickle it."""
    return WorkspaceInstanceProvider()


@pytest.fixture
def volumes(aws_env: Emulator) -> VolumeProvider:
    """The volume provider as the dynamic provider host unpickles it, aimed at the session's emulator."""
    return VolumeProvider()


@pytest.fixture
def ec2_client(aws_env: Emulator) -> Any:
    """A plain boto3 EC2 client on the emulator (for assertions behind Pulumi's back)."""
    return boto3.client("ec2", region_name=TEST_REGION)


def failures_by_path(failures: list[CheckFailure]) -> dict[str, str]:
    """Check failures as ``{path: reason}``: the provider puts the path at the start of each reason."""
    found: dict[str, str] = {}
    for failure in failures:
        assert failure.property == "", "no property for the engine to print the top-level value of"
        path, _, reason = failure.reason.partition(": ")
        found[path] = reason
    return found


def make_inputs(**overrides: Any) -> Props:
    """Inputs as the host passes them to check (with ``__provider`` and the hidden identity)."""
    props: Props = {
        "__provider": "serialized-provider",
        "__identity": "organization/project/stack::web",
        "managed_instance": {"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE},
        "tags": {"team": "desk"},
    }
    props.update(overrides)
    return props


@pytest.fixture
def inputs() -> Callable[..., Props]:
    """Factory for valid inputs, with keyword overrides."""
    return make_inputs


@pytest.fixture
def created(
    aws_env: Emulator, provider: WorkspaceInstanceProvider
) -> Iterator[Callable[..., tuple[str, Props]]]:
    """Create instances through check + create; yields a factory returning (id, outputs).

    Everything it created is deleted at teardown so no test leaks ALLOCATED instances.
    """
    made: list[tuple[str, Props]] = []

    def factory(**overrides: Any) -> tuple[str, Props]:
        checked = provider.check({}, make_inputs(**overrides))
        assert not checked.failures, [f.reason for f in checked.failures]
        result = provider.create({**checked.inputs, "__provider": "serialized-provider"})
        assert result.outs is not None
        made.append((result.id, result.outs))
        return result.id, result.outs

    yield factory
    aws_env.clear_faults()
    for instance_id, outs in made:
        provider.delete(instance_id, outs)
