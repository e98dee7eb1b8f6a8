"""The escape hatch for ManagedInstance members newer than botocore: split, checked, sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.aws import clients
from pulumi_workspaces_instances.provider.aws.errors import WorkspaceInstanceError
from pulumi_workspaces_instances.provider.aws.unmodeled import (
    EXTRAS_PARAM,
    json_numbers,
    modeled_paths,
    split_unmodeled,
)
from pulumi_workspaces_instances.provider.instances.validation import validate_inputs

from ..conftest import IMAGE_ID, INSTANCE_TYPE

# validate_inputs checks the default region too: give it one, offline.
pytestmark = pytest.mark.usefixtures("default_region")

Props = dict[str, Any]


def test_split_keeps_modeled_members_and_moves_the_rest() -> None:
    modeled, unmodeled = split_unmodeled(
        {
            "ImageId": IMAGE_ID,
            "CpuOptions": {"CoreCount": 2, "ThreadsPerCore": 1, "NewMember": "on"},
            "Placement": {"FutureOption": 3},
            "NotYetInBotocore": {"A": 1},
        }
    )

    assert modeled == {"ImageId": IMAGE_ID, "CpuOptions": {"CoreCount": 2, "ThreadsPerCore": 1}}
    assert unmodeled == {
        "CpuOptions": {"NewMember": "on"},
        "Placement": {"FutureOption": 3},
        "NotYetInBotocore": {"A": 1},
    }


def test_extras_must_not_hold_members_the_model_knows() -> None:
    assert modeled_paths({"CpuOptions": {"CoreCount": 2, "NewMember": "on"}, "Other": 1}) == [
        "CpuOptions.CoreCount"
    ]
    problems = validate_inputs(
        {
            "managed_instance": {"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE},
            "managed_instance_extras": {"CpuOptions": {"CoreCount": 2}},
        }
    )
    assert [(problem.path, "move it to managed_instance" in problem.reason) for problem in problems] == [
        ("managed_instance_extras.CpuOptions.CoreCount", True)
    ]


def test_whole_numbers_from_the_engine_are_sent_as_integers() -> None:
    assert json_numbers({"Count": 2.0, "Ratio": 0.5, "List": [1.0, "x"]}) == {
        "Count": 2,
        "Ratio": 0.5,
        "List": [1, "x"],
    }


@pytest.mark.usefixtures("fast_polling")
def test_extras_reach_the_service_inside_managed_instance(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    props = inputs(
        managed_instance={
            "ImageId": IMAGE_ID,
            "InstanceType": INSTANCE_TYPE,
            "CpuOptions": {"CoreCount": 2, "ThreadsPerCore": 1},
        },
        managed_instance_extras={"CpuOptions": {"NewMember": "enabled"}},
    )
    checked = provider.check({}, props)
    assert checked.failures == []

    # The emulator knows only what this botocore knows, so it refuses the member, naming it:
    # proof that it crossed the wire merged into the modeled CpuOptions.
    with pytest.raises(WorkspaceInstanceError, match=r"ManagedInstance\.CpuOptions\.NewMember"):
        provider.create(checked.inputs)

    [create] = [call for call in aws_env.calls() if call["operation"] == "CreateWorkspaceInstance"]
    assert create["params"]["ManagedInstance"]["CpuOptions"] == {
        "CoreCount": 2,
        "ThreadsPerCore": 1,
        "NewMember": "enabled",
    }
    assert create["error"] == "ValidationException"


def test_the_pseudo_parameter_never_reaches_the_wire_on_its_own(aws_env: Emulator) -> None:
    client = clients.client_for("us-east-1")
    extras: dict[str, Any] = {EXTRAS_PARAM: {"Brand": "new"}}
    with pytest.raises(ClientError):
        client.create_workspace_instance(
            ManagedInstance={"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE}, ClientToken="t-1", **extras
        )

    [create] = aws_env.calls()
    assert EXTRAS_PARAM not in create["params"]
    assert create["params"]["ManagedInstance"]["Brand"] == "new"


def test_changing_extras_replaces(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    outputs = {
        **inputs(managed_instance_extras={"NewMember": "a"}),
        "billing_mode": "HOURLY",
        "region": "us-east-1",
    }

    diff = provider.diff("wsinst-abcdefgh12", outputs, inputs(managed_instance_extras={"NewMember": "b"}))

    assert diff.replaces == ["managed_instance_extras"]
