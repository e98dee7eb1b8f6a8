"""Injected faults: rules posted to ``/_emulator/faults`` that make the next matching calls misbehave.

A rule is ``{"operation": "<Operation>" | "*", "action": ..., "times": N}`` (``times``
defaults to 1) or ``{..., "probability": p, "seed": s}`` (fires with probability p from a
seeded generator; unlimited unless ``times`` is also given). ``"*"`` is every WorkSpaces
Instances operation; the EC2 actions served (``operations.EC2_HANDLERS``, e.g. DescribeVolumes)
are matched only by name. Actions:

- ``error``: answer with the modeled error ``"error"`` (e.g. ``ThrottlingException``; the
  ``Exception`` suffix may be left off) without applying the request; ``"retry_after"`` sets
  ``RetryAfterSeconds`` on errors that have it; ``"message"`` overrides the message. For an EC2
  action, ``"error"`` is any EC2 error code (e.g. ``RequestLimitExceeded``) and ``"status"`` its
  HTTP status (default 503 for RequestLimitExceeded and Unavailable, 500 for InternalError, else 400).
- ``drop_response``: apply the request, then close the connection without answering.
- ``delay``: wait ``"seconds"`` before handling the request.
- ``fail_allocation``: the next matching CreateWorkspaceInstance ends in ERROR_ALLOCATING with
  ``"ec2_error_code"`` and ``"message"`` in its EC2InstanceErrors.
- ``fail_deallocation``: the next matching DeleteWorkspaceInstance that starts a deletion ends in
  ERROR_DEALLOCATING (after ``deallocate_seconds``) with ``"error_code"`` and ``"message"`` in
  its WorkspaceInstanceErrors; deleting it again starts a new deletion.

Rules are checked strictly, all or none per post: a field the action does not take (with a
did-you-mean for typos), a wrong type, a non-finite or out-of-range number (``seconds`` 0 to
MAX_DELAY_SECONDS, ``probability`` 0 to 1, ``times`` ≥ 1, an integer ``seed`` only with
``probability``) raises FaultRuleError naming the field; at most ``limits.MAX_FAULT_RULES`` are active.
"""

from __future__ import annotations

import difflib
import random
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from botocore.model import StructureShape

from .core.ec2_query import ec2_error
from .core.errors import ServiceError
from .core.limits import MAX_FAULT_RULES, is_finite_number, quote
from .core.model import error_shape, operation_names
from .operations import EC2_HANDLERS
from .workspaces_instances.records import Ec2InstanceError, InstanceError

ACTIONS = ("error", "drop_response", "delay", "fail_allocation", "fail_deallocation")
CREATE_OPERATION = "CreateWorkspaceInstance"
DELETE_OPERATION = "DeleteWorkspaceInstance"
DEFAULT_EC2_ERROR_CODE = "InsufficientInstanceCapacity"
DEFAULT_FAILURE_MESSAGE = "Injected allocation failure."
DEFAULT_DEALLOCATION_ERROR_CODE = "DeallocationFailed"
DEFAULT_DEALLOCATION_MESSAGE = "Injected deallocation failure."
# The operation each lifecycle fault can act on, whatever its "operation" says.
_LIFECYCLE_FAULTS = {"fail_allocation": CREATE_OPERATION, "fail_deallocation": DELETE_OPERATION}
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
    error_code: str = DEFAULT_DEALLOCATION_ERROR_CODE
    status: int | None = None

    def applies_to(self, operation: str) -> bool:
        """True when the rule targets ``operation`` (a lifecycle fault only its own operation)."""
        target = _LIFECYCLE_FAULTS.get(self.action)
        if target is not None and operation != target:
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


# The fields each action takes besides the common ones; anything else is refused, so a typo
# (say "probabilty") cannot silently change what a rule does.
_COMMON_FIELDS = ("operation", "action", "times", "probability", "seed")
_ACTION_FIELDS = {
    "error": ("error", "retry_after", "message", "status"),
    "drop_response": (),
    "delay": ("seconds",),
    "fail_allocation": ("ec2_error_code", "message"),
    "fail_deallocation": ("error_code", "message"),
}
#: The longest injected delay; longer ones would only hold a request thread.
MAX_DELAY_SECONDS = 600.0
MAX_MESSAGE_CHARS = 1000


def _show(value: Any) -> str:
    return quote(value, 80)


def _integer(raw: dict[str, Any], key: str, low: int, high: int | None = None) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FaultRuleError(f"'{key}' must be an integer, got {_show(value)}")
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise FaultRuleError(f"'{key}' must be {bounds}, got {value}")
    return value


def _real(raw: dict[str, Any], key: str, low: float, high: float) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if not is_finite_number(value):
        raise FaultRuleError(f"'{key}' must be a finite number, got {_show(value)}")
    if not low <= value <= high:
        raise FaultRuleError(f"'{key}' must be between {low:g} and {high:g}, got {value}")
    return float(value)


