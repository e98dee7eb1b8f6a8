"""Warnings for ``managed_instance_overrides`` members the installed botocore does not model.

Such members are sent as given (``managed_instance_extras``): right for a field AWS added after
this botocore, wrong for a typo, which then reaches AWS unchecked. A warning at preview says which
members travel that way, and suggests the modeled member a near miss probably meant.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import botocore
from botocore.model import Shape, StructureShape

from ..provider.aws.model import managed_instance_shape
from ..provider.inputs.suggestions import closest
from .argument_paths import OVERRIDES


def unmodeled_override_warnings(extras: Mapping[str, Any]) -> list[str]:
    """One line per unmodeled member of ``extras`` (the unmodeled part of the overrides)."""
    return [
        _warning(path, name, list(siblings))
        for path, name, siblings in _unmodeled(managed_instance_shape(), extras, "")
    ]


def _unmodeled(shape: Shape, value: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, str, list[str]]]:
    """``(path, name, modeled names beside it)`` of each member the model does not know."""
    members = shape.members if isinstance(shape, StructureShape) else {}
    for key, item in value.items():
        path = f"{prefix}{key}"
        if key in members and isinstance(item, Mapping):
            yield from _unmodeled(members[key], item, f"{path}.")
        elif key not in members:
            yield path, str(key), list(members)


def _warning(path: str, name: str, siblings: list[str]) -> str:
    match = closest(name, siblings)
    where = f"{OVERRIDES}.{path}"
    not_modeled = f"not in the ManagedInstance model of the installed botocore {botocore.__version__}"
    if match is not None:
        return f"{where}: {not_modeled}; did you mean '{match}'? As written it is sent to AWS unchecked"
    return (
        f"{where}: {not_modeled}; sent to AWS as given (right for a member AWS added later, "
        "a typo there is only refused by AWS)"
    )
