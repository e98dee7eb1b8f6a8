"""A dynamic resource that does nothing: what any ``pulumi.dynamic`` resource costs, and no more.

Its provider lives in a module of its own (this one, beside the program), so it is pickled by
reference as this package's providers are, and the host imports just this module to unpickle it.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi.dynamic


class TrivialProvider(pulumi.dynamic.ResourceProvider):
    """Creates nothing anywhere; a change of ``value`` updates it in place."""

    serialize_as_secret_always = False

    def create(self, props: dict[str, Any]) -> pulumi.dynamic.CreateResult:
        """An id and the value, at once."""
        return pulumi.dynamic.CreateResult("trivial", {"value": props.get("value")})

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.DiffResult:
        """Changed when the value is."""
        return pulumi.dynamic.DiffResult(changes=olds.get("value") != news.get("value"))

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.UpdateResult:
        """The new value."""
        return pulumi.dynamic.UpdateResult({"value": news.get("value")})


class Trivial(pulumi.dynamic.Resource):
    """One trivial resource holding ``value``."""

    value: pulumi.Output[str]

    def __init__(self, name: str, value: str) -> None:
        """Declare the resource ``name``."""
        super().__init__(TrivialProvider(), name, {"value": value})
