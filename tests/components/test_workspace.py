"""The ``Workspace`` component under Pulumi mocks: its child, options, outputs, secrets and check."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pulumi
import pytest
from google.protobuf import json_format
from pulumi.runtime.rpc import _special_secret_sig, _special_sig_key

from pulumi_workspaces_instances.components import (
    BlockDeviceArgs,
    CpuOptionsArgs,
    EbsArgs,
    InstanceMarketOptionsArgs,
    InstanceTypeCheckError,
    InvalidArgumentError,
    Ipv6AddressArgs,
    PlacementArgs,
    RootVolumeArgs,
    SpotOptionsArgs,
    TagSpecificationArgs,
    TenancyError,
    UnknownArgumentError,
    UnknownInstanceTypeError,
    UnsupportedInstanceTypeError,
    Workspace,
    WorkspaceArgs,
    use_instance_type_lookup,
)
from pulumi_workspaces_instances.components.instance_type_check import MAX_SUGGESTED_TYPES, data_source_lookup
from pulumi_workspaces_instances.components.workspace import TYPE_TOKEN
from pulumi_workspaces_instances.provider.data_sources.instance_types import (
    InstanceTypesLookupError,
    InvalidInstanceTypeFilterError,
)
from pulumi_workspaces_instances.provider.instances.state import EC2_VIEW_OUTPUTS
from tests.components.conftest import (
    FAKE_EC2_ID,
    FAKE_INSTANCE_ID,
    FAKE_PRIVATE_IP,
    FAKE_STATE,
    FAKE_ZONE,
    INSTANCE_TYPE,
    ProgramRunner,
    Run,
)

IMAGE = "ami-0a1b2c3d4e5f60001"
USER_DATA = "PHBvd2Vyc2hlbGw+V3JpdGUtSG9zdCBoaTwvcG93ZXJzaGVsbD4="
SUPPORTED = [f"m5.{size}" for size in ("large", "xlarge", "2xlarge")] + [
    f"t3.{s}" for s in ("medium", "large")
]


#: Types the fake region offers without supporting the checked combination.
OFFERED_ELSEWHERE = ["g5.xlarge", "x9.huge", "c5.large"]


class FakeLookup:
    """Stands in for ListInstanceTypes; records what it was asked.

    ``names`` support the combination asked about; the region offers those and ``others``.
    """

    def __init__(
        self,
        names: Sequence[str] = SUPPORTED,
        error: Exception | None = None,
        others: Sequence[str] = OFFERED_ELSEWHERE,
    ) -> None:
        self.names = list(names)
        self.others = list(others)
        self.error = error
        self.calls: list[dict[str, Any]] = []

    def __call__(
        self,
        *,
        billing_mode: str | None,
        platform_type: str | None,
        tenancy: str | None,
        region: str | None,
    ) -> Sequence[str]:
        self.calls.append(
            {
                "billing_mode": billing_mode,
                "platform_type": platform_type,
                "tenancy": tenancy,
                "region": region,
            }
        )
        if self.error is not None:
            raise self.error
        if billing_mode is platform_type is tenancy is None:
            return self.names + self.others
        return self.names


def _is_secret(value: Any) -> bool:
    return isinstance(value, dict) and value.get(_special_sig_key) == _special_secret_sig


def plain(value: Any) -> Any:
    """Wire-form properties with secrets replaced by their values."""
    if _is_secret(value):
        return plain(value["value"])
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def secret_paths(value: Any, path: str = "") -> list[str]:
    """Where the wire-form properties hold secrets."""
    if _is_secret(value):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in secret_paths(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in secret_paths(v, f"{path}[{i}]")]
    return []


def child_inputs(run: Run) -> dict[str, Any]:
    """The WorkspaceInstance's inputs in wire form (``__provider`` dropped)."""
    raw = json_format.MessageToDict(run.child().object)
    raw.pop("__provider", None)
    return raw


def workspace(
    lookup: FakeLookup | None = None, opts: pulumi.ResourceOptions | None = None, **overrides: Any
) -> Workspace:
    settings: dict[str, Any] = {"image_id": IMAGE, "instance_type": "m5.large", **overrides}
    with use_instance_type_lookup(lookup or FakeLookup()):
        return Workspace("desk", WorkspaceArgs(**settings), opts)


