"""Fixtures for the emulator's tests: clients on the shared emulator and raw (un)signed HTTP calls."""

from __future__ import annotations

import copy
import dataclasses
import functools
import http.client
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3
import botocore.session
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.model import ListShape, Shape, StructureShape

from pulumi_workspaces_instances.emulator import Emulator
from tests.conftest import HELD_SECONDS, EmulatorFactory

REGION = "us-east-1"
CREDENTIALS = Credentials("AKIAEMULATORTESTS", "emulator-tests-secret")
WINDOWS_AMI = "ami-0a1b2c3d4e5f60001"
LINUX_AMI = "ami-0a1b2c3d4e5f60003"

ClientFactory = Callable[..., Any]


@pytest.fixture
def emu(emulator: Emulator) -> Iterator[Emulator]:
    """The session's emulator, emptied of resources, calls and faults."""
    emulator.reset()
    yield emulator
    emulator.reset()


#: The wire protocols the service model lists, each of which a client may pick.
PROTOCOLS = ("json", "smithy-rpc-v2-cbor")
_MODEL_FOLDERS: dict[str, tempfile.TemporaryDirectory[str]] = {}


@functools.cache
def _session_speaking(protocol: str) -> boto3.Session:
    """A session of its own whose workspaces-instances model lists only ``protocol``.

    The installed model is copied into a private data folder with ``protocols`` narrowed, and that
    folder is searched first by this session's loader only, so its clients resolve to the chosen
    protocol without touching botocore's global state or other sessions.
    """
    loader = botocore.session.get_session().get_component("data_loader")
    version = loader.determine_latest_version("workspaces-instances", "service-2")
    model = copy.deepcopy(loader.load_service_model("workspaces-instances", "service-2", version))
    model["metadata"].update(protocol=protocol, protocols=[protocol])
    folder = _MODEL_FOLDERS[protocol] = tempfile.TemporaryDirectory(prefix=f"model-{protocol}-")
    target = Path(folder.name) / "workspaces-instances" / version
    target.mkdir(parents=True)
    (target / "service-2.json").write_text(json.dumps(model), encoding="utf-8")
    session = botocore.session.Session()
    session.get_component("data_loader").search_paths.insert(0, folder.name)
    return boto3.Session(botocore_session=session)


def client_for(
    endpoint_url: str,
    region: str = REGION,
    validate: bool = True,
    attempts: int = 1,
    protocol: str | None = None,
) -> Any:
    """A boto3 client on the emulator; ``validate=False`` lets invalid requests reach the server.

    ``protocol`` (one of PROTOCOLS) forces the wire protocol; None leaves botocore's own choice.
    """
    config = Config(
        parameter_validation=validate,
        retries={"mode": "standard", "total_max_attempts": attempts},
        connect_timeout=5,
        read_timeout=30,
    )
    make = _session_speaking(protocol).client if protocol else boto3.client
    client = make(
        "workspaces-instances",
        endpoint_url=endpoint_url,
        region_name=region,
        aws_access_key_id=CREDENTIALS.access_key,
        aws_secret_access_key=CREDENTIALS.secret_key,
        config=config,
    )
    assert protocol is None or client.meta.service_model.resolved_protocol == protocol
    return client


def ec2_client_for(
    endpoint_url: str | None, region: str = REGION, attempts: int = 1, validate: bool = True
) -> Any:
    """A boto3 EC2 client on the emulator (``None``: the endpoint comes from the environment);
    ``validate=False`` lets invalid requests reach the server."""
    return boto3.client(
        "ec2",
        endpoint_url=endpoint_url,
        region_name=region,
        aws_access_key_id=CREDENTIALS.access_key,
        aws_secret_access_key=CREDENTIALS.secret_key,
        config=Config(
            parameter_validation=validate,
            retries={"mode": "standard", "total_max_attempts": attempts},
            read_timeout=30,
        ),
    )


@pytest.fixture
def ec2(emu: Emulator) -> Any:
    """A us-east-1 EC2 client on the shared emulator, without retries."""
    return ec2_client_for(emu.endpoint_url)


@pytest.fixture
def make_client(emu: Emulator) -> ClientFactory:
    """Build clients on the emulator: ``make_client(region=..., validate=..., attempts=...)``."""

    def factory(**kwargs: Any) -> Any:
        return client_for(emu.endpoint_url, **kwargs)

    return factory


@pytest.fixture(params=PROTOCOLS)
def protocol(request: pytest.FixtureRequest) -> str:
    """Each wire protocol of the service in turn."""
    return str(request.param)


@pytest.fixture
def speaking(make_client: ClientFactory, protocol: str) -> Any:
    """A us-east-1 client forced to speak ``protocol`` (the test runs once per protocol)."""
    return make_client(protocol=protocol)


@pytest.fixture
def client(make_client: ClientFactory) -> Any:
    """A us-east-1 client with botocore's own validation on and no retries."""
    return make_client()


# --- emulators of a test's own that hold the state it reads midway (tests/conftest.py, HELD_SECONDS) ----
# Every other transition of theirs takes no time, so the test reaches the held state without waiting.


@pytest.fixture
def allocating(slow_emulator: EmulatorFactory) -> Emulator:
    """An emulator whose instances stay ALLOCATING (for an hour)."""
    return slow_emulator(HELD_SECONDS)


@pytest.fixture
def deallocating(slow_emulator: EmulatorFactory) -> Emulator:
    """An emulator whose instances are ALLOCATED at once and, once deleted, stay DEALLOCATING."""
    return slow_emulator(0, HELD_SECONDS)


