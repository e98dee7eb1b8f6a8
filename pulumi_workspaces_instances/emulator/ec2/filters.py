"""What EC2's Describe* actions share: ``Filter.N`` matching, MaxResults/NextToken paging, DryRun.

A view is one entry of a Describe answer, keyed by the EC2 model's member names. A filter reads
the strings a view offers for one filter name; its values match with EC2's wildcards (``*`` any
run, ``?`` one character, ``\\`` escapes either). Several values of one filter: any matches;
several filters: all must match. ``tag:<key>`` and ``tag-key`` are offered wherever views carry Tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..core.ec2_query import ec2_error
from ..core.errors import ServiceError
from ..core.limits import quote
from ..workspaces_instances.context import RequestContext

View = dict[str, Any]
#: The strings a view offers for one filter name.
FilterValues = Callable[[View], list[str]]


def text(value: Any) -> str:
    """A member's value as EC2 compares it in filters (booleans lowercase, times ISO 8601)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return datetime.fromtimestamp(value, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return str(value)


def member(*path: str) -> FilterValues:
    """The filter reading the member at ``path`` (nested structures by name), when present."""

    def read(view: View) -> list[str]:
        value: Any = view
        for name in path:
            value = value.get(name) if isinstance(value, dict) else None
        return [text(value)] if value is not None else []

    return read


def tag_keys(view: View) -> list[str]:
    """The ``tag-key`` filter."""
    return [tag["Key"] for tag in view.get("Tags", [])]


def tag_values(view: View) -> list[str]:
    """The ``tag-value`` filter: the values of every tag, whatever the key."""
    return [tag["Value"] for tag in view.get("Tags", [])]


def _tag_value(key: str) -> FilterValues:
    return lambda view: [tag["Value"] for tag in view.get("Tags", []) if tag["Key"] == key]


def wildcard(value: str) -> re.Pattern[str]:
    """EC2's filter wildcards as a regular expression (to be matched whole)."""
    parts, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            parts.append(re.escape(value[index + 1]))
            index += 2
            continue
        parts.append(".*" if char == "*" else "." if char == "?" else re.escape(char))
        index += 1
    return re.compile("".join(parts), re.DOTALL)


def apply_filters(
    views: list[View], filters: list[dict[str, Any]], known: dict[str, FilterValues], tagged: bool
) -> list[View]:
    """The views every filter matches; InvalidParameterValue for an unknown filter or one without values.

    ``tagged``: the views carry Tags, so ``tag:<key>`` filters are offered too.
    """
    for entry in filters:
        name, values = entry.get("Name"), entry.get("Values") or []
        if name is None:
            raise ec2_error("InvalidParameterValue", "Every Filter.N needs a Name.")
        reader = known.get(name)
        if reader is None and tagged and name.startswith("tag:"):
            reader = _tag_value(name[len("tag:") :])
        if reader is None:
            raise ec2_error(
                "InvalidParameterValue",
                f"The filter {quote(name)} is invalid; this emulator supports {', '.join(sorted(known))}"
                + (" and tag:<key>." if tagged else "."),
            )
        if not values:
            raise ec2_error("InvalidParameterValue", f"The filter {quote(name)} needs at least one value.")
        patterns = [wildcard(v) for v in values if v is not None]
        views = [v for v in views if any(p.fullmatch(s) for p in patterns for s in reader(v))]
    return views


def refuse_dry_run(params: dict[str, Any]) -> None:
    """DryRunOperation when the caller only asked whether the request would succeed."""
    if params.get("DryRun"):
        raise ec2_error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412)


def page(
    ctx: RequestContext,
    action: str,
    views: list[View],
    params: dict[str, Any],
    key: str,
    limits: tuple[int, int],
    ids: list[str] | None,
) -> View:
    """One page of ``views`` under ``key`` (all of them unless MaxResults is given), with NextToken.

    ``limits`` bound MaxResults; ``ids`` are the ids the request named, to which a token is bound
    along with the action, region and filters.
    """
    low, high = limits
    max_results = params.get("MaxResults")
    if max_results is not None and not low <= max_results <= high:
        raise ec2_error(
            "InvalidParameterValue",
            f"Value ({max_results}) for parameter maxResults is invalid: "
            f"it must be between {low} and {high}.",
        )
    scope = {"op": action, "region": ctx.region, "ids": ids, "filters": params.get("Filters")}
    try:
        items, token = ctx.paginator.page(
            views, scope, max_results, max(len(views), 1), params.get("NextToken")
        )
    except ServiceError:
        raise ec2_error("InvalidPaginationToken", "The pagination token is invalid or expired.") from None
    answer: View = {key: items}
    if token is not None:
        answer["NextToken"] = token
    return answer
