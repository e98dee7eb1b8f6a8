"""The emulated service behind the HTTP server: one AWS call in, one answer out.

Order per call: faults (delay, error) → model validation → allocation faults → handler inside
one store transaction → call log. Everything here is independent of HTTP so it can be reasoned about
(and tested) on its own.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .calls import CallLog, redact
from .catalogue import load_catalogue
from .context import RequestContext, Timing
from .errors import ServiceError
from .faults import FaultPlan
from .model import operation
from .operations import HANDLERS
from .pagination import Paginator
from .store import open_store
from .validation import validate

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """The answer to one call: a result or an error, and whether to drop the response."""

    result: dict[str, Any] | None = None
    error: ServiceError | None = None
    drop_response: bool = False

    @property
    def status(self) -> int:
        """The HTTP status the answer carries."""
        return self.error.status if self.error is not None else 200


class Service:
    """State, faults and call log of one emulator, and the dispatch of calls to handlers."""

    def __init__(
        self, allocate_seconds: float, deallocate_seconds: float, state_path: str | Path | None
    ) -> None:
        self.timing = Timing(allocate_seconds, deallocate_seconds)
        self.store = open_store(state_path)
        self.catalogue = load_catalogue()
        self.paginator = Paginator()
        self.faults = FaultPlan()
        self.calls = CallLog()
        # Set when the emulator stops, so injected delays end early instead of holding threads.
        self.stopping = threading.Event()

    def reset(self) -> None:
        """Forget every resource, call and fault."""
        with self.store.transaction():
            self.store.clear()
        self.calls.clear()
        self.faults.clear()

    def record_refusal(
        self, operation_name: str, region: str | None, params: Any, error: ServiceError
    ) -> None:
        """Log a call refused before dispatch (unsigned, unknown operation, unreadable body)."""
        self.calls.record(operation_name, region, params, error.status, error.code)

    def call(self, operation_name: str, region: str, params: Any) -> Outcome:
        """Answer one call of a known operation from ``region``."""
        input_shape = operation(operation_name).input_shape
        outcome = Outcome()
        decision = self.faults.decide(operation_name)
        # Dropped even when the answer is an error: the client learns nothing either way.
        outcome.drop_response = decision.drop_response
        try:
            if decision.delay:
                self.stopping.wait(decision.delay)
            if decision.error is not None:
                raise decision.error
            validate(params, input_shape)
            ctx = RequestContext(
                region=region,
                now=time.time(),
                store=self.store,
                catalogue=self.catalogue,
                paginator=self.paginator,
                timing=self.timing,
                # Taken only by valid calls, so a rejected request does not use up the rule.
                failed_allocation=self.faults.allocation_failure(operation_name),
            )
            with self.store.transaction():
                outcome.result = HANDLERS[operation_name](ctx, params)
        except ServiceError as error:
            outcome.error = error
        except Exception as exc:
            # A bug in a handler must still answer (as AWS answers its own failures), not hang the client.
            logger.exception("handler for %s failed", operation_name)
            outcome.error = ServiceError("InternalServerException", f"Internal error: {exc}")
        self.calls.record(
            operation_name,
            region,
            redact(params, input_shape),
            outcome.status,
            outcome.error.code if outcome.error is not None else None,
        )
        return outcome

    def close(self) -> None:
        """Stop delays and release the store."""
        self.stopping.set()
        self.store.close()
