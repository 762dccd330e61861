"""HTML for matched text: corpus text escaped, matches in ``<mark>``.

The only markup the pages mark safe is built here, by Whoosh's own ``HtmlFormatter``,
which escapes the text between and inside the marks."""

from __future__ import annotations

from whoosh.analysis import Token
from whoosh.highlight import Fragment, HtmlFormatter

from ..search.highlight import Span


class MarkFormatter(HtmlFormatter):
    """Matches as ``<mark class="hit t0">…</mark>`` (``t0``…``t4`` tell the query's
    strings apart), fragments joined by an ellipsis, every other character escaped."""

    def __init__(self) -> None:
        super().__init__(tagname="mark", between="…", classname="hit", termclass="t")


def marked_paragraphs(text: str, spans: list[Span], formatter: HtmlFormatter) -> list[str]:
    """The paragraphs of ``text`` (one per line) as escaped HTML with the character
    spans marked; a span running across a paragraph break is marked in each part. One
    pass over the paragraphs and the spans (sorted, not overlapping)."""
    spans = sorted(spans)
    paragraphs = []
    start = at = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        while at < len(spans) and spans[at][1] <= start:
            at += 1
        tokens = []
        j = at
        while j < len(spans) and spans[j][0] < end:
            s, e = max(spans[j][0], start), min(spans[j][1], end)
            if s < e:  # (a span over a paragraph break marks nothing in an empty paragraph)
                tokens.append(Token(startchar=s - start, endchar=e - start))
            j += 1
        paragraphs.append(formatter.format_fragment(Fragment(paragraph, tokens, 0, len(paragraph))))
        start = end + 1
    return paragraphs
