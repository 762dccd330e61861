"""What the pages show, gathered from the search service as plain data: one function per
page, so the templates only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from markupsafe import Markup

from ..index.declaration import load_spec
from ..records.quotes import Quote
from ..search.request import Hit, SearchRequest, SearchResults
from .labels import label_of, value_label
from .links import Tab, carried, changed, clause, href, tabs, toggled, toggled_clause
from .markup import MarkFormatter
from .params import LIMIT, OFFSET, QUERY, Args, WebSearch, args_of, shared_names
from .pool import ServedIndex
from .timeline import Period, Timeline, timeline

#: Facet values listed before the rest fold away under "more", and how many more are
#: listed at most (the whole list is a link away, at /api/facets/FIELD).
FACET_SHOWN, FACET_MORE = 8, 50
#: Page numbers shown around the current page.
PAGE_WINDOW = 3


def label(name: str) -> str:
    """How the pages name the field ``name``: its label in the declaration."""
    return label_of(load_spec(), name)


def when(quote: Quote) -> str:
    """The quote's day, or its first and last day."""
    return quote.date if quote.date == quote.date_end else f"{quote.date} – {quote.date_end}"


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool
    url: str | None
    #: the value as the page shows it (an event type in words), if not as it is
    shown: str = ""


@dataclass(frozen=True)
class FacetBox:
    name: str
    label: str
    values: list[FacetValue]
    more: list[FacetValue]
    #: values left out of ``more``, and the link to all of them
    left_out: int = 0
    everything: str = ""


@dataclass(frozen=True)
class ShownHit:
    hit: Hit
    rank: int
    snippet: Markup
    url: str


@dataclass(frozen=True)
class Paging:
    first: int
    last: int
    previous: str | None
    next: str | None
    pages: list[tuple[int, str | None]]  # (page number, link; None for this page)


@dataclass(frozen=True)
class Chip:
    """An active filter, with the link that removes it."""

    label: str
    value: str
    url: str


@dataclass
class SearchPage:
    args: Args
    request: SearchRequest
    results: SearchResults | None = None
    hits: list[ShownHit] = field(default_factory=list)
    facets: list[FacetBox] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    timeline: Timeline | None = None
    periods: list[tuple[Period, str]] = field(default_factory=list)  # with links
    paging: Paging | None = None
    notices: tuple[str, ...] = ()
    error: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    tabs: list[Tab] = field(default_factory=list)


def folded(ix: ServedIndex, name: str, value: str) -> str:
    """A facet or filter value as the index keeps it (folded, aliases resolved)."""
    try:
        return next(iter(ix.schema[name].process_text(value, mode="query")), value)
    except Exception:  # a value the analyzer cannot read stays as it is
        return value


def facet_boxes(
    ix: ServedIndex, results: SearchResults, request: SearchRequest, args: Args, path: str = "/"
) -> list[FacetBox]:
    """One box per facet of the declaration: each value with its count over the whole
    matching set and the link (to the page at ``path``) that adds it as a filter (or
    removes it if selected). Facets that are not filter fields toggle a
    ``field:"value"`` clause in ``q``."""
    filters = {f.name for f in ix.spec.filters}
    query = " ".join(args.getlist(QUERY))
    boxes = []
    for name in ix.spec.facets:
        counts = results.facets.get(name, {})
        values: list[FacetValue] = []
        if name in filters:
            given = {folded(ix, name, v): v for v in request.filters.get(name, ())}
            for value, count in counts.items():
                original = given.pop(folded(ix, name, value), None) if given else None
                selected = original is not None
                url = href(path, toggled(args, name, original if selected else value, selected))
                values.append(FacetValue(value, count, selected, url))
            for original in given.values():  # selected, but no match has it
                url = href(path, toggled(args, name, original, True))
                values.append(FacetValue(original, 0, True, url))
        else:
            for value, count in counts.items():
                text = clause(name, value)
                selected = bool(text) and text in query
                url = href(path, toggled_clause(args, text)) if text else None
                values.append(FacetValue(value, count, selected, url))
        values = [replace(v, shown=value_label(name, v.value)) for v in values]
        values.sort(key=lambda v: not v.selected)  # stable: by count within each group
        shown = max(FACET_SHOWN, sum(v.selected for v in values))
        more = values[shown : shown + FACET_MORE]
        left_out = max(0, len(values) - shown - FACET_MORE)
        everything = href(f"/api/facets/{name}", carried_args(ix, args)) if left_out else ""
        boxes.append(FacetBox(name, label(name), values[:shown], more, left_out, everything))
    return boxes