def outputs_of(ws: Workspace) -> dict[str, Any]:
    return {
        "workspace_instance_id": ws.workspace_instance_id,
        "ec2_instance_id": ws.ec2_instance_id,
        "provision_state": ws.provision_state,
        "billing_mode": ws.billing_mode,
        "managed_instance": ws.managed_instance,
        "private_ip": ws.private_ip,
        "public_ip": ws.public_ip,
        "availability_zone": ws.availability_zone,
        "ec2_instance": ws.ec2_instance,
    }


def test_creates_one_workspace_instance_with_the_mapped_request(run_program: ProgramRunner) -> None:
    run = run_program(
        lambda: outputs_of(
            workspace(
                billing_mode="MONTHLY",
                tags={"team": "desktops"},
                region="eu-west-1",
                client_token="token-1",
                timeouts={"create": "20m"},
                subnet_id="subnet-0abc",
            )
        )
    )
    component = run.registration(TYPE_TOKEN)
    child = run.child()
    assert child.name == "desk"
    assert child.parent == run.urn_of(component)
    inputs = plain(child_inputs(run))
    assert inputs["managed_instance"] == {
        "ImageId": IMAGE,
        "InstanceType": "m5.large",
        "SubnetId": "subnet-0abc",
        "MetadataOptions": {"HttpTokens": "required"},
        "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"Encrypted": True}}],
    }
    assert inputs["billing_mode"] == "MONTHLY"
    assert inputs["tags"] == {"team": "desktops"}
    assert inputs["region"] == "eu-west-1"
    assert inputs["client_token"] == "token-1"
    assert inputs["timeouts"] == {"create": "20m"}


def test_adopt_id_reaches_the_child(run_program: ProgramRunner) -> None:
    run = run_program(lambda: outputs_of(workspace(adopt_id="wsinst-0a1b2c3d4e", adopt_claimed=True)))

    inputs = plain(child_inputs(run))

    assert (inputs["adopt_id"], inputs["adopt_claimed"]) == ("wsinst-0a1b2c3d4e", True)


def test_component_outputs_come_from_the_child(run_program: ProgramRunner) -> None:
    run = run_program(lambda: outputs_of(workspace(billing_mode="MONTHLY")))
    values = {key: resolved.value for key, resolved in run.outputs.items()}
    assert values["workspace_instance_id"] == FAKE_INSTANCE_ID
    assert values["ec2_instance_id"] == FAKE_EC2_ID
    assert values["provision_state"] == FAKE_STATE
    assert values["billing_mode"] == "MONTHLY"
    assert values["managed_instance"]["InstanceType"] == "m5.large"

    # The EC2 view, typed, for exports and for placing volumes in the instance's zone.
    assert (values["private_ip"], values["availability_zone"]) == (FAKE_PRIVATE_IP, FAKE_ZONE)
    assert values["public_ip"] is None
    assert values["ec2_instance"]["state"] == "running"

    registered = run.monitor.registered_outputs[run.urn_of(run.registration(TYPE_TOKEN))]
    assert set(registered) == {
        "workspace_instance_id",
        "ec2_instance_id",
        "provision_state",
        "billing_mode",
        "managed_instance",
        "private_ip",
        "availability_zone",
        "ec2_instance",
    }, "public_ip is None here, and a None output is not registered"
    assert registered["workspace_instance_id"] == FAKE_INSTANCE_ID
    assert registered["availability_zone"] == FAKE_ZONE


def test_the_private_address_output_is_secret_exactly_when_one_is_declared(
    run_program: ProgramRunner,
) -> None:
    declared = run_program(lambda: outputs_of(workspace(private_ip_address="10.0.0.5")))
    chosen = run_program(lambda: outputs_of(workspace()))

    # The model marks PrivateIpAddress sensitive: EC2's answer is the same address. (The engine
    # applies additionalSecretOutputs; the mocks do not.)
    assert list(declared.child().additionalSecretOutputs) == ["client_token", "private_ip"]
    assert list(chosen.child().additionalSecretOutputs) == ["client_token"]


