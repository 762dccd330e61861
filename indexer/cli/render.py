"""Plain-text presentation of search results and quotes for the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..documents.records import Quote
from ..search.request import SearchResults

if TYPE_CHECKING:
    from ..search.highlight import MarkFormatter

COLOR_CHOICES = ("auto", "always", "never")
#: The facet row of quotes that have no value.
NONE = "(none)"


def use_color(choice: str) -> bool:
    """``--color``: always, never, or auto (stdout is a terminal and ``NO_COLOR`` is
    not set to anything, https://no-color.org)."""
    if choice in ("always", "never"):
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def marker(color: bool) -> MarkFormatter:
    """How snippets mark matches: bold red on a colour terminal, else 【…】."""
    from ..search.highlight import MarkFormatter

    return MarkFormatter("\x1b[1;31m", "\x1b[0m") if color else MarkFormatter()


def facet_lines(counts: dict[str, int], missing: int) -> Iterator[str]:
    """A facet as a table: one value per line, count first, largest first, and the
    quotes without a value as (none)."""
    rows = list(counts.items()) + ([(NONE, missing)] if missing else [])
    width = max((len(str(count)) for _, count in rows), default=1)
    for value, count in rows:
        yield f"{count:>{max(width, 6)}}  {value}"


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
        yield f"by {name}:"
        yield from facet_lines(counts, results.facet_missing.get(name, 0))


def quote_lines(quote: Quote) -> Iterator[str]:
    yield from quote.text.split("\n")
    yield f"——{when(quote)}，{quote.event}"
    yield ""
    yield f"leader: {quote.leader or '?'} · affairs: {quote.affairs} · type: {quote.event_type}"
    if quote.counterparts:
        yield f"counterparts: {counterparts(quote)}"
    yield citation(quote)
