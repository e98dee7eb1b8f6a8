"""A resource's property bag, read once into one typed value that the rest of a provider call uses.

Both faces hand a provider a plain property bag: the dynamic host unpickles it, the plugin builds
it from the gRPC ``Struct`` (``plugin/values.py``). Each provider entry (create, read, update,
delete, and what check looks up) turns it into a spec once; helpers then take the spec's fields
(region, tags, timeouts, the identity behind ClientTokens, the resource's own inputs) instead of
reading the bag again by name. :class:`ResourceSpec` holds what every resource has; each resource
adds its own inputs (``instances/spec.py``, ``volumes/spec.py``). Values in a spec are known:
check, which also sees preview-time unknowns, validates the bag itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..aws.tokens import candidate_tokens
from . import properties
from .timeouts import DEFAULT_TIMEOUTS, timeout_seconds
from .wire_values import contains_unknown


@dataclass(frozen=True)
class ResourceSpec:
    """The inputs every resource of this package has, read from its property bag."""

    TIMEOUT_DEFAULTS: ClassVar[Mapping[str, str]] = DEFAULT_TIMEOUTS
    """The operations the resource times, with their default durations."""

    bag: Mapping[str, Any]
    """The property bag itself, without ``__provider`` and secret wrappers: the outputs echo it."""
    region: str | None
    """The ``region`` input; None leaves it to the stack's ``aws:region`` or the AWS environment."""
    tags: dict[str, str]
    timeouts: Mapping[str, Any] | None
    client_token: str | None
    """The user's own ClientToken, used verbatim; None lets the provider derive them."""
    identity: str
    """The resource's identity (``__identity``), from which ClientTokens and the claim derive."""
    seed: str | None
    """The resource's saved random seed (``__seed``); None in states written before it existed."""

    @staticmethod
    def common(props: Mapping[str, Any]) -> dict[str, Any]:
        """The shared fields of a property bag as either face hands it over, by field name."""
        bag = properties.clean(props)
        return {
            "bag": bag,
            "region": text(bag.get(properties.REGION)),
            "tags": properties.tags_of(bag) if not contains_unknown(bag.get(properties.TAGS)) else {},
            "timeouts": mapping(bag.get(properties.TIMEOUTS)),
            "client_token": text(bag.get(properties.CLIENT_TOKEN)),
            "identity": str(bag.get(properties.IDENTITY) or ""),
            "seed": text(bag.get(properties.SEED)),
        }

    def client_tokens(self, request: Mapping[str, Any]) -> Iterator[str]:
        """The ClientTokens a create tries for ``request``, in order (see ``aws/tokens.py``)."""
        return candidate_tokens(self.client_token, self.identity, request, self.seed)

    def timeout_seconds(self, operation: str) -> float:
        """Seconds ``operation`` may take: ``customTimeouts``, else ``timeouts``, else the default."""
        return timeout_seconds(self.timeouts, operation, self.TIMEOUT_DEFAULTS)


def text(value: Any) -> str | None:
    """A string input; None when unset, empty or (in check's preview) not known yet."""
    return None if value is None or value == "" or contains_unknown(value) else str(value)


def mapping(value: Any) -> Mapping[str, Any] | None:
    """A map input; None when unset or not known yet."""
    return value if isinstance(value, Mapping) and not contains_unknown(value) else None
