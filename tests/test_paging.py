"""Stable paging: the pages of one query, read one after another, hold every hit
exactly once, in the order of one big page, however many hits there are."""

from __future__ import annotations

import random

import pytest

from indexer.search import SearchRequest
from indexer.search.ranking import RERANK, rank

WORDS = ["疫情", "中国", "合作", "支持", "防控", "人民", "发展", "世界", "经济", "团结"]
FILLER = "各方应当加强沟通协调共同应对挑战推动全球治理维护公共卫生安全"


def paragraph(rng: random.Random) -> str:
    """A sentence with 疫情 and 中国 somewhere, at varying distances and counts."""
    pieces = [rng.choice(WORDS) for _ in range(rng.randint(2, 8))]
    pieces += ["疫情"] * rng.randint(1, 3) + ["中国"] * rng.randint(1, 2)
    rng.shuffle(pieces)
    gaps = [FILLER[: rng.randint(0, 12)] for _ in pieces]
    return "，".join(p + g for p, g in zip(pieces, gaps, strict=True)) + "。"


@pytest.fixture(scope="module")
def big_index(tmp_path_factory):
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    rng = random.Random(9)
    root = tmp_path_factory.mktemp("paging")
    folder = root / "corpus"
    folder.mkdir()
    lines = ["一、在内事活动中的讲话", "（一）关于测试"]
    for n in range(260):
        lines += [paragraph(rng), f"——{n % 12 + 1}月{n % 28 + 1}日，习近平考察", ""]
    (folder / "big.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "big.toml").write_text('title = "大"\nyear = 2020\nleader = "习近平"\n')
    build_index(root / "ix", [folder])
    with QuoteIndex.open(root / "ix") as ix:
        yield ix


@pytest.mark.parametrize("page", [10, 7, 199])
def test_pages_hold_every_hit_once_in_the_order_of_one_big_page(big_index, page):
    query = "疫情 中国"
    whole = big_index.search(SearchRequest(query, limit=10_000))
    assert whole.total == 260 > RERANK
    paged = []
    for offset in range(0, whole.total, page):
        hits = big_index.search(SearchRequest(query, limit=page, offset=offset)).hits
        paged += [h.quote.id for h in hits]
    assert len(paged) == len(set(paged)) == whole.total
    assert paged == [h.quote.id for h in whole.hits]


def test_the_rerank_window_does_not_depend_on_the_page():
    """rank() takes no page: its order is the same whatever part of it is shown, and
    only the RERANK best by BM25F get the proximity bonus."""
    rng = random.Random(3)
    texts = {n: "".join(rng.choice("甲乙丙丁") for _ in range(30)) for n in range(RERANK + 50)}
    scored = [(rng.random(), n) for n in texts]
    order = rank(scored, ["甲乙", "丙丁"], texts.__getitem__, [0] * len(texts))
    assert sorted(n for n, _ in order) == sorted(texts)
    base = dict((n, s) for s, n in scored)
    outside = sorted(scored, reverse=True)[RERANK:]
    assert all(dict(order)[n] == base[n] for _, n in outside)  # no bonus beyond the window


def test_undated_quotes_come_last_in_either_date_order(tmp_path):
    """Dated quotes in date order, newest or oldest first, then the undated ones (in
    their document order), whether the index was built in one go or a quote was added
    later; with relevance, an undated quote loses ties to dated ones."""
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = ["测试摘编", "一、关于测试"]
    dated = {}
    for n, day in enumerate(["2020-03-01", None, "2020-05-01", None, "2020-04-01"]):
        lines.append(f"第{n}句话合作。")
        if day:
            month, dom = int(day[5:7]), int(day[8:])
            lines.append(f"——2020年{month}月{dom}日，习近平在一次会议上的讲话")
        else:
            lines.append("——习近平在一次会议上的讲话")
        dated[f"第{n}句话合作。"] = day
    (corpus / "doc.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_index(tmp_path / "ix", [corpus])
    days = sorted(d for d in dated.values() if d)
    undated = [text for text, day in dated.items() if day is None]
    with QuoteIndex.open(tmp_path / "ix") as ix:
        for sort, order in [("date", days[::-1]), ("date-asc", days)]:
            hits = ix.search(SearchRequest("合作", sort=sort)).hits
            assert [h.quote.date for h in hits] == [*order, None, None], sort
            assert sorted(h.quote.text for h in hits[-2:]) == sorted(undated)
        ranked = ix.search(SearchRequest("合作")).hits
        assert [h.quote.date for h in ranked][-2:] == [None, None]
