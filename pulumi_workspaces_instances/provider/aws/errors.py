"""One-line errors for failed AWS calls and failed instance lifecycles.

The dynamic provider host prints whatever a provider method raises, so every message here is
a single line that names the operation, the AWS error code, the service's message and the
instance id, and for AccessDenied the IAM action to grant.
"""

from __future__ import annotations

import re
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError

from .model import SERVICE_NAME

ACCESS_DENIED_CODES = frozenset({"AccessDeniedException", "AccessDenied", "UnauthorizedOperation"})
"""Error codes meaning the caller's IAM policy lacks the action."""

RETRYABLE_CODES = frozenset({"ThrottlingException", "InternalServerException"})
"""Modeled errors that carry ``RetryAfterSeconds`` and are worth retrying after that pause."""

NOT_FOUND_CODE = "ResourceNotFoundException"
CONFLICT_CODE = "ConflictException"


class WorkspaceInstanceError(Exception):
    """A failure the provider reports to the user; its message is one line."""


def error_code(exc: BaseException) -> str | None:
    """The AWS error code of a botocore ClientError, else None."""
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code") or "") or None
    return None


def is_not_found(exc: BaseException) -> bool:
    """This service's "no such resource" (also its answer for one not visible yet, see ``consistency``)."""
    return error_code(exc) == NOT_FOUND_CODE


def retry_after_seconds(exc: BaseException) -> float | None:
    """The service's ``RetryAfterSeconds`` hint on a throttling/internal error, if it sent one."""
    if not isinstance(exc, ClientError):
        return None
    response: dict[str, Any] = dict(exc.response)
    # botocore puts modeled error members at the top of the response (JSON protocol); some
    # versions also copy them into "Error".
    for source in (response, response.get("Error", {})):
        value = source.get("RetryAfterSeconds")
        if value is not None:
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                return None
    return None


MAX_MESSAGE_CHARS = 300
"""Longest service message quoted in an error (a proxy's page can be megabytes)."""

_HTML = re.compile(r"<\s*(!doctype|html|head|body)\b", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quoted(message: str) -> str:
    """A service message fit for one line: HTML reduced to its title, at most MAX_MESSAGE_CHARS."""
    if _HTML.search(message):
        title = _TITLE.search(message)
        message = f"an HTML page{f' titled {_one_line(title.group(1))!r}' if title else ''}"
    message = _one_line(message)
    return message if len(message) <= MAX_MESSAGE_CHARS else message[: MAX_MESSAGE_CHARS - 1] + "…"


def is_connection_error(exc: BaseException) -> bool:
    """A refused, reset or timed-out connection: the service was not reached (or its answer lost)."""
    return isinstance(exc, BotoConnectionError | HTTPClientError)


def is_non_aws_answer(exc: BaseException) -> bool:
    """Something answered that is not AWS (or the emulator): botocore uses the bare HTTP status as code."""
    return isinstance(exc, ClientError) and str(error_code(exc) or "").isdigit()


def describe_aws_error(
    operation: str, exc: BaseException, instance_id: str | None = None, endpoint: str | None = None
) -> str:
    """``"<Operation> failed for <id>: <Code>: <message>"`` with the IAM action on AccessDenied.

    A connection failure names the endpoint and the cause; an answer that is not AWS's names the
    endpoint and the HTTP status, with any HTML page cut to its title.
    """
    target = f" for {instance_id}" if instance_id else ""
    where = f" at {endpoint}" if endpoint else ""
    if is_non_aws_answer(exc):
        assert isinstance(exc, ClientError)
        message = _quoted(str(exc.response.get("Error", {}).get("Message") or "no body"))
        return (
            f"{operation} failed{target}: the endpoint{where} is not AWS WorkSpaces Instances "
            f"(HTTP {error_code(exc)}: {message}); check AWS_ENDPOINT_URL_WORKSPACES_INSTANCES "
            "and AWS_ENDPOINT_URL"
        )
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = error.get("Code") or "UnknownError"
        text = f"{operation} failed{target}: {code}: {_quoted(str(error.get('Message') or 'no message'))}"
        if code in ACCESS_DENIED_CODES:
            text += f" (the credentials need the IAM action {SERVICE_NAME}:{operation})"
        return text
    if is_connection_error(exc):
        return f"{operation} failed{target}: cannot reach the service{where}: {_quoted(str(exc))}"
    if isinstance(exc, BotoCoreError):
        return f"{operation} failed{target}: {type(exc).__name__}: {_quoted(str(exc))}"
    return f"{operation} failed{target}: {_quoted(str(exc))}"


def aws_failure(
    operation: str, exc: BaseException, instance_id: str | None = None, endpoint: str | None = None
) -> WorkspaceInstanceError:
    """A WorkspaceInstanceError describing a failed AWS call (raise it ``from None``)."""
    return WorkspaceInstanceError(describe_aws_error(operation, exc, instance_id, endpoint))


def describe_instance_errors(instance: dict[str, Any]) -> str:
    """Every WorkspaceInstanceErrors and EC2InstanceErrors entry of a GetWorkspaceInstance answer."""
    parts: list[str] = []
    for item in instance.get("WorkspaceInstanceErrors") or []:
        parts.append(
            f"{item.get('ErrorCode', 'UnknownError')}: {_one_line(str(item.get('ErrorMessage', '')))}"
        )
    for item in instance.get("EC2InstanceErrors") or []:
        kind = item.get("EC2ExceptionType")
        code = item.get("EC2ErrorCode", "UnknownError")
        label = f"EC2 {code}" + (f" ({kind})" if kind else "")
        parts.append(f"{label}: {_one_line(str(item.get('EC2ErrorMessage', '')))}")
    return "; ".join(parts) if parts else "the service gave no reason"
