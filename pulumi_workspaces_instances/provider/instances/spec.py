"""A WorkspaceInstance's inputs, read once from its property bag (see :mod:`provider.inputs.spec`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..aws.tokens import claim_value
from ..inputs.spec import ResourceSpec, text
from . import state


@dataclass(frozen=True)
class InstanceSpec(ResourceSpec):
    """What the program declared for one WorkspaceInstance (checked inputs, defaults filled in)."""

    name: str
    """The resource's own name, for progress lines and messages."""
    billing_mode: str
    """The billing mode the instance gets: the input, else the API's default."""
    adopt_id: str | None
    adopt_claimed: bool

    @classmethod
    def read(cls, props: Mapping[str, Any]) -> InstanceSpec:
        """The spec of a property bag as either face hands it over (``__provider`` and secrets allowed)."""
        common = cls.common(props)
        bag = common["bag"]
        return cls(
            **common,
            name=state.resource_name(bag),
            billing_mode=str(state.effective_billing_mode(bag)),
            adopt_id=text(bag.get(state.ADOPT_ID)),
            adopt_claimed=bool(bag.get(state.ADOPT_CLAIMED)),
        )

    def create_request(self) -> dict[str, Any]:
        """The CreateWorkspaceInstance parameters, without ClientToken."""
        return state.create_request(self.bag)

    @property
    def claim(self) -> str:
        """The claim tag's value this resource writes on its instance."""
        return claim_value(self.identity, self.seed)
