"""Items under one collective citation (``indexer.documents.collective``), generated: a
Party document or leaflet of instructions, perhaps under a cover of signed and dated
notices, with one to three titles each over a bracketed, dated subtitle and items that
cite nothing, in text (items parted by blank lines, an item's paragraphs by line breaks)
and in HTML (each paragraph one item). Every item comes back as one quote with the
subtitle's date and occasion under its title, and the cover gives no record."""

from __future__ import annotations

from genre_grammar import HAN, PARAGRAPH, written_date
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.documents.formats import webpage
from indexer.documents.parser import Parser
from indexer.documents.sources import text_lines

PARSER = Parser()
TITLE = st.builds(
    lambda head, cue: head + cue, HAN, st.sampled_from(["指示", "谈话要点", "讲话摘录", ""])
)


@st.composite
def instructions(draw):
    """(lines, blocks) where each block is (title, subtitle, (date, end, precision),
    occasion, items) and each item a list of paragraphs."""
    year = draw(st.integers(1950, 1990))
    lines: list[str] = []
    if draw(st.booleans()):  # a cover: header, an approval and a notice, signed and dated
        lines += [draw(HAN) + "文件", "", "批示", "", "同意", "", "  " + draw(HAN)[:4]]
        lines += [f"{draw(st.integers(1, 12))}月{draw(st.integers(1, 28))}日", "", "通知", ""]
        lines += [
            draw(PARAGRAPH),
            "",
            draw(HAN)[:6],
            f"{year}年{draw(st.integers(1, 12))}月1日",
            "",
        ]
    blocks = []
    titles = draw(
        st.lists(TITLE.filter(lambda t: len(t) >= 2), min_size=1, max_size=3, unique=True)
    )
    for title in titles:
        text, dates = draw(written_date(year, False))
        occasion = "视察" + draw(HAN) + "时的谈话"  # (a word after 月 could be read as 月份)
        items = draw(st.lists(st.lists(PARAGRAPH, min_size=1, max_size=3), min_size=3, max_size=6))
        blocks.append((title, f"（{text}{occasion}）", dates, occasion, items))
        lines += [title, "", f"（{text}{occasion}）", ""]
        for item in items:
            lines += [*item, ""]
    return lines, blocks


def _check(result, blocks, one_paragraph_items: bool) -> None:
    want = [
        (title, dates, occasion, "\n".join(item))
        for title, _, dates, occasion, items in blocks
        for item in (([p] for i in items for p in i) if one_paragraph_items else items)
    ]
    got = [
        (q.section, (q.date, q.date_end, q.date_precision), q.event, q.text) for q in result.quotes
    ]
    assert got == want
    assert result.skipped == 0 and result.documents[0].reported == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instructions())
def test_each_item_is_a_quote_cited_by_its_subtitle(doc):
    lines, blocks = doc
    result = PARSER.parse_lines(text_lines("\n".join(lines)), None, "gen.txt")
    _check(result, blocks, one_paragraph_items=False)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instructions())
def test_each_paragraph_of_a_web_page_is_an_item(doc):
    lines, blocks = doc
    html = "".join(f"<p>{line}</p>" for line in lines if line.strip())
    page = f"<html><body>{html}</body></html>".encode()
    result = PARSER.parse_lines(webpage.read(page, "gen.html").lines, None, "gen.html")
    _check(result, blocks, one_paragraph_items=True)
