"""Snippets say what they leave out (… wherever text is skipped) and mark a phrase that
runs across a sentence end, as ``highlights`` does."""

from __future__ import annotations

import pytest

from indexer.search import SearchRequest
from indexer.search.highlight import match_spans, snippet

TEXT = "第一句话。第二句讲合作。第三句话。第四句讲疫苗。第五句话。"


@pytest.mark.parametrize(
    ("needles", "expected"),
    [
        (["合作"], "…第二句讲【合作】。…"),
        (["第一"], "【第一】句话。…"),
        (["第五"], "…【第五】句话。"),
        (["合作", "疫苗"], "…第二句讲【合作】。…第四句讲【疫苗】。…"),
        (["合作", "第三"], "…第二句讲【合作】。【第三】句话。…"),  # adjacent: no … between
        (["火星"], "第一句话。…"),  # nothing matched: the opening, and … for the rest
        (["合作第三"], "…第二句讲【合作。第三】句话。…"),  # runs across a sentence end
    ],
)
def test_snippets_mark_skipped_text_and_matches(needles, expected):
    assert snippet(TEXT, match_spans(TEXT, needles)) == expected


def test_a_short_quote_is_shown_whole_without_ellipsis():
    text = "加强疫苗合作。"
    assert snippet(text, match_spans(text, ["疫苗"])) == "加强【疫苗】合作。"


def test_a_long_sentence_is_cut_around_the_match_and_says_so():
    text = "甲" * 200 + "合作" + "乙" * 200 + "。"
    shown = snippet(text, match_spans(text, ["合作"]))
    assert shown.startswith("…") and shown.endswith("…")
    assert "【合作】" in shown and len(shown) < 140


def test_phrase_across_a_sentence_end_is_marked_in_search_results(seed_index, seed):
    """A phrase found across 。 is marked in the snippet exactly where highlights say."""
    quote = next(q for q in seed.quotes if "。" in q.text.split("\n")[0].rstrip("。"))
    end = quote.text.index("。")
    phrase = quote.text[end - 2 : end] + quote.text[end + 1 : end + 3]  # 。 left out
    hits = seed_index.search(SearchRequest(f'"{phrase}"', limit=1000)).hits
    hit = next(h for h in hits if h.quote.id == quote.id)
    marked = [hit.quote.text[s:e] for s, e in hit.highlights]
    assert quote.text[end - 2 : end + 3] in marked
    assert f"【{quote.text[end - 2 : end + 3]}】" in hit.snippet
