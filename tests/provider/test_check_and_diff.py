"""check and diff: every problem at once, unknowns tolerated, no spurious diffs, the right replace keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_workspaces_instances.emulator import Emulator
from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.aws import clients
from pulumi_workspaces_instances.provider.aws.tokens import CLAIM_TAG_KEY
from pulumi_workspaces_instances.provider.inputs.detailed_diff import Kind

from .conftest import IMAGE_ID, INSTANCE_TYPE, failures_by_path

pytestmark = pytest.mark.usefixtures("fast_polling")

Props = dict[str, Any]

OUTPUTS: Props = {
    "__provider": "serialized-provider",
    "__identity": "organization/project/stack::web",
    "managed_instance": {"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE},
    "tags": {"team": "desk"},
    "billing_mode": "HOURLY",
    "region": "us-east-1",
    "client_token": None,
    "timeouts": None,
    "workspace_instance_id": "wsinst-abcdefgh12",
    "provision_state": "ALLOCATED",
    "ec2_instance_id": "i-0123456789",
}


@pytest.fixture(autouse=True)
def region(aws_env: Emulator) -> None:
    """A default region from the environment (us-east-1), and no AWS call expected."""


def test_check_reports_every_problem_with_its_path_before_any_aws_call(
    aws_env: Emulator, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    bad = inputs(
        managed_instance={
            "ImageId": IMAGE_ID,
            "InstanceType": INSTANCE_TYPE,
            "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSiz": 100}}],
        },
        billing_mode="WEEKLY",
        tags={"": "empty key"},
        region="moon-central-1",
        timeouts={"create": "soon"},
    )

    failures = failures_by_path(provider.check({}, bad).failures)

    assert "managed_instance.BlockDeviceMappings[0].Ebs.VolumeSiz" in failures
    assert "billing_mode" in failures and "region" in failures
    assert any(path.startswith("tags") for path in failures)
    assert any(path.startswith("timeouts") for path in failures)
    assert all("\n" not in reason for reason in failures.values())
    assert aws_env.calls() == []


def test_check_accepts_valid_inputs_and_returns_them_without_the_provider_key(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    result = provider.check({}, inputs(billing_mode="MONTHLY"))

    assert result.failures == []
    assert result.inputs["billing_mode"] == "MONTHLY"
    assert "__provider" not in result.inputs
    assert result.inputs["__identity"] == "organization/project/stack::web"


def test_check_rejects_the_reserved_tag_key(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    failures = failures_by_path(provider.check({}, inputs(tags={CLAIM_TAG_KEY: "x"})).failures)

    assert list(failures) == [f"tags.{CLAIM_TAG_KEY}"]


def test_check_without_any_region_says_how_to_set_one(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_REGION")
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    clients.set_configured_region(None)

    [(path, reason)] = failures_by_path(provider.check({}, inputs()).failures).items()

    assert path == "region" and "aws:region" in reason


def test_unknown_values_never_crash_check_or_diff(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    preview = inputs(
        managed_instance={"ImageId": Unknown(), "InstanceType": INSTANCE_TYPE, "SubnetId": Unknown()},
        tags={"team": Unknown()},
        region=Unknown(),
        billing_mode=Unknown(),
        timeouts=Unknown(),
    )

    assert provider.check({}, preview).failures == []
    diff = provider.diff("wsinst-abcdefgh12", OUTPUTS, preview)
    assert diff.changes is True
    assert set(diff.replaces or []) == {"managed_instance", "region", "billing_mode"}

    whole = inputs(managed_instance=Unknown(), tags=Unknown())
    assert provider.check({}, whole).failures == []
    assert "managed_instance" in (provider.diff("wsinst-abcdefgh12", OUTPUTS, whole).replaces or [])


def test_unknown_tags_alone_are_an_update(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    diff = provider.diff("wsinst-abcdefgh12", OUTPUTS, inputs(tags={"team": Unknown()}))

    assert diff.changes is True and diff.replaces == []


@pytest.mark.parametrize(
    "news",
    [
        pytest.param({}, id="same"),
        pytest.param(
            {"managed_instance": {"InstanceType": INSTANCE_TYPE, "ImageId": IMAGE_ID}}, id="key order"
        ),
        pytest.param(
            {
                "managed_instance": {
                    "ImageId": IMAGE_ID,
                    "InstanceType": INSTANCE_TYPE,
                    "BlockDeviceMappings": [],
                }
            },
            id="empty list",
        ),
        pytest.param(
            {"managed_instance": {"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE, "KeyName": None}},
            id="None member",
        ),
        pytest.param({"billing_mode": "HOURLY"}, id="billing default spelled out"),
        pytest.param({"region": "us-east-1"}, id="region spelled out"),
        pytest.param({"client_token": ""}, id="empty token"),
        pytest.param({"timeouts": {"create": "30m", "delete": "0.5h"}}, id="default timeouts"),
        pytest.param({"timeouts": {}}, id="empty timeouts"),
    ],
)
def test_equal_meaning_is_no_change(
    news: Props, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    assert provider.diff("wsinst-abcdefgh12", OUTPUTS, inputs(**news)).changes is False


@pytest.mark.parametrize(("tags_out", "tags_in"), [({}, None), (None, {}), ({}, {})])
def test_absent_and_empty_tags_are_the_same(
    tags_out: Any, tags_in: Any, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    diff = provider.diff("wsinst-abcdefgh12", {**OUTPUTS, "tags": tags_out}, inputs(tags=tags_in))

    assert diff.changes is False


@pytest.mark.parametrize(
    ("news", "replaces"),
    [
        ({"managed_instance": {"ImageId": IMAGE_ID, "InstanceType": "t3.large"}}, ["managed_instance"]),
        ({"billing_mode": "MONTHLY"}, ["billing_mode"]),
        ({"region": "eu-west-1"}, ["region"]),
        ({"client_token": "new-token"}, ["client_token"]),
        ({"tags": {"team": "ops"}}, []),
        ({"timeouts": {"create": "1h"}}, []),
    ],
)
def test_what_replaces_and_what_updates(
    news: Props, replaces: list[str], provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    diff = provider.diff("wsinst-abcdefgh12", OUTPUTS, inputs(**news))

    assert diff.changes is True
    assert diff.replaces == replaces
    if not replaces:
        assert diff.delete_before_replace is None


TOKENS = {"HttpTokens": "required"}


def _with_type(instance_type: str) -> Props:
    return {"ImageId": IMAGE_ID, "InstanceType": instance_type}


@pytest.mark.parametrize(
    ("news", "detailed"),
    [
        pytest.param({"tags": {"team": "ops"}}, [(("tags", "team"), Kind.UPDATE, False)], id="tag edit"),
        pytest.param(
            {"tags": {"team": "desk", "cost": "7"}}, [(("tags", "cost"), Kind.ADD, False)], id="tag added"
        ),
        pytest.param({"tags": {}}, [(("tags",), Kind.DELETE, False)], id="tags removed"),
        pytest.param(
            {"managed_instance": _with_type("t3.large")},
            [(("managed_instance", "InstanceType"), Kind.UPDATE, True)],
            id="nested replace",
        ),
        pytest.param(
            {"managed_instance": {**_with_type(INSTANCE_TYPE), "MetadataOptions": TOKENS}},
            [(("managed_instance", "MetadataOptions"), Kind.ADD, True)],
            id="nested add",
        ),
        pytest.param({"billing_mode": "MONTHLY"}, [(("billing_mode",), Kind.UPDATE, True)], id="billing"),
        pytest.param({"timeouts": {"create": "1h"}}, [(("timeouts",), Kind.ADD, False)], id="timeouts whole"),
        pytest.param(
            {"tags": {"team": Unknown()}}, [(("tags", "team"), Kind.UPDATE, False)], id="unknown at preview"
        ),
    ],
)
def test_the_detailed_diff_names_each_changed_path_and_whether_it_replaces(
    news: Props,
    detailed: list[tuple[tuple[str, ...], Kind, bool]],
    provider: WorkspaceInstanceProvider,
    inputs: Callable[..., Props],
) -> None:
    diff = provider.detailed_diff("wsinst-abcdefgh12", OUTPUTS, inputs(**news))

    assert [(change.path, change.kind, change.replaces) for change in diff.detailed] == detailed
    assert diff.replaces == sorted({change.top for change in diff.detailed if change.replaces})


def test_a_nested_change_inside_a_list_is_named_by_its_index(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    volume = {"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 80}}
    olds = {**OUTPUTS, "managed_instance": {**_with_type(INSTANCE_TYPE), "BlockDeviceMappings": [volume]}}
    grown = {**volume, "Ebs": {"VolumeSize": 100}}
    news = inputs(managed_instance={**_with_type(INSTANCE_TYPE), "BlockDeviceMappings": [grown]})

    [change] = provider.detailed_diff("wsinst-abcdefgh12", olds, news).detailed

    assert change.path == ("managed_instance", "BlockDeviceMappings", 0, "Ebs", "VolumeSize")
    assert (change.kind, change.replaces) == (Kind.UPDATE, True)


def _with(**managed: Any) -> Props:
    return {"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE, **managed}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            _with(PrivateIpAddress="10.0.0.5"),
            _with(PrivateIpAddress="10.0.0.5", InstanceType="t3.large"),
            True,
        ),
        (
            _with(NetworkInterfaces=[{"DeviceIndex": 0, "NetworkInterfaceId": "eni-1"}]),
            _with(NetworkInterfaces=[{"DeviceIndex": 0, "NetworkInterfaceId": "eni-1"}], KeyName="k"),
            True,
        ),
        (
            _with(Ipv6Addresses=[{"Ipv6Address": "2001:db8::1"}]),
            _with(Ipv6Addresses=[{"Ipv6Address": "2001:db8::1"}], KeyName="k"),
            True,
        ),
        (_with(PrivateIpAddress="10.0.0.5"), _with(PrivateIpAddress="10.0.0.6"), False),
        (_with(), _with(InstanceType="t3.large"), False),
    ],
    ids=["same private ip", "same network interface", "same ipv6", "another ip", "nothing pinned"],
)
def test_delete_before_replace_when_the_new_instance_needs_what_the_old_one_holds(
    old: Props, new: Props, expected: bool, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    diff = provider.diff(
        "wsinst-abcdefgh12", {**OUTPUTS, "managed_instance": old}, inputs(managed_instance=new)
    )

    assert diff.replaces == ["managed_instance"]
    assert diff.delete_before_replace is expected


def test_an_unknown_pinned_address_is_deleted_before_replacing(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    old = {**OUTPUTS, "managed_instance": _with(PrivateIpAddress="10.0.0.5")}

    diff = provider.diff("wsinst-abcdefgh12", old, inputs(managed_instance=_with(PrivateIpAddress=Unknown())))

    assert diff.delete_before_replace is True


@pytest.mark.parametrize(
    "unknown_part",
    [
        {"NetworkInterfaces": Unknown()},
        {"Ipv6Addresses": Unknown()},
        {"NetworkInterfaces": [{"DeviceIndex": 0, "PrivateIpAddresses": Unknown()}]},
        {"NetworkInterfaces": [Unknown()]},
    ],
    ids=["interfaces", "ipv6 list", "nested address list", "interface element"],
)
def test_an_unknown_list_that_may_pin_an_address_is_deleted_before_replacing(
    unknown_part: Props, provider: WorkspaceInstanceProvider, inputs: Callable[..., Props]
) -> None:
    old = {**OUTPUTS, "managed_instance": _with(PrivateIpAddress="10.0.0.5")}
    new = {"ImageId": IMAGE_ID, "InstanceType": INSTANCE_TYPE, **unknown_part}

    diff = provider.diff("wsinst-abcdefgh12", old, inputs(managed_instance=new))

    assert diff.replaces == ["managed_instance"]
    assert diff.delete_before_replace is True


def test_check_refuses_a_default_region_that_does_not_exist(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-est-1")

    [(path, reason)] = failures_by_path(provider.check({}, inputs()).failures).items()

    assert path == "region" and "'us-est-1'" in reason and "aws:region" in reason


def test_a_missing_aws_profile_is_a_check_failure_and_diff_survives_it(
    provider: WorkspaceInstanceProvider, inputs: Callable[..., Props], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_PROFILE", "no-such-profile")
    clients.set_configured_region(None)

    [(path, reason)] = failures_by_path(provider.check({}, inputs()).failures).items()
    provider.diff("wsinst-abcdefgh12", OUTPUTS, inputs())  # the engine may still ask: no crash

    assert path == "region" and "no-such-profile" in reason
