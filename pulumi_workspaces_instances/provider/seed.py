"""``InstanceSeed``: a random value per WorkspaceInstance, saved by Pulumi before the instance is launched.

The seed makes each resource's ClientTokens unique to its stack *and backend* (names alone are
not: two people with local backends can have identical project, stack and resource names in one
AWS account), while a create resumed after a crash still derives the same token, because the seed
was already in the stack's state when the create began (the instance's input waits on it). See
aws/tokens.py for the whole design. The resource makes no AWS call at all.
"""

from __future__ import annotations

import secrets
from typing import Any

import pulumi
import pulumi.dynamic
from pulumi.dynamic import CreateResult, DiffResult, ReadResult

from .inputs.arguments import init_checked
from .provider_base import PackageProvider

SEED = "seed"
"""The output holding the value (secret: with it and the state, tokens could be predicted)."""
SEED_BYTES = 16
SUFFIX = "-seed"
"""Appended to the instance's name to name its seed."""


class SeedProvider(PackageProvider):
    """Draws the value on create; it never changes afterwards (no AWS call, no diff)."""

    def create(self, props: dict[str, Any]) -> CreateResult:
        """A new random value; also the resource id's source (the id itself is not secret)."""
        value = secrets.token_hex(SEED_BYTES)
        return CreateResult(f"seed-{secrets.token_hex(4)}", {SEED: value})

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        """Nothing an input says can change a seed."""
        return DiffResult(changes=False)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The seed lives only in state: what is stored is what exists."""
        return ReadResult(id_, {SEED: props.get(SEED)})

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """Nothing to delete outside the state."""


class InstanceSeed(pulumi.dynamic.Resource, module="workspacesinstances", name="InstanceSeed"):
    """The seed of one WorkspaceInstance (created by ``WorkspaceInstance`` itself, beside it)."""

    seed: pulumi.Output[str]
    """The random value (secret)."""

    @init_checked("InstanceSeed")
    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        """Declare the seed ``resource_name`` (the instance's name plus :data:`SUFFIX`)."""
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(additional_secret_outputs=[SEED]))
        super().__init__(SeedProvider(), resource_name, {SEED: None}, opts)
