"""Plain-text presentation of search results and quotes for the terminal."""

from __future__ import annotations

from collections.abc import Iterator

from ..documents.records import Quote
from ..search.request import SearchResults

_PART_NUMERALS = "一二三四五六七八九十"


def _numeral(n: int | None) -> str:
    return _PART_NUMERALS[n - 1] if n and 0 < n <= len(_PART_NUMERALS) else str(n or "")


def when(quote: Quote) -> str:
    if not quote.date:  # a source reference that names no date
        return "undated"
    return quote.date if quote.date == quote.date_end else f"{quote.date}…{quote.date_end}"


def counterparts(quote: Quote) -> str:
    return "、".join(f"{c.name}（{c.title}）" if c.title else c.name for c in quote.counterparts)


def citation(quote: Quote) -> str:
    """Where a quote comes from: event, part and section, file and line, id."""
    where = "/".join(
        s
        for s in (
            f"{_numeral(quote.part_no)}、{quote.part}" if quote.part else "",
            f"（{_numeral(quote.section_no)}）{quote.section}" if quote.section else "",
        )
        if s
    )
    return f"——{quote.event} · {where} · {quote.source}:{quote.line} · id {quote.id}"


def search_lines(results: SearchResults, offset: int) -> Iterator[str]:
    shown = len(results.hits)
    span = f"{offset + 1}–{offset + shown}" if shown else "none"
    yield f"{results.total} quote{'s' if results.total != 1 else ''} match (showing {span})"
    for rank, hit in enumerate(results.hits, offset + 1):
        q = hit.quote
        who = f" · {counterparts(q)}" if q.counterparts else ""
        yield ""
        yield f"{rank:>3}. {when(q)} · {q.event_type}{who} · {q.leader or '?'}说"
        yield f"     {hit.snippet}"
        yield f"     {citation(q)}"
    for name, counts in results.facets.items():
        yield ""
        values = " · ".join(f"{value} {count}" for value, count in counts.items())
        yield f"{name}: {values or '(none)'}"


def quote_lines(quote: Quote) -> Iterator[str]:
    yield from quote.text.split("\n")
    yield f"——{when(quote)}，{quote.event}"
    yield ""
    yield f"leader: {quote.leader or '?'} · affairs: {quote.affairs} · type: {quote.event_type}"
    if quote.counterparts:
        yield f"counterparts: {counterparts(quote)}"
    yield citation(quote)
