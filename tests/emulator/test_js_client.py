"""A client that is not botocore: the AWS SDK for JavaScript v3, in both protocols of the model.

``js_client/exercise.mjs`` runs Create/Get/List/Delete WorkspaceInstance, ListInstanceTypes,
ListRegions and Create/Associate/Disassociate/DeleteVolume (the SDK's model has no ModifyVolume),
plus five error cases, and prints what the SDK handed it. The SDK
is Smithy-generated: a modeled error member reaches ``error.<Member>`` only when the wire carries
exactly the model's name (``Reason``, ``FieldList``, ``ResourceId``, ``RetryAfterSeconds``, and over
CBOR ``Message``), which botocore, reading either spelling of the message, cannot show. ``make js``
installs the locked packages (``npm ci``); when node or they are missing the test fails with the
command to run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pulumi_workspaces_instances.emulator import Emulator

JS_CLIENT = Path(__file__).resolve().parent / "js_client"
SCRIPT = JS_CLIENT / "exercise.mjs"
#: The packages exercise.mjs imports (installed by `make js` from js_client/package-lock.json).
PACKAGES = ("@aws-sdk/client-workspaces-instances", "@smithy/core")
#: Generous for a loaded machine; a run takes about a second.
RUN_SECONDS = 60
#: The protocols as the script names them, and as the emulator's call log does.
PROTOCOLS = {"json": "json", "cbor": "smithy-rpc-v2-cbor"}


def _node() -> str:
    """The node executable, or a failure saying how to get the client installed."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH; install Node.js 20 or later (the JS client test needs it)")
    missing = [name for name in PACKAGES if not (JS_CLIENT / "node_modules" / name / "package.json").exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed in {JS_CLIENT / 'node_modules'}; run `make js`")
    return node


def _message(error: dict[str, Any], protocol: str) -> str:
    """The error's message, checking the modeled ``Message`` member where the SDK keeps it.

    Over CBOR the SDK fills each member of the error shape from the wire name alone, so ``Message``
    is there only if the emulator sent exactly that name; over JSON it folds ``Message`` (or
    ``message``) into ``message`` itself (test_error_members checks those raw bytes).
    """
    if protocol == "cbor":
        assert error["Message"] == error["message"]
    return str(error["message"])


def _run(emulator: Emulator, protocol: str) -> dict[str, Any]:
    """Run exercise.mjs against ``emulator`` and return the JSON document it prints."""
    done = subprocess.run(
        [_node(), str(SCRIPT), emulator.endpoint_url, protocol],
        cwd=JS_CLIENT,
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
        check=False,
    )
    assert done.returncode == 0, f"exercise.mjs failed:\n{done.stderr}"
    return dict(json.loads(done.stdout))


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_javascript_sdk_gets_every_answer_and_error_member(emu: Emulator, protocol: str) -> None:
    emu.add_faults([{"operation": "ListRegions", "action": "error", "error": "Throttling", "retry_after": 7}])

    seen = _run(emu, protocol)

    # Every call went over the protocol asked for, and was answered.
    calls = emu.calls()
    assert {call["protocol"] for call in calls} == {PROTOCOLS[protocol]}
    assert len(calls) >= 15
    assert seen["regions"] > 0 and "m5.large" in seen["instanceTypes"]
    instance = seen["instance"]
    assert (instance["state"], instance["billingMode"]) == ("ALLOCATED", "MONTHLY")
    assert instance["ec2InstanceId"].startswith("i-")
    assert seen["listed"] == [instance["id"]]
    assert seen["volume"]["id"].startswith("vol-")
    assert seen["deleted"] is True

    # Errors arrive as the SDK's typed classes with every modeled member under its model name.
    throttled = seen["throttled"]
    assert (throttled["name"], throttled["typed"], throttled["status"]) == ("ThrottlingException", True, 429)
    assert throttled["RetryAfterSeconds"] == 7
    assert _message(throttled, protocol) == "Injected ThrottlingException."

    not_found = seen["notFound"]
    assert (not_found["name"], not_found["typed"], not_found["status"]) == (
        "ResourceNotFoundException",
        True,
        404,
    )
    assert "wsinst-doesnotexist0" in _message(not_found, protocol)
    assert (not_found["ResourceId"], not_found["ResourceType"]) == (
        "wsinst-doesnotexist0",
        "WorkspaceInstance",
    )

    too_wide = seen["tooWide"]
    assert (too_wide["name"], too_wide["typed"], too_wide["status"]) == ("ValidationException", True, 400)
    assert too_wide["Reason"] == "FIELD_VALIDATION_FAILED"
    assert [field["Name"] for field in too_wide["FieldList"]] == ["Iops"]
    assert "less than or equal to 2147483647" in _message(too_wide, protocol)

    ebs_limit = seen["ebsLimit"]
    assert (ebs_limit["name"], ebs_limit["typed"]) == ("ValidationException", True)
    assert [field["Name"] for field in ebs_limit["FieldList"]] == ["SizeInGB"]
    assert "io1 volumes are 4 to 16,384 GiB" in _message(ebs_limit, protocol)

    reused = seen["tokenReused"]
    assert (reused["name"], reused["typed"], reused["status"]) == ("ConflictException", True, 409)
    assert (reused["ResourceId"], reused["ResourceType"]) == (seen["volume"]["id"], "Volume")
    assert "ClientToken was already used" in _message(reused, protocol)