@pytest.fixture
def deallocating_speaking(deallocating: Emulator, protocol: str) -> Any:
    """A client on ``deallocating`` forced to speak ``protocol`` (a test that sees DEALLOCATING in both)."""
    return client_for(deallocating.endpoint_url, protocol=protocol)


@pytest.fixture
def modifying(slow_emulator: EmulatorFactory) -> Emulator:
    """An emulator whose instances are ALLOCATED at once and whose volume modifications stay ``modifying``."""
    return slow_emulator(0, volume_modifying_seconds=HELD_SECONDS)


@pytest.fixture
def optimizing(slow_emulator: EmulatorFactory) -> Emulator:
    """An emulator whose volume modifications are ``optimizing`` at once and stay so."""
    return slow_emulator(0, volume_modifying_seconds=0, volume_optimizing_seconds=HELD_SECONDS)


@pytest.fixture
def loose_client(make_client: ClientFactory) -> Any:
    """A us-east-1 client that sends whatever it is given (botocore's validation off)."""
    return make_client(validate=False)


@dataclass
class RawAnswer:
    """Status, headers and decoded JSON body of a raw HTTP exchange."""

    status: int
    headers: dict[str, str]
    body: Any


def raw_call(
    endpoint_url: str,
    operation: str | None,
    body: bytes | dict[str, Any],
    region: str = REGION,
    signed: bool = True,
    headers: dict[str, str] | None = None,
) -> RawAnswer:
    """POST one JSON 1.0 request, SigV4-signed unless ``signed`` is False."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    all_headers = {"Content-Type": "application/x-amz-json-1.0"}
    if operation is not None:
        all_headers["X-Amz-Target"] = f"EUCMIFrontendAPIService.{operation}"
    request = AWSRequest(method="POST", url=endpoint_url + "/", data=data, headers=all_headers)
    if signed:
        SigV4Auth(CREDENTIALS, "workspaces-instances", region).add_auth(request)
    for name, value in (headers or {}).items():
        request.headers[name] = value
    parts = urlsplit(endpoint_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        connection.request("POST", "/", body=data, headers=dict(request.headers.items()))
        response = connection.getresponse()
        payload = response.read()
        return RawAnswer(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            json.loads(payload) if payload else None,
        )
    finally:
        connection.close()


def control(endpoint_url: str, method: str, path: str, payload: Any = None) -> tuple[int, Any]:
    """Call the control plane (``/_emulator/...``); returns status and decoded JSON."""
    parts = urlsplit(endpoint_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        data = json.dumps(payload).encode() if payload is not None else None
        connection.request(method, path, body=data, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        connection.close()


def answer_at(emulator: Emulator, moment: float, operation: str, params: dict[str, Any]) -> dict[str, Any]:
    """What ``emulator`` answers ``operation`` (WorkSpaces Instances' or EC2's, ``params`` as its handler
    takes them) at the instant ``moment`` (``time.time()`` seconds): its handler, called as the server calls
    it with the clock set. Raises the ``ServiceError`` it would answer.

    For a test of a rule that is time arithmetic (EBS's rolling window): over HTTP, the instants a test means
    are moved by a loaded machine; here they are exact, and nobody waits for them.
    """
    from pulumi_workspaces_instances.emulator.operations import EC2_HANDLERS, HANDLERS

    handler = HANDLERS.get(operation) or EC2_HANDLERS[operation]
    ctx = dataclasses.replace(emulator.service.context(REGION), now=moment)
    with emulator.service.store.transaction():
        return dict(handler(ctx, params))


def create_instance(client: Any, **overrides: Any) -> str:
    """Create a Windows m5.large instance (fields overridable) and return its id."""
    params: dict[str, Any] = {"ManagedInstance": {"ImageId": WINDOWS_AMI, "InstanceType": "m5.large"}}
    params.update(overrides)
    return str(client.create_workspace_instance(**params)["WorkspaceInstanceId"])


def error_of(excinfo: pytest.ExceptionInfo[Any]) -> dict[str, Any]:
    """The parsed error response of a ClientError."""
    return dict(excinfo.value.response)


# The console script the package installs (beside the interpreter running the tests).
EMULATOR_COMMAND = str(Path(sys.executable).parent / "workspaces-instances-emulator")


def start_cli(arguments: list[str], cwd: Path) -> tuple[subprocess.Popen[str], str]:
    """Start ``workspaces-instances-emulator --port 0 <arguments>``; returns it and its endpoint."""
    process = subprocess.Popen(
        [EMULATOR_COMMAND, "--port", "0", *arguments],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    return process, line.removeprefix("listening on ")


def stop_cli(process: subprocess.Popen[str], signum: int) -> None:
    """Send ``signum`` and check the emulator exits cleanly within 10 seconds."""
    process.send_signal(signum)
    assert process.wait(timeout=10) == 0


def unmodeled(value: Any, shape: Shape, path: str) -> list[str]:
    """Paths of members in ``value`` that ``shape`` does not have (the XML encoder would drop them)."""
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        found = [f"{path}.{k}" for k in value if k not in shape.members]
        for name, item in value.items():
            if name in shape.members:
                found += unmodeled(item, shape.members[name], f"{path}.{name}")
        return found
    if isinstance(shape, ListShape) and isinstance(value, list):
        return [
            p for index, item in enumerate(value) for p in unmodeled(item, shape.member, f"{path}[{index}]")
        ]
    return []
