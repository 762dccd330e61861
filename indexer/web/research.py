"""The research tools as the web serves them: each tool's own URL parameters (the web's
fields of its options dataclass, :mod:`indexer.tools.options`, as its CLI command's
options are), how it runs over an open index, and its answer as JSON (exactly what
``yulu TOOL --json`` prints for the same request) and as CSV (what ``yulu TOOL --csv
--excel`` writes).

The tools themselves are :mod:`indexer.tools`; nothing here counts anything."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..errors import QuerySyntaxError
from ..index.declaration import SchemaSpec
from ..search.request import SearchRequest
from ..tools import formulations as formulations_tool
from ..tools import keywords as keywords_tool
from ..tools import kwic as kwic_tool
from ..tools import trend as trend_tool
from ..tools.export import write_table
from ..tools.options import KEYWORDS_NEED, TOOL_OPTIONS, facet_counts
from .params import ParameterError, ToolSearch
from .pool import ServedIndex

#: The web's own addition to ``yulu kwic``: lines to skip first (paging).
OFFSET = "offset"
#: Concordance lines on a page when the URL does not say.
LINES_PAGE = 100


@dataclass(frozen=True)
class Tool:
    """One research tool: its name (its URL paths and CLI command), its title on the
    page, its own parameters, and how it computes its answer."""

    name: str
    title: str
    compute: Callable[[ServedIndex, SearchRequest, Mapping[str, Any]], Any]
    #: the option that bounds how many rows the answer holds (None: all periods)
    rows: str | None = None
    #: that option's value on a page when the URL does not give it (None: the CLI's)
    page_rows: int | None = None

    @property
    def options(self) -> type:
        """The tool's options dataclass (:data:`~indexer.tools.options.TOOL_OPTIONS`)."""
        return TOOL_OPTIONS[self.name]


def _trend(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    compare = request.query.split() if options["compare"] else None
    if compare is not None and not compare:
        raise QuerySyntaxError("compare needs queries: 合作 斗争, a series each")
    return trend_tool.trend(
        ix, request, options["by"], options["split"],
        count=options["count"], share=options["share"], compare=compare,
    )  # fmt: skip


def _kwic(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    result = kwic_tool.concordance(
        ix, request, options["width"], options["sort"], centre=options["centre"]
    )
    start, most = options.get(OFFSET) or 0, options["limit"]
    end = None if most is None else start + most
    return replace(result, lines=result.lines[start:end])


def _formulations(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    return formulations_tool.formulations(
        ix, request, options["min_length"], options["min_quotes"], options["top"]
    )


def _keywords(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    reference = options["reference"]
    if not request.selects_some and reference is None:
        raise QuerySyntaxError(KEYWORDS_NEED)
    return keywords_tool.keywords(
        ix, request, options["top"], options["min_count"], reference, options["alpha"],
        options["min_log_ratio"],
    )  # fmt: skip


def tools(spec: SchemaSpec | None = None) -> dict[str, Tool]:
    """The research tools, in the order the pages list them, by name."""
    found = [
        Tool("kwic", "Concordance", _kwic, rows="limit", page_rows=LINES_PAGE),
        Tool("trend", "Trends", _trend),
        Tool("formulations", "Formulations", _formulations, rows="top"),
        Tool("keywords", "Keywords", _keywords, rows="top"),
    ]
    from .corpustools import corpus_tools

    found += corpus_tools()
    return {tool.name: tool for tool in found}


def capped(
    tool: Tool, search: ToolSearch, *, maximum: int, default: int | None = None
) -> tuple[ToolSearch, list[str]]:
    """``search`` with the tool's row count bounded by ``maximum`` (and ``default``
    when the URL gave none), and a notice when a count given was above it."""
    if tool.rows is None:
        return search, []
    given = search.options[tool.rows]
    wanted = given if tool.rows in search.given else (default or given)
    notices = []
    if wanted is not None and wanted > maximum:
        if tool.rows in search.given:
            notices.append(
                f"{tool.rows} {wanted} is above the maximum of {maximum}; showing {maximum}"
            )
        wanted = maximum
    elif wanted is None:
        wanted = maximum
    return replace(search, options={**search.options, tool.rows: wanted}), notices


def shortened(tool: Tool, search: ToolSearch, result: Any) -> list[str]:
    """A notice when a concordance asked for every line holds fewer than there are."""
    if tool.name != "kwic" or tool.rows in search.given:
        return []
    shown, start = len(result.lines), search.options.get(OFFSET) or 0
    if start + shown < result.total:
        return [
            f"showing lines {start + 1}–{start + shown} of {result.total}; "
            f"page through them with limit and offset"
        ]
    return []


def answer(ix: ServedIndex, request: SearchRequest, result: Any) -> dict[str, Any]:
    """The JSON ``yulu TOOL --json`` prints: the tool's answer, and with facets asked
    for, their counts over the whole matching set."""
    data = result.to_dict()
    if request.facets:
        data["facets"] = facet_counts(ix, request)
    return data


def csv_text(result: Any, raw: bool = False) -> str:
    """The answer as ``yulu TOOL --csv --excel [--raw-cells]`` writes it (UTF-8 with a
    byte order mark, so that spreadsheets read the Chinese as UTF-8)."""
    out = io.StringIO()
    write_table(out, *result.table(), bom=True, raw=raw)
    return out.getvalue()


def check_tabular(request: SearchRequest) -> None:
    """Facet counts have no place in a table (``yulu TOOL --csv --facet`` refuses too)."""
    if request.facets:
        raise ParameterError("facet counts are written in JSON, not CSV; leave out facet")
