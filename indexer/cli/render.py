"""Plain-text presentation of search results and quotes for the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..documents.records import Quote
from ..search.request import SearchResults
from ..tools.inert import visible

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


def marker(color: bool, terminal: bool = False) -> MarkFormatter:
    """How snippets mark matches: bold red on a colour terminal, else 【…】; for the
    ``terminal`` (text output), with the quote's control characters made visible."""
    from ..search.highlight import MarkFormatter

    escape = visible if terminal else None
    if color:
        return MarkFormatter("\x1b[1;31m", "\x1b[0m", escape)
    return MarkFormatter(escape=escape)


def facet_lines(counts: dict[str, int], missing: int) -> Iterator[str]:
    """A facet as a table: one value per line, count first, largest first, and the
    quotes without a value as (none)."""
    rows = list(counts.items()) + ([(NONE, missing)] if missing else [])
    width = max((len(str(count)) for _, count in rows), default=1)
    for value, count in rows:
        yield visible(f"{count:>{max(width, 6)}}  {value}")


_PART_NUMERALS = "一二三四五六七八九十"


def _numeral(n: int | None) -> str:
    return _PART_NUMERALS[n - 1] if n and 0 < n <= len(_PART_NUMERALS) else str(n or "")


def when(quote: Quote) -> str:
    if not quote.date:  # a source reference that names no date
        return "undated"
    return quote.date if quote.date == quote.date_end else f"{quote.date}…{quote.date_end}"


def counterparts(quote: Quote) -> str:
    return "、".join(f"{c.name}（{c.title}）" if c.title else c.name for c in quote.counterparts)


def headings(quote: Quote) -> str:
    """The headings above a quote as the document prints them (``五、外方积极表态``,
    ``第一部分　新时代…/（二）关于初心使命``). A record indexed before it kept them
    shows its part and section, numbered only where they have a number."""
    if quote.heading_path:
        return "/".join(quote.heading_path)
    part = f"{_numeral(quote.part_no)}、{quote.part}" if quote.part_no else quote.part
    section = f"（{_numeral(quote.section_no)}）" if quote.section_no and quote.part else ""
    if quote.section_no and not quote.part:
        section = f"{_numeral(quote.section_no)}、"
    return "/".join(s for s in (part, section + quote.section if quote.section else "") if s)


def citation(quote: Quote) -> str:
    """Where a quote comes from: event, headings, file and line, id."""
    where = headings(quote)
    parts = (f"——{quote.event}", where, f"{quote.source}:{quote.line}", f"id {quote.id}")
    return " · ".join(p for p in parts if p)


def search_lines(results: SearchResults, offset: int) -> Iterator[str]:
    shown = len(results.hits)
    span = f"{offset + 1}–{offset + shown}" if shown else "none"
    yield f"{results.total} quote{'s' if results.total != 1 else ''} match (showing {span})"
    for rank, hit in enumerate(results.hits, offset + 1):
        q = hit.quote
        who = f" · {counterparts(q)}" if q.counterparts else ""
        yield ""
        yield visible(f"{rank:>3}. {when(q)} · {q.event_type}{who} · {q.leader or '?'}说")
        yield f"     {hit.snippet}"  # escaped as it was marked: see marker()
        yield visible(f"     {citation(q)}")
    for name, counts in results.facets.items():
        yield ""
        yield f"by {name}:"
        yield from facet_lines(counts, results.facet_missing.get(name, 0))


def quote_lines(quote: Quote) -> Iterator[str]:
    """A whole quote and its citation, control characters made visible."""
    lines = [*quote.text.split("\n"), f"——{when(quote)}，{quote.event}", ""]
    lines.append(
        f"leader: {quote.leader or '?'} · affairs: {quote.affairs} · type: {quote.event_type}"
    )
    if quote.counterparts:
        lines.append(f"counterparts: {counterparts(quote)}")
    lines.append(citation(quote))
    yield from map(visible, lines)
