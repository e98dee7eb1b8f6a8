"""The emulated service behind the HTTP server: one AWS call in, one answer out.

Order per call: faults (delay, error) → model validation (WorkSpaces Instances) or model-driven
decoding (EC2) → allocation faults → handler inside one store transaction → call log. Everything
here is independent of HTTP so it can be reasoned about (and tested) on its own.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from botocore.model import Shape

from .core.backend import Outcome
from .core.calls import CallLog, redact
from .core.ec2_query import EC2_PROTOCOL, decode_params, ec2_error
from .core.errors import ServiceError
from .core.model import ec2_service_model, operation
from .core.pagination import Paginator
from .core.store import open_store
from .core.validation import validate
from .faults import FaultPlan
from .operations import EC2_HANDLERS, HANDLERS, Handler
from .workspaces_instances.behaviour import Behaviour
from .workspaces_instances.catalogue import load_catalogue
from .workspaces_instances.context import RequestContext, Timing

#: The call log's name for the JSON 1.0 protocol (botocore's), the default of callers that name none.
JSON = "json"

logger = logging.getLogger(__name__)


class Service:
    """State, faults and call log of one emulator, and the dispatch of calls to handlers.

    The ``core.backend.Backend`` the HTTP server answers for.
    """

    def __init__(
        self, timing: Timing, state_path: str | Path | None, behaviour: Behaviour | None = None
    ) -> None:
        self.timing = timing
        #: The switches the emulator started with (a reset restores them) and those in effect now.
        self.initial_behaviour = behaviour or Behaviour()
        self.behaviour = self.initial_behaviour
        self.store = open_store(state_path)
        self.catalogue = load_catalogue()
        self.paginator = Paginator()
        self.faults = FaultPlan()
        self.calls = CallLog()
        # Set when the emulator stops, so injected delays end early instead of holding threads.
        self.stopping = threading.Event()

    @property
    def ec2_actions(self) -> tuple[str, ...]:
        """The EC2 actions served (``operations.EC2_HANDLERS``)."""
        return tuple(EC2_HANDLERS)

    def reset(self) -> None:
        """Forget every resource, call and fault; restore the behaviour switches the emulator started with."""
        with self.store.transaction():
            self.store.clear()
        self.calls.clear()
        self.faults.clear()
        self.behaviour = self.initial_behaviour

    def behaviour_settings(self) -> dict[str, Any]:
        """The behaviour switches in effect (``GET /_emulator/behaviour``)."""
        return self.behaviour.as_dict()

    def change_behaviour(self, changes: Any) -> dict[str, Any]:
        """Set some behaviour switches (``POST /_emulator/behaviour``); ValueError names a bad one."""
        # One assignment of a frozen value: a call in flight sees the old switches or the new, never a mix.
        self.behaviour = self.behaviour.updated(changes)
        return self.behaviour.as_dict()

    def context(self, region: str) -> RequestContext:
        """What a handler gets besides its parameters, for a call from ``region`` now (no faults taken)."""
        return RequestContext(
            region=region,
            now=time.time(),
            store=self.store,
            catalogue=self.catalogue,
            paginator=self.paginator,
            timing=self.timing,
            behaviour=self.behaviour,
            change_behaviour=self.change_behaviour,
        )

    def record_refusal(
        self, operation_name: str, region: str | None, params: Any, error: ServiceError, protocol: str = JSON
    ) -> None:
        """Log a call refused before dispatch (unsigned, unknown operation, unreadable body)."""
        self.calls.record(operation_name, region, params, error.status, error.code, protocol)

    def call(self, operation_name: str, region: str, params: Any, protocol: str = JSON) -> Outcome:
        """Answer one call of a known WorkSpaces Instances operation from ``region``."""
        input_shape = operation(operation_name).input_shape

        def checked(raw: Any) -> dict[str, Any]:
            validate(raw, input_shape)
            return dict(raw)

        return self._answer(
            operation_name,
            region,
            params,
            checked,
            HANDLERS[operation_name],
            protocol,
            input_shape,
            ServiceError("InternalServerException", "Internal error in the emulator."),
        )

    def call_ec2(self, action: str, region: str, fields: dict[str, str]) -> Outcome:
        """Answer one EC2 query-protocol call of a served action (``fields``: the decoded form)."""
        operation_model = ec2_service_model().operation_model(action)
        return self._answer(
            action,
            region,
            fields,
            lambda raw: decode_params(operation_model, raw),
            EC2_HANDLERS[action],
            EC2_PROTOCOL,
            operation_model.input_shape,
            ec2_error("InternalError", "An internal error has occurred in the emulator.", 500),
        )

    def _answer(
        self,
        operation_name: str,
        region: str,
        raw: Any,
        read: Callable[[Any], dict[str, Any]],
        handler: Handler,
        protocol: str,
        input_shape: Shape | None,
        internal_error: ServiceError,
    ) -> Outcome:
        """Faults (delay, error) → read/validate → allocation faults → handler in a transaction → log."""
        outcome = Outcome()
        decision = self.faults.decide(operation_name)
        # Dropped even when the answer is an error: the client learns nothing either way.
        outcome.drop_response = decision.drop_response
        logged = raw
        try:
            if decision.delay:
                self.stopping.wait(decision.delay)
            if decision.error is not None:
                raise decision.error
            params = read(raw)
            logged = params
            ctx = self.context(region)
            # Taken only by valid calls, so a rejected request does not use up the rule.
            ctx.failed_allocation = self.faults.allocation_failure(operation_name)
            ctx.take_deallocation_failure = lambda: self.faults.deallocation_failure(operation_name)
            with self.store.transaction():
                outcome.result = handler(ctx, params)
        except ServiceError as error:
            outcome.error = error
        except Exception:
            # A bug in a handler must still answer (as AWS answers its own failures), not hang the client.
            logger.exception("handler for %s failed", operation_name)
            outcome.error = internal_error
        self.calls.record(
            operation_name,
            region,
            redact(logged, input_shape),
            outcome.status,
            outcome.error.code if outcome.error is not None else None,
            protocol,
        )
        return outcome

    def close(self) -> None:
        """Stop delays and release the store."""
        self.stopping.set()
        self.store.close()
