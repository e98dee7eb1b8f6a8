"""Fixtures for provider tests: the provider object, fast polling, inputs valid in the emulator catalogue."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pulumi.dynamic import CheckFailure

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider, clients, waiter

# Valid against the emulator catalogue (emulator/catalogue.json): Windows AMI, SHARED t3.medium.
IMAGE_ID = "ami-0a1b2c3d4e5f60001"
INSTANCE_TYPE = "t3.medium"
#: An instance type the catalogue does not offer: Create accepts it, allocation then fails.
UNSUPPORTED_INSTANCE_TYPE = "x9.mega"
#: Polling this fast keeps each create/delete well under a second against the emulator.
FAST_POLL_SECONDS = 0.02

Props = dict[str, Any]


@pytest.fixture
def fast_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Poll the emulator every few tens of milliseconds and let botocore try each call only twice.

    Used by the WorkspaceInstance test modules (``pytestmark``), not by the other provider tests.
    """
    monkeypatch.setenv(waiter.ENV_POLL_INITIAL_SECONDS, str(FAST_POLL_SECONDS))
    monkeypatch.setenv(waiter.ENV_POLL_MAX_SECONDS, str(FAST_POLL_SECONDS * 5))
    # botocore's own backoff sleeps up to seconds; tests of our retry loop need few of those.
    monkeypatch.setenv(clients.ENV_MAX_ATTEMPTS, "2")


@pytest.fixture
def provider(fast_polling: None) -> WorkspaceInstanceProvider:
    """A provider object as the dynamic provider host would unpickle it."""
    return WorkspaceInstanceProvider()


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
