"""The resource's property names and the conversions between inputs, API requests and outputs.

Outputs echo every input under the same name (plus the computed ones) so that the engine, which
copies secretness from inputs to outputs path by path, keeps ``managed_instance.UserData`` and
``client_token`` encrypted, and so ``read`` can rebuild the inputs for a clean preview after refresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from ..aws.model import API_DEFAULT_BILLING_MODE, managed_instance_shape
from ..aws.tagging import api_tags
from ..aws.unmodeled import EXTRAS_PARAM
from ..inputs.properties import (
    CLIENT_TOKEN,
    DEFAULTS,
    HIDDEN_INPUTS,
    IDENTITY,
    REGION,
    TAGS,
    TIMEOUTS,
    prune,
    tags_of,
)

MANAGED_INSTANCE = "managed_instance"
MANAGED_INSTANCE_EXTRAS = "managed_instance_extras"
"""ManagedInstance members newer than the installed botocore (see aws/unmodeled.py)."""
BILLING_MODE = "billing_mode"
ADOPT_ID = "adopt_id"
"""An existing instance for create to take over instead of launching one (never a diff afterwards)."""
ADOPT_CLAIMED = "adopt_claimed"
"""Whether adoption may take an instance another Pulumi resource has claimed."""
WORKSPACE_INSTANCE_ID = "workspace_instance_id"
PROVISION_STATE = "provision_state"
EC2_INSTANCE_ID = "ec2_instance_id"
EC2_INSTANCE = "ec2_instance"
"""The EC2 view: what DescribeInstances reported at the last create or refresh (see instances/ec2_view.py)."""
PRIVATE_IP = "private_ip"
PUBLIC_IP = "public_ip"
AVAILABILITY_ZONE = "availability_zone"
EC2_VIEW_OUTPUTS = (EC2_INSTANCE, PRIVATE_IP, PUBLIC_IP, AVAILABILITY_ZONE)
"""Outputs read from EC2: never inputs (read does not return them as such), never part of a diff."""

INPUT_NAMES = (
    MANAGED_INSTANCE,
    MANAGED_INSTANCE_EXTRAS,
    BILLING_MODE,
    TAGS,
    REGION,
    CLIENT_TOKEN,
    TIMEOUTS,
    ADOPT_ID,
    ADOPT_CLAIMED,
)
"""The user-facing inputs, in documentation order."""
OUTPUT_NAMES = (WORKSPACE_INSTANCE_ID, PROVISION_STATE, EC2_INSTANCE_ID, *EC2_VIEW_OUTPUTS, *INPUT_NAMES)
"""Every output attribute of the resource."""


def resource_name(props: Mapping[str, Any]) -> str:
    """The resource's own name (the last part of its identity), for progress lines and messages."""
    return str(props.get(IDENTITY) or "").rsplit("::", 1)[-1] or "WorkspaceInstance"


def effective_billing_mode(props: Mapping[str, Any]) -> Any:
    """The billing mode the instance gets: the input, else the API's default."""
    mode = props.get(BILLING_MODE)
    return API_DEFAULT_BILLING_MODE if mode is None or mode == "" else mode


def to_model_types(shape: Shape, value: Any) -> Any:
    """``value`` with whole floats turned into ints where the model wants an integer.

    Pulumi's wire format (protobuf Struct) carries every number as a double, so ``80`` in a
    program arrives as ``80.0``, which botocore's parameter validation rejects for integers.
    """
    if isinstance(shape, StructureShape) and isinstance(value, Mapping):
        return {
            key: to_model_types(shape.members[key], item) if key in shape.members else item
            for key, item in value.items()
        }
    if isinstance(shape, ListShape) and isinstance(value, list | tuple):
        return [to_model_types(shape.member, item) for item in value]
    if isinstance(shape, MapShape) and isinstance(value, Mapping):
        return {key: to_model_types(shape.value, item) for key, item in value.items()}
    if shape.type_name in ("integer", "long") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def create_request(props: Mapping[str, Any]) -> dict[str, Any]:
    """The CreateWorkspaceInstance parameters (without ClientToken) for checked inputs."""
    managed = prune(props.get(MANAGED_INSTANCE) or {})
    request: dict[str, Any] = {"ManagedInstance": to_model_types(managed_instance_shape(), managed)}
    extras = prune(props.get(MANAGED_INSTANCE_EXTRAS) or {})
    if extras:
        # Travels beside the modeled request; the client's hooks merge it into the body.
        request[EXTRAS_PARAM] = extras
    tags = tags_of(props)
    if tags:
        request["Tags"] = api_tags(tags)
    mode = props.get(BILLING_MODE)
    if mode and BILLING_MODE not in defaulted(props):
        # Only when asked for: without it the API's default (HOURLY) applies and is read back.
        # (Sending the default explicitly would also change the ClientToken of such resources.)
        request["BillingConfiguration"] = {"BillingMode": mode}
    return request


