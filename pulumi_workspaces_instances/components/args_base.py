"""What the generated ``…Args`` dataclasses (``args.py``) are built on.

The classes themselves are generated (``args_generator``); this module holds the hand-written
parts they use: the field metadata that names the ``ManagedInstance`` member a field sets, the
decorator that turns a mistyped keyword into an ``UnknownArgumentError`` with the closest name,
and the helpers ``args_forms`` and ``argument_paths`` use to walk nested arguments.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import MISSING, fields, is_dataclass
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

from ..provider.inputs.suggestions import closest
from .errors import MissingArgumentError, UnknownArgumentError

#: Metadata key holding the ManagedInstance member name a field maps to.
AWS_NAME = "aws_name"
#: Metadata flag: the field is a ``dict`` of tags sent as a ``[{"Key", "Value"}]`` list.
TAG_DICT = "tag_dict"
#: The root device name of Windows AMIs (the default platform); Linux AMIs often use /dev/xvda.
DEFAULT_ROOT_DEVICE_NAME = "/dev/sda1"
#: Platform used for the instance-type check when none is given; the service derives the real
#: platform from the AMI, so this is only a question asked of ListInstanceTypes.
DEFAULT_PLATFORM_TYPE = "Windows"

#: How many valid names an unknown-argument message lists when none is close to the typo.
MAX_LISTED_NAMES = 12

UNKNOWN_ARGUMENTS = "_unknown_arguments"
"""Attribute of an args object holding the unknown keywords it was given (see below)."""

_Args = TypeVar("_Args")


def aws(name: str, *, tag_dict: bool = False) -> dict[str, Any]:
    """Field metadata naming the ManagedInstance member a field sets."""
    return {AWS_NAME: name, TAG_DICT: tag_dict}


def unknown_argument(
    class_name: str, name: str, valid: Sequence[str], path: str = ""
) -> UnknownArgumentError:
    """``[path: ]unknown argument 'x' of FooArgs; did you mean 'y'?`` (the valid names if none is close)."""
    match = closest(name, valid)
    if match is not None:
        hint = f"; did you mean '{match}'?"
    elif len(valid) <= MAX_LISTED_NAMES:
        hint = f" (valid: {', '.join(valid)})"
    else:
        hint = f" (see help({class_name}) for its {len(valid)} arguments)"
    where = f"{path}: " if path else ""
    return UnknownArgumentError(f"{where}unknown argument {name!r} of {class_name}{hint}")


def unknown_arguments(args: object) -> list[str]:
    """The unknown keywords an args object was made with (reported by the component that uses it)."""
    return list(getattr(args, UNKNOWN_ARGUMENTS, None) or [])


def nested_args_class(annotation: Any) -> tuple[type, bool] | None:
    """``(FooArgs, False)`` for ``FooArgs | None``, ``(FooArgs, True)`` for ``list[FooArgs] | None``."""
    options = get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)
    for option in options:
        if isinstance(option, type) and is_dataclass(option):
            return option, False
        if get_origin(option) is list:
            (item,) = get_args(option)
            if isinstance(item, type) and is_dataclass(item):
                return item, True
    return None


def suggest_argument_names(cls: type[_Args]) -> type[_Args]:
    """Make an unknown keyword of ``cls(...)`` an ``UnknownArgumentError`` naming the closest field.

    Applied over ``@dataclass`` (which Python would answer with a bare ``TypeError``). The
    generated ``__init__`` still does the work, and ``inspect.signature`` still shows it.

    The error is raised where the object is used, not where it is made: ``Workspace("desk",
    WorkspaceArgs(biling_mode=...))`` builds the args before the component exists, and only the
    component can say which resource (and which nested argument path) the typo belongs to. The
    unknown keywords are kept on the object (:func:`unknown_arguments`) until then.
    """
    generated: Callable[..., None] = cls.__init__
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]

    required = [f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING]  # type: ignore[arg-type]

    @functools.wraps(generated)
    def checked_init(self: Any, *args: Any, **kwargs: Any) -> None:
        unknown = [name for name in kwargs if name not in names]
        missing = [name for name in required if name not in kwargs]
        if missing and not args:
            # Cannot be made at all: a misspelt required argument is the likely cause; say so now.
            if unknown:
                raise unknown_argument(cls.__name__, unknown[0], names)
            raise MissingArgumentError(f"{', '.join(missing)}: missing; {cls.__name__} requires it")
        generated(self, *args, **{name: value for name, value in kwargs.items() if name in names})
        object.__setattr__(self, UNKNOWN_ARGUMENTS, unknown)

    setattr(cls, "__init__", checked_init)  # noqa: B010  (mypy refuses assigning to a method)
    return cls