def chips(request: SearchRequest, args: Args, path: str = "/") -> list[Chip]:
    """The active filters and dates, each with the link (to the page at ``path``) that
    drops it."""
    found = [
        Chip(label(name), value_label(name, value), href(path, toggled(args, name, value, True)))
        for name, values in request.filters.items()
        for value in values
    ]
    for name, text, value in (("since", "From", request.since), ("until", "To", request.until)):
        if value:
            found.append(Chip(text, value, href(path, changed(args, **{name: None}))))
    return found


def paging(total: int, request: SearchRequest, args: Args, path: str = "/") -> Paging:
    """Links to the pages of ``total`` items around the page ``request`` asks for (its
    ``limit`` and ``offset``), on the page at ``path``."""
    limit, offset = request.limit, request.offset
    shown = min(limit, max(0, total - offset))

    def at(start: int) -> str:
        return href(path, changed(args, **{OFFSET: str(start) if start else None}))

    previous = at(max(0, offset - limit)) if offset and limit else None
    following = at(offset + limit) if limit and offset + limit < total else None
    pages: list[tuple[int, str | None]] = []
    if limit:
        current, count = offset // limit, -(-total // limit)
        for number in range(max(0, current - PAGE_WINDOW), min(count, current + PAGE_WINDOW + 1)):
            pages.append((number + 1, None if number * limit == offset else at(number * limit)))
    return Paging(offset + 1 if shown else 0, offset + shown, previous, following, pages)


def whole_index(request: SearchRequest) -> bool:
    """Whether ``request`` matches and counts every quote (no query, no filters, no
    dates, each quote counted)."""
    narrowed = any(request.filters.values()) or request.since or request.until
    narrowed = narrowed or request.distinct_remarks
    return not request.query.strip() and not narrowed


def overview(ix: ServedIndex) -> tuple[dict[str, dict[str, int]], Timeline | None]:
    """The facet counts and the timeline of the whole index, counted once per open index
    (the page everyone lands on shows them)."""

    def count() -> tuple[dict[str, dict[str, int]], Timeline | None]:
        everything = SearchRequest(limit=0)
        return {name: ix.facet(name) for name in ix.spec.facets}, timeline(ix, everything)

    return ix.once("overview", count)


def search_page(ix: ServedIndex, web: WebSearch, args: Args) -> SearchPage:
    """The search page: hits with marked snippets, facets over every match, the
    timeline, paging, and links to the same search as JSON and as downloads."""
    request = replace(web.request, facets=ix.spec.facets)
    if whole_index(request):
        results = ix.search(replace(request, facets=()), MarkFormatter())
        facets, drawn = overview(ix)
        results = replace(results, facets=facets)
    else:
        results = ix.search(request, MarkFormatter())
        drawn = timeline(ix, request)
    query = {QUERY: args.get(QUERY) or ""} if (args.get(QUERY) or "").strip() else {}
    hits = [
        ShownHit(hit, rank, Markup(hit.snippet), href(f"/quotes/{hit.quote.id}", args_of(query)))
        for rank, hit in enumerate(results.hits, request.offset + 1)
    ]
    download = changed(args, **{OFFSET: None, LIMIT: None})
    api = changed(args, **{LIMIT: str(request.limit), OFFSET: args.get(OFFSET)})
    periods = [
        (period, href("/", changed(args, since=period.since, until=period.until)))
        for period in (drawn.periods if drawn else [])
    ]
    no_filters = changed(args, since=None, until=None, **{f.name: None for f in ix.spec.filters})
    trend = href("/trend", changed(carried_args(ix, args), by=drawn.by if drawn else None))
    return SearchPage(
        args=args,
        request=request,
        results=results,
        hits=hits,
        facets=facet_boxes(ix, results, request, args),
        chips=chips(request, args),
        timeline=drawn,
        periods=periods,
        paging=paging(results.total, request, args),
        notices=web.notices,
        links={
            "csv": href("/export.csv", download),
            "jsonl": href("/export.jsonl", download),
            "json": href("/api/search", api),
            "first": href("/", changed(args, **{OFFSET: None})),
            "clear": href("/", no_filters),
            "trend": trend,
        },
        tabs=search_tabs(ix, args),
    )


def carried_args(ix: ServedIndex, args: Args):
    """The parameters another view of this search keeps (query, filters, period)."""
    return carried(args, shared_names(ix.spec))


def search_tabs(ix: ServedIndex, args: Args, current: str = "/") -> list[Tab]:
    """The tabs of the views of this search (see :func:`indexer.web.links.tabs`)."""
    return tabs(args, shared_names(ix.spec), current)
