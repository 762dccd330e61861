"""What the research pages show, gathered as plain data: the tool's answer, each row
with the links it needs, beside what every view of a search has (tabs, facets over the
matching quotes, the active filters), so the templates only lay it out.

Links from a row lead to exactly the quotes the row counts: a formulation's quotes are
the search for the page's query AND the phrase; a trend's period is the query AND
``date:…`` (a quote counts in the period of its first day, which is what ``date:``
matches), and a series value adds that value as a filter (or, when the field is
already filtered, as a ``field:"value"`` clause, so the filter stays)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from ..analysis.normalize import normalize
from ..search.language import needles
from ..search.request import SearchRequest, SearchResults
from ..search.vocabulary import defaults
from ..tools.kwic import Line
from ..tools.trend import ALL, NONE, OTHER
from . import corpustools
from .links import Tab, carried, changed, clause, href, narrowed, phrase
from .params import LIMIT, OFFSET, QUERY, Args, ToolSearch, shared_names
from .pool import ServedIndex
from .research import KEYWORDS_NEED, Tool
from .timeline import bounds
from .views import (
    Chip,
    FacetBox,
    Paging,
    chips,
    facet_boxes,
    overview,
    paging,
    search_tabs,
    whole_index,
)

#: Mark colours (``t0``…``t4``), as the search page has them.
MARKS = 5
#: What the concordance and keywords pages say before they are given what they need.
PROMPTS = {
    "kwic": "Give the words or phrases to centre on: every occurrence in the matching "
    "quotes is listed, aligned on the match.",
    "keywords": KEYWORDS_NEED.replace("give a QUERY", "Give a query", 1)
    + " of the corpus (pick a counterpart, a speaker or a period on the left).",
}


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


@dataclass
class ToolPage:
    tool: Tool
    args: Args
    request: SearchRequest
    options: dict[str, Any]
    tabs: list[Tab]
    result: Any = None
    rows: list[Any] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    chart: Markup | None = None
    total: int | None = None
    facets: list[FacetBox] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    paging: Paging | None = None
    notices: list[str] = field(default_factory=list)
    error: str | None = None
    prompt: str | None = None
    links: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"/{self.tool.name}"


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


def facet_results(ix: ServedIndex, request: SearchRequest) -> SearchResults:
    """Counts of every facet over the quotes ``request`` matches."""
    if whole_index(request):
        facets, _ = overview(ix)
        total = ix.search(SearchRequest(limit=0)).total
        return SearchResults("", total, [], facets)
    return ix.search(replace(request, facets=ix.spec.facets, limit=0))


def needs(tool: Tool, request: SearchRequest, options: Any = None) -> str | None:
    """What the page asks for before it can show anything (None: nothing)."""
    if tool.name == "kwic" and not request.query.strip():
        return PROMPTS["kwic"]
    referred = tool.name == "keywords" and (options or {}).get("reference") is not None
    if tool.name == "keywords" and not request.selects_some and not referred:
        return PROMPTS["keywords"]
    return None


def tool_page(
    ix: ServedIndex, tool: Tool, search: ToolSearch, args: Args, notices: list[str]
) -> ToolPage:
    """A research page: the tool's answer for the quotes the parameters select, with
    the links of each row, the facets of those quotes, and the links to the same answer
    as JSON and CSV."""
    request = search.request
    path = f"/{tool.name}"
    page = ToolPage(
        tool, args, request, dict(search.options), search_tabs(ix, args, path), notices=notices
    )
    page.prompt = needs(tool, request, search.options) or corpustools.needs(
        tool.name, search.options
    )
    if page.prompt is None:
        result = tool.compute(ix, request, search.options)
        page.result = result
        if tool.name == "kwic":
            page.rows = kwic_rows(ix, result, args)
            window = SearchRequest(limit=search.options["limit"], offset=search.options[OFFSET])
            page.paging = paging(result.total, window, args, path)
        elif tool.name == "trend":
            page.columns, page.rows = trend_rows(ix, result, args)
            page.chart = Markup(result.chart()) if result.series else None
        elif tool.name == "formulations":
            page.rows = formulation_rows(ix, result, args)
        elif tool.name == "keywords":
            page.rows = keyword_rows(ix, result, args)
        else:
            corpustools.fill(page, ix, result, args)
    counted = facet_results(ix, request)
    page.total = counted.total
    page.facets = facet_boxes(ix, counted, replace(request, facets=ix.spec.facets), args, path)
    page.chips = chips(request, args, path)
    json_args = changed(args)
    if tool.rows == LIMIT:  # the page's own window of lines, which the API would not assume
        json_args = changed(args, **{LIMIT: str(search.options[LIMIT])}, offset=args.get(OFFSET))
    page.links = {
        "json": href(f"/api/{tool.name}", json_args),
        "csv": href(f"/{tool.name}.csv", changed(args, facet=None, limit=None, offset=None)),
        "first": href(path, changed(args, offset=None)),
    }
    return page


def failed_page(ix: ServedIndex, tool: Tool, args: Args, message: str) -> ToolPage:
    """The page of a request the tool cannot answer: the message, the form to fix it."""
    return ToolPage(
        tool,
        args,
        SearchRequest(),
        defaults(tool.options),
        search_tabs(ix, args, f"/{tool.name}"),
        error=message,
    )