def test_user_data_is_secret_in_child_inputs_and_outputs(run_program: ProgramRunner) -> None:
    run = run_program(
        lambda: outputs_of(
            workspace(
                user_data=USER_DATA,
                extra_volumes=[BlockDeviceArgs(device_name="/dev/xvdf", ebs=EbsArgs(kms_key_id="alias/k"))],
            )
        )
    )
    managed_in = child_inputs(run)["managed_instance"]
    assert sorted(secret_paths(managed_in)) == ["BlockDeviceMappings[1].Ebs.KmsKeyId", "UserData"]
    assert plain(managed_in)["UserData"] == USER_DATA

    # Registered stack output: only the sensitive members are secret, the rest stays readable.
    registered = run.monitor.registered_outputs[run.urn_of(run.registration(TYPE_TOKEN))]
    assert sorted(secret_paths(registered["managed_instance"])) == [
        "BlockDeviceMappings[1].Ebs.KmsKeyId",
        "UserData",
    ]
    assert registered["managed_instance"]["InstanceType"] == "m5.large"

    # The Python attribute is one Output, so it is secret as a whole.
    managed_out = run.outputs["managed_instance"]
    assert managed_out.secret
    assert managed_out.value["UserData"] == USER_DATA


def test_without_sensitive_members_the_output_is_not_secret(run_program: ProgramRunner) -> None:
    run = run_program(lambda: outputs_of(workspace()))
    assert not run.outputs["managed_instance"].secret
    assert secret_paths(child_inputs(run)["managed_instance"]) == []


def test_resource_options_flow_to_the_child(run_program: ProgramRunner) -> None:
    def program() -> dict[str, Any]:
        other = pulumi.CustomResource("test:index:Network", "net", {})
        ws = workspace(
            opts=pulumi.ResourceOptions(
                protect=True,
                retain_on_delete=True,
                depends_on=[other],
                aliases=[pulumi.Alias(name="old-desk")],
            )
        )
        return {"id": ws.workspace_instance_id, "other": other.urn}

    run = run_program(program)
    component = run.registration(TYPE_TOKEN)
    child = run.child()
    network_urn = run.outputs["other"].value
    assert component.protect and child.protect
    assert child.retainOnDelete
    assert network_urn in child.dependencies
    assert [alias.spec.name for alias in component.aliases] == ["old-desk"]
    # The engine derives the child's aliases from its parent's; the parent link is what carries them.
    assert child.parent == run.urn_of(component)


def test_providers_reach_the_child_through_the_parent(run_program: ProgramRunner) -> None:
    def program() -> dict[str, Any]:
        provider = pulumi.ProviderResource("pulumi-python", "dyn", {})
        ws = workspace(opts=pulumi.ResourceOptions(providers=[provider]))
        return {"id": ws.workspace_instance_id, "provider": provider.urn}

    run = run_program(program)
    child = run.child()
    assert child.provider.startswith(run.outputs["provider"].value + "::")


def test_unsupported_instance_type_fails_preview_naming_alternatives(run_program: ProgramRunner) -> None:
    many = [f"c{n}.large" for n in range(15)]
    lookup = FakeLookup(names=many, others=["m5.large"])
    with pytest.raises(UnsupportedInstanceTypeError) as raised:
        run_program(lambda: outputs_of(workspace(lookup, billing_mode="MONTHLY")), preview=True)
    message = str(raised.value)
    assert message.startswith(
        "Workspace 'desk': instance_type: 'm5.large' does not support billing_mode=MONTHLY"
    )
    assert "platform_type=Windows, tenancy=SHARED" in message
    named = message.split("use one of: ")[1].split(" (and")[0].split(", ")
    assert named == sorted(many)[:MAX_SUGGESTED_TYPES]
    assert "(and 5 more)" in message
    assert "validate_instance_type=False" in message


def test_no_supported_type_at_all_says_so(run_program: ProgramRunner) -> None:
    lookup = FakeLookup(names=[], others=["m5.large"])
    with pytest.raises(UnsupportedInstanceTypeError, match="no instance type supports that combination"):
        run_program(lambda: outputs_of(workspace(lookup)), preview=True)


