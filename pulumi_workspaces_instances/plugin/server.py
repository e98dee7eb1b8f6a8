"""The provider plugin: ``pulumi-resource-workspacesinstances``, for programs in every Pulumi language.

A thin face over the same implementation the dynamic face (Python programs) uses: each request
is translated (:mod:`.values`) into the property bags of the resource's ``ResourceProvider``
(``WorkspaceInstanceProvider``, ``VolumeProvider``, ``VolumeAttachmentProvider``) and its
check/diff/create/read/update/delete does the work — validation, waiting, ClientTokens, claims,
errors — exactly as for a Python program. Served by the SDK's supported provider server
(:mod:`pulumi.provider.experimental`): no pickling, nothing private of the SDK.

What only this face does:

- **Identity and seed.** The dynamic face passes the resource's identity and a seed drawn by a
  sibling resource as hidden inputs (aws/tokens.py). Here the engine hands every call the URN, which
  is the identity, and the seed is a random value in the *provider's* configuration: ``CheckConfig``
  draws it once and then keeps the one stored with the provider in the stack's state, which the
  engine saves before any resource of that provider is created. So a create resumed after a
  crash derives the same ClientToken, and another stack (whatever its names, whatever its
  backend) another one.
- **Parallel calls.** The implementation blocks (boto3, waiting for ALLOCATED): every call runs on
  this module's own thread pool, so the event loop serves a fleet at once.
- **One-line errors.** The SDK's server appends a traceback to whatever a method raises; this
  package's own errors are written to be read alone, so they reach the engine as their message.
- **The engine's lifetime.** As in the dynamic host, a watchdog ends the process when its engine
  is gone (:func:`provider.host.process.watch_plugin_engine`), so nothing is claimed for a run nobody records.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import contextvars
import dataclasses
import functools
import secrets
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import grpc
import pulumi
from pulumi.errors import InputPropertiesError
from pulumi.provider.experimental import provider as api
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.server import ProviderServicer
from pulumi.runtime import rpc
from pulumi.runtime.proto import provider_pb2_grpc

from ..components.errors import WorkspaceArgumentError
from ..components.instance_type_check import InstanceTypeCheckError
from ..provider.aws import clients
from ..provider.aws.errors import WorkspaceInstanceError
from ..provider.data_sources.invokes import DataSourceError
from ..provider.host import process
from ..provider.inputs import properties, timeouts
from ..provider.inputs.arguments import ArgumentError
from ..provider.inputs.checks import Problem
from ..provider.inputs.detailed_diff import format_path
from ..provider.provider_base import ProblemFailure
from ..provider.reporting import diagnostics
from ..provider.reporting.diagnostics import Sink
from . import description, schema
from .engine_log import EngineLog
from .values import Props, to_core, to_python, to_wire, unknown_names, wire_path, wire_segments
from .workspace import PluginWorkspace, child_version

PLUGIN_NAME = f"pulumi-resource-{description.PACKAGE}"
WORKERS = 256
"""Calls served at once (the engine's ``--parallel`` is the real limit); each waits on AWS, not the CPU."""
SEED = properties.SEED
"""The provider configuration's hidden random value, and the resources' hidden input holding it."""
SEED_BYTES = 16
CONFIG_REGION = "region"
ONE_LINE_ERRORS = (WorkspaceInstanceError, DataSourceError, ArgumentError)
"""This package's errors, written to be read alone."""

T = TypeVar("T")


def version() -> str:
    """The installed package's version (the plugin reports it to the engine)."""
    return schema.package_version()


def resource_type(urn: str) -> str:
    """The type token in a URN (``urn:pulumi:stack::project::type::name``)."""
    return urn.split("::")[2]


def _in_call(seconds: float | None, sink: Sink | None, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` with the call's ``customTimeouts`` and its lines going to ``sink``."""
    with timeouts.custom_timeout(seconds), diagnostics.routed(sink) if sink else contextlib.nullcontext():
        return function(*args)


class WorkspacesInstancesProvider(api.Provider):
    """Serves WorkspaceInstance, Volume, VolumeAttachment and the three functions."""

    def __init__(self, engine: str | None = None) -> None:
        """``engine``: the engine's address, where progress lines and warnings go (None: stdout/stderr)."""
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="call")
        self._seed: str | None = None
        #: The name of the provider resource this process serves (``default_0_2_0``), from CheckConfig.
        self._provider_name: str | None = None
        self._log = EngineLog(engine) if engine else None

    async def _run(
        self, function: Callable[..., T], *args: Any, timeout: float | None = None, urn: str | None = None
    ) -> T:
        """``function(*args)`` on the pool, with this call's context (contextvars) carried along, the
        engine's ``customTimeouts`` for it (``timeout``; 0 or None: unset) in effect, and its lines
        logged to the engine against ``urn``."""
        context = contextvars.copy_context()
        sink = self._log.sink(urn) if self._log is not None and urn else None
        call = functools.partial(context.run, _in_call, timeout, sink, function, *args)
        return await asyncio.get_running_loop().run_in_executor(self._pool, call)

    # --- schema and configuration --------------------------------------------------------------

    async def get_schema(self, request: api.GetSchemaRequest) -> api.GetSchemaResponse:
        """The package schema, computed from the description (the same as the checked-in file)."""
        return api.GetSchemaResponse(schema=await self._run(schema.render))

    async def check_config(self, request: api.CheckRequest) -> api.CheckResponse:
        """The configuration as given, plus the provider's seed: the stored one, else a new one."""
        self._provider_name = request.urn.rsplit("::", 1)[-1] if request.urn else None
        stored = request.old_inputs.get(SEED)
        seed = stored.value if stored is not None and isinstance(stored.value, str) else None
        inputs = dict(request.new_inputs)
        inputs[SEED] = PropertyValue(seed or secrets.token_hex(SEED_BYTES), is_secret=True)
        return api.CheckResponse(inputs=inputs)

    async def diff_config(self, request: api.DiffRequest) -> api.DiffResponse:
        """A new default region changes nothing by itself: each resource's check records its own."""
        return api.DiffResponse(changes=False)

    async def configure(self, request: api.ConfigureRequest) -> api.ConfigureResponse:
        """Remember the default region and the seed; take secrets as they are."""
        region = request.args.get(CONFIG_REGION)
        clients.set_configured_region(
            region.value if region is not None and isinstance(region.value, str) else None,
            key=f"{description.PACKAGE}:{CONFIG_REGION}",
        )
        seed = request.args.get(SEED)
        self._seed = seed.value if seed is not None and isinstance(seed.value, str) else None
        # Previews are answered here (:func:`preview_outputs`): without them the engine would take
        # an updated resource's inputs as its outputs, and its id-like outputs would be unknown.
        return api.ConfigureResponse(accept_secrets=True, supports_preview=True)

    # --- resources -----------------------------------------------------------------------------

    async def check(self, request: api.CheckRequest) -> api.CheckResponse:
        """Validation (every problem at once, each with its wire path) and defaults, as the dynamic face."""
        spec = description.resource(resource_type(request.urn))
        record = spec.record()
        failures = [
            api.CheckFailure(name, f"unknown property '{name}' of {spec.name}")
            for name in unknown_names(request.new_inputs, record)
        ]
        news, secret = to_core(request.new_inputs, record)
        olds, _ = to_core(request.old_inputs, record)
        news[properties.IDENTITY] = request.urn
        news[SEED] = self._seed or olds.get(SEED)
        result = await self._run(spec.provider().check, olds, news, urn=request.urn)
        for failure in result.failures or []:
            problem = failure.problem if isinstance(failure, ProblemFailure) else Problem("", failure.reason)
            failures.append(api.CheckFailure(wire_path(problem.path, record), problem.reason))
        return api.CheckResponse(inputs=to_wire(result.inputs or {}, record, secret), failures=failures)

    async def diff(self, request: api.DiffRequest) -> api.DiffResponse:
        """What changes, and whether it replaces, as the dynamic face decides it; with the detailed diff
        (each changed property's path, in wire names, and kind), from which the engine shows
        ``preview --diff`` and applies ``replaceOnChanges``."""
        spec = description.resource(resource_type(request.urn))
        record = spec.record()
        olds, _ = to_core(request.old_state, record)
        news, _ = to_core(request.new_inputs, record)
        result = await self._run(
            spec.provider().detailed_diff, request.resource_id, olds, news, urn=request.urn
        )
        replaces = [str(wire_segments((name,), record)[0]) for name in result.replaces or []]
        stables = [] if replaces else [description.camel(name) for name in spec.stable]
        detailed = {
            format_path(wire_segments(change.path, record)): api.PropertyDiff(
                api.PropertyDiffKind(change.protocol_kind), input_diff=False
            )
            for change in result.detailed
        }
        return api.DiffResponse(
            changes=result.changes,
            replaces=replaces,
            stables=stables,
            delete_before_replace=bool(replaces)
            and bool(result.delete_before_replace or spec.delete_before_replace),
            diffs=sorted({str(wire_segments((change.top,), record)[0]) for change in result.detailed}),
            detailed_diff=detailed,
        )

    async def create(self, request: api.CreateRequest) -> api.CreateResponse:
        """Create and wait (ALLOCATED, available, attached)."""
        spec = description.resource(resource_type(request.urn))
        record = spec.record()
        props, secret = to_core(request.properties, record)
        if request.preview:
            return api.CreateResponse(
                resource_id="", properties=to_wire(preview_outputs(spec, {}, props), record, secret)
            )
        result = await self._run(spec.provider().create, props, timeout=request.timeout, urn=request.urn)
        return api.CreateResponse(
            resource_id=result.id, properties=to_wire(result.outs or {}, record, secret)
        )

    async def read(self, request: api.ReadRequest) -> api.ReadResponse:
        """The live resource: refresh (an empty id when it is gone), or ``pulumi import``.

        An import brings only the id; ``<region>/<id>`` names a region other than the provider's.
        A missing resource then fails the import in one line (an empty answer would import nothing
        "successfully").
        """
        spec = description.resource(resource_type(request.urn))
        record = spec.record()
        props, secret = to_core({**request.inputs, **request.properties}, record)
        importing = not request.properties
        resource_id = request.resource_id
        if importing and "/" in resource_id:
            region, resource_id = resource_id.split("/", 1)
            props[properties.REGION] = region
        result = await self._run(spec.provider().read, resource_id, props, urn=request.urn)
        if not result.id:
            if importing:
                where = props.get(properties.REGION) or clients.resolve_region(None)
                raise WorkspaceInstanceError(
                    f"import: no {spec.name} {resource_id} in {where}; check the id, or give the region "
                    f"as <region>/{resource_id}"
                )
            return api.ReadResponse(resource_id="", properties={}, inputs={})
        return api.ReadResponse(
            resource_id=result.id,
            properties=to_wire(result.outs or {}, record, secret),
            inputs=to_wire(result.inputs or {}, record, secret),
        )

    async def update(self, request: api.UpdateRequest) -> api.UpdateResponse:
        """Change in place what can change in place (tags, a volume's size and type, timeouts)."""
        spec = description.resource(resource_type(request.urn))
        record = spec.record()
        olds, old_secret = to_core(request.olds, record)
        news, new_secret = to_core(request.news, record)
        if request.preview:
            outs = preview_outputs(spec, olds, news)
            return api.UpdateResponse(properties=to_wire(outs, record, old_secret | new_secret))
        result = await self._run(
            spec.provider().update, request.resource_id, olds, news, timeout=request.timeout, urn=request.urn
        )
        return api.UpdateResponse(properties=to_wire(result.outs or {}, record, old_secret | new_secret))

    async def delete(self, request: api.DeleteRequest) -> None:
        """Delete and wait until it is gone (already gone is fine)."""
        spec = description.resource(resource_type(request.urn))
        props, _ = to_core(request.properties, spec.record())
        await self._run(
            spec.provider().delete, request.resource_id, props, timeout=request.timeout, urn=request.urn
        )

    async def construct(self, request: api.ConstructRequest) -> api.ConstructResponse:
        """The ``Workspace`` component (:func:`construct_workspace`)."""
        return await construct_workspace(request, child_version(self._provider_name))

    # --- functions -----------------------------------------------------------------------------

    async def invoke(self, request: api.InvokeRequest) -> api.InvokeResponse:
        """One of the three functions, run by the same code as the Python face's."""
        spec = description.function(request.tok)
        arguments_record = description.Record(spec.name, spec.description, spec.inputs)
        arguments, _ = to_core(request.args, arguments_record)
        unknown = unknown_names(request.args, arguments_record)
        if unknown:
            return api.InvokeResponse(
                failures=[
                    api.CheckFailure(name, f"unknown argument '{name}' of {spec.name}") for name in unknown
                ]
            )
        result = await self._run(functools.partial(spec.implementation, **arguments))
        return api.InvokeResponse(return_value=to_wire(dataclasses.asdict(result), spec.result))


def preview_outputs(spec: description.ResourceSpec, olds: Props, news: Props) -> Props:
    """What a create (``olds`` empty) or an in-place update will output, as far as a preview can tell.

    The new inputs as given; the stable outputs as they are (an update never changes an id); every
    other output unknown until the call has run.
    """
    outs = {**olds, **news}
    for field in spec.outputs:
        if field.core not in news and not (olds and field.core in spec.stable):
            outs[field.core] = rpc.UNKNOWN
    return outs


# --- the component -------------------------------------------------------------------------------


async def construct_workspace(
    request: api.ConstructRequest, version: str | None = None
) -> api.ConstructResponse:
    """Build the ``Workspace`` component (the Python face's class, with the plugin's child, which
    registers with ``version``: see :func:`~.workspace.child_version`)."""
    spec = description.component()
    if request.resource_type != spec.token:
        raise ValueError(f"unknown component {request.resource_type!r}; this provider serves {spec.token}")
    arguments = to_python(request.inputs, spec.inputs)
    try:
        workspace = PluginWorkspace(request.name, opts=request.options, child_version=version, **arguments)
    except (*ONE_LINE_ERRORS, WorkspaceArgumentError, InstanceTypeCheckError) as error:
        # The engine shows this as the component's error, in one line.
        raise InputPropertiesError(str(error)) from None
    values: Props = {}
    secret: set[tuple[str | int, ...]] = set()
    for field in spec.outputs:
        output = pulumi.Output.from_input(getattr(workspace, field.core))
        known = await output.is_known()
        values[field.core] = await output.future() if known else rpc.UNKNOWN
        if await output.is_secret():
            secret.add((field.core,))
    return api.ConstructResponse(
        urn=await workspace.urn.future() or "",
        state=to_wire(values, spec.record(), secret),
        state_dependencies={},
    )


# --- serving -------------------------------------------------------------------------------------


def _one_line(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Report this package's errors as their message alone (the SDK's server adds a traceback)."""

    @functools.wraps(method)
    async def serve(self: ProviderServicer, request: Any, context: grpc.aio.ServicerContext) -> Any:
        try:
            return await method(self, request, context)
        except Exception as exc:
            # The SDK re-raises inside its handler: the original error is the context.
            original = exc if isinstance(exc, ONE_LINE_ERRORS) else exc.__context__
            if isinstance(original, ONE_LINE_ERRORS):
                await context.abort(grpc.StatusCode.UNKNOWN, str(original))
            raise

    return serve


class _Servicer(ProviderServicer):
    """The SDK's servicer, with this package's errors reported in one line."""


for _name in ("CheckConfig", "Configure", "Check", "Diff", "Create", "Read", "Update", "Delete", "Invoke"):
    setattr(_Servicer, _name, _one_line(getattr(ProviderServicer, _name)))


async def _serve(args: list[str], engine: str) -> None:
    # The SDK runs each resource registration of a component (construct) on the loop's default
    # executor, blocking until the engine has created the resource; its default size (CPUs + 4, so
    # 6 here) would build a fleet of components six at a time.
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="sdk")
    )
    server = grpc.aio.server(options=[("grpc.max_receive_message_length", 400 * 1024 * 1024)])
    servicer = _Servicer(args, version(), WorkspacesInstancesProvider(engine), engine_address=engine)
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    # The engine reads the port from the first line of stdout.
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    await server.wait_for_termination()


def main(argv: list[str] | None = None) -> None:
    """The console script ``pulumi-resource-workspacesinstances``: started by the engine with its address."""
    args = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog=PLUGIN_NAME, description="Pulumi provider plugin (gRPC server)")
    parser.add_argument("engine", help="the Pulumi engine's address")
    known, _ = parser.parse_known_args(args)
    process.watch_plugin_engine(known.engine)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args, known.engine))
