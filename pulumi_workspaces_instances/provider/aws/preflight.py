"""Can each service a resource uses be reached with these credentials? Asked at check, before any change.

A stack whose endpoint is unreachable or not AWS, or whose credentials are invalid, fails
``pulumi preview`` with one line naming the endpoint, the setting that chose it (the variable
that is set, or that none is and so it is AWS's own for the region) and the cause — as the AWS
providers fail preview on bad credentials — instead of passing and failing halfway through
``up``, or hanging in a refresh while reads retry.

Two probes, each one read-only call per region and endpoint per host process (remembered once it
succeeds), with few attempts and short timeouts (:func:`provider.aws.clients.probe_config`) so a dead endpoint
fails within :data:`WORST_CASE_SECONDS`:

- WorkSpaces Instances (every resource): one ListInstanceTypes page;
- EC2 (volumes and attachments, which read through it): one DescribeVolumes page.

An AccessDenied answer counts as reachable: AWS authenticated the caller, and the resources do
not need the probe's own action.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from . import clients, ec2
from .errors import describe_aws_error, error_code, is_non_aws_answer
from .model import member_shape

OPERATION = "ListInstanceTypes"
EC2_OPERATION = ec2.DESCRIBE_VOLUMES
PROBE_ATTEMPTS = 2
"""botocore attempts for a probe: enough for a hiccup, few enough to fail preview quickly."""
EC2_PAGE_SIZE = 5
"""DescribeVolumes' smallest MaxResults (EC2 API reference: "between 5 and 500")."""
WORST_CASE_SECONDS = PROBE_ATTEMPTS * (
    clients.PROBE_CONNECT_TIMEOUT_SECONDS + clients.PROBE_READ_TIMEOUT_SECONDS
)
"""The longest a probe of an endpoint that never answers can take (plus botocore's short backoff)."""
CREDENTIAL_ERROR_CODES = frozenset(
    {
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "IncompleteSignature",
        "ExpiredTokenException",
        "InvalidClientTokenId",
        "MissingAuthenticationToken",
        "SignatureDoesNotMatch",
        "AuthFailure",  # EC2's answer for credentials it cannot validate
    }
)
"""Codes AWS answers when it cannot authenticate the request."""


@dataclass(frozen=True)
class _Service:
    """One service a probe can ask: its endpoint variables, a probe client and a read-only call."""

    label: str
    operation: str
    variables: tuple[str, ...]
    client: Callable[[str], Any]
    ask: Callable[[Any], object]
    describe: Callable[[str, BaseException, str], str]


def _describe_wsi(operation: str, exc: BaseException, endpoint: str) -> str:
    return describe_aws_error(operation, exc, endpoint=endpoint)


def _describe_ec2(operation: str, exc: BaseException, endpoint: str) -> str:
    if is_non_aws_answer(exc):
        return f"{ec2.describe_ec2_error(operation, exc)} (endpoint {endpoint})"
    return describe_aws_error(operation, exc, endpoint=endpoint)


def _page_size() -> int:
    shape = member_shape(OPERATION, "MaxResults")
    return int(shape.metadata.get("min", 1))


WORKSPACES_INSTANCES = _Service(
    label="WorkSpaces Instances",
    operation=OPERATION,
    variables=clients.ENDPOINT_VARIABLES,
    client=lambda region: clients.client_for(region, max_attempts=PROBE_ATTEMPTS),
    ask=lambda client: client.list_instance_types(MaxResults=_page_size()),
    describe=_describe_wsi,
)
EC2 = _Service(
    label="EC2",
    operation=EC2_OPERATION,
    variables=ec2.ENDPOINT_VARIABLES,
    client=lambda region: ec2.client_for(region, max_attempts=PROBE_ATTEMPTS),
    ask=lambda client: client.describe_volumes(MaxResults=EC2_PAGE_SIZE),
    describe=_describe_ec2,
)

_lock = threading.Lock()
_reached: set[tuple[str, str, str | None]] = set()


def _problem(service: _Service, region: str) -> str | None:
    key = (service.label, region, clients.endpoint_override(service.variables))
    # Held while asking: the checks of a fleet arrive together, and one probe answers them all.
    with _lock:
        if key in _reached:
            return None
        client = service.client(region)
        endpoint = f"{client.meta.endpoint_url} ({clients.endpoint_origin(service.variables)})"
        try:
            service.ask(client)
        except NoCredentialsError:
            return f"no AWS credentials found for {endpoint}: set AWS_PROFILE or the AWS_* variables"
        except (ClientError, BotoCoreError) as exc:
            answered_by_aws = (
                isinstance(exc, ClientError)
                and not is_non_aws_answer(exc)
                and error_code(exc) not in CREDENTIAL_ERROR_CODES
            )
            if not answered_by_aws:  # AccessDenied, throttling and the like are AWS answering
                return service.describe(service.operation, exc, endpoint)
        _reached.add(key)
        return None


def problem(region: str) -> str | None:
    """Why WorkSpaces Instances cannot be used in ``region`` from here, or None when it can."""
    return _problem(WORKSPACES_INSTANCES, region)


def ec2_problem(region: str) -> str | None:
    """Why EC2 (where volumes are read) cannot be used in ``region`` from here, or None when it can."""
    return _problem(EC2, region)


def volume_problems(region: str) -> list[str]:
    """What stops a volume or an attachment in ``region``: both services, each asked once."""
    return [reason for reason in (problem(region), ec2_problem(region)) if reason is not None]


def forget() -> None:
    """Probe again next time (tests that change the endpoint or credentials)."""
    with _lock:
        _reached.clear()
