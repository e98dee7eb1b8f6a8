"""What every ``ResourceProvider`` of this package shares: pickling, the stack's region, the host.

Each provider class (instances, volumes, attachments) is pickled by reference into every
resource's state, so it keeps no attributes (nothing secret is captured, hence
``serialize_as_secret_always = False``); ``configure`` — the first call the host makes on a
provider — remembers the stack's ``aws:region`` and prepares the host process (:mod:`provider.host.process`).
The helpers below are the same for every resource: where a resource lives, and how a check
problem reaches the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from botocore.exceptions import BotoCoreError
from pulumi.dynamic import CheckFailure, ConfigureRequest, DiffResult, ResourceProvider

from .aws import clients
from .host import detailed_diffs, process
from .inputs import properties
from .inputs.checks import Problem
from .inputs.detailed_diff import DetailedDiffResult
from .inputs.wire_values import is_unknown

STACK_REGION_KEY = "aws:region"
"""Stack config key for the default region, as the AWS providers name it."""
CALL_TIMEOUT_SECONDS = 120.0
"""How long a read, an update call or a cleanup keeps retrying a throttled or unreachable call."""


class PackageProvider(ResourceProvider):
    """Base of this package's providers: nothing pickled with them, region from config, host prepared."""

    # Nothing secret is captured when the object is pickled (it has no attributes), so the
    # ``__provider`` property does not need to be encrypted.
    serialize_as_secret_always = False

    def configure(self, req: ConfigureRequest) -> None:
        """Remember the stack's ``aws:region`` as the default region; prepare the host process."""
        clients.set_configured_region(req.config.get(STACK_REGION_KEY))
        process.prepare()

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """:meth:`detailed_diff`, whose detail the dynamic host sends too (:mod:`.host.detailed_diffs`)."""
        result = self.detailed_diff(_id, olds, news)
        detailed_diffs.offer(result)
        return result

    def detailed_diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DetailedDiffResult:
        """What changes between the old outputs and the new inputs, property by property."""
        raise NotImplementedError(f"{type(self).__name__} has no detailed diff")


class ProblemFailure(CheckFailure):
    """A check failure that keeps its :class:`Problem`, so the plugin face can name the nested path."""

    def __init__(self, problem: Problem) -> None:
        # The dynamic face: the path leads the reason, and no property is named to the engine: it
        # would print the top-level input's value next to a nested path (``value {<nil>}``).
        super().__init__("", f"{problem.path}: {problem.reason}" if problem.path else problem.reason)
        self.problem = problem


def check_failure(problem: Problem) -> CheckFailure:
    """A check problem as the engine takes it (see :class:`ProblemFailure`)."""
    return ProblemFailure(problem)


def default_region(inputs: Mapping[str, Any]) -> str | None:
    """The region a create would use, when it can be told now (None: unknown or unresolvable)."""
    region = inputs.get(properties.REGION)
    if region is not None:
        return None if is_unknown(region) else str(region)
    try:
        return clients.resolve_region(None)
    except (clients.RegionNotFoundError, BotoCoreError):
        return None  # validation has reported it
