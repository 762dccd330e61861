"""The one numerals module: every Chinese numeral yulu reads or writes goes through
:mod:`indexer.numerals` (hand-written cases, and round trips)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import indexer
from indexer.numerals import (
    chinese_number,
    counting,
    fold_digits,
    heading_number,
    number,
    parse_number,
    spelled,
)

COUNTED = [
    (1, "一"),
    (2, "二"),
    (9, "九"),
    (10, "十"),
    (11, "十一"),
    (19, "十九"),
    (20, "二十"),
    (23, "二十三"),
    (26, "二十六"),
    (99, "九十九"),
    (100, "一百"),
    (101, "一百零一"),
    (105, "一百零五"),
    (110, "一百一十"),
    (999, "九百九十九"),
    (1000, "一千"),
    (1001, "一千零一"),
    (2020, "二千零二十"),
]


@pytest.mark.parametrize(("n", "text"), COUNTED)
def test_counted_numbers_are_written_and_read_back(n, text):
    assert counting(n) == text
    if n < 1000:  # (thousands are written, never read: no corpus counts them)
        assert chinese_number(text) == n
        assert number(text) == n
        assert parse_number(text) == n


@pytest.mark.parametrize(
    ("n", "text"), [(1, "壹"), (10, "壹拾"), (21, "贰拾壹"), (105, "壹佰零伍"), (3000, "叁仟")]
)
def test_legal_numbers(n, text):
    assert counting(n, legal=True) == text


@pytest.mark.parametrize("n", [0, -3, 10000, 123456])
def test_counting_outside_its_range_is_arabic(n):
    assert counting(n) == str(n)


@pytest.mark.parametrize(
    ("n", "text"), [(2020, "二〇二〇"), (1945, "一九四五"), (1900, "一九〇〇"), (7, "七")]
)
def test_spelled_numbers_are_written_and_read_back(n, text):
    assert spelled(n) == text
    assert chinese_number(text) == n
    assert number(text) == n


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("廿四", 24),
        ("卅一", 31),
        ("两", 2),
        ("196亖", 1964),
        ("二○二○", 2020),
        ("二OＯ八", 2008),
        ("2020", 2020),
        ("２０２０", 2020),
        ("12", 12),
    ],
)
def test_forms_the_compilations_print(text, n):
    assert number(text) == n


@pytest.mark.parametrize(
    ("n", "text"), [(None, ""), (0, ""), (1, "一"), (10, "十"), (26, "二十六"), (100, "100")]
)
def test_heading_numbers(n, text):
    assert heading_number(n) == text


@pytest.mark.parametrize("text", ["", "第一", "一a", "十二章", "abc", "1十"])
def test_what_is_not_a_number(text):
    assert parse_number(text) is None


def test_full_width_digits_fold_in_place():
    assert fold_digits("第１２期") == "第12期"
    assert len(fold_digits("１２")) == 2


@pytest.mark.parametrize("n", range(1, 1000))
def test_every_number_below_a_thousand_round_trips(n):
    assert parse_number(counting(n)) == n
    assert parse_number(spelled(n)) == n
    assert parse_number(str(n)) == n


ROOT = Path(indexer.__file__).resolve().parent
#: The digit tables a second numerals module would hold (the character classes that
#: match numerals in text, in the parser's patterns, are not tables: they are not here).
TABLES = {
    "一二三四五六七八九",
    "一二三四五六七八九十",
    "零一二三四五六七八九",
    "〇一二三四五六七八九",
    "零壹贰叁肆伍陆柒捌玖",
}


def test_no_other_module_keeps_a_table_of_numerals():
    """Only :mod:`indexer.numerals` writes the digits out as a table of its own."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.name == "numerals.py" and path.parent == ROOT:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in TABLES:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert found == []
