"""The EC2 view through the real Pulumi CLI: outputs after up, drift warnings on refresh, no replacement.

Against the emulator's EC2 endpoint: DescribeInstances, and out-of-band changes (StopInstances, which
a user may make, and ModifyInstanceMetadataOptions and ModifyInstanceAttribute, which AWS refuses on a
managed instance: the emulator's ``managed_instance_ec2_changes`` switch lets them through to stand in
for drift AWS would cause); its fault control plane stands in for a caller without
``ec2:DescribeInstances`` (EC2's own UnauthorizedOperation).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider.instances.drift import MANAGED_INSTANCE_NOTE
from tests.conftest import StackFactory, emulator_ec2_client

# The same denied DescribeInstances as the provider-level tests, so both see one answer from EC2.
from tests.provider.instances.test_ec2_view import DENIED
from toolchain.environment import TEST_REGION

PROGRAM = Path(__file__).parent / "programs" / "ec2_view"
DECLARED_GROUP = "sg-0a1b2c3d4e5f60001"
OTHER_GROUP = "sg-0ffffffffffffffff"
WARNING = "warning: "
INSTANCE_TYPE = "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance"
#: What `pulumi up --replace` is told for the component's child (its URN, ancestors as `**`).
DESK_URN_PATTERN = f"urn:pulumi:test::ec2-view::**workspacesinstances:index:Workspace${INSTANCE_TYPE}::desk"
#: The stack, the component, two instances and their seeds.
RESOURCES = 6


def _warnings(lines: list[str]) -> list[str]:
    """The warning lines of the run's Diagnostics section (the CLI also shows each one live)."""
    return [line.strip()[len(WARNING) :] for line in lines if line.strip().startswith(WARNING)]


def _instance_outputs(stack: auto.Stack, name: str) -> dict[str, Any]:
    deployment = stack.export_stack().deployment or {}
    for resource in deployment.get("resources", []):
        if resource["type"] == INSTANCE_TYPE and resource["urn"].endswith(f"::{name}"):
            return dict(resource["outputs"])
    raise AssertionError(f"no WorkspaceInstance {name} in the stack")


def _describe(ec2: Any, instance_id: str) -> dict[str, Any]:
    (instance,) = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"]
    return dict(instance)


