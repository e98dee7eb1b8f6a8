"""The WorkspaceInstance lifecycle through the real Pulumi CLI, against the emulator, on a local backend."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import emulator_client
from tests.e2e.conftest import LAUNCHABLE, LaunchableStack
from toolchain.environment import DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY, TEST_REGION

PROGRAM = Path(__file__).parent / "programs" / "workspace_instance"
USER_DATA = "ZWNobyB0b3Atc2VjcmV0LXVzZXItZGF0YQ=="
KMS_KEY_ID = "arn:aws:kms:us-east-1:111122223333:key/e2e-secret-key-0001"
CLIENT_TOKEN = "e2e-secret-client-token-0001"
# The engine's marker for an encrypted value in an exported stack.
SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270"
PROVIDER_SIZE_LIMIT = 1024


def _state(client: Any, instance_id: str) -> str:
    return str(client.get_workspace_instance(WorkspaceInstanceId=instance_id)["ProvisionState"])


def _resource(deployment: Mapping[str, Any] | None, name: str) -> dict[str, Any] | None:
    for resource in (deployment or {}).get("resources", []):
        if resource["urn"].endswith(f"::{name}") and resource["type"].endswith(":WorkspaceInstance"):
            return dict(resource)
    return None


def _export_without_secrets(stack: auto.Stack) -> str:
    """``pulumi stack export`` as a user runs it (Automation's export_stack adds --show-secrets)."""
    workspace = stack.workspace
    assert isinstance(workspace, auto.LocalWorkspace) and workspace.work_dir is not None
    result = workspace.pulumi_command.run(
        ["stack", "export", "--stack", stack.name], workspace.work_dir, workspace.env_vars
    )
    return result.stdout


def _is_secret(value: Any) -> bool:
    return isinstance(value, dict) and SECRET_SIGNATURE in value.values() and "ciphertext" in value


@pytest.mark.e2e
def test_workspace_instance_lifecycle_with_the_real_cli(
    launchable_stack: LaunchableStack, emulator: Emulator
) -> None:
    stack = launchable_stack(PROGRAM, billingMode="MONTHLY", tags=json.dumps({"env": "test"}))
    # As a user would keep them: secret config (the provider must keep them secret too).
    for key, value in (("userData", USER_DATA), ("kmsKeyId", KMS_KEY_ID), ("clientToken", CLIENT_TOKEN)):
        stack.set_config(key, auto.ConfigValue(value, secret=True))
    client = emulator_client(emulator)

    # up: two instances, allocated, billing mode as asked, region from aws:region.
    up = stack.up(on_output=print)
    # The stack, two instances and their seeds (tokens.py).
    assert up.summary.resource_changes == {"create": 5}
    first_id = up.outputs["main_id"].value
    assert first_id.startswith("wsinst-") and _state(client, first_id) == "ALLOCATED"
    assert up.outputs["main_state"].value == "ALLOCATED"
    assert up.outputs["main_billing_mode"].value == "MONTHLY"
    assert up.outputs["main_tags"].value == {"env": "test"}
    assert up.outputs["main_region"].value == TEST_REGION
    assert up.outputs["main_ec2_instance_id"].value.startswith("i-")

    # No spurious diffs: right after up, and after a refresh that finds no drift.
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: 5}
    stack.refresh(on_output=print)
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: 5}

    # Tags: an update in place, same instance.
    stack.set_config("tags", auto.ConfigValue(json.dumps({"env": "test", "owner": "qa"})))
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"update": 1, "same": 4}
    assert up.outputs["main_id"].value == first_id
    assert up.outputs["main_tags"].value == {"env": "test", "owner": "qa"}

    # `up --replace` with identical inputs: a new instance (a new ClientToken), the old one deallocated.
    main_urn = _resource(stack.export_stack().deployment, "main")
    assert main_urn is not None
    up = stack.up(on_output=print, replace=[main_urn["urn"]])
    assert up.summary.resource_changes == {"replace": 1, "same": 4}
    replaced_id = up.outputs["main_id"].value
    assert replaced_id != first_id and _state(client, replaced_id) == "ALLOCATED"
    assert _state(client, first_id) == "DEALLOCATED"

    # Billing mode: a replacement; the old instance is deallocated.
    stack.set_config("billingMode", auto.ConfigValue("HOURLY"))
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"replace": 1, "same": 4}
    second_id = up.outputs["main_id"].value
    assert second_id not in (first_id, replaced_id)
    assert up.outputs["main_billing_mode"].value == "HOURLY"
    assert _state(client, replaced_id) == "DEALLOCATED"
    assert _state(client, second_id) == "ALLOCATED"
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: 5}

    # Deleted behind Pulumi's back: refresh drops it, the next up creates a new one.
    # (Refresh treats DEALLOCATING like DEALLOCATED: it cannot come back.)
    client.delete_workspace_instance(WorkspaceInstanceId=second_id)
    refresh = stack.refresh(on_output=print)
    assert refresh.summary.resource_changes == {"delete": 1, "same": 4}
    assert _resource(stack.export_stack().deployment, "main") is None
    up = stack.up(on_output=print)
    assert up.summary.resource_changes == {"create": 1, "same": 4}
    third_id = up.outputs["main_id"].value
    assert third_id not in (first_id, replaced_id, second_id) and _state(client, third_id) == "ALLOCATED"

    # State: secrets are ciphertext, no AWS credentials anywhere.
    text = _export_without_secrets(stack)
    deployment = json.loads(text)["deployment"]
    for plaintext in (USER_DATA, KMS_KEY_ID, CLIENT_TOKEN, DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY):
        assert plaintext not in text
    main = _resource(deployment, "main")
    pinned = _resource(deployment, "pinned")
    assert main is not None and pinned is not None
    for bag in ("inputs", "outputs"):
        assert _is_secret(main[bag]["managed_instance"]["UserData"])
        assert _is_secret(main[bag]["managed_instance"]["BlockDeviceMappings"]) or _is_secret(
            main[bag]["managed_instance"]["BlockDeviceMappings"][0]["Ebs"]["KmsKeyId"]
        )
        assert _is_secret(pinned[bag]["client_token"])
    assert main["outputs"]["managed_instance"]["ImageId"] == LAUNCHABLE["imageId"], (
        "only the sensitive members are secret"
    )
    # The pickled provider: a reference to provider.instance_provider, nothing secret, well under 1 KB.
    assert len(json.dumps(main["outputs"]["__provider"])) < PROVIDER_SIZE_LIMIT

    # destroy: nothing left allocated.
    stack.destroy(on_output=print)
    listed = client.list_workspace_instances()["WorkspaceInstances"]
    assert not [item for item in listed if item["ProvisionState"] == "ALLOCATED"]
