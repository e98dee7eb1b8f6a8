"""upgrades.py names the module the provider class really pickles from (the state format)."""

from __future__ import annotations

import base64

import dill

from pulumi_workspaces_instances.provider import WorkspaceInstanceProvider
from pulumi_workspaces_instances.provider.inputs.properties import PROVIDER_KEY
from pulumi_workspaces_instances.provider.instances import upgrades


def test_the_current_module_is_where_the_provider_class_lives() -> None:
    assert WorkspaceInstanceProvider.__module__ == upgrades.CURRENT_MODULE


def _stored(module: str) -> dict[str, str]:
    pickled = dill.dumps(WorkspaceInstanceProvider(), protocol=dill.HIGHEST_PROTOCOL, recurse=True)
    if module != WorkspaceInstanceProvider.__module__:
        pickled = pickled.replace(WorkspaceInstanceProvider.__module__.encode(), module.encode())
    return {PROVIDER_KEY: base64.b64encode(pickled).decode()}


def test_a_pre_0_2_reference_is_upgraded_and_a_current_one_is_not() -> None:
    old, current = _stored("provider.instance_provider"), _stored(WorkspaceInstanceProvider.__module__)

    assert upgrades.provider_reference_outdated(old, current)
    assert not upgrades.provider_reference_outdated(current, current)
    assert not upgrades.provider_reference_outdated(current, old)  # a refresh diffs against stored inputs
