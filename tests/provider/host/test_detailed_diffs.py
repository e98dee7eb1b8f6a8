"""The SDK's own dynamic provider host sends this package's detailed diffs, and only this package's."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import types
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from pulumi.dynamic import DiffResult, ResourceProvider
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import proto, rpc
from pulumi.runtime.proto import provider_pb2_grpc

from pulumi_workspaces_instances.provider.host import detailed_diffs
from pulumi_workspaces_instances.provider.inputs.detailed_diff import DetailedDiffResult, Kind, PropertyChange
from pulumi_workspaces_instances.provider.instance_provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from toolchain.paths import ROOT


class TheirProvider(ResourceProvider):
    """Another package's dynamic provider, served by the same host: its answers stay the SDK's."""

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        return DiffResult(changes=True, replaces=["size"])


DESK: dict[str, Any] = {
    "managed_instance": {"ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.medium"},
    "billing_mode": "HOURLY",
    "region": "us-east-1",
    "tags": {"team": "alpha-team"},
}


@pytest.fixture(scope="module")
def host() -> Iterator[provider_pb2_grpc.ResourceProviderStub]:
    """``python -m pulumi.dynamic``, as the engine starts it, with a listener standing in for the engine."""
    with socket.socket() as engine:
        engine.bind(("127.0.0.1", 0))
        engine.listen()
        engine_host, engine_port = engine.getsockname()
        address = f"{engine_host}:{engine_port}"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        process = subprocess.Popen(
            [sys.executable, "-u", "-m", "pulumi.dynamic", address],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        try:
            assert process.stdout is not None
            port = int(process.stdout.readline())
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                stub = provider_pb2_grpc.ResourceProviderStub(channel)
                stub.Configure(proto.ConfigureRequest(acceptSecrets=True))
                yield stub
        finally:
            process.kill()
            process.wait(timeout=30)


def _diff(stub: Any, provider: ResourceProvider, olds: dict[str, Any], news: dict[str, Any]) -> Any:
    serialized = serialize_provider(provider)

    async def struct(props: dict[str, Any]) -> Any:
        return await rpc.serialize_properties({**props, "__provider": serialized}, {})

    return stub.Diff(
        proto.DiffRequest(
            id="wsinst-abcdefgh12",
            urn="urn:pulumi:dev::desks::pulumi-python:dynamic:Resource::desk",
            olds=asyncio.run(struct(olds)),
            news=asyncio.run(struct(news)),
        )
    )


def test_a_tag_edit_reaches_the_engine_as_its_path_and_kind(host: Any) -> None:
    answer = _diff(host, WorkspaceInstanceProvider(), DESK, {**DESK, "tags": {"team": "bravo-team"}})

    assert answer.hasDetailedDiff
    assert dict(answer.detailedDiff) == {"tags.team": proto.PropertyDiff(kind=proto.PropertyDiff.UPDATE)}
    assert list(answer.diffs) == ["tags"] and list(answer.replaces) == []


def test_a_replacing_change_is_sent_with_its_replace_kind(host: Any) -> None:
    news = {**DESK, "managed_instance": {**DESK["managed_instance"], "InstanceType": "t3.large"}}

    answer = _diff(host, WorkspaceInstanceProvider(), DESK, news)

    assert dict(answer.detailedDiff) == {
        "managed_instance.InstanceType": proto.PropertyDiff(kind=proto.PropertyDiff.UPDATE_REPLACE)
    }
    assert list(answer.replaces) == ["managed_instance"]


def test_no_change_sends_an_empty_detailed_diff(host: Any) -> None:
    answer = _diff(host, WorkspaceInstanceProvider(), DESK, DESK)

    assert answer.changes == proto.DiffResponse.DIFF_NONE
    assert answer.hasDetailedDiff and dict(answer.detailedDiff) == {}


def test_a_volume_grow_is_sent_too(host: Any) -> None:
    volume = {"availability_zone": "us-east-1a", "size_in_gb": 50, "region": "us-east-1", "tags": {}}

    answer = _diff(host, VolumeProvider(), volume, {**volume, "size_in_gb": 60})

    assert dict(answer.detailedDiff) == {"size_in_gb": proto.PropertyDiff(kind=proto.PropertyDiff.UPDATE)}


def test_another_packages_answer_is_left_as_the_sdk_builds_it(host: Any) -> None:
    # Served right after one of ours on the same host: nothing of ours may leak into it.
    _diff(host, WorkspaceInstanceProvider(), DESK, {**DESK, "tags": {"team": "bravo-team"}})

    answer = _diff(host, TheirProvider(), {"size": 1}, {"size": 2})

    assert not answer.hasDetailedDiff and dict(answer.detailedDiff) == {} and list(answer.diffs) == []
    assert list(answer.replaces) == ["size"]


def test_without_the_hosts_proto_nothing_is_replaced_and_it_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    monkeypatch.setattr(detailed_diffs, "_installed", False)

    assert not detailed_diffs.install()
    assert "replace_on_changes is not honoured" in capsys.readouterr().err
    detailed_diffs.offer(DetailedDiffResult(changes=True, replaces=[], detailed=[]))
    assert detailed_diffs._take() is None, "nothing is kept for a response nobody will build"


def test_response_fields_use_the_protocols_kinds() -> None:
    change = PropertyChange(("tags", "cost centre"), Kind.DELETE, replaces=True)

    fields = detailed_diffs.response_fields((change,))

    assert fields["detailedDiff"] == {
        'tags["cost centre"]': proto.PropertyDiff(kind=proto.PropertyDiff.DELETE_REPLACE)
    }
    assert fields["diffs"] == ["tags"] and fields["hasDetailedDiff"] is True
