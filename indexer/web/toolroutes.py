"""The research tools' routes: each tool's page, its JSON API (what ``yulu TOOL
--json`` prints) and its CSV download (what ``yulu TOOL --csv --excel`` writes), read
from the URL with the tool's options dataclass (:mod:`indexer.tools.options`)."""

from __future__ import annotations

from flask import Flask, render_template, request

from ..errors import QuerySyntaxError
from . import app as web
from . import research, toolpages
from .app import (
    NOTICE_HEADER,
    TOOLS,
    _attachment,
    _read_tool,
    json_response,
)
from .params import raw_cells
from .pool import IndexPool


def add_tool_routes(app: Flask, pool: IndexPool) -> None:
    """``/TOOL``, ``/api/TOOL`` and ``/TOOL.csv`` for each research tool."""

    @app.get(f"/<{TOOLS}:name>")
    def tool_page(name: str):
        """A research tool's page: the tool's answer for the search in the URL, beside
        the facets of the matching quotes."""
        with pool.index() as ix:
            tool = research.tools(ix.spec)[name]
            try:
                search = _read_tool(ix, tool)
                search, notices = research.capped(
                    tool, search, maximum=web.ROWS_PAGE_MAX, default=tool.page_rows
                )
                page = toolpages.tool_page(ix, tool, search, request.args, notices)
            except QuerySyntaxError as exc:
                page = toolpages.failed_page(ix, tool, request.args, str(exc))
                return render_template(f"{name}.html", page=page), 400
            return render_template(f"{name}.html", page=page, titles=ix.titles)

    @app.get(f"/api/<{TOOLS}:name>")
    def api_tool(name: str):
        """Exactly what ``yulu NAME --json`` prints for the same request (plus
        ``notices`` when the rows were capped)."""
        with pool.index() as ix:
            tool = research.tools(ix.spec)[name]
            search, notices = research.capped(tool, _read_tool(ix, tool), maximum=web.ROWS_API_MAX)
            result = tool.compute(ix, search.request, search.options)
            data = research.answer(ix, search.request, result)
        notices += research.shortened(tool, search, result)
        if not notices:
            return json_response(data)
        data["notices"] = notices
        return json_response(data, **{NOTICE_HEADER: "; ".join(notices)})

    @app.get(f"/<{TOOLS}:name>.csv")
    def tool_csv(name: str):
        """What ``yulu NAME --csv --excel`` writes for the same request, as a download."""
        raw, args = raw_cells(request.args)
        with pool.index() as ix:
            tool = research.tools(ix.spec)[name]
            search = _read_tool(ix, tool, args)
            research.check_tabular(search.request)
            result = tool.compute(ix, search.request, search.options)
            text = research.csv_text(result, raw=raw)
        return _attachment([text], "text/csv", f"yulu-{name}.csv")
