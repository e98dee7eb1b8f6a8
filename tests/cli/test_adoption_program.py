"""The Python adoption program: each desktop's read inputs, as valid Python a program can run."""

from __future__ import annotations

import ast
from typing import Any

from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

from pulumi_workspaces_instances.cli import adoption_program
from pulumi_workspaces_instances.cli.inventory import read_inventory
from pulumi_workspaces_instances.cli.selection import select
from tests.conftest import settled

IMAGE_ID = "ami-0a1b2c3d4e5f60001"


def _desktop(client: WorkspacesInstancesClient, **tags: str) -> str:
    instance_id = client.create_workspace_instance(
        ManagedInstance={"ImageId": IMAGE_ID, "InstanceType": "t3.medium"},
        BillingConfiguration={"BillingMode": "MONTHLY"},
        Tags=[{"Key": key, "Value": value} for key, value in tags.items()],
    )["WorkspaceInstanceId"]
    settled(client, instance_id)
    return instance_id


def _call_keywords(program: str) -> dict[str, dict[str, Any]]:
    """Each WorkspaceInstance(...) of the program: its name -> its keyword arguments' values."""
    found = {}
    for node in ast.walk(ast.parse(program)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "WorkspaceInstance":
            name = ast.literal_eval(node.args[0])
            found[name] = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
    return found


def test_each_desktop_is_declared_with_adopt_id_and_what_an_import_rebuilds(
    wsi_client: WorkspacesInstancesClient,
) -> None:
    instance_id = _desktop(wsi_client, Name="alice", team="ops")
    selection = select(read_inventory("us-east-1"))
    inputs = {
        d.resource_id: adoption_program.desktop_inputs(d.resource_id, "us-east-1") for d in selection.desktops
    }

    program = adoption_program.render(selection, inputs)

    declared = _call_keywords(program)["alice"]
    assert declared["adopt_id"] == instance_id
    assert (declared["billing_mode"], declared["tags"], declared["region"]) == (
        "MONTHLY",
        {"Name": "alice", "team": "ops"},
        "us-east-1",
    )
    assert declared["managed_instance"]["ImageId"] == IMAGE_ID
    assert declared["managed_instance"]["InstanceType"] == "t3.medium"
    assert "from pulumi_workspaces_instances import WorkspaceInstance" in program


def test_literals_are_python_one_member_a_line() -> None:
    text = adoption_program._literal({"A": [1, {"B": True}], "C": 'x"y', "D": None}, 0)

    assert ast.literal_eval(text) == {"A": [1, {"B": True}], "C": 'x"y', "D": None}
    assert text.splitlines()[1] == '    "A": ['
