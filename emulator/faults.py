"""Injected faults: rules posted to ``/_emulator/faults`` that make the next matching calls misbehave.

A rule is ``{"operation": "<Operation>" | "*", "action": ..., "times": N}`` (``times``
defaults to 1) or ``{..., "probability": p, "seed": s}`` (fires with probability p from a
seeded generator; unlimited unless ``times`` is also given). ``"*"`` is every WorkSpaces
Instances operation; the EC2 actions served (DescribeVolumes, DescribeVolumesModifications) are
matched only by name. Actions:

- ``error``: answer with the modeled error ``"error"`` (e.g. ``ThrottlingException``; the
  ``Exception`` suffix may be left off) without applying the request; ``"retry_after"`` sets
  ``RetryAfterSeconds`` on errors that have it; ``"message"`` overrides the message. For an EC2
  action, ``"error"`` is any EC2 error code (e.g. ``RequestLimitExceeded``) and ``"status"`` its
  HTTP status (default 503 for RequestLimitExceeded and Unavailable, 500 for InternalError, else 400).
- ``drop_response``: apply the request, then close the connection without answering.
- ``delay``: wait ``"seconds"`` before handling the request.
- ``fail_allocation``: the next matching CreateWorkspaceInstance ends in ERROR_ALLOCATING with
  ``"ec2_error_code"`` and ``"message"`` in its EC2InstanceErrors.
"""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from botocore.model import StructureShape

from .ec2_query import ec2_error
from .errors import ServiceError
from .model import error_shape, operation_names
from .operations import EC2_HANDLERS
from .records import Ec2InstanceError

ACTIONS = ("error", "drop_response", "delay", "fail_allocation")
CREATE_OPERATION = "CreateWorkspaceInstance"
DEFAULT_EC2_ERROR_CODE = "InsufficientInstanceCapacity"
DEFAULT_FAILURE_MESSAGE = "Injected allocation failure."
_EC2_ERROR_CODE = re.compile(r"[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*")
_EC2_ERROR_STATUS = {"RequestLimitExceeded": 503, "Unavailable": 503, "InternalError": 500}

# Placeholder values for required members of error shapes that a rule does not give.
_REQUIRED_FILLERS = {
    "Reason": "OTHER",
    "ResourceId": "emulated-fault",
    "ResourceType": "Fault",
    "ServiceCode": "workspaces-instances",
    "QuotaCode": "emulated-fault",
}


class FaultRuleError(ValueError):
    """A posted rule is malformed; the message says which field to fix."""


@dataclass
class FaultRule:
    """One parsed rule and how many times it may still fire (None: unlimited)."""

    operation: str
    action: str
    remaining: int | None
    probability: float | None = None
    rng: random.Random | None = None
    error: str | None = None
    retry_after: int | None = None
    message: str | None = None
    seconds: float = 0.0
    ec2_error_code: str = DEFAULT_EC2_ERROR_CODE
    status: int | None = None

    def applies_to(self, operation: str) -> bool:
        """True when the rule targets ``operation`` (fail_allocation only ever targets creates)."""
        if self.action == "fail_allocation" and operation != CREATE_OPERATION:
            return False
        if self.operation == "*":
            return operation not in EC2_HANDLERS
        return self.operation == operation

    def fires(self) -> bool:
        """Decide (and count) whether the rule fires for one matching call."""
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.probability is not None and self.rng is not None and self.rng.random() >= self.probability:
            return False
        if self.remaining is not None:
            self.remaining -= 1
        return True

    def to_error(self) -> ServiceError:
        """The error this ``error`` rule answers with."""
        assert self.error is not None
        if self.operation in EC2_HANDLERS:
            status = self.status or _EC2_ERROR_STATUS.get(self.error, 400)
            return ec2_error(self.error, self.message or f"Injected {self.error}.", status)
        shape = error_shape(self.error)
        assert isinstance(shape, StructureShape)
        fields: dict[str, Any] = {
            name: _REQUIRED_FILLERS.get(name, "emulated")
            for name in shape.required_members
            if name != "Message"
        }
        if self.retry_after is not None and "RetryAfterSeconds" in shape.members:
            fields["RetryAfterSeconds"] = self.retry_after
        return ServiceError(self.error, self.message or f"Injected {self.error}.", **fields)


@dataclass
class FaultDecision:
    """What the faults say about one call."""

    delay: float = 0.0
    error: ServiceError | None = None
    drop_response: bool = False


