"""One ``WorkspaceArgs`` from whichever form a ``Workspace`` was given its arguments in.

The forms: a ``WorkspaceArgs``; keyword arguments (``Workspace("desk", image_id=..., ...)``); or a
dict (``WorkspaceArgsDict``), which is also how ``pulumi.provider.experimental`` hands a component
served to other languages its inputs. At any depth a ``FooArgsDict`` may stand for a ``FooArgs``.
Dicts are checked key by key, so a typo is named by its argument path with the closest name.
"""

from collections.abc import Mapping
from dataclasses import MISSING, Field, fields, replace
from typing import Any, TypeVar

import pulumi

from .args import WorkspaceArgs
from .args_base import nested_args_class, unknown_argument, unknown_arguments
from .errors import InvalidArgumentError

_Args = TypeVar("_Args")


def workspace_args(
    args: WorkspaceArgs | Mapping[str, Any] | None, keywords: Mapping[str, Any]
) -> WorkspaceArgs:
    """``args`` or the keyword arguments (exactly one of them) as a ``WorkspaceArgs``."""
    if args is not None and keywords:
        raise InvalidArgumentError(
            f"args: give either a WorkspaceArgs or keyword arguments, not both "
            f"(keyword arguments given: {', '.join(keywords)})"
        )
    if args is None and not keywords:
        raise InvalidArgumentError(
            "args: missing; pass WorkspaceArgs(image_id=..., instance_type=...) or the same keyword arguments"
        )
    return to_args(WorkspaceArgs, keywords if args is None else args, "")


def to_args(cls: type[_Args], value: Any, path: str) -> _Args:
    """``value`` (a ``cls`` or a dict of its arguments) as a ``cls`` whose nested args are dataclasses.

    A ``cls`` whose nested values are already dataclasses comes back as the same object.
    """
    if isinstance(value, cls):
        return _nested_converted(cls, value, path)
    if isinstance(value, Mapping):
        return _from_mapping(cls, value, path)
    hint = (
        " (the component must see the fields: give the structure, with Outputs as its values)"
        if isinstance(value, pulumi.Output)
        else ""
    )
    got = type(value).__name__
    raise InvalidArgumentError(
        f"{path or 'args'}: expected {cls.__name__} or a dict of its arguments, got {got}{hint}"
    )


def _from_mapping(cls: type[_Args], value: Mapping[Any, Any], path: str) -> _Args:
    by_name = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    for key in value:
        if key not in by_name:
            raise unknown_argument(cls.__name__, str(key), list(by_name), path)
    for name, f in by_name.items():
        if name not in value and f.default is MISSING and f.default_factory is MISSING:
            raise InvalidArgumentError(f"{_join(path, name)}: missing; {cls.__name__} requires it")
    return cls(**{key: _nested(by_name[key], item, _join(path, key)) for key, item in value.items()})


def _nested_converted(cls: type[_Args], value: _Args, path: str) -> _Args:
    for name in unknown_arguments(value):
        raise unknown_argument(cls.__name__, name, [f.name for f in fields(cls)], path)  # type: ignore[arg-type]
    changes = {}
    for f in fields(cls):  # type: ignore[arg-type]
        current = getattr(value, f.name)
        converted = _nested(f, current, _join(path, f.name))
        if converted is not current:
            changes[f.name] = converted
    return replace(value, **changes) if changes else value  # type: ignore[type-var]


def _nested(f: Field[Any], value: Any, path: str) -> Any:
    """A field's value with the dicts standing for its args dataclasses converted."""
    target = nested_args_class(f.type)
    if target is None or value is None:
        return value
    nested_cls, is_list = target
    if not is_list:
        return to_args(nested_cls, value, path)
    if not isinstance(value, list | tuple):
        raise InvalidArgumentError(
            f"{path}: expected a list of {nested_cls.__name__}, got {type(value).__name__}"
            " (the component must see each element's fields)"
        )
    items: list[Any] = [to_args(nested_cls, item, f"{path}[{index}]") for index, item in enumerate(value)]
    return value if all(new is old for new, old in zip(items, value, strict=True)) else items


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
