"""Names and hints (issue 20, item 5): an English or pinyin name in the query names the
option that finds its quotes; "nearest" only for near spellings or aliases; every
suggestion typed as a shell reads it."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from indexer.cli import main
from indexer.search.suggest import allowed_distance, clause, edit_distance, near, option


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def suggestions(stderr: str) -> list[list[str]]:
    """The arguments of every ``try …`` in the hints, as a shell splits them."""
    found = []
    for part in re.findall(r"\btry (.+?)(?: in its place)?(?:;|$)", stderr, re.M):
        for alternative in part.split(" or "):
            found.append(shlex.split(alternative))
    return found


def matches(yulu, *args) -> int:
    out = yulu("search", *args, "--json", "--limit", "0")
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)["total"]


@pytest.mark.parametrize(("name", "canonical"), [("Putin", "普京"), ("Xi Jinping", "习近平")])
def test_an_alias_in_the_query_names_the_option_that_finds_it(yulu, name, canonical):
    out = yulu("search", name)
    assert f"{name} is {canonical}, named in the attributions: try " in out.stderr
    tried = suggestions(out.stderr)
    assert tried
    for args in tried:
        assert matches(yulu, *args) > 0, args
    with_more = yulu("search", name, "合作")
    assert "in its place" in with_more.stderr


@pytest.mark.parametrize(
    ("args", "expected", "never"),
    [
        (["--counterpart", "Germany"], "it is a country: try --country Germany", "nearest"),
        (["--counterpart", "Xi Jinping"], "try --leader 'Xi Jinping'", "nearest"),
        (
            ["--counterpart", "World Health Organization"],
            "try --country 'World Health Organization'",
            "nearest",
        ),
        (["--counterpart", "Puttin"], "nearest: 普京", "萨勒曼"),
        (["--country", "Germny"], "nearest: 德国", "美国"),
    ],
)
def test_nearest_only_when_near_and_suggestions_are_shell_quoted(yulu, args, expected, never):
    out = yulu("search", *args)
    assert expected in out.stderr and never not in out.stderr
    for tried in suggestions(out.stderr):
        assert matches(yulu, *tried) > 0, tried


def test_suggestions_are_typed_as_a_shell_reads_them():
    assert (
        option("--country", "World Health Organization") == "--country 'World Health Organization'"
    )
    assert option("--counterpart", "普京") == "--counterpart 普京"
    assert clause("part", "外方 表态") == "'part:\"外方 表态\"'"
    assert shlex.split(clause("part", "外方 表态")) == ['part:"外方 表态"']


def test_near_never_offers_a_far_value():
    assert near("putin", ["putin", "puttin", "salman", "普京"]) == ["putin", "puttin"]
    assert near("germany", ["salman", "萨勒曼", "germain"]) == []
    assert near("普金", ["普京", "萨勒曼"]) == ["普京"]


@given(st.text(max_size=12), st.lists(st.text(max_size=12), max_size=8))
def test_near_is_within_the_allowed_distance_or_contains(wanted, known):
    for name in near(wanted, known):
        close = edit_distance(wanted, name, 99) <= allowed_distance(wanted)
        held = min(len(wanted), len(name)) >= 2 and (wanted in name or name in wanted)
        assert close or held


@given(st.text(max_size=10), st.text(max_size=10))
def test_edit_distance_is_levenshtein(a, b):
    def slow(x: str, y: str) -> int:
        if not x or not y:
            return len(x) + len(y)
        return min(slow(x[1:], y) + 1, slow(x, y[1:]) + 1, slow(x[1:], y[1:]) + (x[0] != y[0]))

    if len(a) + len(b) <= 10:
        assert edit_distance(a, b, 99) == slow(a, b)
