"""How a stack written by an earlier version of this package is carried forward.

State is a format users depend on. Before 0.2 the package ran from a clone with its folders on
the Python path, so the provider class pickled into each resource's ``__provider`` is named
``provider.instance_provider.WorkspaceInstanceProvider``; since 0.2 it is
``pulumi_workspaces_instances.provider.instance_provider.WorkspaceInstanceProvider``.

The dynamic provider host unpickles the *program's* ``__provider`` for check, diff, create and
update, but the *stored* one for read (refresh) and delete. So:

- ``diff`` reports a stored reference other than the current one as a change
  (:func:`provider_reference_outdated`): the next ``pulumi up`` performs an in-place update that
  makes no AWS call, and the host stores the current reference. Nothing is replaced.
- Until that ``up``, refresh and destroy need the old name importable: ``provider/__init__.py``
  maps it onto the installed package when the repository's folder is on the path, as it was
  for every stack the old layout created.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from ..inputs.properties import PROVIDER_KEY

CURRENT_MODULE = __name__.rsplit(".", 2)[0] + ".instance_provider"
"""The module the provider class is pickled by reference from (part of the state format)."""


def _names_current_module(props: Mapping[str, Any]) -> bool | None:
    """Whether ``props``' ``__provider`` names this package's provider module; None if unreadable."""
    stored = props.get(PROVIDER_KEY)
    if not isinstance(stored, str):
        return None
    try:
        pickled = base64.b64decode(stored, validate=True)
    except (binascii.Error, ValueError):
        return None
    return CURRENT_MODULE.encode() in pickled


def provider_reference_outdated(olds: Mapping[str, Any], news: Mapping[str, Any]) -> bool:
    """Whether a diff should store the program's provider reference in place of an old one.

    True only when the stored ``olds`` name another module and the ``news`` name this one: a
    refresh, which diffs the refreshed outputs against the *stored* inputs, sees no change.
    """
    return _names_current_module(olds) is False and _names_current_module(news) is True
