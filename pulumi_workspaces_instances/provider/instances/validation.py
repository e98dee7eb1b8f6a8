"""Validation of WorkspaceInstance inputs, for the dynamic provider's ``check``.

``ManagedInstance`` is walked against the botocore model of CreateWorkspaceInstance, so field
names, types, enums, lengths, ranges and patterns come from the model rather than being
retyped here (the walk and the checks every resource shares are :mod:`..inputs.checks`);
cross-field rules live in :mod:`..aws.rules`, durations in :mod:`..inputs.timeouts`. Every
problem is reported at once, as one line naming the property path and what to change. Values
that are unknown during ``pulumi preview`` are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.model import ListShape

from ..aws.model import CREATE_OPERATION, managed_instance_shape, member_shape
from ..aws.rules import check_rules
from ..aws.tagging import RESERVED_TAG_KEYS
from ..aws.unmodeled import modeled_paths
from ..inputs.checks import (
    Problem,
    check_region,
    check_shape,
    for_rules,
    given_map,
    kind_of,
    tag_problems,
    timeout_problems,
)
from ..inputs.timeouts import DEFAULT_TIMEOUTS
from ..inputs.wire_values import is_unknown, unwrap_secret


def validate_inputs(props: Mapping[str, Any]) -> list[Problem]:
    """Every problem with the resource inputs ``props``; an empty list means they are valid.

    Never raises for bad input: wrong types are reported like any other problem.
    """
    if not isinstance(props, Mapping):
        return [Problem("", f"inputs must be a mapping of input names to values, got {kind_of(props)}")]
    problems: list[Problem] = []
    _check_managed_instance(props.get("managed_instance"), problems)
    _check_extras(props.get("managed_instance_extras"), problems)
    for name, operation_path in (
        ("billing_mode", "BillingConfiguration.BillingMode"),
        ("client_token", "ClientToken"),
    ):
        check_shape(member_shape(CREATE_OPERATION, operation_path), props.get(name), name, problems)
    check_shape(
        member_shape("GetWorkspaceInstance", "WorkspaceInstanceId"),
        props.get("adopt_id"),
        "adopt_id",
        problems,
    )
    _check_adopt_claimed(props.get("adopt_claimed"), problems)
    _check_tags(props.get("tags"), problems)
    check_region(props.get("region"), problems)
    problems += timeout_problems(props.get("timeouts"), DEFAULT_TIMEOUTS)
    return problems


# --- top-level inputs -------------------------------------------------------------------------


def _check_managed_instance(value: Any, problems: list[Problem]) -> None:
    """The model walk and the cross-field rules for ``managed_instance``."""
    value = unwrap_secret(value)
    if is_unknown(value):
        return
    if value is None:
        problems.append(
            Problem("managed_instance", "required; give the instance settings (ImageId, InstanceType, ...)")
        )
        return
    check_shape(managed_instance_shape(), value, "managed_instance", problems)
    if isinstance(value, Mapping):
        for path, reason in check_rules(for_rules(value)):
            problems.append(Problem(f"managed_instance.{path}", reason))


def _check_adopt_claimed(value: Any, problems: list[Problem]) -> None:
    """``adopt_claimed``: a boolean (the API has no such member to read its type from)."""
    value = unwrap_secret(value)
    if value is None or is_unknown(value) or isinstance(value, bool):
        return
    problems.append(Problem("adopt_claimed", f"must be true or false, got {kind_of(value)}"))


def _check_extras(value: Any, problems: list[Problem]) -> None:
    """``managed_instance_extras``: a dict of members the installed model does not know (yet)."""
    value = given_map(value, "managed_instance_extras", "a map of ManagedInstance members", problems)
    if value is None:
        return
    for path in modeled_paths(value):
        problems.append(
            Problem(
                f"managed_instance_extras.{path}",
                "the installed botocore models this member; move it to managed_instance, where it is checked",
            )
        )


def _check_tags(value: Any, problems: list[Problem]) -> None:
    """``tags``: a map whose size, keys and values follow the model's TagList and Tag shapes."""
    value = given_map(value, "tags", "a map of tag keys to string values", problems)
    if value is None:
        return
    tag_list = member_shape(CREATE_OPERATION, "Tags")
    assert isinstance(tag_list, ListShape)
    problems.extend(tag_problems(value, tag_list, "tags", reserved_keys=RESERVED_TAG_KEYS))
