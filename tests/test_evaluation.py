"""Queries evaluated over arrays give what Whoosh's own search gives: the same
documents, and the scores of Whoosh's own leaf queries (BM25F with Whoosh's statistics)
summed as Whoosh's matchers document it, for generated queries on the seed and on an
index with several segments and deleted documents. And the page ranking that sorts only what can reach the page gives
exactly the pages of the full sort."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_query_algebra import Operands, expression, render
from whoosh import query

from indexer.search import SearchRequest
from indexer.search.evaluation import Evaluator
from indexer.search.ranking import RERANK, proximity, ranked, top


def whoosh_answer(ix, q) -> dict[int, float]:
    """Whoosh's own search: every match with its score."""
    return {docnum: score for score, docnum in ix._searcher.search(q, limit=None).top_n}


def reference_scores(ix, q) -> dict[int, float]:
    """Each leaf searched by Whoosh itself, combined as Whoosh's matchers document:
    ``And`` sums, ``Or`` sums what matches, ``AndMaybe`` adds its optional part where it
    matches, ``AndNot`` keeps the first part's scores, ``Not`` scores 1.

    (Whoosh's own search of a compound query is not the reference for scores: inside an
    intersection, ``AndMaybeMatcher.skip_to`` moves its optional part to the target and
    not to where its required part landed, so the optional score is sometimes lost,
    depending on the order in which the documents happen to be visited.)"""
    live = set(ix._searcher.reader().all_doc_ids())
    if isinstance(q, query.Not):
        return dict.fromkeys(live - reference_scores(ix, q.query).keys(), 1.0)
    if isinstance(q, query.AndMaybe | query.AndNot | query.And | query.Or):
        if isinstance(q, query.AndMaybe | query.AndNot):
            a, b = reference_scores(ix, q.a), reference_scores(ix, q.b)
            if isinstance(q, query.AndNot):
                found = {d: s for d, s in a.items() if d not in b}
            else:
                found = {d: s + b.get(d, 0.0) for d, s in a.items()}
        else:
            parts = [reference_scores(ix, sub) for sub in q.subqueries]
            if not parts:
                return {}
            keys = set(parts[0]) if isinstance(q, query.And) else set()
            for part in parts:
                keys = keys & part.keys() if isinstance(q, query.And) else keys | part.keys()
            found = {d: sum(p.get(d, 0.0) for p in parts) for d in keys}
        return {d: s * q.boost for d, s in found.items()}
    return whoosh_answer(ix, q)


def evaluated(ix, q) -> dict[int, float]:
    result = Evaluator(ix.columns, ix._searcher, ix.spec).evaluate(q)
    scores = result.score_array()
    return {int(n): float(scores[n]) for n in np.flatnonzero(result.mask)}


def compare(ix, quotes, count: int, seed: int) -> int:
    rng = random.Random(seed)
    operands = Operands(quotes, rng)
    checked = 0
    for _ in range(count):
        text = render(expression(operands, rng, rng.randint(1, 4)), rng, minimal=True)
        q = ix.language.compile(text)
        expected, got = reference_scores(ix, q), evaluated(ix, q)
        assert got.keys() == whoosh_answer(ix, q).keys() == expected.keys(), text
        for docnum, score in expected.items():
            assert got[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12), (text, docnum)
        checked += 1
    return checked


def test_generated_queries_answer_as_whoosh_on_the_seed(seed_index, seed):
    assert compare(seed_index, seed.quotes, 150, seed=21) == 150


def test_generated_queries_answer_as_whoosh_with_deletions(tmp_path, seed_path):
    from indexer.documents.parser import parse_paths
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    folder = tmp_path / "corpus"
    folder.mkdir()
    text = seed_path.read_text(encoding="utf-8")
    meta = seed_path.with_suffix(".toml").read_text(encoding="utf-8")
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.toml").write_text(meta, encoding="utf-8")
    # one process: one segment, whose half (b) the update deletes and keeps
    build_index(tmp_path / "ix", [folder], procs=1)
    (folder / "b.txt").write_text(text.replace("合作", "协作"), encoding="utf-8")
    build_index(tmp_path / "ix", [folder])
    quotes = parse_paths([folder]).quotes
    with QuoteIndex.open(tmp_path / "ix") as ix:
        assert any(len(s.deleted) for s in ix.columns.segments)
        assert compare(ix, quotes, 80, seed=5) == 80


