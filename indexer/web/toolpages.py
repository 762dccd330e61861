"""What the research pages show, gathered as plain data: the tool's answer, each row
with the links it needs (:mod:`indexer.web.toolrows`), beside what every view of a
search has (tabs, facets over the matching quotes, the active filters), so the
templates only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from ..search.request import SearchRequest, SearchResults
from ..search.vocabulary import defaults
from . import corpustools
from .links import Tab, changed, href
from .params import LIMIT, OFFSET, Args, ToolSearch
from .pool import ServedIndex
from .research import KEYWORDS_NEED, Tool
from .toolrows import formulation_rows, keyword_rows, kwic_rows, trend_rows
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

#: What the concordance and keywords pages say before they are given what they need.
PROMPTS = {
    "kwic": "Give the words or phrases to centre on: every occurrence in the matching "
    "quotes is listed, aligned on the match.",
    "keywords": KEYWORDS_NEED.replace("give a QUERY", "Give a query", 1)
    + " of the corpus (pick a counterpart, a speaker or a period on the left).",
}


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
