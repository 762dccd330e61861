"""Plain-text presentation of search results and quotes for the terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..records.quotes import Quote
from ..search.request import SearchResults
from ..tools.citation import attribution_line, cite, printed_headings
from ..tools.citation import citation as citation_of
from ..tools.citation import when as citation_when
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


def when(quote: Quote) -> str:
    return citation_when(quote) or "undated"  # a source reference that names no date


def counterparts(quote: Quote) -> str:
    return "、".join(f"{c.name}（{c.title}）" if c.title else c.name for c in quote.counterparts)


def headings(quote: Quote) -> str:
    """The headings above a quote as the document prints them (``五、外方积极表态``,
    ``第一部分　新时代…/（二）关于初心使命``)."""
    return "/".join(printed_headings(quote))


def citation(quote: Quote, title: str = "") -> str:
    """Where a quote comes from, on one line (:meth:`Citation.compact
    <indexer.tools.citation.Citation.compact>`): the attribution as printed, the
    headings, 《title》 when known, file and line, id."""
    return citation_of(quote, title).compact()


def search_lines(results: SearchResults, offset: int) -> Iterator[str]:
    shown = len(results.hits)
    span = f"{offset + 1}–{offset + shown}" if shown else "none"
    yield f"{results.total} quote{'s' if results.total != 1 else ''} match (showing {span})"
    for rank, hit in enumerate(results.hits, offset + 1):
        q = hit.quote
        who = f" · {counterparts(q)}" if q.counterparts else ""
        yield ""
        said = f" · {q.leader}说" if q.leader else ""  # an unknown speaker is not named
        yield visible(f"{rank:>3}. {when(q)} · {q.event_type}{who}{said}")
        yield f"     {hit.snippet}"  # escaped as it was marked: see marker()
        yield visible(f"     {citation(q)}")
    for name, counts in results.facets.items():
        yield ""
        yield f"by {name}:"
        yield from facet_lines(counts, results.facet_missing.get(name, 0))


def quote_lines(quote: Quote) -> Iterator[str]:
    """A whole quote as printed: its paragraphs, its attribution line, then what yulu
    knows of it and where it comes from, control characters made visible."""
    lines = quote.text.split("\n")
    said = attribution_line(quote)
    if said:
        lines.append(said)
    lines.append("")
    facts = [f"date: {when(quote)}"]
    if quote.leader:  # an unknown speaker is not named
        facts.append(f"leader: {quote.leader}")
    facts += [f"affairs: {quote.affairs}", f"type: {quote.event_type}"]
    lines.append(" · ".join(facts))
    if quote.counterparts:
        lines.append(f"counterparts: {counterparts(quote)}")
    where = headings(quote)
    if where:
        lines.append(f"headings: {where}")
    lines.append(f"{quote.source}:{quote.line} · id {quote.id}")
    yield from map(visible, lines)


def also_in_lines(found: Any) -> Iterator[str]:
    """The other quotes of a quote's remark (a :class:`~indexer.tools.remarks.Remark`),
    each with its citation; nothing when it has none."""
    if not found.also_in:
        return
    yield ""
    yield f"also in ({len(found.also_in)}; remark {found.id}):"
    for q in found.also_in:
        yield visible(f"  {cite(q, found.titles.get(q.source, ''))}")
