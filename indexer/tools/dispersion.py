"""Dispersion plot: where in each document, and when, a word occurs in the quotes a
search matches, as AntConc's concordance plot draws it.

A document's text is all its quotes joined in document order (no separator); its
``length`` is the number of characters of that text, and a ``position`` is the offset
of an occurrence in it. Occurrences are found as phrase search finds them (the
normalised node in the quote's normalised text, :func:`indexer.tools.kwic.occurrences`),
only in the matching quotes, but the whole document is the strip. ``by_date`` counts
the occurrences by the day of their quote (undated quotes under ``undated``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..analysis.normalize import normalize
from ..errors import QuerySyntaxError
from ..search.request import SearchRequest
from .corpus import matching_quotes
from .kwic import occurrences

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex


@dataclass(frozen=True)
class Strip:
    source: str
    length: int
    positions: tuple[int, ...]
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "length": self.length,
            "freq": len(self.positions),
            "positions": list(self.positions),
        }


COLUMNS = ["source", "length", "position", "date", "quote"]


@dataclass
class Dispersion:
    node: str
    query: str = ""
    documents: list[Strip] = field(default_factory=list)
    by_date: dict[str, int] = field(default_factory=dict)
    undated: int = 0
    #: one row per occurrence: (source, document length, position, date, quote id)
    rows: list[tuple[str, int, int, str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(d.positions) for d in self.documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "query": self.query,
            "total": self.total,
            "documents": [d.to_dict() for d in self.documents],
            "by_date": self.by_date,
            "undated": self.undated,
        }

    def table(self) -> tuple[list[str], list[dict[str, Any]]]:
        return COLUMNS, [dict(zip(COLUMNS, row, strict=True)) for row in self.rows]

    def chart(self, width: int = 720) -> str:
        from .plot import dispersion_svg

        return dispersion_svg(self, width=width)

    def svg(self, width: int = 720) -> str:
        """The plot of :meth:`chart` as a standalone SVG document."""
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + self.chart(width) + "\n"


def dispersion(ix: QuoteIndex, request: SearchRequest, node: str) -> Dispersion:
    """Where ``node`` occurs in each document of the quotes ``request`` matches (every
    quote when it selects none), and on which days."""
    needle = normalize(node)
    if not needle:
        raise QuerySyntaxError(
            f"{node!r} has no word to look for (letters, digits or Han characters)"
        )
    wanted = {q.id for q in matching_quotes(ix, request)}
    by_source: dict[str, list] = {}
    for quote in ix.all_quotes():
        by_source.setdefault(quote.source, []).append(quote)
    result = Dispersion(needle, request.query)
    days: Counter[str] = Counter()
    for source in sorted(by_source):
        quotes = sorted(by_source[source], key=lambda q: (q.line, q.id))
        if not any(q.id in wanted for q in quotes):
            continue
        offset, positions = 0, []
        length = sum(len(q.text) for q in quotes)
        for quote in quotes:
            if quote.id in wanted:
                for start, _ in occurrences(quote.text, [needle]):
                    positions.append(offset + start)
                    result.rows.append((source, length, offset + start, quote.date or "",
                                        quote.id))  # fmt: skip
                    if quote.date:
                        days[quote.date] += 1
                    else:
                        result.undated += 1
            offset += len(quote.text)
        result.documents.append(Strip(source, length, tuple(positions), quotes[0].title))
    result.by_date = dict(sorted(days.items()))
    return result