def test_supported_instance_type_passes_and_asks_the_right_question(run_program: ProgramRunner) -> None:
    lookup = FakeLookup()
    run = run_program(
        lambda: outputs_of(
            workspace(
                lookup,
                platform_type="Windows BYOL",
                region="us-west-2",
                placement=PlacementArgs(tenancy="host"),
            )
        ),
        preview=True,
    )
    # No billing mode: the service bills HOURLY, so that is what is checked. host checks as DEDICATED.
    assert lookup.calls == [
        {
            "billing_mode": "HOURLY",
            "platform_type": "Windows BYOL",
            "tenancy": "DEDICATED",
            "region": "us-west-2",
        }
    ]
    assert plain(child_inputs(run))["managed_instance"]["InstanceType"] == "m5.large"


def test_check_uses_what_is_sent_after_overrides(run_program: ProgramRunner) -> None:
    lookup = FakeLookup()
    with pytest.raises(UnsupportedInstanceTypeError, match=r"'x9\.huge'"):
        run_program(
            lambda: outputs_of(
                workspace(lookup, tenancy="DEDICATED", managed_instance_overrides={"InstanceType": "x9.huge"})
            ),
            preview=True,
        )
    assert lookup.calls[0]["tenancy"] == "DEDICATED"


def test_check_runs_only_during_preview(run_program: ProgramRunner) -> None:
    lookup = FakeLookup(names=[])
    run = run_program(lambda: outputs_of(workspace(lookup)), preview=False)
    assert lookup.calls == []
    assert run.outputs["workspace_instance_id"].value == FAKE_INSTANCE_ID


def test_check_can_be_turned_off(run_program: ProgramRunner) -> None:
    lookup = FakeLookup(names=[])
    run_program(lambda: outputs_of(workspace(lookup, validate_instance_type=False)), preview=True)
    assert lookup.calls == []


def _unknown() -> pulumi.Output[str]:
    """An Output whose value is not known yet, like another resource's new ID during preview."""
    loop = asyncio.get_event_loop()
    value: asyncio.Future[str] = loop.create_future()
    value.set_result("")
    known: asyncio.Future[bool] = loop.create_future()
    known.set_result(False)
    return pulumi.Output(set(), value, known)


def test_check_is_skipped_when_the_type_is_unknown_at_preview(run_program: ProgramRunner) -> None:
    lookup = FakeLookup(names=[])
    run = run_program(lambda: outputs_of(workspace(lookup, instance_type=_unknown())), preview=True)
    assert lookup.calls == []
    assert run.outputs["managed_instance"].known is False


def test_check_is_skipped_when_the_billing_mode_is_unknown_at_preview(run_program: ProgramRunner) -> None:
    lookup = FakeLookup(names=[])
    run = run_program(lambda: outputs_of(workspace(lookup, billing_mode=_unknown())), preview=True)
    assert lookup.calls == []
    # The instance type itself stays known in the child's preview.
    assert plain(child_inputs(run))["managed_instance"]["InstanceType"] == "m5.large"


def test_outputs_as_inputs_reach_the_child(run_program: ProgramRunner) -> None:
    lookup = FakeLookup()
    run = run_program(
        lambda: outputs_of(
            workspace(
                lookup,
                instance_type=pulumi.Output.from_input("t3.large"),
                security_group_ids=pulumi.Output.from_input(["sg-1", "sg-2"]),
                billing_mode=pulumi.Output.from_input("MONTHLY"),
            )
        ),
        preview=True,
    )
    managed = plain(child_inputs(run))["managed_instance"]
    assert managed["InstanceType"] == "t3.large"
    assert managed["SecurityGroupIds"] == ["sg-1", "sg-2"]
    assert lookup.calls[0]["billing_mode"] == "MONTHLY"


