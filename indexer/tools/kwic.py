"""Keyword in context: one line per occurrence of each word or phrase a query looks
for, in each quote it matches, with the context on either side.

Occurrences are found as phrase search finds them: the normalised needle in the
quote's normalised text (folded, punctuation out), mapped back to offsets in the
quote's own ``text``. Overlapping occurrences are separate lines (哈哈 occurs twice in
哈哈哈), as are occurrences of different needles at the same place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..analysis.normalize import matchable_offsets
from ..errors import QuerySyntaxError
from ..records.quotes import Quote
from ..search.request import SearchRequest
from .collation import context_key, pinyin_key
from .corpus import Cutter, cutter
from .display import clip_left, clip_right

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex

#: Newest quotes first (as ``yulu search --sort date``), oldest first, by the context
#: read outwards from the match (leftwards, or rightwards) by code point, or in pinyin
#: order (:mod:`indexer.tools.collation`) by the first or second word to the left or
#: right of the match (then the words further out) or by the match itself.
SORTS = ("date", "date-asc", "left", "right", "left1", "right1", "left2", "right2", "match")
#: The sorts by words, which need the quotes cut into words.
WORD_SORTS = ("left1", "right1", "left2", "right2")
#: Columns of context on each side (a Han character takes two).
WIDTH = 30


@dataclass(frozen=True)
class Line:
    """One occurrence: ``text[start:end]`` of quote ``id`` is ``match``; ``left`` and
    ``right`` are the context next to it, clipped to the width asked for."""

    id: str
    date: str
    left: str
    match: str
    right: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "left": self.left,
            "match": self.match,
            "right": self.right,
            "start": self.start,
            "end": self.end,
        }


COLUMNS = ["id", "date", "left", "match", "right", "start", "end"]


@dataclass
class Concordance:
    """The lines of a concordance (at most the limit asked for), how many there are in
    all, and how many quotes the request matched."""

    query: str
    lines: list[Line] = field(default_factory=list)
    total: int = 0
    quotes: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "quotes": self.quotes,
            "lines": [line.to_dict() for line in self.lines],
        }

    def table(self) -> tuple[list[str], list[dict[str, Any]]]:
        return COLUMNS, [line.to_dict() for line in self.lines]


def occurrences(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of each normalised needle in ``text`` as (start, end) offsets
    in ``text``, in text order."""
    normal, offsets = matchable_offsets(text)
    found = set()
    for needle in needles:
        if not needle:
            continue
        at = normal.find(needle)
        while at != -1:
            found.add((int(offsets[at]), int(offsets[at + len(needle) - 1]) + 1))
            at = normal.find(needle, at + 1)
    return sorted(found)


def quote_lines(quote: Quote, needles: Sequence[str], width: int = WIDTH) -> list[Line]:
    """The concordance lines of one quote, in text order."""
    text = quote.text
    return [
        Line(
            quote.id,
            quote.date,
            _left(text, start, width),
            text[start:end],
            _right(text, end, width),
            start,
            end,
        )
        for start, end in occurrences(text, needles)
    ]


def _left(text: str, start: int, width: int) -> str:
    """``clip_left(text[:start], width)``, reading only as much of ``text`` as it needs
    (so that a long quote's lines cost their width, not the quote's length)."""
    reach = 2 * width + 8
    while True:
        low = max(0, start - reach)
        left = clip_left(text[low:start], width)
        if low == 0 or len(left) < start - low:
            return left
        reach *= 2  # the window fitted whole (zero-width marks): it may hold more


def _right(text: str, end: int, width: int) -> str:
    """``clip_right(text[end:], width)``, likewise."""
    reach = 2 * width + 8
    while True:
        right = clip_right(text[end : end + reach], width)
        if end + reach >= len(text) or len(right) < reach:
            return right
        reach *= 2


def sort_lines(lines: list[tuple[Quote, Line]], sort: str, cut: Cutter | None = None) -> list[Line]:
    """Order (quote, line) pairs given oldest quote first, in text order within a quote.
    ``left`` and ``right`` compare the whole context of the quote on that side, read
    outwards from the match; the word sorts cut the quote with ``cut``; every sort is
    stable: ties keep the date order."""
    if sort not in SORTS:
        raise QuerySyntaxError(f"sort must be one of {', '.join(SORTS)}")
    if sort == "match":
        return [line for _, line in sorted(lines, key=lambda pair: pinyin_key(pair[1].match))]
    if sort in WORD_SORTS:
        return by_words(lines, sort, cut)
    if sort == "date-asc":
        return [line for _, line in lines]
    if sort == "date":
        by_quote: dict[str, list[Line]] = {}
        for quote, line in lines:
            by_quote.setdefault(quote.id, []).append(line)
        return [line for group in reversed(by_quote.values()) for line in group]
    if sort == "left":
        ordered = sorted(lines, key=lambda pair: pair[0].text[: pair[1].start][::-1])
    else:
        ordered = sorted(lines, key=lambda pair: pair[0].text[pair[1].end :])
    return [line for _, line in ordered]


def by_words(lines: list[tuple[Quote, Line]], sort: str, cut: Cutter | None) -> list[Line]:
    """Lines in pinyin order of the words next to the match (see :data:`SORTS`)."""
    if cut is None:
        raise ValueError("sorting by words needs a word cutter")
    words: dict[str, list] = {}

    def key(pair: tuple[Quote, Line]) -> tuple:
        quote, line = pair
        if quote.id not in words:
            words[quote.id] = cut(quote.text)
        cuts = words[quote.id]
        left = [w.text for w in reversed(cuts) if w.end <= line.start]
        right = [w.text for w in cuts if w.start >= line.end]
        return context_key(left, right, sort)

    return [line for _, line in sorted(lines, key=key)]


def concordance(
    ix: QuoteIndex,
    request: SearchRequest,
    width: int = WIDTH,
    sort: str = "date",
    limit: int | None = None,
    centre: str | None = None,
) -> Concordance:
    """The concordance of every quote ``request`` matches (paging ignored): each
    occurrence of each word or phrase the query looks for (or only those of the query
    ``centre``, when given), ``width`` columns of context on each side, sorted by
    ``sort`` (see :data:`SORTS`), at most ``limit`` lines."""
    if width < 0 or (limit is not None and limit < 0):
        raise QuerySyntaxError("width and limit must not be negative")
    if not request.query.strip():
        raise QuerySyntaxError("a concordance needs a QUERY: the words or phrases to centre on")
    ranked, needles = ix.matches(replace(request, sort="date-asc"))
    if centre is not None and centre.strip():
        _, needles = ix.matches(replace(request, query=centre, limit=0))
    if not needles:
        raise QuerySyntaxError(
            "the query has no word or phrase to show in context (field:value and NOT terms "
            "select quotes; add the words to centre on)"
        )
    pairs: list[tuple[Quote, Line]] = []
    for docnum, _ in ranked:
        quote = ix.quote_at(docnum)
        pairs += [(quote, line) for line in quote_lines(quote, needles, width)]
    lines = sort_lines(pairs, sort, cutter(ix) if sort in WORD_SORTS else None)
    shown = lines[:limit] if limit is not None else lines
    return Concordance(request.query, shown, len(lines), len(ranked))
