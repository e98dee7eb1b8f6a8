"""What every data source of this package does the same way: options, region, failed calls.

The data sources (:mod:`provider.data_sources.instance_types`, :mod:`provider.data_sources.lookups`) are
named like Pulumi's invokes (``get_…``/``get_…_output`` returning ``Get…Result``, ``opts`` last) but run in
the program itself with boto3: no provider plugin serves them, so only the options that make sense without
one are accepted, and their failures are one-line ``pulumi.RunError``s (no traceback in a program's output).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pulumi
from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError
from pulumi.runtime import settings as pulumi_settings

from ..aws import clients
from ..aws.errors import RETRYABLE_CODES, describe_aws_error, error_code
from ..inputs.arguments import InvalidValueError

T = TypeVar("T")

# InvokeOptions members that choose a provider plugin: nothing here is served by one.
PLUGIN_OPTIONS = ("provider", "version", "plugin_download_url")


class DataSourceError(pulumi.RunError):
    """A data source's AWS call failed; the message is one line naming the cause (and the endpoint
    when the service was not reached or something else answered).

    ``transient`` is True for throttling and internal errors that outlasted the retries: asking
    again later may succeed. Everything else (no connection, an answer that is not AWS's,
    missing or invalid credentials, a missing permission) needs the setup fixed.
    """

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class InvokeOptionError(InvalidValueError):
    """An ``opts`` setting a local data source cannot honour (it is not served by a provider)."""


def check_invoke_options(function: str, opts: pulumi.InvokeOptions | None) -> None:
    """Refuse the options ``function`` cannot honour, rather than ignore them silently."""
    if opts is None:
        return
    for name in PLUGIN_OPTIONS:
        if getattr(opts, name, None):  # InvokeOutputOptions defaults version to ""
            raise InvokeOptionError(
                f"opts.{name}: {function} runs in the program with boto3, not through a provider "
                "plugin; leave it unset (give region= for another region; the endpoint and credentials "
                "come from the AWS environment)"
            )
    if isinstance(opts, pulumi.InvokeOutputOptions) and opts.depends_on is not None:
        raise InvokeOptionError(
            f"opts.depends_on: {function} is answered in the program and cannot wait for resources; "
            "pass an Output of the resource as an argument instead (the call waits for its arguments)"
        )


def program_region() -> str | None:
    """``aws:region`` from the stack config, but only inside a running Pulumi program."""
    # Outside a program (plain Python, the provider host) there is no monitor, and the stack's
    # config is not ours to read.
    if pulumi_settings.get_monitor() is None:
        return None
    return pulumi.Config("aws").get("region")


def resolve_region(explicit: str | None) -> str:
    """The region a data source asks in: the argument, the stack's ``aws:region``, the environment."""
    return clients.resolve_region(explicit or program_region())


def ask(
    operation: str,
    endpoint: str,
    call: Callable[[], T],
    error: type[DataSourceError] = DataSourceError,
) -> T:
    """Run ``call`` (one or more AWS calls of ``operation``), turning failures into ``error``."""
    try:
        return call()
    except (ResponseParserError, ValueError) as failure:
        # botocore could not read the answer (a UnicodeDecodeError, say): not the service.
        raise error(
            f"{operation} failed: the endpoint at {endpoint} answered something botocore cannot "
            f"read as AWS WorkSpaces Instances ({type(failure).__name__}); check "
            "AWS_ENDPOINT_URL_WORKSPACES_INSTANCES and AWS_ENDPOINT_URL",
            transient=False,
        ) from failure
    except (ClientError, BotoCoreError) as failure:
        raise error(
            describe_aws_error(operation, failure, endpoint=endpoint),
            transient=error_code(failure) in RETRYABLE_CODES,
        ) from failure