def test_unsupported_instance_type_from_an_output_fails_preview(run_program: ProgramRunner) -> None:
    lookup = FakeLookup()
    with pytest.raises(UnsupportedInstanceTypeError, match=r"instance_type: 'x9\.huge' does not support"):
        run_program(
            lambda: outputs_of(workspace(lookup, instance_type=pulumi.Output.from_input("x9.huge"))),
            preview=True,
        )
    # The combination, then every type of the region (to tell a typo from an unsupported type).
    assert [call["billing_mode"] for call in lookup.calls] == ["HOURLY", None]


def test_a_transient_lookup_failure_only_warns(
    run_program: ProgramRunner, caplog: pytest.LogCaptureFixture
) -> None:
    throttled = InstanceTypesLookupError(
        "ListInstanceTypes failed: ThrottlingException: Rate exceeded", transient=True
    )
    with caplog.at_level(logging.WARNING):
        run = run_program(lambda: outputs_of(workspace(FakeLookup(error=throttled))), preview=True)
    assert run.outputs["workspace_instance_id"].value == FAKE_INSTANCE_ID
    assert any(
        "instance_type: could not check 'm5.large'" in r.getMessage() and "Rate exceeded" in r.getMessage()
        for r in caplog.records
    )


def test_invalid_filter_value_fails_with_the_data_sources_message(run_program: ProgramRunner) -> None:
    error = InvalidInstanceTypeFilterError("platform_type", "Windoze", ["Windows", "Linux/UNIX"])
    with pytest.raises(InstanceTypeCheckError, match="platform_type: 'Windoze' is not valid"):
        run_program(
            lambda: outputs_of(workspace(FakeLookup(error=error), platform_type="Windoze")), preview=True
        )


def test_contradicting_tenancy_fails_at_construction(run_program: ProgramRunner) -> None:
    with pytest.raises(TenancyError, match=r"contradicts placement\.tenancy"):
        run_program(
            lambda: outputs_of(workspace(tenancy="SHARED", placement=PlacementArgs(tenancy="dedicated")))
        )


def test_default_lookup_asks_the_data_source(aws_env: Any) -> None:
    names = data_source_lookup(
        billing_mode="MONTHLY", platform_type="Windows", tenancy="SHARED", region="us-east-1"
    )
    assert "t3.medium" in names
    assert not any(name.startswith(("g5.", "t3a.")) for name in names)  # no MONTHLY offers in the emulator


def test_preview_against_the_emulator_rejects_a_type_without_monthly_billing(
    aws_env: Any, run_program: ProgramRunner
) -> None:
    def program() -> dict[str, Any]:
        ws = Workspace(
            "gpu",
            WorkspaceArgs(
                image_id=IMAGE, instance_type="g5.xlarge", billing_mode="MONTHLY", region="us-east-1"
            ),
        )
        return outputs_of(ws)

    with pytest.raises(
        UnsupportedInstanceTypeError, match=r"'g5\.xlarge' does not support billing_mode=MONTHLY"
    ):
        run_program(program, preview=True)


def test_overrides_the_model_does_not_know_travel_as_extras(run_program: ProgramRunner) -> None:
    overrides = {
        "CpuOptions": {"CoreCount": 4, "ThreadsPerCore": 1, "NewMember": "enabled"},
        "BrandNewField": {"On": True},
    }

    run = run_program(lambda: outputs_of(workspace(managed_instance_overrides=overrides)))

    inputs = plain(child_inputs(run))
    assert inputs["managed_instance"]["CpuOptions"] == {"CoreCount": 4, "ThreadsPerCore": 1}
    assert "BrandNewField" not in inputs["managed_instance"]
    assert inputs["managed_instance_extras"] == {
        "CpuOptions": {"NewMember": "enabled"},
        "BrandNewField": {"On": True},
    }
    assert run.outputs["managed_instance"].value["CpuOptions"] == {
        "CoreCount": 4,
        "ThreadsPerCore": 1,
        "NewMember": "enabled",
    }


# --- the forms of the arguments, and what the child receives ----------------------------------------

#: What 0.2.0's component registered for RICH_ARGS (captured before the argument forms, the
#: argument check and the shared secret marking existed): a stack made by it must see no change.
REGISTRATION_0_2_0 = json.loads((Path(__file__).parent / "fixtures" / "registration-0.2.0.json").read_text())
#: The child inputs the component decides (the resource may add hidden inputs of its own).
COMPONENT_SET_INPUTS = sorted(REGISTRATION_0_2_0["child_inputs"])


