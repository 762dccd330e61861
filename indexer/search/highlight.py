"""Snippets: the sentences of a quote that hold its matches, with the matches marked.

Built from Whoosh's highlighting pieces: matches become tokens, sentences become
``Fragment`` objects, ``BasicFragmentScorer`` and ``top_fragments`` choose among them,
and a ``Formatter`` marks them.

The work per quote is bounded, as Lucene's highlighter bounds it (``maxDocCharsToAnalyze``):
matches are looked for, and snippets chosen, in the first :data:`MAX_ANALYZED` characters
of a quote, and every step is linear in those characters and the matches in them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from whoosh.analysis import Token
from whoosh.highlight import FIRST, BasicFragmentScorer, Formatter, Fragment, top_fragments

from ..analysis.normalize import is_matchable, matchable_offsets

SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")
MAX_FRAGMENT = 120
FRAGMENTS = 2
#: What a snippet shows where it leaves text out.
ELLIPSIS = "…"
#: The characters of a quote in which matches are marked and snippets chosen (a quote
#: longer than this is searched whole, but shown marked only this far; Solr's
#: ``hl.maxAnalyzedChars`` is 51,200).
MAX_ANALYZED = 50_000

Span = tuple[int, int]


def match_spans(text: str, needles: Iterable[str]) -> list[Span]:
    """Where in ``text`` (character offsets) the normalised ``needles`` occur, merged, in
    its first :data:`MAX_ANALYZED` characters."""
    normal, offsets = matchable_offsets(text[:MAX_ANALYZED])
    spans = []
    for needle in needles:
        if not needle:
            continue
        start = normal.find(needle)
        while start != -1:
            spans.append((int(offsets[start]), int(offsets[start + len(needle) - 1]) + 1))
            start = normal.find(needle, start + 1)
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class MarkFormatter(Formatter):
    """Marks matches with a pair of strings: 【人类命运共同体】 by default; ``escape``
    rewrites the quote's text around and inside the marks (as HTML formatters escape)."""

    between = ELLIPSIS

    def __init__(
        self, before: str = "【", after: str = "】", escape: Callable[[str], str] | None = None
    ) -> None:
        self.before, self.after = before, after
        self.escape = escape or str

    def format_token(self, text: str, token: Token, replace: bool = False) -> str:
        return f"{self.before}{self.escape(text[token.startchar : token.endchar])}{self.after}"

    def format_fragment(self, fragment: Fragment, replace: bool = False) -> str:
        """The fragment's text, escaped, with its matches marked (the longest of those
        starting together; a match inside one already marked is skipped), as Whoosh's
        formatters mark them."""
        text, at, out = fragment.text, fragment.startchar, []
        for token in sorted(
            (t for t in fragment.matches if t.startchar is not None),
            key=lambda t: (t.startchar, t.startchar - t.endchar),
        ):
            if token.startchar < at:
                continue
            out.append(self.escape(text[at : token.startchar]))
            out.append(self.format_token(text, token, replace))
            at = token.endchar
        out.append(self.escape(text[at : fragment.endchar]))
        return "".join(out)


def _pieces(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """The sentences of ``text``, those joined that a match runs across (a phrase may
    span a sentence end, as matching ignores punctuation). ``spans`` are sorted and do
    not overlap (as :func:`match_spans` gives them), so one pass over both will do."""
    pieces: list[tuple[int, int]] = []
    at = 0  # the first span that may still run across a piece's end
    for sentence in SENTENCE.finditer(text):
        start, end = sentence.span()
        if not text[start:end].strip():
            continue
        if pieces:
            boundary = pieces[-1][1]
            while at < len(spans) and spans[at][1] <= boundary:
                at += 1
            if at < len(spans) and spans[at][0] < boundary and start < spans[at][1]:
                pieces[-1] = (pieces[-1][0], end)
                continue
        pieces.append((start, end))
    return pieces


def _inside(spans: list[Span], pieces: list[tuple[int, int]]) -> Iterable[list[Span]]:
    """For each piece in text order, the spans that lie wholly inside it (one pass)."""
    at = 0
    for start, end in pieces:
        while at < len(spans) and spans[at][0] < start:
            at += 1
        inside = []
        while at < len(spans) and spans[at][1] <= end:
            inside.append(spans[at])
            at += 1
        yield inside


def _fragments(text: str, spans: list[Span]) -> list[Fragment]:
    fragments = []
    pieces = _pieces(text, spans)
    for (start, end), inside in zip(pieces, _inside(spans, pieces), strict=True):
        if end - start > MAX_FRAGMENT:  # keep a window around the first match
            first = inside[0] if inside else (start, start)
            start = max(start, min(first[0] - MAX_FRAGMENT // 3, end - MAX_FRAGMENT))
            end = min(end, max(start + MAX_FRAGMENT, first[1]))
            inside = [(s, e) for s, e in inside if s >= start and e <= end]
        tokens = [
            Token(text=text[s:e], startchar=s, endchar=e, boost=1.0, matched=True)
            for s, e in inside
        ]
        fragments.append(Fragment(text, tokens, start, end))
    return fragments


def _skips(text: str) -> bool:
    """Whether leaving ``text`` out of a snippet leaves out anything to read."""
    return any(is_matchable(ch) for ch in text)


def snippet(text: str, spans: list[Span], formatter: Formatter | None = None) -> str:
    """The best sentences (up to two, in text order) with every match in them marked,
    and ``…`` wherever the snippet leaves text out (before, between, after them, or
    inside a long sentence); the opening of the quote when nothing matched."""
    formatter = formatter or MarkFormatter()
    analyzed = text[:MAX_ANALYZED]
    fragments = _fragments(analyzed, sorted((s, e) for s, e in spans if e <= len(analyzed)))
    if not fragments:
        return ""
    best = top_fragments(fragments, FRAGMENTS, BasicFragmentScorer(), FIRST, minscore=1)
    out: list[str] = []
    at = 0
    for fragment in best or fragments[:1]:
        if _skips(text[at : fragment.startchar]):
            out.append(ELLIPSIS)
        out.append(formatter.format_fragment(fragment).strip())
        at = fragment.endchar
    if _skips(text[at:]):
        out.append(ELLIPSIS)
    return " ".join("".join(out).split("\n"))
