"""Each row of a research page with the links it needs.

Links from a row lead to exactly the quotes the row counts: a formulation's quotes are
the search for the page's query AND the phrase; a trend's period is the query AND
``date:…`` (a quote counts in the period of its first day, which is what ``date:``
matches; the date field as the declaration names it), and a series value adds that
value as a filter (or, when the field is already filtered, as a ``field:"value"``
clause, so the filter stays)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from ..analysis.normalize import normalize
from ..search.language import needles
from ..tools.kwic import Line
from ..tools.trend import ALL, NONE, OTHER
from .links import carried, changed, clause, href, narrowed, phrase
from .params import QUERY, Args, shared_names
from .pool import ServedIndex
from .timeline import bounds

#: Mark colours (``t0``…``t4``), as the search page has them.
MARKS = 5


@dataclass(frozen=True)
class Link:
    """A value shown with its count, and the search for the quotes it counts (None
    where no query can say it)."""

    text: str
    count: int
    url: str | None


@dataclass(frozen=True)
class KwicRow:
    """A concordance line, the link to its quote, and the colour of its mark (one per
    string the query looks for, as the search page marks them)."""

    line: Line
    url: str
    mark: int = 0


@dataclass(frozen=True)
class TrendRow:
    period: str
    url: str
    cells: list[Link]


@dataclass(frozen=True)
class PhraseRow:
    """A formulation or a keyword (``item``), with its search and its concordance."""

    item: Any
    search: str | None
    kwic: str | None
    leaders: list[Link] = field(default_factory=list)
    counterparts: list[Link] = field(default_factory=list)


def _search(args: Args, query: str) -> MultiDict:
    return changed(args, **{QUERY: query or None})


def narrow_by(ix: ServedIndex, args: MultiDict, name: str, value: str) -> MultiDict | None:
    """``args`` narrowed to the quotes whose ``name`` is ``value``: as a filter when the
    field is a filter field not yet filtered, else as a query clause (None when the
    value cannot be written as one)."""
    filters = {f.name for f in ix.spec.filters}
    if name in filters and not [v for v in args.getlist(name) if v.strip()]:
        return changed(args, **{name: [value]})
    text = clause(name, value)
    if text is None:
        return None
    return _search(args, narrowed(args.get(QUERY, ""), text))


def period_clause(period: str, by: str, field: str = "date") -> str:
    """The query clause for the quotes whose first day (the date ``field``) falls in
    ``period``."""
    if by == "week":
        first, last = bounds(period, by)
        return f"{field}:[{first.isoformat()} TO {last.isoformat()}]"
    return f"{field}:{period}"


def kwic_rows(ix: ServedIndex, result: Any, args: Args) -> list[KwicRow]:
    query = args.get(QUERY, "")
    kept = MultiDict({QUERY: query}) if query.strip() else MultiDict()
    wanted = {needle: i % MARKS for i, needle in enumerate(needles(ix.language.compile(query)))}
    return [
        KwicRow(line, href(f"/quotes/{line.id}", kept), wanted.get(normalize(line.match), 0))
        for line in result.lines
    ]


def trend_rows(ix: ServedIndex, result: Any, args: Args) -> tuple[list[str], list[TrendRow]]:
    """The columns (one per series, and ``total`` with a split) and one row per period:
    each count linked to the search for the quotes it counts (with ``compare``, each
    query's own search)."""
    shared = carried(args, shared_names(ix.spec))
    query = shared.get(QUERY, "")
    names = list(result.series)
    own = [*names, "total"] if result.split else [result.unit]
    columns = names if result.compare else own
    rows = []
    for period in result.periods:
        within = period_clause(period, result.by, ix.spec.date_start)
        during = _search(shared, narrowed(query, within))
        url = href("/", during)
        cells = []
        for name in names if result.split or result.compare else []:
            count = result.series[name][period]
            narrower = None
            if count and result.compare:
                narrower = _search(shared, narrowed(name, within))
            elif count and name not in (OTHER, NONE):
                narrower = narrow_by(ix, during, result.split, name)
            cells.append(Link(name, count, href("/", narrower) if narrower else None))
        if not result.compare:
            total = result.total.get(period, 0)
            cells.append(Link("total" if result.split else ALL, total, url if total else None))
        rows.append(TrendRow(period, url, cells))
    return columns, rows


def _declared(ix: ServedIndex, source: str) -> str | None:
    """The field declared from the record's attribute ``source`` (None: none is)."""
    return next((f.name for f in ix.spec.fields if f.source == source), None)


def _people(ix: ServedIndex, args: MultiDict, name: str | None, counts: dict[str, int]):
    links = []
    for value, count in counts.items():
        narrower = narrow_by(ix, args, name, value) if name else None
        links.append(Link(value, count, href("/", narrower) if narrower else None))
    return links


def _centred(search: MultiDict, text: str) -> str:
    """The concordance of ``search``'s quotes centred on the phrase ``text`` alone."""
    return href("/kwic", changed(search, centre=phrase(text)))


def _phrase_search(ix: ServedIndex, args: Args, text: str) -> MultiDict | None:
    """The page's search (query, filters, period) AND the phrase ``text``."""
    quoted = phrase(text)
    if quoted is None:
        return None
    shared = carried(args, shared_names(ix.spec))
    return _search(shared, narrowed(shared.get(QUERY, ""), quoted))


def formulation_rows(ix: ServedIndex, result: Any, args: Args) -> list[PhraseRow]:
    """Each formulation with the search for the page's query AND it (whose total is its
    quote count), its concordance, and its speakers and counterparts, each linked to
    the search for it by or to them."""
    rows = []
    for item in result.formulations:
        found = _phrase_search(ix, args, item.text)
        if found is None:
            rows.append(PhraseRow(item, None, None))
            continue
        leaders = _people(ix, found, _declared(ix, "leader"), item.leaders)
        counterparts = _people(ix, found, _declared(ix, "counterparts.name"), item.counterparts)
        rows.append(PhraseRow(item, href("/", found), _centred(found, item.text), leaders,
                              counterparts))  # fmt: skip
    return rows


def keyword_rows(ix: ServedIndex, result: Any, args: Args) -> list[PhraseRow]:
    """Each keyword with the search for the page's query AND it, and its concordance."""
    rows = []
    for item in result.keywords:
        found = _phrase_search(ix, args, item.word)
        links = (
            (href("/", found), _centred(found, item.word)) if found is not None else (None, None)
        )
        rows.append(PhraseRow(item, *links))
    return rows
