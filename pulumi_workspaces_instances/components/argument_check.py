"""The provider's input check, run on a ``Workspace``'s arguments before its child exists.

The child ``WorkspaceInstance`` would report the same problems from its ``check``, but in API terms
(``managed_instance.BlockDeviceMappings[0].Ebs.VolumeSize``) and only after the component is
registered. Running the provider's model-driven validation here, on what the component is about to
send, names the argument the user wrote (``root_volume.volume_size``) and stops the program before
anything is registered. Values that are still Outputs are left to the provider's check, which sees
them once they resolve.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

import pulumi

from ..provider.inputs.wire_values import PREVIEW_UNKNOWN_SENTINEL
from ..provider.instances.validation import Problem, validate_inputs
from .args import WorkspaceArgs
from .argument_paths import OVERRIDES, argument_path
from .errors import InvalidArgumentError

MANAGED_INSTANCE = "managed_instance"
EXTRAS = "managed_instance_extras"
API_ROOT = "ManagedInstance"


def check_arguments(args: WorkspaceArgs, modeled: Mapping[str, Any], extras: Mapping[str, Any]) -> None:
    """Raise ``InvalidArgumentError`` with every problem, one line each, named by argument path."""
    problems = validate_inputs(
        {
            MANAGED_INSTANCE: _known_only(modeled),
            EXTRAS: _known_only(extras) or None,
            # The child's other inputs have the names of the component's arguments.
            "billing_mode": _known_only(args.billing_mode),
            "tags": _known_only(args.tags),
            # Unset, the region is the provider host's default (stack config, its environment):
            # only the child's own check can resolve that one.
            "region": PREVIEW_UNKNOWN_SENTINEL if args.region is None else _known_only(args.region),
            "client_token": _known_only(args.client_token),
            "adopt_id": _known_only(args.adopt_id),
            "adopt_claimed": _known_only(args.adopt_claimed),
            "timeouts": _known_only(args.timeouts),
        }
    )
    if problems:
        raise InvalidArgumentError("\n".join(describe(args, problem) for problem in problems))


def describe(args: WorkspaceArgs, problem: Problem) -> str:
    """``argument (ManagedInstance.Api.Path): reason``, or ``argument: reason`` outside ManagedInstance."""
    head, _, api_path = problem.path.partition(".")
    if head == EXTRAS:
        return f"{OVERRIDES}.{api_path}: {problem.reason}"
    if head != MANAGED_INSTANCE or not api_path:
        return f"{problem.path}: {problem.reason}"
    argument = argument_path(args, api_path)
    where = f"{argument} ({API_ROOT}.{api_path})" if argument else f"{API_ROOT}.{api_path}"
    return f"{where}: {problem.reason}"


def _known_only(value: Any) -> Any:
    """``value`` with each Output (or other awaitable) replaced by the check's "not known yet"."""
    if isinstance(value, pulumi.Output) or inspect.isawaitable(value):
        return PREVIEW_UNKNOWN_SENTINEL
    if isinstance(value, Mapping):
        return {key: _known_only(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_known_only(item) for item in value]
    return value