def rich_args() -> WorkspaceArgs:
    """Arguments touching every path of the mapping: nesting, lists, secrets, tenancy, overrides."""
    return WorkspaceArgs(
        image_id=IMAGE,
        instance_type="m5.large",
        billing_mode="MONTHLY",
        subnet_id="subnet-0abc",
        security_group_ids=["sg-1"],
        user_data="dXNlcg==",
        root_volume=RootVolumeArgs(volume_size=100, volume_type="gp3", kms_key_id="alias/root"),
        extra_volumes=[
            BlockDeviceArgs(device_name="/dev/xvdf", ebs=EbsArgs(volume_size=10, kms_key_id="alias/k"))
        ],
        cpu_options=CpuOptionsArgs(core_count=2, threads_per_core=1),
        tenancy="DEDICATED",
        tag_specifications=[TagSpecificationArgs(resource_type="volume", tags={"a": "b"})],
        instance_market_options=InstanceMarketOptionsArgs(
            market_type="spot",
            spot_options=SpotOptionsArgs(
                valid_until_utc=datetime(2031, 1, 1, tzinfo=UTC),
                spot_instance_type="persistent",
                instance_interruption_behavior="stop",
            ),
        ),
        ipv6_addresses=[Ipv6AddressArgs(ipv6_address="2001:db8::1")],
        tags={"team": "desk"},
        region="eu-west-1",
        client_token="tok",
        timeouts={"create": "20m"},
        managed_instance_overrides={"CpuOptions": {"NewMember": "x"}, "Monitoring": {"Enabled": True}},
    )


def rich_dict() -> dict[str, Any]:
    """``rich_args()`` written as the dict form (every nested structure a dict too)."""
    return {
        "image_id": IMAGE,
        "instance_type": "m5.large",
        "billing_mode": "MONTHLY",
        "subnet_id": "subnet-0abc",
        "security_group_ids": ["sg-1"],
        "user_data": "dXNlcg==",
        "root_volume": {"volume_size": 100, "volume_type": "gp3", "kms_key_id": "alias/root"},
        "extra_volumes": [{"device_name": "/dev/xvdf", "ebs": {"volume_size": 10, "kms_key_id": "alias/k"}}],
        "cpu_options": {"core_count": 2, "threads_per_core": 1},
        "tenancy": "DEDICATED",
        "tag_specifications": [{"resource_type": "volume", "tags": {"a": "b"}}],
        "instance_market_options": {
            "market_type": "spot",
            "spot_options": {
                "valid_until_utc": datetime(2031, 1, 1, tzinfo=UTC),
                "spot_instance_type": "persistent",
                "instance_interruption_behavior": "stop",
            },
        },
        "ipv6_addresses": [{"ipv6_address": "2001:db8::1"}],
        "tags": {"team": "desk"},
        "region": "eu-west-1",
        "client_token": "tok",
        "timeouts": {"create": "20m"},
        "managed_instance_overrides": {"CpuOptions": {"NewMember": "x"}, "Monitoring": {"Enabled": True}},
    }


FORMS: dict[str, Callable[[], Workspace]] = {
    "WorkspaceArgs": lambda: Workspace("desk", rich_args()),
    "keyword arguments": lambda: Workspace("desk", **rich_dict()),
    # How pulumi.provider.experimental calls a served component: a plain dict as args.
    "dict": lambda: Workspace("desk", rich_dict()),  # type: ignore[call-overload]
}


@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_registers_exactly_what_0_2_0_registered(
    run_program: ProgramRunner, form: str, preview: bool
) -> None:
    def program() -> dict[str, Any]:
        with use_instance_type_lookup(FakeLookup()):
            return outputs_of(FORMS[form]())

    run = run_program(program, preview=preview)

    child = run.child()
    raw = child_inputs(run)
    assert child.name == REGISTRATION_0_2_0["name"]
    assert child.parent == REGISTRATION_0_2_0["parent"]
    assert {key: raw.get(key) for key in COMPONENT_SET_INPUTS} == REGISTRATION_0_2_0["child_inputs"]
    component = run.registration(TYPE_TOKEN)
    registered = run.monitor.registered_outputs[run.urn_of(component)]
    # Since 0.2.0 the component also has the EC2 view's outputs (unknown at preview, absent while
    # None); a component's outputs are never a diff.
    earlier = {key: value for key, value in registered.items() if key not in EC2_VIEW_OUTPUTS}
    assert earlier == REGISTRATION_0_2_0["component_outputs"]


