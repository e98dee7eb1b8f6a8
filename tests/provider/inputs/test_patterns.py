"""The model's Java-style patterns as ``check`` enforces them: ``\\p{..}`` means its Unicode category."""

from __future__ import annotations

import sys
import time
import unicodedata

import pytest

from pulumi_workspaces_instances.provider.inputs.checks import GENERAL_CATEGORIES, compiled_pattern

TAG_VALUE = r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)"
"""The model's TagValue pattern (TagKey's is the same with ``+``)."""

# Every 101st code point and the edges of the planes: letters, digits and spaces of many scripts,
# marks, symbols, surrogates, private use and unassigned ones.
SAMPLE = sorted(
    {*range(0, sys.maxunicode + 1, 101), *range(0, 0x3000), 0xFFFF, 0x10000, 0xE0001, sys.maxunicode}
)


def _allowed_by_the_model(char: str) -> bool:
    return unicodedata.category(char)[0] in "LZN" or char in "_.:/=+-@"


def test_a_property_class_means_its_category_for_every_character() -> None:
    """Expanded over a value's own characters, the class answers as the whole category would."""
    value = "".join(map(chr, SAMPLE))
    compiled = compiled_pattern(TAG_VALUE, value)
    assert compiled is not None
    assert compiled.fullmatch(value) is None  # a few are not allowed
    wrong = [
        f"U+{code:04X} ({unicodedata.category(chr(code))})"
        for code in SAMPLE
        if (compiled.fullmatch(chr(code)) is not None) != _allowed_by_the_model(chr(code))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("value", "matches"),
    [
        ("owner", True),
        ("Équipe données été", True),
        ("机器 一号", True),
        ("\u0663 \u0661", True),  # Arabic-Indic digits (Nd)
        ("", True),
        ("owner!", False),
        ("desk😀", False),  # a symbol (So)
        ("tab\tin", False),  # a control (Cc), not a space separator
    ],
)
def test_tag_values_with_letters_digits_and_spaces_of_any_script(value: str, matches: bool) -> None:
    compiled = compiled_pattern(TAG_VALUE, value)
    assert compiled is not None
    assert (compiled.fullmatch(value) is not None) is matches


def test_negated_classes_and_subcategories() -> None:
    upper = compiled_pattern(r"\p{Lu}+", "ÉA")
    not_letters = compiled_pattern(r"\P{L}+", "é1!")
    assert upper is not None and not_letters is not None
    assert upper.fullmatch("ÉA") and not upper.fullmatch("Éa")
    assert not_letters.fullmatch("1!") and not not_letters.fullmatch("é1")


def test_a_class_with_no_member_among_the_characters_matches_nothing() -> None:
    compiled = compiled_pattern(r"[\p{Lo}]+", "abc")
    assert compiled is not None
    assert compiled.fullmatch("abc") is None


def test_a_pattern_that_cannot_be_translated_is_not_enforced() -> None:
    assert compiled_pattern(r"\p{Xx}+", "a") is None  # no such category
    assert compiled_pattern(r"[\P{L}]", "a") is None  # a negated class inside a set


def test_the_categories_are_unicodes() -> None:
    categories = {unicodedata.category(chr(code)) for code in SAMPLE}
    assert categories <= GENERAL_CATEGORIES
    assert {category[0] for category in GENERAL_CATEGORIES} <= GENERAL_CATEGORIES


def test_checking_a_tag_does_not_walk_all_of_unicode() -> None:
    """The first check of a process used to list every code point's category (half a second)."""
    started = time.perf_counter()
    for index in range(20):
        value = f"désk {index} 名前"
        compiled = compiled_pattern(TAG_VALUE, value)
        assert compiled is not None and compiled.fullmatch(value)
    assert time.perf_counter() - started < 0.2
