"""Word lists: Gries's DP against hand-computed values; frequencies, ranges and DP
against a direct count over the parsed records of the matching quotes (cut by the
indexing analyzer, or scanned for character n-grams); the CLI's JSON shape."""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from dataclasses import replace

import pytest
from click.testing import CliRunner

from indexer.analysis.normalize import normalize
from indexer.cli import main
from indexer.paths import bundled_corpus
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex
from indexer.search.request import SearchRequest
from indexer.tools.keywords import read_stopwords
from indexer.tools.words import gries_dp, word_list, words

# Gries's DP by hand: a word 1, 0 and 3 times in parts of 10, 20 and 10 words:
#   v = (1/4, 0, 3/4), s = (10/40, 20/40, 10/40) = (1/4, 1/2, 1/4)
#   DP = ½ (|1/4 − 1/4| + |0 − 1/2| + |3/4 − 1/4|) = ½ (0 + 1/2 + 1/2) = 0.5
# spread as the words are (2, 4, 2 in the same parts): 0; all in one part of 1 word
# out of 100 (5 parts of 20 but the word in a part of 1): ½(|1 − 0.01| + 0.99) = 0.99.
DP_TABLE = [
    (([1, 0, 3], [10, 20, 10]), 0.5),
    (([2, 4, 2], [10, 20, 10]), 0.0),
    (([1, 0, 0, 0, 0, 0], [1, 20, 20, 20, 20, 19]), 0.99),
]


@pytest.mark.parametrize(("counts", "expected"), DP_TABLE)
def test_gries_dp_against_hand_computed_values(counts, expected):
    assert gries_dp(*counts) == pytest.approx(expected)


def test_word_list_counts_ranges_and_dp_of_small_parts():
    parts = [
        ("a", ["合作", "的", "合作"]),
        ("a", ["疫情", "的"]),
        ("b", ["合作", "疫情", "的", "防控", "的"]),
    ]
    rows, tokens, types = word_list(parts, top=None)
    assert (tokens, types) == (10, 4)
    got = {r.word: r for r in rows}
    assert [r.word for r in rows] == ["的", "合作", "疫情", "防控"]  # freq, then word
    assert (got["合作"].freq, got["合作"].quotes, got["合作"].documents) == (3, 2, 2)
    assert (got["疫情"].freq, got["疫情"].quotes, got["疫情"].documents) == (2, 2, 2)
    # 合作: v = (2/3, 0, 1/3), s = (3/10, 2/10, 5/10): ½(11/30 + 1/5 + 1/6) = 11/30
    assert got["合作"].dispersion == pytest.approx(11 / 30)
    assert got["防控"].dispersion == pytest.approx(gries_dp([0, 0, 1], [3, 2, 5]))
    kept, _, _ = word_list(parts, stopwords={"的"}, min_freq=2, top=None)
    assert [r.word for r in kept] == ["合作", "疫情"]


def analyzer_words(ix, text: str) -> list[str]:
    return [t.text for t in ix.schema[ix.spec.words].analyzer(text)]


def brute_ngrams(text: str, n: int) -> list[str]:
    """Runs of ``n`` normalised characters, read character by character."""
    grams, run = [], ""
    for ch in text + "。":
        kept = normalize(ch)
        if kept:
            run += kept
            continue
        grams += [run[i : i + n] for i in range(len(run) - n + 1)]
        run = ""
    return grams


def matching(ix, seed, request):
    ids = {h.quote.id for h in ix.search(replace(request, limit=1000)).hits}
    return [q for q in seed.quotes if q.id in ids]


def brute_rows(quotes, pieces):
    freq, where = Counter(), defaultdict(Counter)
    sizes = []
    for i, q in enumerate(quotes):
        got = pieces(q.text)
        sizes.append(len(got))
        freq.update(got)
        for word in got:
            where[word][i] += 1
    dp = {w: gries_dp([where[w][i] for i in range(len(quotes))], sizes) for w in freq}
    return freq, where, dp, sum(sizes)


@pytest.mark.parametrize(
    ("request_", "ngram"),
    [
        (SearchRequest(), None),
        (SearchRequest("合作", filters={"affairs": ["foreign"]}), None),
        (SearchRequest(filters={"counterpart": ["特朗普"]}), 2),
        (SearchRequest('"疫情防控"', until="2020-03-20"), 4),
    ],
)
def test_words_equal_a_direct_count_over_the_matching_records(seed_index, seed, request_, ngram):
    quotes = matching(seed_index, seed, request_)
    if ngram is None:
        freq, where, dp, tokens = brute_rows(quotes, lambda t: analyzer_words(seed_index, t))
    else:
        freq, where, dp, tokens = brute_rows(quotes, lambda t: brute_ngrams(t, ngram))
    result = words(seed_index, request_, ngram=ngram, top=None)
    assert (result.tokens, result.types, result.quotes) == (tokens, len(freq), len(quotes))
    assert len(result.words) == len(freq)
    for row in result.words:
        assert row.freq == freq[row.word], row.word
        assert row.quotes == len(where[row.word]) and row.documents == 1
        assert row.dispersion == pytest.approx(dp[row.word]), row.word
    assert [(-r.freq, r.word) for r in result.words] == sorted((-r.freq, r.word)
                                                               for r in result.words)  # fmt: skip


def test_stop_words_are_left_out_only_when_asked(seed_index):
    stop = read_stopwords([])
    every = {r.word for r in words(seed_index, SearchRequest(), top=None).words}
    kept = words(seed_index, SearchRequest(), top=None, drop_stopwords=True)
    assert "的" in every and every & stop
    assert {r.word for r in kept.words} == every - stop
    assert kept.tokens == words(seed_index, SearchRequest(), top=None).tokens


def test_documents_count_the_sources_holding_a_word(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), corpus)
    (corpus / "extra.toml").write_text('title = "x"\nyear = 2020\nleader = "习近平"\n', "utf-8")
    (corpus / "extra.txt").write_text(
        "一、在内事活动中的重要讲话\n（一）关于测试\n加强合作，测试样例。\n——5月1日，习近平考察\n",
        encoding="utf-8",
    )
    build_index(tmp_path / "ix", [corpus])
    with QuoteIndex.open(tmp_path / "ix") as ix:
        got = {r.word: r for r in words(ix, SearchRequest(), top=None).words}
    assert got["测试"].documents == 1 and got["合作"].documents == 2


def test_cli_json_shape_and_errors(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, ["words", "--index-dir", str(seed_index_dir), *args])

    result = run("--json", "--top", "3", "合作")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"words", "tokens"} <= set(data) and len(data["words"]) == 3
    assert list(data["words"][0]) == ["word", "freq", "quotes", "documents", "dispersion"]
    grams = json.loads(run("--json", "--ngram", "2", "--top", "1").stdout)
    assert len(grams["words"][0]["word"]) == 2 and grams["ngram"] == 2
    bad = run("--ngram", "0")
    assert bad.exit_code == 2 and "--ngram" in bad.stderr and bad.stderr.count("\n") == 1
    text = run("--top", "2", "--counterpart", "特朗普")
    assert text.exit_code == 0 and text.stdout.splitlines()[0].startswith("2 words listed of")