def test_the_child_is_reachable_from_python_but_is_not_an_output(run_program: ProgramRunner) -> None:
    def program() -> dict[str, Any]:
        ws = workspace()
        return {"child": ws.workspace_instance.urn}

    run = run_program(program)
    assert run.outputs["child"].value == run.urn_of(run.child())
    assert "workspace_instance" not in Workspace.__annotations__


def test_keyword_and_args_forms_cannot_be_mixed(run_program: ProgramRunner) -> None:
    with pytest.raises(InvalidArgumentError, match=r"either a WorkspaceArgs or keyword arguments, not both"):
        run_program(
            lambda: outputs_of(
                Workspace("desk", WorkspaceArgs(image_id=IMAGE, instance_type="m5.large"), subnet_id="s")  # type: ignore[call-overload]
            )
        )


# --- errors in the user's terms ---------------------------------------------------------------------


def test_a_mistyped_keyword_suggests_the_argument_and_registers_nothing(run_program: ProgramRunner) -> None:
    with pytest.raises(UnknownArgumentError) as raised:
        run_program(lambda: outputs_of(Workspace("desk", image_idd=IMAGE, instance_type="m5.large")))  # type: ignore[call-overload]

    assert str(raised.value) == (
        "Workspace 'desk': unknown argument 'image_idd' of WorkspaceArgs; did you mean 'image_id'?"
    )
    assert isinstance(raised.value, TypeError)  # what Python raises for an unknown keyword
    assert_nothing_registered(run_program)


def test_a_mistyped_nested_key_is_named_by_its_path(run_program: ProgramRunner) -> None:
    with pytest.raises(UnknownArgumentError) as raised:
        run_program(
            lambda: outputs_of(
                Workspace("desk", image_id=IMAGE, instance_type="m5.large", root_volume={"volume_sise": 80})  # type: ignore[call-overload]
            )
        )
    assert str(raised.value) == (
        "Workspace 'desk': root_volume: unknown argument 'volume_sise' of RootVolumeArgs; "
        "did you mean 'volume_size'?"
    )


def test_argument_errors_name_the_argument_and_register_nothing(run_program: ProgramRunner) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        run_program(
            lambda: outputs_of(
                workspace(
                    billing_mode="MONTLY",
                    root_volume=RootVolumeArgs(volume_type="gp4"),
                    cpu_options=CpuOptionsArgs(core_count=2),
                )
            )
        )

    lines = str(raised.value).splitlines()
    assert lines == [
        "Workspace 'desk': root_volume.volume_type (ManagedInstance.BlockDeviceMappings[0].Ebs.VolumeType): "
        "invalid value 'gp4'; did you mean 'gp3'? (valid: standard, io1, io2, gp2, sc1, st1, gp3)",
        "cpu_options.threads_per_core (ManagedInstance.CpuOptions.ThreadsPerCore): "
        "required when CpuOptions.CoreCount is set; give both counts",
        "billing_mode: invalid value 'MONTLY'; did you mean 'MONTHLY'? (valid: MONTHLY, HOURLY)",
    ]
    assert_nothing_registered(run_program)


def assert_nothing_registered(run_program: ProgramRunner) -> None:
    """The failed run registered neither the component nor its child (while a valid one does)."""
    assert run_program.last_monitor is not None
    failed = [r.type for r in run_program.last_monitor.registrations]
    assert TYPE_TOKEN not in failed and INSTANCE_TYPE not in failed
    control = run_program(lambda: outputs_of(workspace()))
    assert {TYPE_TOKEN, INSTANCE_TYPE} <= {r.type for r in control.monitor.registrations}