def defaulted(props: Mapping[str, Any]) -> list[str]:
    """The inputs of ``props`` that check filled in (empty for states written before 0.2)."""
    names = props.get(DEFAULTS)
    return [str(name) for name in names] if isinstance(names, list | tuple) else []


def with_defaults(inputs: Mapping[str, Any], region: str | None) -> dict[str, Any]:
    """``inputs`` with ``region`` and ``billing_mode`` filled in where the program left them unset.

    The stored inputs then hold the values in effect: a refresh reads them back unchanged (no
    ``- region`` in the next diff) and a changed ``aws:region`` shows as ``region: old => new``.
    ``__defaults`` records which were filled, so the request still omits what the user omitted.
    ``region`` is the resolved default (None when it cannot be resolved: check reports that).
    """
    filled = dict(inputs)
    names: list[str] = []
    if filled.get(REGION) is None and region is not None:
        filled[REGION] = region
        names.append(REGION)
    if filled.get(BILLING_MODE) in (None, ""):
        filled[BILLING_MODE] = API_DEFAULT_BILLING_MODE
        names.append(BILLING_MODE)
    filled[DEFAULTS] = names
    return filled


def outputs(
    inputs: Mapping[str, Any],
    *,
    instance_id: str,
    region: str,
    instance: Mapping[str, Any] | None,
    tags: Mapping[str, str],
) -> dict[str, Any]:
    """The full output bag: the inputs echoed plus what the service reports.

    ``instance`` is a GetWorkspaceInstance answer (None when unknown, e.g. right after a tag update
    that made no Get call: then the previous values in ``inputs`` are kept).
    """
    outs: dict[str, Any] = {
        MANAGED_INSTANCE: inputs.get(MANAGED_INSTANCE),
        MANAGED_INSTANCE_EXTRAS: inputs.get(MANAGED_INSTANCE_EXTRAS),
        CLIENT_TOKEN: inputs.get(CLIENT_TOKEN),
        TIMEOUTS: inputs.get(TIMEOUTS),
        ADOPT_ID: inputs.get(ADOPT_ID),
        ADOPT_CLAIMED: inputs.get(ADOPT_CLAIMED),
        **{name: inputs.get(name) for name in HIDDEN_INPUTS},
        WORKSPACE_INSTANCE_ID: instance_id,
        REGION: region,
        TAGS: dict(tags),
        BILLING_MODE: effective_billing_mode(inputs),
        PROVISION_STATE: inputs.get(PROVISION_STATE),
        EC2_INSTANCE_ID: inputs.get(EC2_INSTANCE_ID),
        # The last EC2 view, until ec2_view.observe reads a new one.
        **{name: inputs.get(name) for name in EC2_VIEW_OUTPUTS},
    }
    if instance is not None:
        outs[PROVISION_STATE] = instance.get("ProvisionState")
        outs[EC2_INSTANCE_ID] = (instance.get("EC2ManagedInstance") or {}).get("InstanceId")
        live_mode = (instance.get("BillingConfiguration") or {}).get("BillingMode")
        if live_mode:
            outs[BILLING_MODE] = live_mode
    return outs


def inputs_from_outputs(outs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs that match ``outs``: what ``read`` reports so drift shows and no-drift stays clean."""
    inputs: dict[str, Any] = {}
    for name in (
        MANAGED_INSTANCE,
        MANAGED_INSTANCE_EXTRAS,
        BILLING_MODE,
        REGION,
        CLIENT_TOKEN,
        TIMEOUTS,
        ADOPT_ID,
        ADOPT_CLAIMED,
        *HIDDEN_INPUTS,
    ):
        if outs.get(name) is not None:
            inputs[name] = outs[name]
    tags = outs.get(TAGS)
    if tags:
        inputs[TAGS] = dict(tags)
    return inputs
