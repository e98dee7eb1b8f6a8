"""The root device a ManagedInstance maps, checked against its image (EC2 DescribeImages) in check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.instances import image_check
from tests.provider.instances.test_ec2_view import warnings
from toolchain.environment import TEST_REGION

pytestmark = pytest.mark.usefixtures("fast_polling", "fresh_images")

Props = dict[str, Any]
WINDOWS_AMI = "ami-0a1b2c3d4e5f60001"
AMAZON_LINUX_AMI = "ami-0a1b2c3d4e5f60003"
"""Boots from /dev/xvda (the emulator's catalogue, as Amazon Linux images do)."""


@pytest.fixture
def fresh_images() -> Iterator[None]:
    """The per-run record of images starts empty in every test (the host process is one run)."""
    image_check.forget()
    yield
    image_check.forget()


def managed(image_id: str, device: str, **ebs: Any) -> Props:
    return {
        "ImageId": image_id,
        "InstanceType": "t3.medium",
        "BlockDeviceMappings": [{"DeviceName": device, "Ebs": {"Encrypted": True, **ebs}}],
    }


def reasons(provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], **overrides: Any) -> list[str]:
    return [failure.reason for failure in provider.check({}, inputs(**overrides)).failures]


def test_the_images_own_root_device_passes(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    assert reasons(provider, inputs, managed_instance=managed(WINDOWS_AMI, "/dev/sda1")) == []
    assert reasons(provider, inputs, managed_instance=managed(AMAZON_LINUX_AMI, "/dev/xvda")) == []


def test_a_sizeless_mapping_of_another_root_name_fails_a_new_desktops_check_before_any_change(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    [reason] = reasons(provider, inputs, managed_instance=managed(AMAZON_LINUX_AMI, "/dev/sda1"))

    assert reason == (
        f"managed_instance.BlockDeviceMappings[0].DeviceName: '/dev/sda1' is not the root device of "
        f"{AMAZON_LINUX_AMI} ('/dev/xvda', EC2 DescribeImages): EC2 would take it for an extra volume, which "
        "needs a VolumeSize, and the launch would fail after the desktop started billing; set it to "
        "'/dev/xvda' (root_volume.device_name in the Workspace component)"
    )
    assert not [c for c in aws_env.calls() if not c["operation"].startswith(("Describe", "List", "Get"))]


def test_a_sized_one_or_a_desktop_that_exists_is_only_warned_about(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    capsys: pytest.CaptureFixture[str],
) -> None:
    sized = managed(AMAZON_LINUX_AMI, "/dev/sda1", VolumeSize=100)
    assert reasons(provider, inputs, managed_instance=sized) == []
    [line] = warnings(capsys)
    assert "EC2 makes it an extra volume and the root volume keeps the image's settings" in line

    sizeless = inputs(managed_instance=managed(AMAZON_LINUX_AMI, "/dev/sda1"))
    checked = provider.check(sizeless, sizeless)  # an existing desktop: its check has old inputs
    assert checked.failures == []
    [line] = warnings(capsys)
    assert "is not the root device of" in line


def test_without_describe_images_the_root_device_is_not_checked_and_one_warning_says_so(
    aws_env: Emulator,
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
    capsys: pytest.CaptureFixture[str],
) -> None:
    aws_env.add_faults(
        [{"operation": "DescribeImages", "action": "error", "error": "UnauthorizedOperation", "times": 10}]
    )

    for _ in range(3):
        assert reasons(provider, inputs, managed_instance=managed(AMAZON_LINUX_AMI, "/dev/sda1")) == []

    [line] = warnings(capsys)
    assert line.startswith(f"EC2 DescribeImages could not describe {AMAZON_LINUX_AMI} in {TEST_REGION} (")
    assert "UnauthorizedOperation" in line and "ec2:DescribeImages" in line
    described = [c for c in aws_env.calls() if c["operation"] == "DescribeImages"]
    assert len(described) == 1, "one lookup per run (an access error is not retried), not one per resource"
