"""Wrong arguments to any public class or function: one line naming it, the argument and the fix."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_workspaces_instances as package
from pulumi_workspaces_instances.provider.inputs.arguments import (
    UnknownKeywordError,
    UnsupportedOptionError,
    custom_timeouts_warning,
    refuse_import,
)
from pulumi_workspaces_instances.provider.inputs.timeouts import TIMEOUT_KEYS


def _callables() -> list[tuple[str, Callable[..., Any]]]:
    """Every public class and function a program calls with keywords (not errors, dicts, protocols)."""
    found: list[tuple[str, Callable[..., Any]]] = []
    for name in package.__all__:
        value = getattr(package, name)
        # …Args defer an unknown keyword to the component that uses them (tests/components).
        if name.endswith(("Error", "Args", "ArgsDict")) or name == "InstanceTypeLookup":
            continue
        if inspect.isclass(value) or inspect.isfunction(value):
            found.append((name, value))
    return found


def _first_keyword(value: Callable[..., Any]) -> str | None:
    if value is package.Workspace:
        return "billing_mode"  # its keyword form takes WorkspaceArgs' names
    for name, parameter in inspect.signature(value).parameters.items():
        if name in ("self", "resource_name") or parameter.kind is parameter.VAR_KEYWORD:
            continue
        return name
    return None


@pytest.mark.parametrize(("name", "value"), _callables(), ids=[name for name, _ in _callables()])
def test_a_misspelt_keyword_of_every_public_class_and_function_gets_did_you_mean(
    name: str, value: Callable[..., Any]
) -> None:
    keyword = _first_keyword(value)
    if keyword is None:
        # Nothing to misspell: any keyword is unknown, and the message still names the callable.
        with pytest.raises(TypeError) as raised:
            value(bogus=1)
        assert isinstance(raised.value, pulumi.RunError), f"{name}: {raised.value!r}"
        assert name in str(raised.value) and "'bogus'" in str(raised.value)
        return
    misspelt = keyword + "x"
    positional = ("desk",) if _takes_resource_name(value) else ()
    with pytest.raises(TypeError) as raised:
        value(*positional, **{misspelt: 1})

    message = str(raised.value)
    # A RunError is printed by Pulumi as its message alone: one line, no traceback.
    assert isinstance(raised.value, pulumi.RunError), f"{name}: {raised.value!r}"
    assert "\n" not in message
    assert f"unknown argument '{misspelt}'" in message and f"did you mean '{keyword}'?" in message
    assert name in message or (positional and "'desk'" in message), message


def _takes_resource_name(value: Callable[..., Any]) -> bool:
    return "resource_name" in inspect.signature(value).parameters


def test_a_resource_names_itself_and_the_argument() -> None:
    with pytest.raises(UnknownKeywordError) as raised:
        package.Volume("data", availability_zone="us-east-1a", encrypt=True)  # type: ignore[call-arg]
    assert str(raised.value) == "Volume 'data': unknown argument 'encrypt'; did you mean 'encrypted'?"


def test_missing_and_positional_arguments_are_one_line_too() -> None:
    with pytest.raises(UnknownKeywordError, match=r"^Volume 'data': missing argument 'availability_zone'$"):
        package.Volume("data")  # type: ignore[call-arg]
    with pytest.raises(UnknownKeywordError, match=r"give the arguments after the name by keyword"):
        package.VolumeAttachment("disk", "wsinst-1")  # type: ignore[call-arg]


@pytest.mark.parametrize("kind", ["WorkspaceInstance", "Workspace", "Volume", "VolumeAttachment"])
def test_import_option_fails_in_one_line_saying_what_to_do(kind: str) -> None:
    with pytest.raises(UnsupportedOptionError) as raised:
        refuse_import(kind, "desk", pulumi.ResourceOptions(import_="wsinst-0123456789abcdef0"))
    message = str(raised.value)
    assert message.startswith(
        f"{kind} 'desk': ResourceOptions(import_='wsinst-0123456789abcdef0') cannot work"
    )
    assert "pulumi/pulumi#16175" in message and "\n" not in message
    if kind in ("WorkspaceInstance", "Workspace"):
        assert "adopt_id='wsinst-0123456789abcdef0'" in message
    refuse_import(kind, "desk", pulumi.ResourceOptions())  # no import_: nothing to say


def test_custom_timeouts_warning_names_the_timeouts_input_with_the_same_values() -> None:
    opts = pulumi.ResourceOptions(custom_timeouts=pulumi.CustomTimeouts(create="10s", update="1m"))
    assert custom_timeouts_warning("WorkspaceInstance", opts, TIMEOUT_KEYS) == (
        "WorkspaceInstance: customTimeouts are not passed to dynamic providers and are ignored here; set the "
        'resource\'s `timeouts` input instead, e.g. timeouts={"create": "10s"}'
    )
    assert custom_timeouts_warning("WorkspaceInstance", pulumi.ResourceOptions(), TIMEOUT_KEYS) is None
