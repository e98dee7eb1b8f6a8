"""Clients for the service (botocore's, as boto3 makes them), made lazily from :mod:`.sessions`' one
session and cached per region.

Nothing here is ever pickled: the dynamic provider object is serialized into state with dill,
so clients, sessions and credentials must live only in this module's process-local cache.
The endpoint is never passed explicitly: boto3's standard ``AWS_ENDPOINT_URL_WORKSPACES_INSTANCES``
(or ``AWS_ENDPOINT_URL``) variable is how a caller points it at the emulator.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Literal, cast

from botocore.config import Config

from . import sessions, unmodeled
from .model import SERVICE_NAME

if TYPE_CHECKING:
    from mypy_boto3_workspaces_instances import WorkspacesInstancesClient

RetryMode = Literal["standard", "adaptive"]

#: botocore retry policy for every call: standard mode retries throttling and 5xx with backoff.
RETRY_MODE: RetryMode = "standard"
#: Attempts per call, including the first.
MAX_ATTEMPTS = 8
#: boto's own variables, honoured when set: ``adaptive`` adds client-side rate limiting.
ENV_RETRY_MODE = "AWS_RETRY_MODE"
ENV_MAX_ATTEMPTS = "AWS_MAX_ATTEMPTS"
#: The region variable of the other AWS SDKs, used when botocore's chain finds none.
ENV_REGION = "AWS_REGION"

_lock = threading.Lock()
# (region, endpoint override, attempts) → client: a changed endpoint (tests, Automation API) gets a
# new client.
_clients: dict[tuple[str, str | None, int], WorkspacesInstancesClient] = {}
# Region taken from the stack's `aws:region` config (set by the provider's configure()).
_configured_region: str | None = None
# The config key it came from, for messages (the plugin face has its own: workspacesinstances:region).
_region_key = "aws:region"


class RegionNotFoundError(Exception):
    """No region given, none in stack config, none in the AWS environment/profile."""


def set_configured_region(region: str | None, key: str = "aws:region") -> None:
    """Record the stack's ``aws:region`` (or the config ``key`` given) for resources without ``region``."""
    global _configured_region, _region_key
    _configured_region = region or None
    _region_key = key


def region_config_key() -> str:
    """The stack config key that sets the default region (named in messages)."""
    return _region_key


def resolve_region(explicit: str | None = None) -> str:
    """The region to use: the explicit input, else stack config, else the AWS default chain."""
    # botocore reads AWS_DEFAULT_REGION and the profile; other AWS SDKs also honour AWS_REGION.
    region = explicit or _configured_region or _environment_region() or os.environ.get(ENV_REGION)
    if not region:
        raise RegionNotFoundError(
            f"no AWS region: set the resource's `region` input, `pulumi config set {_region_key} <name>`, "
            "or AWS_REGION in the environment"
        )
    return region


def _environment_region() -> str | None:
    """The region botocore finds in the environment and the profile, read afresh.

    Raises botocore's ProfileNotFound when ``AWS_PROFILE`` names a profile that does not exist, as
    boto3's ``Session()`` did, so check reports it rather than a create failing on it later.
    """
    import botocore.session  # a provider host's concern: see sessions._current

    session = botocore.session.Session()
    session.get_scoped_config()
    region = session.get_config_variable("region")
    return str(region) if region else None


def retry_policy() -> tuple[RetryMode, int]:
    """Retry mode and attempts: ``AWS_RETRY_MODE``/``AWS_MAX_ATTEMPTS`` when valid, else the defaults.

    Passing a retries config to boto3 overrides its environment, so the variables are read here.
    """
    mode: RetryMode = "adaptive" if os.environ.get(ENV_RETRY_MODE) == "adaptive" else RETRY_MODE
    try:
        attempts = int(os.environ.get(ENV_MAX_ATTEMPTS, ""))
    except ValueError:
        attempts = MAX_ATTEMPTS
    return mode, attempts if attempts > 0 else MAX_ATTEMPTS


#: The variables boto3 reads the service's endpoint from, most specific first (the emulator sets
#: them; unset means AWS's own endpoint for the region).
ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL_WORKSPACES_INSTANCES", "AWS_ENDPOINT_URL")


def endpoint_override(variables: tuple[str, ...] = ENDPOINT_VARIABLES) -> str | None:
    """The endpoint URL the environment gives (the first of ``variables`` set), or None for AWS's own."""
    for name in variables:
        value = os.environ.get(name)
        if value:
            return value
    return None


def endpoint_origin(variables: tuple[str, ...] = ENDPOINT_VARIABLES) -> str:
    """Which setting chose the endpoint a client uses, for messages about that endpoint.

    Names the variable that is set, or says that none is (so the endpoint is AWS's own for the
    region) and which variable would change it: a forgotten variable is the usual cause of an
    endpoint that cannot be reached.
    """
    for name in variables:
        if os.environ.get(name):
            return f"set by {name}"
    return f"AWS's endpoint for the region: {' and '.join(variables)} are not set"


EC2_ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL")
"""The variables boto3 reads EC2's endpoint from (volumes are read through EC2; see :mod:`.ec2`)."""


def describe_endpoint(url: str) -> str:
    """``url`` and the setting that chose it, for a line about waiting for it (e.g. after an error).

    The URL is matched against both services' variables; one that none of them gave is AWS's
    own, and the line then says which variable is not set.
    """
    for variables in (ENDPOINT_VARIABLES, EC2_ENDPOINT_VARIABLES):
        for name in variables:
            value = os.environ.get(name)
            if value and url.rstrip("/").startswith(value.rstrip("/")):
                return f"{url} (set by {name})"
    variables = EC2_ENDPOINT_VARIABLES if "//ec2." in url else ENDPOINT_VARIABLES
    return f"{url} ({endpoint_origin(variables)})"


#: Connect and read timeouts of the clients that probe an endpoint at preview: an endpoint that
#: does not answer fails the preview in under PROBE_ATTEMPTS times (both) seconds, not botocore's 60 s each.
PROBE_CONNECT_TIMEOUT_SECONDS = 5.0
PROBE_READ_TIMEOUT_SECONDS = 8.0


def probe_config(attempts: int) -> Config:
    """botocore settings of a preview-time probe: few attempts, short timeouts."""
    return Config(
        retries={"mode": RETRY_MODE, "total_max_attempts": attempts},
        connect_timeout=PROBE_CONNECT_TIMEOUT_SECONDS,
        read_timeout=PROBE_READ_TIMEOUT_SECONDS,
    )


def client_for(region: str, *, max_attempts: int | None = None) -> WorkspacesInstancesClient:
    """A cached client for ``region`` (and the endpoint in effect); safe under concurrent calls.

    ``max_attempts`` makes a probe's client (:func:`probe_config`): few attempts, short timeouts.
    """
    mode, attempts = retry_policy()
    attempts = max_attempts or attempts
    key = (region, endpoint_override(), attempts)
    with _lock:
        client = _clients.get(key)
        if client is None:
            config = (
                probe_config(attempts)
                if max_attempts
                else Config(retries={"mode": mode, "total_max_attempts": attempts})
            )
            client = cast("WorkspacesInstancesClient", sessions.client(SERVICE_NAME, region, config))
            unmodeled.register_hooks(client.meta.events)
            _clients[key] = client
        return client


def clear_clients() -> None:
    """Forget cached clients and the session (tests that change the endpoint or credentials between cases)."""
    with _lock:
        _clients.clear()
    sessions.forget()