def _text(raw: dict[str, Any], key: str, limit: int = MAX_MESSAGE_CHARS) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FaultRuleError(f"'{key}' must be a string, got {_show(value)}")
    if len(value) > limit:
        raise FaultRuleError(f"'{key}' must be at most {limit} characters, got {len(value)}")
    return value


def _check_fields(raw: dict[str, Any], action: str, operation: str) -> None:
    allowed = [*_COMMON_FIELDS, *_ACTION_FIELDS[action]]
    if action == "error" and operation not in EC2_HANDLERS:
        allowed.remove("status")
    for key in raw:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = (
                f"; did you mean '{close[0]}'?" if close else f"; a {action} rule takes {', '.join(allowed)}"
            )
            raise FaultRuleError(f"unknown field {_show(key)} in a fault rule{hint}")


def parse_rule(raw: Any) -> FaultRule:
    """Turn one posted JSON object into a rule, or raise FaultRuleError naming the field to fix."""
    if not isinstance(raw, dict):
        raise FaultRuleError(f"each fault rule must be a JSON object, got {_show(raw)}")
    operation = raw.get("operation", "*")
    known = [*operation_names(), *EC2_HANDLERS]
    if operation != "*" and operation not in known:
        # Named rather than listed: the served operations are too many for a one-line answer.
        close = difflib.get_close_matches(operation, known, n=1) if isinstance(operation, str) else []
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else "give '*', a WorkSpaces Instances operation (e.g. CreateWorkspaceInstance) or an EC2 "
            "action the emulator serves (e.g. DescribeInstances)"
        )
        raise FaultRuleError(f"'operation' {_show(operation)} is not an operation it serves; {hint}")
    action = raw.get("action")
    if action not in ACTIONS:
        raise FaultRuleError(f"'action' must be one of {list(ACTIONS)}, got {_show(action)}")
    _check_fields(raw, action, operation)
    probability = _real(raw, "probability", 0.0, 1.0)
    times = _integer(raw, "times", 1)
    if times is None and probability is None:
        times = 1
    seed = _integer(raw, "seed", -(2**63), 2**63 - 1)
    if seed is not None and probability is None:
        raise FaultRuleError("'seed' only applies with 'probability'")
    rule = FaultRule(operation=operation, action=action, remaining=times, probability=probability)
    if probability is not None:
        rule.rng = random.Random(seed)
    rule.message = _text(raw, "message")
    if action == "error" and operation in EC2_HANDLERS:
        name = raw.get("error")
        if not isinstance(name, str) or len(name) > 64 or not _EC2_ERROR_CODE.fullmatch(name):
            raise FaultRuleError(
                f"'error' must be an EC2 error code such as RequestLimitExceeded, got {_show(name)}"
            )
        rule.error = name
        rule.status = _integer(raw, "status", 400, 599)
    elif action == "error":
        name = raw.get("error")
        if not isinstance(name, str):
            raise FaultRuleError(f'an \'error\' rule needs "error": "<ErrorShapeName>", got {_show(name)}')
        if error_shape(name) is None and error_shape(name + "Exception") is not None:
            name += "Exception"
        if error_shape(name) is None:
            raise FaultRuleError(f"'error' must name an error shape of the service model, got {_show(name)}")
        rule.error = name
        rule.retry_after = _integer(raw, "retry_after", 0)
    elif action == "delay":
        seconds = _real(raw, "seconds", 0.0, MAX_DELAY_SECONDS)
        rule.seconds = 1.0 if seconds is None else seconds
    elif action == "fail_allocation":
        code = _text(raw, "ec2_error_code", 64)
        rule.ec2_error_code = code if code is not None else DEFAULT_EC2_ERROR_CODE
    elif action == "fail_deallocation":
        code = _text(raw, "error_code", 64)
        rule.error_code = code if code is not None else DEFAULT_DEALLOCATION_ERROR_CODE
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
        if len(raw_rules) > MAX_FAULT_RULES:
            raise FaultRuleError(
                f"at most {MAX_FAULT_RULES} rules can be active, got {len(raw_rules)} at once"
            )
        parsed = []
        for index, raw in enumerate(raw_rules):
            try:
                parsed.append(parse_rule(raw))
            except FaultRuleError as exc:
                raise FaultRuleError(f"rule {index}: {exc}") if len(raw_rules) > 1 else exc from None
        with self._lock:
            if len(self._rules) + len(parsed) > MAX_FAULT_RULES:
                raise FaultRuleError(f"at most {MAX_FAULT_RULES} rules can be active; clear some first")
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
                if rule.action in _LIFECYCLE_FAULTS or not rule.applies_to(operation) or not rule.fires():
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

    def deallocation_failure(self, operation: str) -> InstanceError | None:
        """The error of the first fail_deallocation rule firing for a deletion that starts, if any."""
        with self._lock:
            for rule in self._rules:
                if rule.action == "fail_deallocation" and rule.applies_to(operation) and rule.fires():
                    self._drop_exhausted()
                    return InstanceError(rule.error_code, rule.message or DEFAULT_DEALLOCATION_MESSAGE)
        return None

    def _drop_exhausted(self) -> None:
        self._rules = [r for r in self._rules if r.remaining is None or r.remaining > 0]
