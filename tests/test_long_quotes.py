"""One long quote does not make every search slow (issue 22, failure 4): snippets,
highlights, the quote page's marks, related quotes and concordance lines cost time
linear in the quote, and snippets and highlights read at most ``MAX_ANALYZED``
characters of it. The time bounds are generous (the quadratic code took minutes where
these take a fraction of a second); the character counts are exact."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.search import highlight
from indexer.search.highlight import MAX_ANALYZED, MarkFormatter, match_spans, snippet
from indexer.tools import kwic
from indexer.tools.display import clip_left, clip_right
from indexer.web.markup import MarkFormatter as HtmlMarks
from indexer.web.markup import marked_paragraphs

UNIT = "我们要加强合作，推动发展。各国应当团结合作！"
#: Seconds that linear code never needs, on the busiest machine.
GENEROUS = 20


def long_text(chars: int) -> str:
    return UNIT * (chars // len(UNIT))


def test_snippets_read_a_bounded_part_of_a_long_quote(monkeypatch):
    read = []
    folded = highlight.matchable_offsets
    monkeypatch.setattr(
        highlight, "matchable_offsets", lambda text: read.append(len(text)) or folded(text)
    )
    text = long_text(4_000_000)
    spans = match_spans(text, ["合作"])
    assert read == [MAX_ANALYZED]
    assert spans and spans[-1][1] <= MAX_ANALYZED
    assert "【合作】" in snippet(text, spans)


def test_a_snippet_is_linear_in_the_matches():
    """100,000 matches in 200,000 characters of sentences: the pairwise code took hours."""
    text = long_text(200_000)
    spans = [(s, s + 1) for s in range(0, len(text), 2)]  # a match every other character
    started = time.monotonic()
    shown = snippet(text, spans)
    assert time.monotonic() - started < GENEROUS
    assert "【" in shown


@pytest.mark.soak
def test_a_search_of_a_1_mb_quote_is_quick(tmp_path, request):
    """End to end (the build of a 1 MB quote takes seconds, hence the soak)."""
    if "soak" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the soak runs with: pytest -m soak")
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex, SearchRequest

    folder = tmp_path / "c"
    folder.mkdir()
    head = "一、在内事活动中的重要讲话\n（一）关于测试\n"
    body = f"{long_text(1_000_000)}\n——5月1日，习近平考察\n\n合作很重要。\n——5月2日，习近平考察\n"
    (folder / "big.txt").write_text(head + body, encoding="utf-8")
    (folder / "big.toml").write_text('title = "长"\nyear = 2020\nleader = "习近平"\n')
    build_index(tmp_path / "ix", [folder])
    with QuoteIndex.open(tmp_path / "ix") as ix:
        started = time.monotonic()
        hits = ix.search(SearchRequest("合作")).hits
        assert time.monotonic() - started < GENEROUS / 4
        assert len(hits) == 2 and all("【合作】" in hit.snippet for hit in hits)


def test_marks_over_many_paragraphs_are_linear():
    text = "\n".join(["加强合作。"] * 40_000)
    spans = [(6 * n + 2, 6 * n + 4) for n in range(40_000)]
    started = time.monotonic()
    paragraphs = marked_paragraphs(text, spans, HtmlMarks())
    assert time.monotonic() - started < GENEROUS
    assert len(paragraphs) == 40_000 and all("<mark" in p for p in paragraphs[::997])


def test_a_mark_across_a_paragraph_break_is_marked_in_both_parts():
    text = "第一段讲合\n作第二段"
    left, right = marked_paragraphs(text, [(4, 7)], HtmlMarks())
    assert left.endswith(">合</mark>") and right.startswith("<mark") and ">作</mark>" in right


class Counted(str):
    """Text that counts the characters sliced out of it."""

    sliced = 0

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        Counted.sliced += len(part)
        return part


def test_concordance_lines_read_only_their_context():
    text = Counted(long_text(2_000_000))
    Counted.sliced = 0
    lines = [(kwic._left(text, 1_000_000, 30), kwic._right(text, 1_000_002, 30))]
    assert Counted.sliced < 4 * (2 * 30 + 8)  # a window each side, not the text
    plain = str(text)
    assert lines[0] == (clip_left(plain[:1_000_000], 30), clip_right(plain[1_000_002:], 30))


@given(st.text(alphabet="合作ab\u0301\u0300 。", max_size=200), st.integers(0, 40), st.data())
def test_concordance_context_is_the_clip_of_the_whole_text(text, width, data):
    at = data.draw(st.integers(0, len(text)))
    assert kwic._left(text, at, width) == clip_left(text[:at], width)
    assert kwic._right(text, at, width) == clip_right(text[at:], width)


@pytest.mark.parametrize("escape", [None, str.upper])
def test_marks_still_read_as_before(escape):
    text = "第一句话。第二句讲合作。第三句话。"
    formatter = MarkFormatter(escape=escape) if escape else MarkFormatter()
    assert snippet(text, match_spans(text, ["合作"]), formatter) == "…第二句讲【合作】。…"