def test_values_still_unknown_are_left_to_the_resources_check(run_program: ProgramRunner) -> None:
    # An Output is not judged here (its value is not there yet); the child gets it as is.
    run = run_program(
        lambda: outputs_of(workspace(root_volume=RootVolumeArgs(volume_type=pulumi.Output.from_input("gp4"))))
    )
    managed = plain(child_inputs(run))["managed_instance"]
    assert managed["BlockDeviceMappings"][0]["Ebs"]["VolumeType"] == "gp4"


def test_an_unknown_instance_type_suggests_the_closest(run_program: ProgramRunner) -> None:
    lookup = FakeLookup()
    with pytest.raises(UnknownInstanceTypeError) as raised:
        run_program(lambda: outputs_of(workspace(lookup, instance_type="m5.lagre")), preview=True)
    assert str(raised.value) == (
        "Workspace 'desk': instance_type: unknown instance type 'm5.lagre'; did you mean 'm5.large'? "
        "(or set validate_instance_type=False to skip this check)"
    )


def test_an_unknown_instance_type_without_a_close_one_points_to_the_data_source(
    run_program: ProgramRunner,
) -> None:
    with pytest.raises(
        UnknownInstanceTypeError, match=r"unknown instance type 'zz\.top' in eu-west-1; get_instance_types"
    ):
        run_program(lambda: outputs_of(workspace(instance_type="zz.top", region="eu-west-1")), preview=True)


def test_a_lookup_that_cannot_be_made_fails_preview(run_program: ProgramRunner) -> None:
    refused = InstanceTypesLookupError(
        "ListInstanceTypes failed: UnrecognizedClientException: The security token included in the "
        "request is invalid.",
        transient=False,
    )
    with pytest.raises(InstanceTypeCheckError) as raised:
        run_program(lambda: outputs_of(workspace(FakeLookup(error=refused))), preview=True)
    assert str(raised.value) == (
        "Workspace 'desk': instance_type: cannot check 'm5.large': ListInstanceTypes failed: "
        "UnrecognizedClientException: The security token included in the request is invalid. "
        "(or set validate_instance_type=False to skip this check)"
    )


def test_an_unreachable_endpoint_fails_preview_in_one_line(
    aws_env: Any, run_program: ProgramRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    endpoint = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("AWS_ENDPOINT_URL_WORKSPACES_INSTANCES", endpoint)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # a refused connection needs no retries to be told

    with pytest.raises(InstanceTypeCheckError) as raised:
        run_program(
            lambda: outputs_of(
                Workspace("desk", image_id=IMAGE, instance_type="m5.large", region="us-east-1")
            ),
            preview=True,
        )

    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(
        f"Workspace 'desk': instance_type: cannot check 'm5.large': ListInstanceTypes failed: "
        f"cannot reach the service at {endpoint}: "
    )
    assert message.endswith("(or set validate_instance_type=False to skip this check)")


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_override_members_botocore_does_not_model_warn_at_preview(
    run_program: ProgramRunner, caplog: pytest.LogCaptureFixture
) -> None:
    overrides = {"CpuOptions": {"CoreCont": 2}, "BrandNewField": {"On": True}}
    with caplog.at_level(logging.WARNING):
        run_program(lambda: outputs_of(workspace(managed_instance_overrides=overrides)), preview=True)

    warnings = [r.getMessage() for r in caplog.records if "managed_instance_overrides." in r.getMessage()]
    assert len(warnings) == 2
    assert warnings[0].startswith(
        "managed_instance_overrides.CpuOptions.CoreCont: not in the ManagedInstance model of the "
        "installed botocore"
    )
    assert warnings[0].endswith("; did you mean 'CoreCount'? As written it is sent to AWS unchecked")
    assert warnings[1].startswith(
        "managed_instance_overrides.BrandNewField: not in the ManagedInstance model"
    )
    assert "did you mean" not in warnings[1]


def test_override_warnings_are_not_repeated_by_the_update(
    run_program: ProgramRunner, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        run_program(lambda: outputs_of(workspace(managed_instance_overrides={"NewThing": 1})))
    assert not [r for r in caplog.records if "managed_instance_overrides." in r.getMessage()]
