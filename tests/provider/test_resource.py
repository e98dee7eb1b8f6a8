"""The resource class and what ends up in state: type token, the pickled provider, secret inputs."""

from __future__ import annotations

import asyncio
import base64
import pickle
import threading

import pulumi
import pytest
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_workspaces_instances.provider import WorkspaceInstance, WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.aws import clients
from pulumi_workspaces_instances.provider.instances import state
from pulumi_workspaces_instances.provider.instances.secrets import (
    managed_instance_secret_paths,
    mark_managed_instance_secrets,
)

pytestmark = pytest.mark.usefixtures("fast_polling")

PROVIDER_SIZE_LIMIT = 1024


def test_type_token() -> None:
    assert f"pulumi-python:{WorkspaceInstance._resource_type_name}" == (
        "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance"
    )


def test_provider_pickles_by_reference_small_and_without_secrets() -> None:
    serialized = serialize_provider(WorkspaceInstanceProvider())
    raw = base64.b64decode(serialized)

    assert len(serialized) < PROVIDER_SIZE_LIMIT
    assert b"provider.instance_provider" in raw and b"WorkspaceInstanceProvider" in raw
    assert b"co_code" not in raw and b"boto" not in raw, "no code objects, no clients"
    assert isinstance(pickle.loads(raw), WorkspaceInstanceProvider)
    assert WorkspaceInstanceProvider.serialize_as_secret_always is False


def test_a_used_provider_still_pickles_without_clients(aws_env: object) -> None:
    provider = WorkspaceInstanceProvider()
    clients.client_for("us-east-1")

    assert vars(provider) == {}
    assert len(serialize_provider(provider)) < PROVIDER_SIZE_LIMIT


def test_sensitive_members_come_from_the_model() -> None:
    paths = managed_instance_secret_paths()

    assert ("UserData",) in paths
    assert ("BlockDeviceMappings", "[]", "Ebs", "KmsKeyId") in paths


@pytest.mark.usefixtures("event_loop_for_outputs")
def test_user_data_and_kms_key_are_wrapped_as_secrets() -> None:
    marked = mark_managed_instance_secrets(
        {
            "ImageId": "ami-1",
            "UserData": "c2VjcmV0",
            "BlockDeviceMappings": [
                {"DeviceName": "/dev/sda1", "Ebs": {"KmsKeyId": "arn:kms", "VolumeSize": 80}}
            ],
        }
    )

    assert marked["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"] == 80
    assert marked["ImageId"] == "ami-1"
    loop = asyncio.get_event_loop()
    for output, value in (
        (marked["UserData"], "c2VjcmV0"),
        (marked["BlockDeviceMappings"][0]["Ebs"]["KmsKeyId"], "arn:kms"),
    ):
        assert isinstance(output, pulumi.Output)
        # Resolved here, so no Output is left pending when the loop closes.
        assert loop.run_until_complete(output.future()) == value
        assert loop.run_until_complete(output.is_secret())


def test_clients_are_shared_per_region_across_the_hosts_threads(aws_env: object) -> None:
    seen: list[object] = []

    def fetch() -> None:
        seen.append(clients.client_for("us-east-1"))

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len({id(client) for client in seen}) == 1
    assert clients.client_for("eu-west-1") is not seen[0]


@pytest.mark.parametrize(
    ("variable", "mode"), [(None, "standard"), ("adaptive", "adaptive"), ("legacy", "standard")]
)
def test_retry_mode_is_standard_or_adaptive(
    variable: str | None, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if variable is None:
        monkeypatch.delenv(clients.ENV_RETRY_MODE, raising=False)
    else:
        monkeypatch.setenv(clients.ENV_RETRY_MODE, variable)

    assert clients.retry_policy()[0] == mode


def test_every_output_is_a_typed_attribute_of_the_resource() -> None:
    # The module uses postponed annotations: they are the source text.
    hints = WorkspaceInstance.__annotations__

    for name in state.OUTPUT_NAMES:
        assert str(hints[name]).startswith("pulumi.Output["), name