def _number(raw: dict[str, Any], key: str, kind: type, default: Any = None) -> Any:
    value = raw.get(key, default)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (kind is int and not isinstance(value, int))
    ):
        raise FaultRuleError(f"'{key}' must be a {kind.__name__}, got {value!r}")
    return kind(value)


def parse_rule(raw: Any) -> FaultRule:
    """Turn one posted JSON object into a rule, or raise FaultRuleError saying what is wrong."""
    if not isinstance(raw, dict):
        raise FaultRuleError("each fault rule must be a JSON object")
    operation = raw.get("operation", "*")
    known = [*operation_names(), *EC2_HANDLERS]
    if operation != "*" and operation not in known:
        raise FaultRuleError(f"'operation' must be '*' or one of {known}, got {operation!r}")
    action = raw.get("action")
    if action not in ACTIONS:
        raise FaultRuleError(f"'action' must be one of {list(ACTIONS)}, got {action!r}")
    probability = _number(raw, "probability", float)
    if probability is not None and not 0.0 <= probability <= 1.0:
        raise FaultRuleError(f"'probability' must be between 0 and 1, got {probability}")
    times = _number(raw, "times", int, None if probability is not None else 1)
    if times is not None and times < 1:
        raise FaultRuleError(f"'times' must be at least 1, got {times}")
    rule = FaultRule(operation=operation, action=action, remaining=times, probability=probability)
    if probability is not None:
        rule.rng = random.Random(raw.get("seed"))
    if action == "error" and operation in EC2_HANDLERS:
        name = raw.get("error")
        if not isinstance(name, str) or not _EC2_ERROR_CODE.fullmatch(name):
            raise FaultRuleError(
                f"'error' must be an EC2 error code such as RequestLimitExceeded, got {name!r}"
            )
        rule.error = name
        rule.status = _number(raw, "status", int)
        if rule.status is not None and not 400 <= rule.status <= 599:
            raise FaultRuleError(f"'status' must be an HTTP error status (400 to 599), got {rule.status}")
    elif action == "error":
        name = raw.get("error")
        if not isinstance(name, str):
            raise FaultRuleError('an \'error\' rule needs "error": "<ErrorShapeName>"')
        if error_shape(name) is None and error_shape(name + "Exception") is not None:
            name += "Exception"
        if error_shape(name) is None:
            raise FaultRuleError(f"'error' must name an error shape of the service model, got {name!r}")
        rule.error = name
        rule.retry_after = _number(raw, "retry_after", int)
    elif action == "delay":
        rule.seconds = _number(raw, "seconds", float, 1.0)
        if rule.seconds < 0:
            raise FaultRuleError("'seconds' must not be negative")
    elif action == "fail_allocation":
        rule.ec2_error_code = str(raw.get("ec2_error_code", DEFAULT_EC2_ERROR_CODE))
    message = raw.get("message")
    rule.message = str(message) if message is not None else None
    return rule


@dataclass
class FaultPlan:
    """The active rules, evaluated in the order they were added."""

    _rules: list[FaultRule] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, raw_rules: Any) -> int:
        """Parse and append rules (all or none); returns how many are now active."""
        if not isinstance(raw_rules, list):
            raw_rules = [raw_rules]
        parsed = [parse_rule(r) for r in raw_rules]
        with self._lock:
            self._rules.extend(parsed)
            return len(self._rules)

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    def decide(self, operation: str) -> FaultDecision:
        """Evaluate the rules acting before validation (delay, error, drop_response) for one call."""
        decision = FaultDecision()
        with self._lock:
            for rule in self._rules:
                if rule.action == "fail_allocation" or not rule.applies_to(operation) or not rule.fires():
                    continue
                if rule.action == "delay":
                    decision.delay += rule.seconds
                elif rule.action == "error" and decision.error is None:
                    decision.error = rule.to_error()
                elif rule.action == "drop_response":
                    decision.drop_response = True
            self._drop_exhausted()
        return decision

    def allocation_failure(self, operation: str) -> Ec2InstanceError | None:
        """The EC2 error of the first fail_allocation rule firing for a valid call, if any."""
        with self._lock:
            for rule in self._rules:
                if rule.action == "fail_allocation" and rule.applies_to(operation) and rule.fires():
                    self._drop_exhausted()
                    return Ec2InstanceError(rule.ec2_error_code, rule.message or DEFAULT_FAILURE_MESSAGE)
        return None

    def _drop_exhausted(self) -> None:
        self._rules = [r for r in self._rules if r.remaining is None or r.remaining > 0]
