"""Run a Pulumi program under ``pulumi.runtime.set_mocks`` and see what it registered.

``run_program(program, preview=...)`` runs ``program`` (which returns a dict of Outputs), then
returns a ``Run`` with each Output's value/secret/known flags and every ``RegisterResource`` and
``RegisterResourceOutputs`` request the engine would have received, so tests can assert parents,
options and secrets exactly as the engine would see them (``run_program.last_monitor`` has the
requests of a program that failed).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest
from google.protobuf import json_format
from pulumi.runtime import mocks as pulumi_mocks

#: Outputs the mocked WorkspaceInstance reports, as the real provider would after create.
FAKE_INSTANCE_ID = "wsinst-0123abcd4567"
FAKE_EC2_ID = "i-0123456789abcdef0"
FAKE_STATE = "ALLOCATED"
FAKE_PRIVATE_IP = "172.31.0.4"
FAKE_ZONE = "us-east-1a"
#: Type token of the component's child (the WorkspaceInstance may register helpers beside it).
INSTANCE_TYPE = "pulumi-python:dynamic/workspacesinstances:WorkspaceInstance"


class WorkspaceMocks(pulumi_mocks.Mocks):
    """Echo inputs back as outputs, adding what the service would report for a WorkspaceInstance."""

    def new_resource(self, args: pulumi_mocks.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        if not args.custom:
            return None, dict(args.inputs)
        outputs = dict(args.inputs)
        if "managed_instance" in outputs:
            outputs.update(
                workspace_instance_id=FAKE_INSTANCE_ID,
                ec2_instance_id=FAKE_EC2_ID,
                provision_state=FAKE_STATE,
                billing_mode=outputs.get("billing_mode") or "HOURLY",
                private_ip=FAKE_PRIVATE_IP,
                availability_zone=FAKE_ZONE,
                ec2_instance={"instance_id": FAKE_EC2_ID, "state": "running", "availability_zone": FAKE_ZONE},
            )
            # As the provider does: the instance id is the resource id.
            return FAKE_INSTANCE_ID, outputs
        return f"{args.name}-id", outputs

    def call(self, args: pulumi_mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


class CapturingMonitor(pulumi_mocks.MockMonitor):
    """The SDK's mock monitor, also keeping the raw requests."""

    def __init__(self, mocks: pulumi_mocks.Mocks) -> None:
        super().__init__(mocks)
        self.registrations: list[Any] = []
        self.registered_outputs: dict[str, dict[str, Any]] = {}

    def RegisterResource(self, request: Any) -> Any:
        self.registrations.append(request)
        return super().RegisterResource(request)

    def RegisterResourceOutputs(self, request: Any) -> Any:
        # Kept in wire form, where a secret is still a {signature: secret, "value": ...} object.
        self.registered_outputs[request.urn] = json_format.MessageToDict(request.outputs)
        return super().RegisterResourceOutputs(request)


@dataclass
class Resolved:
    """One Output after the program ran."""

    value: Any
    secret: bool
    known: bool


@dataclass
class Run:
    """What a mocked program produced."""

    outputs: dict[str, Resolved]
    monitor: CapturingMonitor

    def registration(
        self, type_: str | None = None, *, custom: bool | None = None, name: str | None = None
    ) -> Any:
        """The single RegisterResource request matching the filters."""
        found = [
            r
            for r in self.monitor.registrations
            if (type_ is None or r.type == type_)
            and (custom is None or r.custom == custom)
            and (name is None or r.name == name)
        ]
        assert len(found) == 1, [(r.type, r.name) for r in self.monitor.registrations]
        return found[0]

    def child(self) -> Any:
        """The RegisterResource request of the one WorkspaceInstance."""
        return self.registration(INSTANCE_TYPE)

    def urn_of(self, request: Any) -> str:
        """The URN the mock monitor gave a registration."""
        return self.monitor.make_urn(request.parent, request.type, request.name)


Program = Callable[[], dict[str, Any]]


async def _resolve_all(outputs: dict[str, Any]) -> dict[str, Resolved]:
    resolved = {}
    for key, value in outputs.items():
        output = pulumi.Output.from_input(value)
        resolved[key] = Resolved(
            value=await output.future(), secret=await output.is_secret(), known=await output.is_known()
        )
    return resolved


class ProgramRunner:
    """Runs a program under mocks (preview or update) and returns what it produced.

    ``last_monitor`` keeps the requests of the latest run, also when the program failed.
    """

    def __init__(self) -> None:
        self.last_monitor: CapturingMonitor | None = None

    def __call__(self, program: Program, *, preview: bool = False) -> Run:
        # Pulumi's mocks use the thread's current event loop; an earlier asyncio.run() (in any
        # test module) leaves none set, and then one is needed.
        try:
            asyncio.get_event_loop_policy().get_event_loop()
        except RuntimeError:
            asyncio.set_event_loop(asyncio.new_event_loop())
        mocks = WorkspaceMocks()
        monitor = self.last_monitor = CapturingMonitor(mocks)
        pulumi.runtime.set_mocks(mocks, preview=preview, monitor=monitor)
        captured: dict[str, dict[str, Resolved]] = {}

        async def body() -> None:
            captured["outputs"] = await _resolve_all(program())

        try:
            pulumi.runtime.test(body)()
        finally:
            # A failed program leaves futures nobody awaited; collect them now so asyncio's
            # "exception was never retrieved" report lands here rather than inside a later test.
            gc.collect()
        return Run(outputs=captured["outputs"], monitor=monitor)


@pytest.fixture
def run_program() -> ProgramRunner:
    """Run a program under mocks (preview or update) and return what it produced."""
    return ProgramRunner()
