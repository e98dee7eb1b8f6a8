"""``pulumi import`` of this package's dynamic resources: one line that says what to do instead.

The engine imports a resource by calling its provider's ``Read`` with only the id. The SDK's
dynamic provider host finds the provider to call in the resource's state (the pickled
``__provider``), which an import does not have, so it fails inside a traceback ending in
``KeyError: '__provider'`` (pulumi/pulumi#16175) — before any of this package's code runs.

The wheel installs ``pulumi_workspaces_instances_host.pth``, which Python runs at start-up. In a process
started as the dynamic host (``python -m pulumi.dynamic``; any other process returns at once) it calls
:func:`install`, which wraps the host's gRPC servicer as it is registered: a ``Read`` for one of this
package's types that carries no ``__provider`` ends with the one-line hint of
:func:`provider.inputs.arguments.import_hint` (``adopt_id`` for instances, with an example). Every other
call, and every other package's dynamic resource, goes to the SDK untouched. Editable installs do not get
the ``.pth`` (setuptools builds them without ``build_py``'s extra files): there the SDK's own traceback
remains.
"""

from __future__ import annotations

import functools
from typing import Any

from ..inputs.arguments import DYNAMIC_IMPORT_ISSUE, IMPORT_HINTS, import_hint

TYPE_PREFIX = "pulumi-python:dynamic/workspacesinstances:"
"""The type tokens of this package's dynamic resources (the SDK's prefix, the module)."""
PROVIDER_KEY = "__provider"
"""Where the SDK's dynamic host looks for the pickled provider."""

_installed = False


def hint_for(urn: str, resource_id: str) -> str | None:
    """The line for importing the resource ``urn`` as ``resource_id``; None when it is not ours."""
    parts = urn.split("::")
    if len(parts) < 4:
        return None
    resource_type = parts[2].rsplit("$", 1)[-1]
    if not resource_type.startswith(TYPE_PREFIX):
        return None
    kind = resource_type.removeprefix(TYPE_PREFIX)
    if kind not in IMPORT_HINTS:
        return None
    return (
        f"pulumi import cannot import {kind} '{parts[-1]}' ({resource_id}): this package's resources are "
        f"dynamic, and the engine reads an import without their provider ({DYNAMIC_IMPORT_ISSUE}); "
        f"{import_hint(kind, parts[-1], resource_id)}"
    )


def _carries_provider(request: Any) -> bool:
    return any(PROVIDER_KEY in bag.fields for bag in (request.properties, request.inputs))


def _guarded_read(read: Any) -> Any:
    @functools.wraps(read)
    def guarded(request: Any, context: Any) -> Any:
        if not _carries_provider(request):
            hint = hint_for(request.urn, request.id)
            if hint is not None:
                import grpc

                context.abort(grpc.StatusCode.INVALID_ARGUMENT, hint)
        return read(request, context)

    return guarded


def install() -> None:
    """Wrap the dynamic host's ``Read`` as the host registers its servicer (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    from pulumi.runtime.proto import provider_pb2_grpc

    register = provider_pb2_grpc.add_ResourceProviderServicer_to_server

    @functools.wraps(register)
    def registering(servicer: Any, server: Any) -> Any:
        servicer.Read = _guarded_read(servicer.Read)
        return register(servicer, server)

    provider_pb2_grpc.add_ResourceProviderServicer_to_server = registering
