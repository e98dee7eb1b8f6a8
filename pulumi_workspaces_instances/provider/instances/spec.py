"""A WorkspaceInstance's inputs, read once from its property bag into one typed value.

Both faces hand the provider a plain property bag: the dynamic host unpickles it, the plugin
builds it from the gRPC ``Struct`` (``plugin/values.py``). Each provider entry (create, read,
update, delete, and check's adoption) turns it into an :class:`InstanceSpec` once, and the rest
of the call takes what it needs from that value (region, billing mode, tags, timeouts, the create
request, adoption, the identity behind ClientTokens and the claim) instead of reading the bag
again by name. Values here are known: check, which also sees preview-time unknowns, validates the
bag itself and builds a spec only once nothing it compares is unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..aws.tokens import claim_value
from ..inputs import properties
from ..inputs.timeouts import DEFAULT_TIMEOUTS, timeout_seconds
from ..inputs.wire_values import contains_unknown
from . import state


@dataclass(frozen=True)
class InstanceSpec:
    """What the program declared for one WorkspaceInstance (checked inputs, defaults filled in)."""

    bag: Mapping[str, Any]
    """The property bag itself, without ``__provider`` and secret wrappers: the outputs echo it."""
    name: str
    """The resource's own name, for progress lines and messages."""
    region: str | None
    """The ``region`` input; None leaves it to the stack's ``aws:region`` or the AWS environment."""
    billing_mode: str
    """The billing mode the instance gets: the input, else the API's default."""
    tags: dict[str, str]
    timeouts: Mapping[str, Any] | None
    adopt_id: str | None
    adopt_claimed: bool
    client_token: str | None
    """The user's own ClientToken, used verbatim; None lets the provider derive them."""
    identity: str
    """The resource's identity (``__identity``), from which ClientTokens and the claim derive."""
    seed: str | None
    """The resource's saved random seed (``__seed``); None in states written before it existed."""

    @classmethod
    def read(cls, props: Mapping[str, Any]) -> InstanceSpec:
        """The spec of a property bag as either face hands it over (``__provider`` and secrets allowed)."""
        bag = properties.clean(props)
        return cls(
            bag=bag,
            name=state.resource_name(bag),
            region=_text(bag.get(properties.REGION)),
            billing_mode=str(state.effective_billing_mode(bag)),
            tags=properties.tags_of(bag),
            timeouts=_mapping(bag.get(properties.TIMEOUTS)),
            adopt_id=_text(bag.get(state.ADOPT_ID)),
            adopt_claimed=bool(bag.get(state.ADOPT_CLAIMED)),
            client_token=_text(bag.get(properties.CLIENT_TOKEN)),
            identity=str(bag.get(properties.IDENTITY) or ""),
            seed=_text(bag.get(properties.SEED)),
        )

    def create_request(self) -> dict[str, Any]:
        """The CreateWorkspaceInstance parameters, without ClientToken."""
        return state.create_request(self.bag)

    def timeout_seconds(self, operation: str) -> float:
        """Seconds ``operation`` ("create" or "delete") may take (``customTimeouts`` first)."""
        return timeout_seconds(self.timeouts, operation, DEFAULT_TIMEOUTS)

    @property
    def claim(self) -> str:
        """The claim tag's value this resource writes on its instance."""
        return claim_value(self.identity, self.seed)


def _text(value: Any) -> str | None:
    """A string input; None when unset, empty or (in check's preview) not known yet."""
    return None if value in (None, "") or contains_unknown(value) else str(value)


def _mapping(value: Any) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) and not contains_unknown(value) else None
