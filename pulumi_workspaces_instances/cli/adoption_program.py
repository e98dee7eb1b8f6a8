"""The Python program that adopts each selected desktop with ``adopt_id`` (the dynamic face).

``pulumi import`` does not work for dynamic resources (pulumi/pulumi#16175); ``adopt_id`` does the same
job: the first ``pulumi up`` takes each desktop over instead of launching one. Each declaration carries
the inputs ``pulumi import`` would rebuild — the instance provider's own ``read`` of the desktop
(GetWorkspaceInstance, ListTagsForResource, EC2 DescribeInstances and DescribeVolumes; read-only): its
billing mode, tags, region and the ``managed_instance`` EC2 shows. Adopting keeps the tags as they are.

Volumes and attachments cannot be adopted on this face (``Volume`` and ``VolumeAttachment`` take no
``adopt_id``): the program names them in a comment, for the plugin's ``pulumi import`` file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..provider.inputs import properties
from ..provider.instance_provider import WorkspaceInstanceProvider
from ..provider.instances import state
from .selection import Selection

ADOPTED_INPUTS = (state.MANAGED_INSTANCE, state.BILLING_MODE, properties.TAGS, properties.REGION)
"""The read inputs each declaration states (in this order), as ``WorkspaceInstance`` keywords."""
_INDENT = "    "


def desktop_inputs(instance_id: str, region: str) -> dict[str, Any]:
    """What ``pulumi import`` would rebuild of the desktop: the instance provider's ``read`` with only the id.

    Raises the provider's one-line error when the desktop cannot be read, or is gone since it was listed.
    """
    result = WorkspaceInstanceProvider().read(instance_id, {properties.REGION: region})
    if not result.id:
        raise LookupError(f"{instance_id} is gone from {region} since it was listed")
    inputs = result.inputs or {}
    return {name: inputs[name] for name in ADOPTED_INPUTS if inputs.get(name) not in (None, {}, [])}


def _literal(value: Any, depth: int) -> str:
    """``value`` as Python source, one member a line, indented for ``depth`` levels."""
    inner = _INDENT * (depth + 1)
    if isinstance(value, Mapping) and value:
        items = [
            f"{inner}{_literal(key, depth + 1)}: {_literal(item, depth + 1)}," for key, item in value.items()
        ]
        return "{\n" + "\n".join(items) + "\n" + _INDENT * depth + "}"
    if isinstance(value, list | tuple) and value:
        items = [f"{inner}{_literal(item, depth + 1)}," for item in value]
        return "[\n" + "\n".join(items) + "\n" + _INDENT * depth + "]"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a Python string literal
    return repr(value)


def declaration(name: str, instance_id: str, inputs: Mapping[str, Any]) -> str:
    """One ``WorkspaceInstance(...)`` that adopts ``instance_id`` with ``inputs``."""
    lines = [f"{_INDENT}{json.dumps(name)}: WorkspaceInstance(", f"{_INDENT * 2}{json.dumps(name)},"]
    lines.append(f"{_INDENT * 2}adopt_id={json.dumps(instance_id)},")
    for key, value in inputs.items():
        lines.append(f"{_INDENT * 2}{key}={_literal(value, 2)},")
    lines.append(f"{_INDENT}),")
    return "\n".join(lines)


def render(selection: Selection, inputs: Mapping[str, Mapping[str, Any]]) -> str:
    """The program: one adopting ``WorkspaceInstance`` per desktop (``inputs`` by instance id)."""
    body = "\n".join(
        declaration(item.name, item.resource_id, inputs[item.resource_id]) for item in selection.desktops
    )
    others = [f"#   Volume {item.name}: {item.resource_id}" for item in selection.volumes]
    others += [f"#   VolumeAttachment {plan.name}: {plan.resource_id}" for plan in selection.attachments]
    note = (
        [
            "",
            "# Not adopted here (Volume and VolumeAttachment take no adopt_id on the Python face); import",
            "# them with the plugin's types: `workspaces-instances import-file` without --format python.",
            *others,
        ]
        if others
        else []
    )
    return "\n".join(
        [
            f'"""Adopts the desktops of {selection.region} that no Pulumi stack holds yet.',
            "",
            "Written by `workspaces-instances import-file --format python`: the first `pulumi up` takes",
            "each desktop over (adopt_id) instead of launching one, and claims it; `pulumi preview` says so",
            "per desktop.",
            '"""',
            "",
            "from pulumi_workspaces_instances import WorkspaceInstance",
            "",
            "desktops = {",
            body,
            "}",
            *note,
            "",
        ]
    )
