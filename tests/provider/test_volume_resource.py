"""Volume and VolumeAttachment classes and what reaches state: type tokens, pickles, secrets, options."""

from __future__ import annotations

import asyncio
import base64
import pickle
from typing import Any

import pulumi
import pytest
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import mocks

from pulumi_workspaces_instances.provider import WorkspaceInstance
from pulumi_workspaces_instances.provider.attachment_provider import VolumeAttachmentProvider
from pulumi_workspaces_instances.provider.aws import ec2
from pulumi_workspaces_instances.provider.volume import Volume, VolumeAttachment
from pulumi_workspaces_instances.provider.volume_provider import VolumeProvider
from pulumi_workspaces_instances.provider.volumes import state as vs

PROVIDER_SIZE_LIMIT = 1024


@pytest.mark.parametrize(
    ("resource", "token"),
    [
        (Volume, "pulumi-python:dynamic/workspacesinstances:Volume"),
        (VolumeAttachment, "pulumi-python:dynamic/workspacesinstances:VolumeAttachment"),
    ],
)
def test_type_tokens(resource: Any, token: str) -> None:
    assert f"pulumi-python:{resource._resource_type_name}" == token


@pytest.mark.parametrize(
    ("provider", "module"),
    [
        (VolumeProvider, b"provider.volume_provider"),
        (VolumeAttachmentProvider, b"provider.attachment_provider"),
    ],
)
def test_providers_pickle_by_reference_small_and_without_clients(
    provider: Any, module: bytes, aws_env: object
) -> None:
    instance = provider()
    ec2.client_for("us-east-1")  # a used process has clients; none may reach the pickle

    serialized = serialize_provider(instance)
    raw = base64.b64decode(serialized)

    assert len(serialized) < PROVIDER_SIZE_LIMIT
    assert module in raw and provider.__name__.encode() in raw
    assert b"co_code" not in raw and b"boto" not in raw, "no code objects, no clients"
    assert isinstance(pickle.loads(raw), provider)
    assert vars(instance) == {}
    assert provider.serialize_as_secret_always is False


def test_the_secret_inputs_are_the_models_sensitive_members() -> None:
    assert vs.secret_inputs() == ("kms_key_id", "client_token")


@pytest.mark.parametrize(
    ("resource", "names"), [(Volume, vs.VOLUME_OUTPUTS), (VolumeAttachment, vs.ATTACHMENT_OUTPUTS)]
)
def test_every_output_is_a_typed_attribute(resource: Any, names: tuple[str, ...]) -> None:
    hints = resource.__annotations__  # postponed annotations: the source text
    for name in names:
        assert str(hints[name]).startswith("pulumi.Output["), name


# --- under Pulumi's mocks: what the program registers ------------------------------------------


class EchoMocks(mocks.Mocks):
    """Every resource's outputs are its inputs."""

    def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def mocked() -> None:
    """Pulumi's mocks in place of the engine (with an event loop, which they need)."""
    try:
        asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        asyncio.set_event_loop(asyncio.new_event_loop())
    pulumi.runtime.set_mocks(EchoMocks(), preview=False)


def registered(
    make: Any, secrets: tuple[str, ...] = ()
) -> tuple[pulumi.ResourceTransformationArgs, set[str]]:
    """What ``make(opts)`` registers, as its transformation sees it, and which of ``secrets`` are secret."""
    seen: list[pulumi.ResourceTransformationArgs] = []
    secret: set[str] = set()

    def capture(args: pulumi.ResourceTransformationArgs) -> None:
        seen.append(args)

    async def program() -> None:
        make(pulumi.ResourceOptions(transformations=[capture]))
        for name in secrets:
            if await pulumi.Output.from_input(seen[0].props[name]).is_secret():
                secret.add(name)

    # Runs the program and waits for every registration it started.
    pulumi.runtime.test(program)()
    assert len(seen) == 1
    return seen[0], secret


@pytest.mark.usefixtures("mocked")
def test_kms_key_and_client_token_are_secret() -> None:
    args, secret = registered(
        lambda opts: Volume(
            "data",
            availability_zone="us-east-1a",
            size_in_gb=10,
            kms_key_id="alias/k",
            client_token="t",
            opts=opts,
        ),
        secrets=("kms_key_id", "client_token", "availability_zone"),
    )

    assert args.opts.additional_secret_outputs == ["kms_key_id", "client_token"]
    assert secret == {"kms_key_id", "client_token"}
    assert args.props["availability_zone"] == "us-east-1a"
    assert str(args.props["__identity"]).endswith("::data")


@pytest.mark.usefixtures("mocked")
def test_volumes_replace_delete_first_unless_told_otherwise() -> None:
    default, _ = registered(lambda opts: Volume("a", availability_zone="us-east-1a", size_in_gb=1, opts=opts))
    chosen, _ = registered(
        lambda opts: Volume(
            "b",
            availability_zone="us-east-1a",
            size_in_gb=1,
            opts=pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(delete_before_replace=False)),
        )
    )

    assert default.opts.delete_before_replace is True
    assert chosen.opts.delete_before_replace is False


@pytest.mark.usefixtures("mocked")
def test_a_volume_waits_on_its_own_saved_seed() -> None:
    args, _ = registered(lambda opts: Volume("data", availability_zone="us-east-1a", size_in_gb=1, opts=opts))

    assert isinstance(args.props["__seed"], pulumi.Output)


@pytest.mark.usefixtures("mocked")
def test_an_attachment_takes_the_ids_it_is_given() -> None:
    args, _ = registered(
        lambda opts: VolumeAttachment(
            "disk",
            workspace_instance_id="wsinst-0a1b2c3d4e",
            volume_id="vol-0a1b",
            device="/dev/sdf",
            opts=opts,
        )
    )

    assert args.props["workspace_instance_id"] == "wsinst-0a1b2c3d4e"
    assert args.props["device"] == "/dev/sdf"
    assert "ec2_instance_id" in args.props and "state" in args.props


@pytest.mark.usefixtures("mocked")
def test_a_volume_and_an_instance_may_share_a_name() -> None:
    names: list[tuple[str, str]] = []

    class Recording(EchoMocks):
        def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
            names.append((args.typ, args.name))
            return super().new_resource(args)

    pulumi.runtime.set_mocks(Recording(), preview=False)

    async def program() -> None:
        WorkspaceInstance("data", managed_instance={"ImageId": "ami-0a1b2c3d", "InstanceType": "t3.large"})
        Volume("data", availability_zone="us-east-1a", size_in_gb=1)

    pulumi.runtime.test(program)()

    seeds = sorted(name for typ, name in names if typ.endswith(":InstanceSeed"))
    assert seeds == ["data-seed", "data-volume-seed"]
