"""Wrong arguments to this package's resources and functions, reported the way Pulumi programs expect.

A Pulumi Python program prints an exception with its traceback, except a ``pulumi.RunError``,
which it prints as its message alone. Every error here is one: one line that names the resource
(``Volume 'data'``) or the function, the argument, and what to write instead — with "did you
mean" for a misspelt keyword, which Python itself would answer with a bare ``TypeError``
("got an unexpected keyword argument 'encrypt'"). Each also derives from the built-in exception
Python would raise (``TypeError`` for a call that does not fit the signature, ``ValueError`` for
an option the resource cannot honour), so ``except`` clauses written against those still work.

:func:`keywords_checked` is the one place that turns a call that does not fit a signature into
such an error; the resource classes and the data-source functions are wrapped with it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import pulumi

from .suggestions import did_you_mean

P = ParamSpec("P")
R = TypeVar("R")

#: How many valid names a message lists when none is close to the typo.
MAX_LISTED_NAMES = 14


class ArgumentError(pulumi.RunError):
    """An argument or option given to one of this package's resources or functions is wrong."""


class UnknownKeywordError(ArgumentError, TypeError):
    """A call that does not fit the signature: an unknown (usually misspelt) keyword, a missing
    required argument, or too many positional ones."""


class InvalidValueError(ArgumentError, ValueError):
    """A value a function or resource cannot take (the message names the argument and what is valid)."""


class UnsupportedOptionError(ArgumentError, ValueError):
    """A resource option this package's dynamic resources cannot honour (``import_``)."""


def resource_subject(kind: str, resource_name: object) -> str:
    """How messages name a resource: ``Volume 'data'``."""
    return f"{kind} {resource_name!r}"


def _valid_names(signature: inspect.Signature) -> list[str]:
    return [
        name
        for name, parameter in signature.parameters.items()
        if name != "self" and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    ]


def _unknown_keyword(subject: str, name: str, valid: list[str]) -> str:
    hint = did_you_mean(name, valid)
    if not hint:
        hint = f" (valid: {', '.join(valid)})" if len(valid) <= MAX_LISTED_NAMES else ""
    return f"{subject}: unknown argument {name!r}{hint}"


