"""The checks every resource's inputs share, for ``check``: problems, the model walk, tags, region, timeouts.

Values are walked against botocore model shapes, so field names, types, enums, lengths, ranges
and patterns come from the model rather than being retyped here. Every problem is one line
naming the property path and what to change; values unknown during ``pulumi preview`` are
skipped. What is particular to one resource lives beside it (``instance/validation.py``,
``volume/validation.py``).
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from botocore.exceptions import BotoCoreError
from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape

from ..aws import clients, sessions
from ..aws.rules import NOT_YET_KNOWN
from .suggestions import did_you_mean
from .timeouts import parse_duration
from .wire_values import is_unknown, unwrap_secret

RESERVED_TAG_PREFIX = "aws:"
"""AWS reserves tag keys with this prefix (any case) for its own tags; TagResource refuses them."""


@dataclass(frozen=True)
class Problem:
    """One invalid input: where it is and what to change.

    ``path`` uses the resource input names, with ManagedInstance fields as in the API:
    ``managed_instance.BlockDeviceMappings[0].Ebs.VolumeType``, ``tags``, ``timeouts.create``.
    """

    path: str
    reason: str


def given_map(value: Any, name: str, expected: str, problems: list[Problem]) -> Mapping[str, Any] | None:
    """The input ``name`` as a map to check further; None when unset, unknown, or not a map (reported)."""
    value = unwrap_secret(value)
    if value is None or is_unknown(value):
        return None
    if not isinstance(value, Mapping):
        problems.append(Problem(name, f"must be {expected}, got {kind_of(value)}"))
        return None
    return value


def tag_problems(
    tags: Mapping[str, Any], tag_list: ListShape, path: str, reserved_keys: tuple[str, ...] = ()
) -> list[Problem]:
    """The problems of a tags map against the model's tag list shape (``[{Key, Value}]``).

    ``reserved_keys`` are tags the provider keeps on the resource itself: they may not be given,
    and they take places of the model's limit.
    """
    assert isinstance(tag_list.member, StructureShape)
    problems: list[Problem] = []
    model_limit = tag_list.metadata.get("max")
    if model_limit is not None and len(tags) > model_limit - len(reserved_keys):
        limit = model_limit - len(reserved_keys)
        why = (
            f" (AWS allows {model_limit} per resource and the provider keeps {', '.join(reserved_keys)})"
            if reserved_keys
            else ""
        )
        problems.append(
            Problem(
                path, f"has {len(tags)} tags but at most {limit} are allowed{why}; remove {len(tags) - limit}"
            )
        )
    key_shape, value_shape = tag_list.member.members["Key"], tag_list.member.members["Value"]
    for key, tag_value in tags.items():
        tag_path = f"{path}.{key}"
        if key in reserved_keys:
            problems.append(Problem(tag_path, "this tag key is reserved by the provider; use another key"))
        elif isinstance(key, str) and key.lower().startswith(RESERVED_TAG_PREFIX):
            problems.append(
                Problem(
                    tag_path, f"tag keys starting with '{RESERVED_TAG_PREFIX}' are reserved by AWS; rename it"
                )
            )
        # Reuse the shape check, then say which half of the tag is wrong.
        for part, shape, item in (("key", key_shape, key), ("value", value_shape, tag_value)):
            for problem in shape_problems(shape, item, tag_path):
                problems.append(Problem(tag_path, f"tag {part} {problem.reason}"))
    return problems


def check_region(value: Any, problems: list[Problem]) -> None:
    """Append the problems of a ``region`` input: a region botocore knows; unset, the default must be one."""
    value = unwrap_secret(value)
    if is_unknown(value):
        return
    if value is None:
        _check_default_region(problems)
        return
    if not isinstance(value, str):
        problems.append(Problem("region", f"must be a region name such as 'us-east-1', got {kind_of(value)}"))
        return
    regions = known_regions()
    if value not in regions:
        hint = did_you_mean(value, regions) or "; use a region name such as 'us-east-1'"
        problems.append(Problem("region", f"unknown AWS region {value!r}{hint}"))


def _check_default_region(problems: list[Problem]) -> None:
    """The region a resource without ``region`` uses (stack config, environment) must exist and be real."""
    try:
        region = clients.resolve_region(None)
    except clients.RegionNotFoundError as exc:
        problems.append(Problem("region", str(exc)))
        return
    except BotoCoreError as exc:  # e.g. AWS_PROFILE names a profile that does not exist
        problems.append(
            Problem("region", f"cannot read the AWS configuration: {exc}; fix it or set `region`")
        )
        return
    if region not in known_regions():
        key = clients.region_config_key()
        problems.append(
            Problem(
                "region",
                f"the default region {region!r} (from {key} or the AWS environment) is not a known "
                f"region; fix `pulumi config set {key} <name>` / AWS_REGION, or set `region`",
            )
        )


def timeout_problems(value: Any, defaults: Mapping[str, str], name: str = "timeouts") -> list[Problem]:
    """The ``timeouts`` input of any resource: only the keys of ``defaults``, each a positive duration.

    ``defaults`` maps each operation the resource times (``create``, ``update``, ``delete``) to its
    default duration, which the error's example shows.
    """
    problems: list[Problem] = []
    example = ", ".join(f"'{key}': '{duration}'" for key, duration in defaults.items())
    value = given_map(value, name, f"a map like {{{example}}}", problems)
    if value is None:
        return problems
    for key, duration in value.items():
        path = f"{name}.{key}"
        if key not in defaults:
            hint = did_you_mean(str(key), list(defaults))
            problems.append(Problem(path, f"unknown key '{key}'{hint} (valid: {', '.join(defaults)})"))
            continue
        duration = unwrap_secret(duration)
        if duration is None or is_unknown(duration):
            continue
        try:
            parse_duration(duration)
        except ValueError as error:
            problems.append(Problem(path, str(error)))
    return problems


@cache
def known_regions() -> frozenset[str]:
    """Region names of every partition in the installed botocore's endpoint data.

    Two botocore sources, both shipped data rather than a list typed here: the endpoints
    ruleset's partitions (``partitions.json``, often updated before the rest) and EC2's
    endpoints in every partition (WorkSpaces Instances runs on EC2; the service itself has no
    entry in botocore's endpoint data). A fixed list, not the partitions' region regexes: a regex
    like ``(us|eu|…)-\\w+-\\d+`` accepts the typos this check exists to catch. The cost is that a
    region newer than the installed botocore is refused until botocore is upgraded.
    """
    names = sessions.regional_endpoints("ec2")  # EC2's endpoint prefix is its name
    partitions_data = sessions.load_data("partitions")
    for partition_data in partitions_data.get("partitions", []):
        # "aws-global"-style entries name a partition's global endpoint, not a region.
        names.update(name for name in partition_data.get("regions", {}) if not name.endswith("-global"))
    return frozenset(names)


# --- the model walk ---------------------------------------------------------------------------


def shape_problems(shape: Shape, value: Any, path: str) -> list[Problem]:
    """The problems of ``value`` against one botocore model shape, reported under ``path``.

    For callers that validate a piece of the API outside the resource inputs.
    """
    problems: list[Problem] = []
    check_shape(shape, value, path, problems)
    return problems


def check_shape(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """Append the problems of ``value`` against ``shape``; ``None`` and unknowns are skipped."""
    value = unwrap_secret(value)
    if value is None or is_unknown(value):
        return
    checker = _CHECKERS.get(shape.type_name)
    if checker is not None:
        checker(shape, value, path, problems)


def _check_structure(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """Field names, required fields, then each field."""
    assert isinstance(shape, StructureShape)
    members = shape.members
    if not isinstance(value, Mapping):
        problems.append(
            Problem(path, f"must be an object with fields {', '.join(members)}, got {kind_of(value)}")
        )
        return
    for key, item in value.items():
        field_path = f"{path}.{key}"
        if key in members:
            check_shape(members[key], item, field_path, problems)
        else:
            problems.append(Problem(field_path, _unknown_name_reason("field", str(key), members)))
    for key in shape.required_members:
        if value.get(key) is None:
            problems.append(Problem(f"{path}.{key}", f"missing required field '{key}'"))


def _check_list(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """Item count, then each item."""
    assert isinstance(shape, ListShape)
    if not isinstance(value, list | tuple):
        problems.append(Problem(path, f"must be a list, got {kind_of(value)}"))
        return
    _check_size(shape, len(value), path, "item", problems)
    for index, item in enumerate(value):
        check_shape(shape.member, item, f"{path}[{index}]", problems)


def _check_map(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """Each key and value of a map."""
    assert isinstance(shape, MapShape)
    if not isinstance(value, Mapping):
        problems.append(Problem(path, f"must be a map, got {kind_of(value)}"))
        return
    for key, item in value.items():
        check_shape(shape.key, key, f"{path}.{key}", problems)
        check_shape(shape.value, item, f"{path}.{key}", problems)


def _check_string(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """Type, then enum membership or length and pattern."""
    if not isinstance(value, str):
        problems.append(Problem(path, f"must be a string, got {kind_of(value)}"))
        return
    choices = shape.enum if isinstance(shape, StringShape) else []
    if choices:
        if value not in choices:
            problems.append(Problem(path, _invalid_choice_reason(_show(shape, value), value, choices)))
        return
    size_problems = len(problems)
    _check_size(shape, len(value), path, "character", problems)
    if len(problems) > size_problems:
        return  # a pattern complaint on top of a length one would only repeat it
    pattern = shape.metadata.get("pattern")
    compiled = compiled_pattern(pattern, value) if pattern else None
    if compiled is not None and compiled.fullmatch(value) is None:
        problems.append(Problem(path, f"must match the pattern {pattern}, got {_show(shape, value)}"))


def _check_integer(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """A whole number within the model's min/max.

    Pulumi sends every number as a float over gRPC, so 100.0 counts as the integer 100.
    """
    whole = isinstance(value, int) or (
        isinstance(value, float) and math.isfinite(value) and value.is_integer()
    )
    if isinstance(value, bool) or not whole:
        problems.append(Problem(path, f"must be a whole number, got {kind_of(value)} {value!r}"))
        return
    least, most = shape.metadata.get("min"), shape.metadata.get("max")
    if (least is not None and value < least) or (most is not None and value > most):
        problems.append(Problem(path, f"must be {_range_text(least, most)}, got {value:g}"))


def _check_number(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """A finite number (the model has no float members today; kept for completeness)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(Problem(path, f"must be a number, got {kind_of(value)}"))


def _check_boolean(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """true or false, not 0/1 or "true"."""
    if not isinstance(value, bool):
        problems.append(Problem(path, f"must be true or false, got {kind_of(value)} {value!r}"))


def _check_timestamp(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """A datetime, or an ISO-8601 string such as 2026-01-31T12:00:00Z."""
    if isinstance(value, datetime):
        return
    if isinstance(value, str):
        try:
            datetime.fromisoformat(value)
            return
        except ValueError:
            pass
    problems.append(
        Problem(path, f"must be an ISO-8601 timestamp such as '2026-01-31T12:00:00Z', got {value!r}")
    )


def _check_blob(shape: Shape, value: Any, path: str, problems: list[Problem]) -> None:
    """Bytes or text (the model has no blob members today; kept for completeness)."""
    if not isinstance(value, bytes | str):
        problems.append(Problem(path, f"must be bytes or a string, got {kind_of(value)}"))


_Checker = Callable[[Shape, Any, str, list[Problem]], None]
_CHECKERS: Mapping[str, _Checker] = {
    "structure": _check_structure,
    "list": _check_list,
    "map": _check_map,
    "string": _check_string,
    "integer": _check_integer,
    "long": _check_integer,
    "float": _check_number,
    "double": _check_number,
    "boolean": _check_boolean,
    "timestamp": _check_timestamp,
    "blob": _check_blob,
}


def _check_size(shape: Shape, size: int, path: str, unit: str, problems: list[Problem]) -> None:
    """A string's length or a list's item count (``unit``, singular) within the model's min/max."""
    least, most = shape.metadata.get("min"), shape.metadata.get("max")
    if least is not None and size < least:
        problems.append(Problem(path, f"must have at least {_count(least, unit)}, got {size}"))
    if most is not None and size > most:
        problems.append(Problem(path, f"must have at most {_count(most, unit)}, got {size}"))


def _count(number: int, unit: str) -> str:
    """'1 item', '30 items'."""
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


# --- model regex patterns ---------------------------------------------------------------------

# Java-style Unicode property classes such as \p{L}, which Python's re does not know.
_PROPERTY_CLASS = re.compile(r"\\([pP])\{([A-Za-z]{1,2})\}")
GENERAL_CATEGORIES = frozenset(
    {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No"}
    | {"P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So"}
    | {"Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn"}
)
"""The Unicode general categories and their one-letter groups: what ``\\p{..}`` may name."""
_ASCII = "".join(map(chr, range(128)))


def compiled_pattern(pattern: str, value: str = "") -> re.Pattern[str] | None:
    """A model pattern compiled for Python to match ``value``, or None when it cannot be (it is then not
    enforced).

    The model's patterns are written for Java: ``\\p{L}``-style classes are expanded into the
    characters they stand for, and ``re.ASCII`` gives ``\\d``, ``\\w``, ``\\s``, ``\\b`` Java's
    ASCII-only meaning. Every pattern in today's model compiles this way (a test asserts it).

    A class is expanded only over ASCII and ``value``'s own other characters: a match can only ever
    test the value's characters against it, so the answer for ``value`` is the same as with the whole
    class, and listing a whole class (``\\p{L}`` has over 130,000 code points) meant asking the
    category of every code point, which cost half a second of every ``check`` with tags.
    """
    return _compiled(pattern, "".join(sorted({char for char in value if char > "\x7f"})))


@lru_cache(maxsize=512)
def _compiled(pattern: str, alphabet: str) -> re.Pattern[str] | None:
    try:
        return re.compile(_python_regex(pattern, _ASCII + alphabet), re.ASCII)
    except (re.error, ValueError):
        return None


def _python_regex(pattern: str, alphabet: str) -> str:
    """``pattern`` with each Unicode property class replaced by its characters among ``alphabet``."""
    pieces: list[str] = []
    in_class = False
    position = 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            prop = _PROPERTY_CLASS.match(pattern, position)
            if prop is None:
                pieces.append(pattern[position : position + 2])
                position += 2
                continue
            members = _category_members(prop.group(2), alphabet)
            negated = prop.group(1) == "P"
            if negated and in_class:
                raise ValueError(f"cannot expand a negated property class inside a set: {pattern}")
            pieces.append(members if in_class else f"[{'^' if negated else ''}{members}]")
            position = prop.end()
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        pieces.append(char)
        position += 1
    return "".join(pieces)


def _category_members(category: str, alphabet: str) -> str:
    """The characters of ``alphabet`` in a Unicode general category (``L``) or subcategory (``Lu``), as
    the inside of a regex set.

    The set also holds one character that is not in ``alphabet`` (so never in the value), so that it is
    never empty (``[]`` is not a regex) and means the same either way.
    """
    if category not in GENERAL_CATEGORIES:
        raise ValueError(f"unknown Unicode category {category!r}")
    members = [char for char in alphabet if unicodedata.category(char).startswith(category)]
    members.append(next(chr(code) for code in range(sys.maxunicode, 0, -1) if chr(code) not in alphabet))
    return "".join(f"\\U{ord(char):08x}" for char in members)


# --- messages and helpers ---------------------------------------------------------------------


def _unknown_name_reason(kind: str, name: str, valid: Iterable[str]) -> str:
    """'unknown field 'X'; did you mean 'Y'? (valid: ...)'."""
    choices = sorted(valid)
    return f"unknown {kind} '{name}'{did_you_mean(name, choices)} (valid: {', '.join(choices)})"


def _invalid_choice_reason(shown: str, value: str, valid: Iterable[str]) -> str:
    """'invalid value 'gp4'; did you mean 'gp3'? (valid: ...)' for an enum."""
    choices = list(valid)
    return f"invalid value {shown}{did_you_mean(value, choices)} (valid: {', '.join(choices)})"


def _range_text(least: int | None, most: int | None) -> str:
    """'between 1 and 64', 'at least 0' or 'at most 9'."""
    if least is not None and most is not None:
        return f"between {least} and {most}"
    return f"at least {least}" if least is not None else f"at most {most}"


def _show(shape: Shape, value: str) -> str:
    """The value quoted for a message, unless the model marks it sensitive."""
    if shape.metadata.get("sensitive"):
        return "a value that is not shown because it is sensitive"
    return repr(value if len(value) <= 60 else value[:57] + "...")


def kind_of(value: Any) -> str:
    """The user-facing name of a value's type."""
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a map",
    }
    return names.get(type(value), type(value).__name__)


def for_rules(value: Any) -> Any:
    """A plain copy for the cross-field rules: secrets unwrapped, each unknown as NOT_YET_KNOWN."""
    value = unwrap_secret(value)
    if is_unknown(value):
        return NOT_YET_KNOWN
    if isinstance(value, Mapping):
        return {key: for_rules(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [for_rules(item) for item in value]
    return value
