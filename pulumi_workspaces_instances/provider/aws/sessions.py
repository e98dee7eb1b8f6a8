"""The process's one botocore session: every client, model and region list of this package comes from it.

botocore reads its data files (the endpoint list, each service's model) once per *session*, and the
provider used to make a session per client and one more for the model and the region list: a host read
the endpoint list once per client, and EC2's model (megabytes of JSON) once for the region check and once
more for the EC2 client, over a tenth of a second of every ``check`` and ``create``. With one session each
file is read once per process.

botocore's sessions are not safe to share between threads (they make their parts on first use) and the
provider host runs many calls at once, so everything here holds one lock while it uses the session;
clients themselves are thread-safe. The session resolves credentials once, as boto3's default session
does; :func:`forget` (called by the clients' ``clear_clients``) starts a new one, for tests that change
the environment between cases.

The clients are botocore's own, made as boto3 makes them (``create_client``); boto3 itself is not
imported: it adds nothing to a client of these services but its name in the User-Agent, and its import
(s3transfer and the resource layer) cost 35 ms of every program and provider host.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import botocore.session
    from botocore.config import Config
    from botocore.model import ServiceModel

_lock = threading.RLock()
_session: botocore.session.Session | None = None


def _current() -> botocore.session.Session:
    global _session
    if _session is None:
        # Imported here, not above: a program imports this package but never makes a session (only
        # its provider host does), and botocore's session, client and docs modules are 30 ms of every run.
        import botocore.session

        _session = botocore.session.get_session()
    return _session


def client(service_name: str, region: str, config: Config) -> Any:
    """A new client of ``service_name`` in ``region`` (callers cache it)."""
    with _lock:
        return _current().create_client(service_name, region_name=region, config=config)


def service_model(service_name: str) -> ServiceModel:
    """The installed botocore's model of ``service_name``."""
    with _lock:
        return _current().get_service_model(service_name)


def regional_endpoints(endpoint_prefix: str) -> set[str]:
    """The regions botocore's endpoint data lists for the service with ``endpoint_prefix``, in every
    partition.

    What ``get_available_regions`` answers, read from the endpoint data alone: that method loads the
    service's whole model first, only to find its endpoint prefix (for EC2, megabytes of JSON).
    """
    from botocore.regions import EndpointResolver

    with _lock:
        resolver = EndpointResolver(_current().get_component("data_loader").load_data("endpoints"))
        return {
            region
            for partition in resolver.get_available_partitions()
            for region in resolver.get_available_endpoints(endpoint_prefix, partition)
        }


def load_data(name: str) -> Any:
    """One of botocore's data files (e.g. ``partitions``), as its loader reads it."""
    with _lock:
        return _current().get_component("data_loader").load_data(name)


def forget() -> None:
    """Start a new session next time (new credentials and configuration files are read then)."""
    global _session
    with _lock:
        _session = None
