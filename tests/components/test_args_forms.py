"""The argument forms: dataclasses, dicts and keywords become one ``WorkspaceArgs``; names are checked."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Sequence
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, get_args, get_origin

import pulumi
import pytest

from pulumi_workspaces_instances.components import (
    BlockDeviceArgs,
    EbsArgs,
    InvalidArgumentError,
    NetworkInterfaceArgs,
    PrivateIpAddressArgs,
    RootVolumeArgs,
    UnknownArgumentError,
    WorkspaceArgs,
    args_dicts,
)
from pulumi_workspaces_instances.components import args as args_module
from pulumi_workspaces_instances.components.args_base import unknown_arguments
from pulumi_workspaces_instances.components.args_forms import to_args, workspace_args

IMAGE = "ami-0a1b2c3d4e5f60001"
ARGS_CLASSES = [
    value for value in vars(args_module).values() if isinstance(value, type) and is_dataclass(value)
]


def test_a_dict_at_any_depth_becomes_the_dataclass() -> None:
    given = {
        "image_id": IMAGE,
        "instance_type": "m5.large",
        "root_volume": {"volume_size": 80},
        "extra_volumes": [{"device_name": "/dev/xvdf", "ebs": {"volume_type": "gp3"}}],
        "network_interfaces": [{"device_index": 0, "private_ip_addresses": [{"primary": True}]}],
    }

    assert workspace_args(given, {}) == WorkspaceArgs(
        image_id=IMAGE,
        instance_type="m5.large",
        root_volume=RootVolumeArgs(volume_size=80),
        extra_volumes=[BlockDeviceArgs(device_name="/dev/xvdf", ebs=EbsArgs(volume_type="gp3"))],
        network_interfaces=[
            NetworkInterfaceArgs(device_index=0, private_ip_addresses=[PrivateIpAddressArgs(primary=True)])
        ],
    )


def test_keywords_are_the_dict_form() -> None:
    keywords = {"image_id": IMAGE, "instance_type": "m5.large", "root_volume": {"volume_size": 80}}
    assert workspace_args(None, keywords) == workspace_args(keywords, {})


def test_args_without_dicts_come_back_as_the_same_object() -> None:
    given = WorkspaceArgs(
        image_id=IMAGE,
        instance_type="m5.large",
        extra_volumes=[BlockDeviceArgs(device_name="/dev/xvdf", ebs=EbsArgs())],
    )
    assert workspace_args(given, {}) is given


def test_dicts_inside_a_dataclass_are_converted_too() -> None:
    given = WorkspaceArgs(
        image_id=IMAGE,
        instance_type="m5.large",
        # What an untyped program may do:
        root_volume={"volume_size": 80},  # type: ignore[arg-type]
    )
    converted = workspace_args(given, {})
    assert converted.root_volume == RootVolumeArgs(volume_size=80)
    assert given.root_volume == {"volume_size": 80}  # the caller's object is left alone


def test_a_mistyped_constructor_keyword_suggests_the_field_where_the_args_are_used() -> None:
    # Made before the component exists, the args keep the typo until the component can say where.
    args = WorkspaceArgs(image_id=IMAGE, instance_type="m5.large", biling_mode="MONTHLY")  # type: ignore[call-arg]
    with pytest.raises(UnknownArgumentError) as raised:
        workspace_args(args, {})
    assert (
        str(raised.value) == "unknown argument 'biling_mode' of WorkspaceArgs; did you mean 'billing_mode'?"
    )
    assert isinstance(raised.value, TypeError)


def test_a_misspelt_required_keyword_is_reported_at_once() -> None:
    # Without image_id the args cannot be made at all: the typo is the reason, said right away.
    with pytest.raises(UnknownArgumentError) as raised:
        WorkspaceArgs(image_idd=IMAGE, instance_type="m5.large")  # type: ignore[call-arg]
    assert str(raised.value) == "unknown argument 'image_idd' of WorkspaceArgs; did you mean 'image_id'?"
    with pytest.raises(TypeError, match="image_id: missing; WorkspaceArgs requires it"):
        WorkspaceArgs(instance_type="m5.large")  # type: ignore[call-arg]


def test_a_mistyped_keyword_of_nested_args_is_named_by_its_path() -> None:
    args = WorkspaceArgs(image_id=IMAGE, instance_type="m5.large", root_volume=RootVolumeArgs(volum_size=3))  # type: ignore[call-arg]
    with pytest.raises(UnknownArgumentError) as raised:
        workspace_args(args, {})
    assert str(raised.value) == (
        "root_volume: unknown argument 'volum_size' of RootVolumeArgs; did you mean 'volume_size'?"
    )


def test_without_a_close_name_a_small_class_lists_its_fields() -> None:
    volume = BlockDeviceArgs(device_name="/dev/xvdf", ebs=EbsArgs(sizeGb=10))  # type: ignore[call-arg]
    args = WorkspaceArgs(image_id=IMAGE, instance_type="m5.large", extra_volumes=[volume])
    with pytest.raises(UnknownArgumentError) as raised:
        workspace_args(args, {})
    assert str(raised.value) == (
        "extra_volumes[0].ebs: unknown argument 'sizeGb' of EbsArgs "
        "(valid: volume_type, encrypted, kms_key_id, iops, throughput, volume_size)"
    )


def test_without_a_close_name_a_large_class_points_to_its_help() -> None:
    with pytest.raises(UnknownArgumentError, match=r"unknown argument 'zzz' of WorkspaceArgs \(see help"):
        workspace_args(None, {"image_id": IMAGE, "instance_type": "m5.large", "zzz": 1})


def test_the_generated_signature_is_still_visible() -> None:
    # The check wraps the dataclass's __init__; editors and help() must still see the fields.
    parameters = inspect.signature(EbsArgs).parameters
    assert list(parameters) == ["volume_type", "encrypted", "kms_key_id", "iops", "throughput", "volume_size"]


def test_a_mistyped_key_in_a_list_element_is_named_by_its_index() -> None:
    with pytest.raises(UnknownArgumentError) as raised:
        workspace_args(
            None,
            {
                "image_id": IMAGE,
                "instance_type": "m5.large",
                "extra_volumes": [
                    {"device_name": "/dev/xvdf"},
                    {"device_name": "/dev/xvdg", "ebs": {"iopps": 3}},
                ],
            },
        )
    assert str(raised.value) == (
        "extra_volumes[1].ebs: unknown argument 'iopps' of EbsArgs; did you mean 'iops'?"
    )


def test_a_missing_required_key_is_named() -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"^extra_volumes\[0\]\.device_name: missing; BlockDeviceArgs requires it$"
    ):
        workspace_args(None, {"image_id": IMAGE, "instance_type": "m5.large", "extra_volumes": [{"ebs": {}}]})


@pytest.mark.usefixtures("event_loop_for_outputs")  # Output.from_input needs a current loop
def test_a_structure_given_as_an_output_says_why_it_cannot_be() -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"^root_volume: expected RootVolumeArgs or a dict .* got Output \(the component must see",
    ):
        to_args(RootVolumeArgs, pulumi.Output.from_input({"volume_size": 1}), "root_volume")


def test_a_list_of_structures_given_as_something_else_is_refused() -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"^extra_volumes: expected a list of BlockDeviceArgs, got str"
    ):
        workspace_args(None, {"image_id": IMAGE, "instance_type": "m5.large", "extra_volumes": "/dev/xvdf"})


def test_no_arguments_at_all_is_an_error() -> None:
    with pytest.raises(InvalidArgumentError, match=r"^args: missing; pass WorkspaceArgs"):
        workspace_args(None, {})


# --- the TypedDicts mirror the dataclasses -----------------------------------------------------------


def _without_required(annotation: Any) -> Any:
    return get_args(annotation)[0] if get_origin(annotation) is typing.Required else annotation


def _expected_dict_annotation(annotation: Any) -> Any:
    """The dataclass annotation as its TypedDict should spell it: ``FooArgs`` → ``FooArgs | FooArgsDict``,
    ``list[FooArgs]`` → ``Sequence[FooArgs | FooArgsDict]``."""
    origin = get_origin(annotation)
    if origin in (typing.Union, type(int | None)):
        options: list[Any] = []
        for option in get_args(annotation):
            expanded = _expected_dict_annotation(option)
            options.extend(
                get_args(expanded) if get_origin(expanded) in (typing.Union, type(int | None)) else [expanded]
            )
        return typing.Union[tuple(options)]  # noqa: UP007  (built from a tuple)
    if isinstance(annotation, type) and is_dataclass(annotation):
        return annotation | getattr(args_dicts, f"{annotation.__name__}Dict")
    if origin is list:
        (item,) = get_args(annotation)
        return Sequence[_expected_dict_annotation(item)]  # type: ignore[misc]
    return annotation


@pytest.mark.parametrize("cls", ARGS_CLASSES, ids=lambda cls: cls.__name__)
def test_each_args_class_has_a_dict_form_with_the_same_keys_and_types(cls: type) -> None:
    typed_dict = getattr(args_dicts, f"{cls.__name__}Dict")
    # The raw annotations (inherited keys included): pulumi.Input holds a forward reference that
    # get_type_hints cannot resolve.
    hints = {name: _without_required(hint) for name, hint in typed_dict.__annotations__.items()}
    assert list(hints) == [f.name for f in fields(cls)]
    required = {f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
    assert typed_dict.__required_keys__ == required
    for f in fields(cls):
        assert hints[f.name] == _expected_dict_annotation(f.type), f.name


def test_every_args_class_keeps_its_unknown_keywords_for_the_component() -> None:
    for cls in ARGS_CLASSES:
        required = {f.name: "x" for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
        made = cls(not_a_field=1, **required)  # type: ignore[call-arg]
        assert unknown_arguments(made) == ["not_a_field"]
        with pytest.raises(UnknownArgumentError, match=f"unknown argument 'not_a_field' of {cls.__name__}"):
            to_args(cls, made, "")
