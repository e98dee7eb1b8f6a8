"""The project's own ``Pulumi.yaml`` program, run by the real CLI against the emulator."""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from pulumi_workspaces_instances.provider.data_sources import instance_types
from tests.conftest import StackFactory
from tests.e2e.conftest import project_frames
from toolchain.paths import ROOT

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

# The stack's config file lands in the checkout (Pulumi.<stack>.yaml): a per-process suffix keeps
# two test runs in one checkout from writing the same file.
RUN_SUFFIX = f"-{os.getpid()}"
# The Pulumi.yaml defaults: the combination the program asks about when given no config.
DEFAULT_COMBINATION = {"billing_mode": "HOURLY", "platform_type": "Windows", "tenancy": "SHARED"}
DEFAULT_INSTANCE_TYPE = "t3.medium"
DEFAULT_TAGS = {"Project": "workspaces-instances-demo"}
# A Linux image of the emulator's catalogue, for a non-default combination, and its root device.
LINUX_IMAGE_ID = "ami-0a1b2c3d4e5f60003"
LINUX_ROOT_DEVICE = "/dev/xvda"


def expected_types(wsi_client: WorkspacesInstancesClient, **combination: str) -> list[str]:
    """Types the service lists for a full combination, in its order (read behind Pulumi's back)."""
    request: dict[str, Any] = {
        "MaxResults": instance_types.page_size(),
        "InstanceConfigurationFilter": {
            "BillingMode": combination["billing_mode"],
            "PlatformType": combination["platform_type"],
            "Tenancy": combination["tenancy"],
        },
    }
    page = wsi_client.list_instance_types(**request)
    assert not page.get("NextToken")
    return [item["InstanceType"] for item in page["InstanceTypes"]]


def user_tags(wsi_client: WorkspacesInstancesClient, workspace_instance_id: str) -> dict[str, str]:
    """The instance's tags as the service holds them, minus the provider's own claim tag."""
    response = wsi_client.list_tags_for_resource(WorkspaceInstanceId=workspace_instance_id)
    return {tag["Key"]: tag["Value"] for tag in response.get("Tags", []) if tag["Key"] != CLAIM_TAG_KEY}


def instance_gone(wsi_client: WorkspacesInstancesClient, workspace_instance_id: str) -> bool:
    """Whether the service no longer has the instance (or only as deallocated)."""
    try:
        state = wsi_client.get_workspace_instance(WorkspaceInstanceId=workspace_instance_id)
    except ClientError as error:
        return error.response["Error"]["Code"] == "ResourceNotFoundException"
    return state.get("ProvisionState") in {"DEALLOCATING", "DEALLOCATED"}


@pytest.mark.e2e
def test_defaults_up_then_no_change_preview_then_destroy(
    make_stack: StackFactory, wsi_client: WorkspacesInstancesClient
) -> None:
    offered = expected_types(wsi_client, **DEFAULT_COMBINATION)
    stack = make_stack(ROOT, stack_name="program-defaults" + RUN_SUFFIX)

    up = stack.up(on_output=print)

    assert up.summary.result == "succeeded"
    outputs = {key: value.value for key, value in up.outputs.items()}
    assert outputs["instanceType"] == DEFAULT_INSTANCE_TYPE, "the type Pulumi.yaml names, never one picked"
    assert DEFAULT_INSTANCE_TYPE in offered
    assert outputs["supportingInstanceTypeCount"] == len(offered)
    assert outputs["billingMode"] == "HOURLY", "a desktop tried out bills by the hour unless asked otherwise"
    assert outputs["provisionState"] == "ALLOCATED"
    assert outputs["ec2InstanceId"].startswith("i-")
    workspace_instance_id = outputs["workspaceInstanceId"]
    assert workspace_instance_id.startswith("wsinst-")
    state = wsi_client.get_workspace_instance(WorkspaceInstanceId=workspace_instance_id)
    assert state["BillingConfiguration"]["BillingMode"] == "HOURLY"
    assert user_tags(wsi_client, workspace_instance_id) == DEFAULT_TAGS

    preview = stack.preview(on_output=print)
    assert set(preview.change_summary) == {auto.OpType.SAME}

    destroy = stack.destroy(on_output=print)
    assert destroy.summary.result == "succeeded"
    assert instance_gone(wsi_client, workspace_instance_id)