def test_word_terms_score_bm25f_as_whoosh(seed_index):
    """Every word of the word field, alone: Whoosh's BM25F scores, to the last bit."""
    reader = seed_index.reader
    for word in list(reader.field_terms(seed_index.spec.words))[::7]:
        q = query.Term(seed_index.spec.words, word)
        assert evaluated(seed_index, q) == whoosh_answer(seed_index, q), word


def test_date_ranges_and_field_terms_answer_as_whoosh(seed_index):
    spec = seed_index.spec
    for text in ["date:2020-03", "date:>=2020-03-20", "date_end:<2020-03-10", "date:[2020-03-05 TO]",
                 "counterpart:普京 OR country:美国", "event:通电话", "section:1", "id:f6ea00d10d64",
                 "NOT affairs:domestic", "leader:习近平 -counterpart:普京"]:  # fmt: skip
        q = seed_index.language.compile(text)
        assert evaluated(seed_index, q) == pytest.approx(whoosh_answer(seed_index, q)), text
    every = query.Every(spec.date_start)
    assert evaluated(seed_index, every).keys() == whoosh_answer(seed_index, every).keys()


def test_sorting_by_date_is_whooshs(seed_index):
    """Newest or oldest first, ties in index order: as Whoosh's sorted search."""
    from whoosh import sorting

    for sort, reverse in (("date", True), ("date-asc", False)):
        for text in ["合作", "", "疫情 OR 人民"]:
            ranked_, _ = seed_index.matches(SearchRequest(text, sort=sort))
            q = seed_index.language.compile(text) if text else query.Every()
            facet = sorting.FieldFacet(seed_index.spec.date_start, reverse=reverse)
            results = seed_index._searcher.search(q, limit=None, sortedby=facet)
            assert [n for n, _ in ranked_] == [n for _, n in results.top_n], (text, sort)


def reference_order(docs, scores, dates, words, texts):
    """The ranking written out plainly: the window by score, date, number; bonuses;
    then rounded score, date, number."""
    pairs = list(zip(docs.tolist(), scores.tolist(), dates.tolist(), strict=True))
    final = {d: s for d, s, _ in pairs}
    when = {d: t for d, _, t in pairs}
    if len(words) > 1:
        head = sorted(pairs, key=lambda p: (-p[1], -p[2], p[0]))[:RERANK]
        best = max((s for _, s, _ in head), default=0.0)
        for d, _, _ in head:
            present = [w for w in words if w in texts[d]]
            close = proximity(texts[d], present) if len(present) > 1 else 0.0
            final[d] += 3.0 * close
            if close >= 1.0:
                final[d] += best + 3.0
    order = sorted(final, key=lambda d: (-np.round(final[d], 6), -when[d], d))
    return [(d, final[d]) for d in order]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 600),
    st.integers(0, 2**32),
    st.sampled_from([[], ["甲乙"], ["甲乙", "丙丁"], ["甲", "乙", "丙"]]),
    st.integers(0, 700),
)
def test_ranking_only_the_page_gives_the_pages_of_the_full_sort(size, seed, words, stop):
    """Few distinct scores and dates, so ties abound, on both sides of the window."""
    rng = random.Random(seed)
    docs = np.array(sorted(rng.sample(range(size * 2 + 1), size)), dtype=np.int64)
    scores = np.array([rng.choice([0.01, 0.5, 1.25, rng.random()]) for _ in docs])
    dates = np.array([rng.choice([5, 7, 7, 9]) for _ in docs], dtype=np.uint64)
    texts = {d: "".join(rng.choice("甲乙丙丁戊") for _ in range(12)) for d in docs.tolist()}
    expected = reference_order(docs, scores, dates, words, texts)
    got = ranked(docs, scores, dates, words, texts.__getitem__, stop)
    assert got == expected[:stop]


def test_top_picks_the_best_in_order():
    rng = np.random.default_rng(3)
    primary = rng.integers(0, 4, 500).astype(np.float64)
    dates = rng.integers(0, 5, 500).astype(np.uint64)
    full = sorted(range(500), key=lambda i: (-primary[i], -int(dates[i]), i))
    for count in (0, 1, 7, 499, 500, 600):
        assert top(primary, dates, count).tolist() == full[:count]