@pytest.mark.e2e
def test_ec2_view_outputs_drift_warnings_and_no_replacement(
    make_stack: StackFactory, emulator: Emulator
) -> None:
    stack = make_stack(PROGRAM)
    ec2 = emulator_ec2_client(emulator)

    # up: EC2's view of each desktop is in the outputs, on the component too.
    up = stack.up(on_output=print)
    outputs = {key: value.value for key, value in up.outputs.items()}
    desk_ec2 = outputs["desk_ec2_instance_id"]
    described = _describe(ec2, desk_ec2)
    assert outputs["desk_private_ip"] == described["PrivateIpAddress"]
    assert outputs["desk_availability_zone"] == described["Placement"]["AvailabilityZone"]
    view = outputs["desk_ec2_instance"]
    assert (view["state"], view["instance_type"], view["subnet_id"]) == (
        "running",
        "t3.medium",
        described["SubnetId"],
    )
    assert view["security_group_ids"] == [DECLARED_GROUP]
    assert view["metadata_options"]["http_tokens"] == "required"
    assert view["root_volume"]["encrypted"] is True  # the component encrypts by default
    assert outputs["lab_ec2_state"] == "running"
    assert outputs["lab_availability_zone"].startswith(TEST_REGION)
    assert outputs["lab_private_ip"] not in (None, outputs["desk_private_ip"])
    desk_id = _instance_outputs(stack, "desk")["workspace_instance_id"]

    # Behind Pulumi's back: IMDSv1 allowed again, another security group, and the desktop stopped.
    # AWS itself refuses the two Modify* calls on a managed instance: they stand in for drift AWS would cause.
    emulator.set_behaviour(managed_instance_ec2_changes="allow")
    ec2.modify_instance_metadata_options(InstanceId=desk_ec2, HttpTokens="optional")
    ec2.modify_instance_attribute(InstanceId=desk_ec2, Groups=[OTHER_GROUP])
    ec2.stop_instances(InstanceIds=[desk_ec2])

    lines: list[str] = []
    refresh = stack.refresh(on_output=lines.append)

    subject = f"desk ({desk_id})"
    rebuild = (
        f"rebuild the desktop as declared with `pulumi up --replace '{DESK_URN_PATTERN}'` (a new instance: "
        "its disks are lost); Pulumi changes nothing by itself"
    )
    assert _warnings(lines) == [
        f"{subject}: EC2 instance {desk_ec2} is stopped, not gone: the desktop stays in the stack; start it "
        f"with `aws ec2 start-instances --instance-ids {desk_ec2}` if that was not meant",
        f"{subject}: managed_instance.SecurityGroupIds differs on EC2 instance {desk_ec2}: declared "
        f"[{DECLARED_GROUP}] → actual [{OTHER_GROUP}]; {MANAGED_INSTANCE_NOTE}: {rebuild}",
        f"{subject}: managed_instance.MetadataOptions.HttpTokens differs on EC2 instance {desk_ec2}: "
        f"declared 'required' → actual 'optional'; {MANAGED_INSTANCE_NOTE}: {rebuild}",
    ]
    assert refresh.summary.resource_changes == {"same": RESOURCES}
    # The outputs show what EC2 reports now; stopped is not gone.
    refreshed = _instance_outputs(stack, "desk")
    assert refreshed["ec2_instance"]["state"] == "stopped"
    assert refreshed["ec2_instance"]["security_group_ids"] == [OTHER_GROUP]
    assert refreshed["ec2_instance"]["metadata_options"]["http_tokens"] == "optional"
    assert refreshed["private_ip"] == outputs["desk_private_ip"]

    # The next preview proposes nothing (no replacement deletes the disk by itself) ...
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: RESOURCES}
    # ... and the URN the warning gives selects exactly that desktop for a replacement on purpose.
    on_purpose = stack.preview(on_output=print, replace=[DESK_URN_PATTERN])
    assert on_purpose.change_summary == {auto.OpType.REPLACE: 1, auto.OpType.SAME: RESOURCES - 1}

    # A caller without ec2:DescribeInstances: one warning for the stack, refresh goes on.
    emulator.add_faults([DENIED])
    calls_before = len(emulator.calls())
    lines = []
    refresh = stack.refresh(on_output=lines.append)

    # One line for the stack, naming whichever desktop's read was refused first.
    (line,) = _warnings(lines)
    prefix = f"EC2 DescribeInstances unavailable in {TEST_REGION} for this run: DescribeInstances failed for "
    asked = line[len(prefix) :].split(":", 1)[0]
    assert asked in (desk_ec2, _instance_outputs(stack, "lab")["ec2_instance_id"]), line
    assert line == (
        f"{prefix}{asked}: UnauthorizedOperation: You are not authorized to perform this operation. (the "
        "credentials need the IAM action ec2:DescribeInstances); refresh goes on with what WorkSpaces "
        "Instances reports: ec2_instance, private_ip, public_ip and availability_zone keep their last known "
        "values and drift inside the desktops is not checked"
    )
    assert refresh.summary.resource_changes == {"same": RESOURCES}
    assert _instance_outputs(stack, "desk")["ec2_instance"] == refreshed["ec2_instance"], "last known values"
    # Both reads may be in flight before the first refusal; none is asked after it.
    denied = [c for c in emulator.calls()[calls_before:] if c["operation"] == "DescribeInstances"]
    assert 1 <= len(denied) <= 2 and all(c["status"] == 403 for c in denied), denied
    assert stack.preview(on_output=print).change_summary == {auto.OpType.SAME: RESOURCES}
