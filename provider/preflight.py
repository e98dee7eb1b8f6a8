"""Can the service be reached, with these credentials? Asked once at check time, before any change.

A stack whose endpoint is unreachable or not AWS, or whose credentials are invalid, fails
``pulumi preview`` with one line naming the endpoint and the cause — as the AWS providers fail
preview on bad credentials — instead of passing and failing halfway through ``up``. The probe
is one read-only ListInstanceTypes page per region and endpoint per host process (remembered
once it succeeds), with few attempts so a dead endpoint fails fast. An AccessDenied answer
counts as reachable: AWS authenticated the caller, and the resource itself does not need
ListInstanceTypes.
"""

from __future__ import annotations

import threading

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from . import clients
from .errors import describe_aws_error, error_code, is_non_aws_answer
from .model import member_shape

OPERATION = "ListInstanceTypes"
PROBE_ATTEMPTS = 2
"""botocore attempts for the probe: enough for a hiccup, few enough to fail preview quickly."""
CREDENTIAL_ERROR_CODES = frozenset(
    {
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "IncompleteSignature",
        "ExpiredTokenException",
        "InvalidClientTokenId",
        "MissingAuthenticationToken",
        "SignatureDoesNotMatch",
    }
)
"""Codes AWS answers when it cannot authenticate the request."""

_lock = threading.Lock()
_reached: set[tuple[str, str | None]] = set()


def _page_size() -> int:
    shape = member_shape(OPERATION, "MaxResults")
    return int(shape.metadata.get("min", 1))


def problem(region: str) -> str | None:
    """Why the service cannot be used in ``region`` from here, or None when it can."""
    key = (region, clients.endpoint_override())
    with _lock:
        if key in _reached:
            return None
        client = clients.client_for(region, max_attempts=PROBE_ATTEMPTS)
        endpoint = client.meta.endpoint_url
        try:
            client.list_instance_types(MaxResults=_page_size())
        except NoCredentialsError:
            return f"no AWS credentials found for {endpoint}: set AWS_PROFILE or the AWS_* variables"
        except (ClientError, BotoCoreError) as exc:
            answered_by_aws = (
                isinstance(exc, ClientError)
                and not is_non_aws_answer(exc)
                and error_code(exc) not in CREDENTIAL_ERROR_CODES
            )
            if not answered_by_aws:  # AccessDenied, throttling and the like are AWS answering
                return describe_aws_error(OPERATION, exc, endpoint=endpoint)
        _reached.add(key)
        return None


def forget() -> None:
    """Probe again next time (tests that change the endpoint or credentials)."""
    with _lock:
        _reached.clear()