def _misfit(subject: str, signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """Why ``args``/``kwargs`` do not fit ``signature``, in the user's terms."""
    valid = _valid_names(signature)
    for name in kwargs:
        if name not in signature.parameters:
            return _unknown_keyword(subject, name, valid)
    try:
        signature.bind(*args, **kwargs)
    except TypeError as error:
        text = str(error)
        if text.startswith("missing a required argument: "):
            missing = text.removeprefix("missing a required argument: ")
            return f"{subject}: missing argument {missing}"
        if text == "too many positional arguments":
            keyword_only = [name for name, p in signature.parameters.items() if p.kind == p.KEYWORD_ONLY]
            return (
                f"{subject}: too many positional arguments; give the arguments after the name by keyword "
                f"(e.g. {keyword_only[0]}=...)"
                if keyword_only
                else f"{subject}: too many positional arguments"
            )
        return f"{subject}: {text}"
    return ""


def keywords_checked(
    describe: Callable[[tuple[Any, ...]], str],
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Wrap a function (or an ``__init__``) so a call that does not fit its signature raises an
    :class:`UnknownKeywordError` naming the subject ``describe(args)`` returns and the argument.

    Calls that fit go straight through: the check runs only after Python's own refused the call,
    so the wrapped function costs nothing more on the normal path and ``inspect.signature`` (and
    so ``help()`` and editors) still shows the original.
    """

    def wrap(function: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(function)

        @functools.wraps(function)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                signature.bind(*args, **kwargs)
            except TypeError:
                reason = _misfit(describe(args), signature, args, kwargs)
                if reason:
                    raise UnknownKeywordError(reason) from None
            return function(*args, **kwargs)

        return checked

    return wrap


def init_checked(kind: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """:func:`keywords_checked` for a resource's ``__init__(self, resource_name, ...)``."""

    def describe(args: tuple[Any, ...]) -> str:
        return resource_subject(kind, args[1]) if len(args) > 1 else kind

    return keywords_checked(describe)


def function_checked(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """:func:`keywords_checked` for a public function, named in messages as ``name``."""
    return keywords_checked(lambda _args: name)


IMPORT_HINTS = {
    "WorkspaceInstance": (
        "declare it with adopt_id instead: the create then takes the existing instance over (no new "
        "launch), e.g. WorkspaceInstance({name!r}, managed_instance={{...}}, billing_mode='MONTHLY', "
        "adopt_id={id!r}), or Workspace({name!r}, image_id=..., instance_type=..., adopt_id={id!r})"
    ),
    "Workspace": (
        "give the component adopt_id instead: Workspace({name!r}, image_id=..., instance_type=..., "
        "adopt_id={id!r}) takes the existing instance over (no new launch)"
    ),
    "Volume": (
        "a volume made outside Pulumi cannot be taken over yet: attach it by id instead, "
        "VolumeAttachment({name!r}, volume_id={id!r}, workspace_instance_id=..., device='/dev/sdf'), "
        "or create a new Volume from its snapshot (snapshot_id=...)"
    ),
    "VolumeAttachment": (
        "declare the VolumeAttachment without it: its create finds the volume already attached to that "
        "instance at that device and takes the attachment over (no new AssociateVolume)"
    ),
}
"""What to do instead of importing, per resource kind (``{name}``, ``{id}``: the resource's)."""


def import_hint(kind: str, name: str, resource_id: str) -> str:
    """What to do instead of importing the resource ``name`` of ``kind`` with id ``resource_id``."""
    return IMPORT_HINTS[kind].format(name=name, id=resource_id)


DYNAMIC_IMPORT_ISSUE = "pulumi/pulumi#16175"
"""Why dynamic resources cannot be imported: the engine's import calls Read without the provider."""


def refuse_import(kind: str, resource_name: str, opts: pulumi.ResourceOptions | None) -> None:
    """Raise a one-line error when ``opts.import_`` asks to import a resource of ``kind``.

    The import would reach the SDK's dynamic provider host without the pickled provider and end in
    ``KeyError: '__provider'`` inside its traceback; say what works instead before anything runs.
    """
    if opts is None or not opts.import_:
        return
    raise UnsupportedOptionError(
        f"{resource_subject(kind, resource_name)}: ResourceOptions(import_={opts.import_!r}) cannot work "
        f"for this package's dynamic resources ({DYNAMIC_IMPORT_ISSUE}); "
        f"{import_hint(kind, resource_name, str(opts.import_))}"
    )


def custom_timeouts_warning(
    kind: str, opts: pulumi.ResourceOptions | None, operations: tuple[str, ...]
) -> str | None:
    """The warning for ``customTimeouts`` a dynamic resource would silently ignore (None: none given).

    The SDK's dynamic provider host never passes them to the provider; the ``timeouts`` input
    does the same job and is honoured; ``operations`` are the keys it takes for this kind.
    """
    timeouts = opts.custom_timeouts if opts is not None else None
    if timeouts is None:
        return None
    given = {operation: value for operation in operations if (value := getattr(timeouts, operation, None))}
    ignored = [
        operation for operation in ("create", "update", "delete") if getattr(timeouts, operation, None)
    ]
    if not ignored:
        return None
    if not given:  # e.g. an update timeout on a resource whose updates do not wait
        return f"{kind}: customTimeouts are not passed to dynamic providers and are ignored here"
    example = ", ".join(f'"{operation}": "{value}"' for operation, value in given.items())
    return (
        f"{kind}: customTimeouts are not passed to dynamic providers and are ignored here; set the "
        f"resource's `timeouts` input instead, e.g. timeouts={{{example}}}"
    )


def warn_custom_timeouts(
    resource: pulumi.Resource, kind: str, opts: pulumi.ResourceOptions | None, operations: tuple[str, ...]
) -> None:
    """Log :func:`custom_timeouts_warning` once, on ``resource``, when there is one."""
    message = custom_timeouts_warning(kind, opts, operations)
    if message is not None:
        pulumi.log.warn(message, resource=resource)


C = TypeVar("C", bound=type)


def class_checked(cls: C) -> C:
    """Apply :func:`keywords_checked` to a (data)class's ``__init__``, naming it by its class name.

    For the public value classes users may build themselves (results, in tests or fakes).
    """
    init = vars(cls).get("__init__") or getattr(cls, "__init__")  # noqa: B009  (mypy: no instance access)
    setattr(cls, "__init__", keywords_checked(lambda _args: cls.__name__)(init))  # noqa: B010
    return cls
