"""Concordance sorting by pinyin: the collation against hand-written lists, and the
lines sorted by the words next to the match against those words read directly from
the parsed records (cut by the indexing analyzer), ties in date order."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.search.request import SearchRequest
from indexer.tools.collation import collated, context_key, pinyin_key
from indexer.tools.kwic import concordance

# By hand, in the order of a pinyin dictionary: letters, then tone, a polyphone read
# in its word (银行 yín háng, 行动 xíng dòng; 重要 zhòng, 中国 zhōng), digits and Latin
# letters before Han characters, a prefix before its extensions.
ORDERED = ["2020", "G20", "阿", "爱", "安", "北", "北京", "背", "妈", "麻", "马", "骂",
           "行动", "银行", "中国", "重要"]  # fmt: skip


def test_pinyin_order_against_a_hand_written_list():
    shuffled = sorted(ORDERED, key=lambda t: t[::-1])
    assert collated(shuffled) == ORDERED
    assert sorted(ORDERED) != ORDERED  # code point order differs


def test_context_keys_read_outwards_and_put_a_missing_word_first():
    left, right = ["加强", "国际"], ["抗疫"]
    assert context_key(left, right, "left1")[0] == pinyin_key("加强")
    assert context_key(left, right, "left2") == (pinyin_key("国际"),)
    assert context_key(left, right, "right2") == ()
    assert context_key([], right, "left1") < context_key(["啊"], right, "left1")


def words_around(ix, quote, line) -> tuple[list[str], list[str]]:
    analyzer = ix.schema[ix.spec.words].analyzer
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer(quote.text, chars=True)]
    left = [w for w, _, end in reversed(tokens) if end <= line.start]
    right = [w for w, start, _ in tokens if start >= line.end]
    return left, right


@pytest.mark.parametrize("sort", ["left1", "right1", "left2", "right2"])
@pytest.mark.parametrize(
    "request_", [SearchRequest("合作"), SearchRequest("疫情", filters={"affairs": ["domestic"]})]
)
def test_word_sorts_order_by_the_nth_word_stably(seed_index, seed, sort, request_):
    quotes = {q.id: q for q in seed.quotes}
    by_date = concordance(seed_index, request_, sort="date-asc").lines
    lines = concordance(seed_index, request_, sort=sort).lines
    assert sorted(lines, key=repr) == sorted(by_date, key=repr)
    n = int(sort[-1])
    keys = []
    for line in lines:
        left, right = words_around(seed_index, quotes[line.id], line)
        side = left if sort.startswith("left") else right
        keys.append(tuple(pinyin_key(w) for w in side[n - 1 : n + 2]))
    assert keys == sorted(keys)
    order = {line: i for i, line in enumerate(by_date)}
    for a, b, ka, kb in zip(lines, lines[1:], keys, keys[1:], strict=False):
        if ka == kb:  # a tie keeps the date order
            assert order[a] < order[b]


def test_match_sort_is_pinyin_order_of_the_match(seed_index):
    request = SearchRequest("团结 OR 合作 OR 疫苗")
    lines = concordance(seed_index, request, sort="match").lines
    assert [line.match for line in lines] == sorted((line.match for line in lines), key=pinyin_key)
    assert lines[0].match == "合作" and lines[-1].match == "疫苗"  # he < tuan < yi
    dates = [line.date for line in lines if line.match == "合作"]
    assert dates == sorted(dates)


def test_cli_sort_choices(seed_index_dir):
    run = CliRunner().invoke(
        main, ["kwic", "--index-dir", str(seed_index_dir), "--json", "--sort", "right1", "合作"]
    )
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["total"] >= 49
    bad = CliRunner().invoke(main, ["kwic", "--index-dir", str(seed_index_dir), "--sort", "x", "a"])
    assert bad.exit_code == 2 and "left1" in bad.stderr


def test_web_sort_is_the_clis(client, seed_index_dir):
    got = client.get("/api/kwic", query_string={"q": "合作", "sort": "left2"}).get_json()
    run = CliRunner().invoke(
        main, ["kwic", "--index-dir", str(seed_index_dir), "--json", "--sort", "left2", "合作"]
    )
    assert got == json.loads(run.stdout)
