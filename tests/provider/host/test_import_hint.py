"""``pulumi import`` of this package's dynamic types: the host answers with one line saying what to do."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from google.protobuf import struct_pb2

from pulumi_workspaces_instances.provider.host.import_hint import _guarded_read, hint_for

URN = "urn:pulumi:dev::desks::pulumi-python:dynamic/workspacesinstances:WorkspaceInstance::desk"


class _Request:
    def __init__(self, urn: str, properties: dict[str, Any] | None = None) -> None:
        self.urn = urn
        self.id = "wsinst-0123456789abcdef0"
        self.properties = struct_pb2.Struct()
        self.properties.update(properties or {})
        self.inputs = struct_pb2.Struct()


class _Aborted(Exception):
    pass


class _Context:
    def abort(self, code: grpc.StatusCode, details: str) -> None:
        raise _Aborted(code, details)


def test_an_import_of_an_instance_points_to_adopt_id_with_its_own_name_and_id() -> None:
    hint = hint_for(URN, "wsinst-0123456789abcdef0")

    assert hint is not None and "\n" not in hint
    assert hint.startswith(
        "pulumi import cannot import WorkspaceInstance 'desk' (wsinst-0123456789abcdef0): this package's "
        "resources are dynamic"
    )
    assert "WorkspaceInstance('desk', managed_instance={...}, billing_mode='MONTHLY', " in hint
    assert "adopt_id='wsinst-0123456789abcdef0')" in hint


def test_children_of_components_and_volumes_are_recognised_other_packages_are_not() -> None:
    child = (
        "urn:pulumi:dev::p::workspacesinstances:index:Workspace$"
        "pulumi-python:dynamic/workspacesinstances:Volume::v"
    )
    assert (hint_for(child, "vol-0123456789abcdef0") or "").startswith(
        "pulumi import cannot import Volume 'v'"
    )
    assert hint_for("urn:pulumi:dev::p::pulumi-python:dynamic:Resource::r", "x") is None
    assert hint_for("urn:pulumi:dev::p::pulumi-python:dynamic/other:Thing::r", "x") is None


def test_the_guarded_read_answers_an_import_and_passes_everything_else_on() -> None:
    calls: list[Any] = []

    def read(request: Any, _context: Any) -> str:
        calls.append(request)
        return "read"

    guarded = _guarded_read(read)

    with pytest.raises(_Aborted) as aborted:
        guarded(_Request(URN), _Context())
    assert aborted.value.args[0] == grpc.StatusCode.INVALID_ARGUMENT
    assert calls == []

    refresh = _Request(URN, {"__provider": "pickled"})
    assert guarded(refresh, _Context()) == "read" and calls == [refresh]
    other = _Request("urn:pulumi:dev::p::pulumi-python:dynamic:Resource::r")
    assert guarded(other, _Context()) == "read"