@pytest.mark.e2e
def test_config_chooses_the_combination_and_the_type(
    make_stack: StackFactory, wsi_client: WorkspacesInstancesClient
) -> None:
    combination = {"billing_mode": "HOURLY", "platform_type": "Linux/UNIX", "tenancy": "SHARED"}
    offered = expected_types(wsi_client, **combination)
    chosen = offered[-1]
    stack = make_stack(
        ROOT,
        stack_name="program-config" + RUN_SUFFIX,
        config={
            "billingMode": "HOURLY",
            "platformType": "Linux/UNIX",
            "instanceType": chosen,
            "imageId": LINUX_IMAGE_ID,
            "rootDeviceName": LINUX_ROOT_DEVICE,
        },
    )
    stack.set_config("tags.team", auto.ConfigValue("desktops"), path=True)

    up = stack.up(on_output=print)

    outputs = {key: value.value for key, value in up.outputs.items()}
    assert outputs["instanceType"] == chosen
    assert outputs["managedInstance"]["InstanceType"] == chosen
    assert outputs["managedInstance"]["ImageId"] == LINUX_IMAGE_ID
    assert outputs["supportingInstanceTypeCount"] == len(offered)
    assert outputs["billingMode"] == "HOURLY"
    assert user_tags(wsi_client, outputs["workspaceInstanceId"]) == {"team": "desktops"}


def preview_fails(make_stack: StackFactory, stack_name: str, config: dict[str, str]) -> str:
    """The CLI's output of a preview of the stack program that must fail with this config."""
    stack = make_stack(ROOT, stack_name=stack_name + RUN_SUFFIX, config=config)
    with pytest.raises(auto.errors.CommandError) as raised:
        stack.preview()
    return str(raised.value)


@pytest.mark.e2e
def test_invalid_config_value_fails_naming_the_valid_ones(make_stack: StackFactory) -> None:
    message = preview_fails(make_stack, "program-invalid", {"tenancy": "HOST"})

    assert "config tenancy: 'HOST' is not valid" in message
    assert "SHARED, DEDICATED" in message


@pytest.mark.e2e
def test_no_instance_type_fails_preview_listing_the_types_to_choose_from(
    make_stack: StackFactory, wsi_client: WorkspacesInstancesClient
) -> None:
    offered = expected_types(wsi_client, **DEFAULT_COMBINATION)
    message = preview_fails(make_stack, "program-no-type", {"instanceType": ""})

    assert "config instanceType: choose an instance type on purpose" in message
    assert ", ".join(offered) in message
    assert not project_frames(message), message


@pytest.mark.e2e
def test_an_image_whose_root_device_is_not_the_mapped_one_fails_preview_naming_it(
    make_stack: StackFactory, emulator: Emulator
) -> None:
    # Amazon Linux boots from /dev/xvda: a sizeless /dev/sda1 would be an extra volume EC2 cannot make.
    message = preview_fails(
        make_stack,
        "program-root-device",
        {"platformType": "Linux/UNIX", "imageId": LINUX_IMAGE_ID},
    )

    assert (
        f"managed_instance.BlockDeviceMappings[0].DeviceName: '/dev/sda1' is not the root device of "
        f"{LINUX_IMAGE_ID} ('{LINUX_ROOT_DEVICE}', EC2 DescribeImages)" in message
    )
    assert f"set it to '{LINUX_ROOT_DEVICE}' (root_volume.device_name in the Workspace component)" in message
    assert not [c for c in emulator.calls() if c["operation"] == "CreateWorkspaceInstance"]


@pytest.mark.e2e
def test_a_mistyped_instance_type_fails_preview_with_a_suggestion(make_stack: StackFactory) -> None:
    message = preview_fails(make_stack, "program-typo", {"instanceType": "t3.mediun"})

    assert (
        "Workspace 'workspace': instance_type: unknown instance type 't3.mediun'; did you mean 't3.medium'?"
        in message
    )
    assert not project_frames(message), message  # a RunError: one line, no Python stack of ours


@pytest.mark.e2e
def test_an_unreachable_endpoint_fails_preview_in_one_line(
    make_stack: StackFactory, pulumi_env: dict[str, str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        endpoint = f"http://127.0.0.1:{probe.getsockname()[1]}"
    # Nothing listens there once the probe is closed; one attempt is enough to be refused.
    pulumi_env["AWS_ENDPOINT_URL_WORKSPACES_INSTANCES"] = endpoint
    pulumi_env["AWS_MAX_ATTEMPTS"] = "1"
    stack = make_stack(ROOT, stack_name="program-unreachable" + RUN_SUFFIX)

    with pytest.raises(auto.errors.CommandError) as raised:
        stack.preview()

    message = str(raised.value)
    assert f"ListInstanceTypes failed: cannot reach the service at {endpoint}: " in message
    assert not project_frames(message), message
