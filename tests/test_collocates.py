"""Collocates: MI, t-score and G² against a hand-computed table; window counts on small
word sequences; the counts on the bundled corpus against a direct scan of the matching
records cut by the indexing analyzer; the CLI's JSON shape."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import replace

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.errors import QuerySyntaxError
from indexer.search.request import SearchRequest
from indexer.tools.collocates import collocates, expected, g2_table, mi, t_score, window_counts

# O = 4 in windows of R1 = 20 words, the word C1 = 10 times in N = 200 words:
#   E = 20·10/200 = 1; MI = log2 4 = 2; t = (4 − 1)/√4 = 1.5;
#   table 4 16 / 6 174, expected 1 19 / 9 171:
#   G² = 2(4 ln 4 + 16 ln(16/19) + 6 ln(6/9) + 174 ln(174/171))
#      = 2(5.545177 − 2.749604 − 2.432791 + 3.026163) = 6.777892


def test_measures_against_a_hand_computed_table():
    e = expected(20, 10, 200)
    assert e == 1
    assert mi(4, e) == pytest.approx(2)
    assert t_score(4, e) == pytest.approx(1.5)
    assert g2_table(4, 20, 10, 200) == pytest.approx(6.777892, abs=1e-6)
    assert g2_table(1, 20, 10, 200) == pytest.approx(0.0)  # O = E: no association


def test_windows_stop_at_the_quote_and_leave_the_node_out():
    texts = [list("abNcd"), list("Nab"), list("xxxxN"), list("aNbN")]
    near, every, hits, span = window_counts(texts, ["N"], 2, 1)
    # abNcd: a b | c; Nab: | a; xxxxN: x x |; aNbN: a | b, then b N | (end)
    assert hits == 5
    assert near == Counter({"a": 3, "b": 3, "c": 1, "x": 2, "N": 1})
    assert span == 3 + 1 + 2 + 2 + 2
    assert sum(every.values()) == 5 + 3 + 5 + 4
    two, _, hits2, _ = window_counts([list("abNMcd")], ["N", "M"], 1, 1)
    assert (hits2, two) == (1, Counter({"b": 1, "c": 1}))


def brute_collocates(words_of, left: int, right: int, node: str) -> tuple[Counter, int, int, int]:
    near, span, hits, total = Counter(), 0, 0, 0
    for words in words_of:
        total += len(words)
        for i, word in enumerate(words):
            if word != node:
                continue
            hits += 1
            for j in range(i - left, i + right + 1):
                if j != i and 0 <= j < len(words):
                    near[words[j]] += 1
                    span += 1
    return near, span, hits, total


@pytest.mark.parametrize(
    ("node", "request_", "window"),
    [
        ("合作", SearchRequest(), (5, 5)),
        ("疫情", SearchRequest(filters={"affairs": ["domestic"]}), (2, 3)),
        ("美国", SearchRequest("合作"), (0, 4)),
    ],
)
def test_counts_equal_a_direct_scan_of_the_matching_records(seed_index, seed, node, request_,
                                                            window):  # fmt: skip
    ids = {h.quote.id for h in seed_index.search(replace(request_, limit=1000)).hits}
    analyzer = seed_index.schema[seed_index.spec.words].analyzer
    words_of = [[t.text for t in analyzer(q.text)] for q in seed.quotes if q.id in ids]
    near, span, hits, total = brute_collocates(words_of, *window, node)
    result = collocates(seed_index, request_, node, window, min_freq=1, top=None)
    assert (result.node_freq, result.window_words, result.tokens) == (hits, span, total)
    assert {c.word: c.freq for c in result.collocates} == dict(near)
    every = Counter(w for words in words_of for w in words)
    for c in result.collocates:
        e = span * every[c.word] / total
        assert c.expected == pytest.approx(e) and c.corpus_freq == every[c.word]
        assert c.mi == pytest.approx(math.log2(c.freq / e))
        assert c.t == pytest.approx((c.freq - e) / math.sqrt(c.freq))
    assert [c.g2 for c in result.collocates] == sorted((c.g2 for c in result.collocates),
                                                       reverse=True)  # fmt: skip


def test_a_node_of_several_words_and_bad_input(seed_index):
    result = collocates(seed_index, SearchRequest(), "人类命运共同体", (3, 3))
    assert result.node == "人类命运共同体" and result.node_freq >= 10
    assert result.collocates[0].word == "理念"
    with pytest.raises(QuerySyntaxError, match="no word to look for"):
        collocates(seed_index, SearchRequest(), "，。")
    with pytest.raises(QuerySyntaxError, match="window"):
        collocates(seed_index, SearchRequest(), "合作", (0, 0))


def test_cli_json_shape_and_errors(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, ["collocates", "--index-dir", str(seed_index_dir), *args])

    result = run("--json", "--window", "3", "2", "--min-freq", "3", "合作")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["node"] == "合作" and data["window"] == [3, 2]
    first = data["collocates"][0]
    assert list(first)[:6] == ["word", "freq", "expected", "mi", "g2", "t"]
    assert all(c["freq"] >= 3 for c in data["collocates"])
    assert first["mi"] == pytest.approx(math.log2(first["freq"] / first["expected"]), abs=1e-3)
    bad = run("，")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1, bad.stderr
    assert run("--window", "5", "合作").exit_code == 2
