"""Known-item ranking: queries of 2-3 words drawn from one quote find that quote first."""

from __future__ import annotations

import random

import pytest
from brute import Reference
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis.normalize import fold, normalize
from indexer.search import SearchRequest
from indexer.search.ranking import proximity, rank


def test_known_item_mean_reciprocal_rank(seed_index, seed):
    rng = random.Random(5)
    ref = Reference(seed.quotes)
    segmenter = seed_index.segmenter
    reciprocal = []
    attempts = 0
    while len(reciprocal) < 300 and attempts < 20_000:
        attempts += 1
        quote = rng.choice(seed.quotes)
        words = sorted(
            {normalize(w) for w in segmenter.words(fold(quote.text)) if len(normalize(w)) >= 2}
        )
        if len(words) < 3:
            continue
        chosen = rng.sample(words, rng.randint(2, 3))
        query = " ".join(chosen)
        if len(ref.keywords(query)) > 3:
            continue
        hits = seed_index.search(SearchRequest(query=query, limit=10)).hits
        ranks = [i for i, h in enumerate(hits, 1) if h.quote.id == quote.id]
        assert ranks, query  # full recall: the source quote is always among the matches
        reciprocal.append(1 / ranks[0])
    mrr = sum(reciprocal) / len(reciprocal)
    print(f"known-item MRR over {len(reciprocal)} queries: {mrr:.3f}")
    assert len(reciprocal) == 300
    assert mrr >= 0.9


def _index_of(tmp_path, paragraphs):
    from indexer.pipeline.build import build_index
    from indexer.search.service import QuoteIndex

    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = ["一、在内事活动中的讲话", "（一）关于测试"]
    for day, paragraph in enumerate(paragraphs, 1):
        lines += [paragraph, f"——3月{day}日，习近平考察"]
    (folder / "doc.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "doc.toml").write_text('title = "测"\nyear = 2020\nleader = "习近平"\n')
    build_index(tmp_path / "ix", [folder])
    return QuoteIndex.open(tmp_path / "ix")


def _side_by_side_first(ix, query: str, together: str) -> bool:
    hits = ix.search(SearchRequest(query=query, limit=10)).hits
    adjacent = [h.score for h in hits if together in normalize(h.quote.text)]
    apart = [h.score for h in hits if together not in normalize(h.quote.text)]
    assert len(adjacent) == 2 and len(apart) == 2
    return min(adjacent) > max(apart)


def test_words_close_together_rank_above_words_far_apart(tmp_path, monkeypatch):
    """Among quotes holding both words, the ones where they stand side by side win;
    the quotes are built so that BM25F alone would not order them this way."""
    paragraphs = [
        "疫苗研发取得进展，各国加强合作。",  # apart, short: BM25F alone ranks it high
        "开展疫苗合作，推动疫苗成为全球公共产品，深化科研攻关与防控经验交流。",  # adjacent
        "疫苗是战胜疫情的关键，疫苗要公平分配，国际社会应当合作。",  # apart, 疫苗 twice
        "加强疫苗合作，共同应对挑战，维护各国人民生命安全和身体健康。",  # adjacent
    ]
    with _index_of(tmp_path, paragraphs) as ix:
        assert _side_by_side_first(ix, "疫苗 合作", "疫苗合作")
        monkeypatch.setattr("indexer.search.ranking.PROXIMITY_WEIGHT", 0.0)
        monkeypatch.setattr("indexer.search.ranking.SIDE_BY_SIDE_FIRST", False)
        assert not _side_by_side_first(ix, "疫苗 合作", "疫苗合作")  # BM25F alone: apart first


def test_words_side_by_side_inside_one_longer_word_rank_first(tmp_path, monkeypatch):
    """命运 共同体: jieba keeps 人类命运共同体 as one word, so BM25F sees neither query
    word in the quotes where they stand side by side, and scores the quotes that hold
    命运 and 共同体 apart as whole words far higher; the side-by-side quotes still win."""
    paragraphs = [
        "各国命运紧密相连，应当携手建设共同体。",  # apart, whole words, short
        "中方愿同各方一道，基于人类命运共同体理念，加强国际防疫合作，开展防控和救治经验分享，推动联合科研攻关。",
        "命运相连，共同体意识。",  # apart, whole words, shorter
        "推动构建人类命运共同体，维护全球公共卫生安全，这是各国人民的共同愿望和责任。",
    ]
    with _index_of(tmp_path, paragraphs) as ix:
        assert _side_by_side_first(ix, "命运 共同体", "命运共同体")
        monkeypatch.setattr("indexer.search.ranking.SIDE_BY_SIDE_FIRST", False)
        assert not _side_by_side_first(ix, "命运 共同体", "命运共同体")  # the old bonus alone


def _window_by_brute_force(text, words):
    best = None
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            if all(w in text[start:end] for w in words):
                if best is None or end - start < best:
                    best = end - start
                break
    return best


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="甲乙丙丁戊", max_size=30),
    st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=3), min_size=1, max_size=3),
)
def test_proximity_matches_a_brute_force_window(text, words):
    window = _window_by_brute_force(text, words)
    expected = 0.0 if window is None else min(1.0, sum(len(w) for w in words) / window)
    assert proximity(text, words) == pytest.approx(expected)


def test_rank_breaks_ties_by_date_then_index_order():
    scored = [(1.0, 0), (2.0, 1), (1.0, 2), (1.0, 3)]
    dates = [5, 1, 9, 9]
    order = [n for n, _ in rank(scored, ["甲"], lambda n: "", dates)]
    assert order == [1, 2, 3, 0]
