"""The web app (Flask): the search page, the quote page, the research pages, the JSON
API and the exports, all thin doors onto the search service and the research tools
through one reading of the URL parameters (:func:`indexer.web.params.search_request`,
and :func:`~indexer.web.params.tool_request` for the tools).

Errors reach the browser as one line, with the CLI's message: 400 for bad input, 404
for an unknown quote, page or facet, 503 when the index cannot be used as it is, 500
(with the details in the server's log, never in the answer) for anything else."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.wsgi import wrap_file

from ..errors import QuerySyntaxError, UnknownQuote, YuluError
from ..index.declaration import load_spec
from ..numerals import heading_number
from ..search.request import SearchRequest
from ..tools import citation
from ..tools.remarks import remark
from . import forms, labels, quotepage, research, views
from .exports import csv_stream, jsonl_stream, spooled
from .params import (
    QUERY,
    Args,
    ParameterError,
    ToolSearch,
    WebSearch,
    raw_cells,
    search_request,
    tool_request,
)
from .pool import IndexPool, ServedIndex

#: Hits per page on the search page, and the most a page may ask for.
PAGE_LIMIT, PAGE_MAX = 20, 100
#: The most hits one API answer carries (``limit`` above it is capped, and says so).
API_MAX = 1000
#: The most rows (concordance lines, formulations, keywords) a research page and an API
#: answer hold (more is capped, and says so). CSV downloads hold everything asked for.
ROWS_PAGE_MAX, ROWS_API_MAX = 1000, 10_000
#: The paths of the research tools, as a Flask converter.
TOOLS = "any(kwic, trend, formulations, keywords, words, collocates, clusters, dispersion)"
#: Whoever asks: only this server's own files, no inline script, no frames.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
NOTICE_HEADER = "X-Yulu-Notice"

log = logging.getLogger(__name__)


def json_response(data: object, status: int = 200, **headers: str) -> Response:
    """``data`` as ``yulu ... --json`` prints it (UTF-8, Chinese unescaped)."""
    body = json.dumps(data, ensure_ascii=False)
    return Response(body, status, headers, mimetype="application/json")


def _wants_json() -> bool:
    return request.path.startswith(("/api/", "/export")) or request.path.endswith(".csv")


def _error(message: str, status: int) -> Response | tuple[str, int]:
    if _wants_json():
        return json_response({"error": message}, status)
    return render_template("error.html", message=message, status=status), status


def _read(ix: ServedIndex, args: Args | None = None, **limits: Any) -> WebSearch:
    event_types = [kind for kind, _ in ix.gazetteer.event_types]
    args = request.args if args is None else args
    return search_request(args, ix.spec, event_types=event_types, **limits)


def _read_tool(ix: ServedIndex, tool: research.Tool, args: Args | None = None) -> ToolSearch:
    event_types = [kind for kind, _ in ix.gazetteer.event_types]
    args = request.args if args is None else args
    return tool_request(args, ix.spec, tool.options, event_types=event_types)


def _download(ix: ServedIndex, web: WebSearch, stream, mimetype: str, name: str) -> Response:
    """A download of the quotes ``web`` asks for (every match unless ``limit`` is given),
    spooled first (see :func:`indexer.web.exports.spooled`)."""
    search = replace(web.request, facets=())
    ranked, _ = ix.matches(search)  # a bad query fails here, before anything is written
    end = search.offset + search.limit if web.limited else None
    docnums = [docnum for docnum, _ in ranked[search.offset : end]]
    return _attachment(stream(ix.quote_at(n) for n in docnums), mimetype, name)


def _attachment(chunks: Iterable[str], mimetype: str, name: str) -> Response:
    """``chunks`` as a download, handed to the server as a file: its worker thread is
    free as soon as the file is written, however slowly the client reads."""
    body, size = spooled(chunks)
    response = Response(
        wrap_file(request.environ, body),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
        direct_passthrough=True,
    )
    response.content_length = size
    return response


def create_app(
    index_dir: Path | None = None,
    *,
    pool: IndexPool | None = None,
    notify=None,
) -> Flask:
    """The app over the index at ``index_dir`` (default: the per-user one), built on
    first use from the bundled corpus as ``yulu search`` builds it."""
    from .toolroutes import add_tool_routes

    pool = pool or IndexPool(index_dir, notify=notify)
    app = Flask(__name__)
    app.extensions["yulu"] = pool
    _setup(app, pool)
    _add_search_routes(app, pool)
    add_tool_routes(app, pool)
    _add_export_routes(app, pool)
    return app


def _setup(app: Flask, pool: IndexPool) -> None:
    """The pages' helpers, the security headers and the answer to each error."""
    app.jinja_env.globals.update(
        label=views.label, numeral=heading_number, when=views.when, cite=citation.cite,
        citation_of=citation.citation, form_controls=forms.controls,
        attribution_line=citation.attribution_line, printed_headings=citation.printed_headings,
        event_type_label=labels.event_type_label, filter_url=labels.filter_url,
        source_label=labels.source_label,
    )  # fmt: skip

    @app.context_processor
    def _context() -> dict[str, Any]:
        return {"args": request.args, "spec": load_spec(), "titles": {}}

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.errorhandler(QuerySyntaxError)
    def _bad_input(exc: QuerySyntaxError):
        return _error(str(exc), 400)

    @app.errorhandler(UnknownQuote)
    def _unknown(exc: UnknownQuote):
        return _error(str(exc), 404)

    @app.errorhandler(YuluError)
    def _unusable(exc: YuluError):
        return _error(str(exc), 503)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return _error(f"{exc.name}: {exc.description}", exc.code or 500)

    @app.errorhandler(Exception)
    def _internal(exc: Exception):
        log.exception("error answering %s", request.full_path)
        damage = pool.damage()  # damage that trips a search is reported as damage
        if damage is not None:
            return _error(str(damage), 503)
        name = type(exc).__name__
        return _error(f"internal error ({name}); the server's log has the details", 500)


def _add_search_routes(app: Flask, pool: IndexPool) -> None:
    """The search page, the quote pages and the search API."""

    @app.get("/")
    def search_page():
        """The search page: also the page of every quote, newest first, when empty."""
        with pool.index() as ix:
            try:
                web = _read(ix, default_limit=PAGE_LIMIT, max_limit=PAGE_MAX)
                page = views.search_page(ix, web, request.args)
            except QuerySyntaxError as exc:
                page = views.SearchPage(request.args, SearchRequest(), error=str(exc))
                page.tabs = views.search_tabs(ix, request.args)
                return render_template("search.html", page=page), 400
            return render_template("search.html", page=page, titles=ix.titles)

    @app.get("/quotes/<quote_id>")
    def quote_page(quote_id: str):
        unknown = [name for name in request.args if name != QUERY]
        if unknown:
            raise ParameterError(f"unknown parameter {unknown[0]!r}; the quote page takes q")
        with pool.index() as ix:
            page = quotepage.quote_page(ix, quote_id, request.args.get(QUERY, ""))
            return render_template("quote.html", page=page, titles=ix.titles)

    @app.get("/api/search")
    def api_search():
        """Exactly what ``yulu search --json`` prints for the same request (plus
        ``notices`` when the limit was capped)."""
        with pool.index() as ix:
            web = _read(ix, max_limit=API_MAX)
            data = ix.search(web.request).to_dict()
        if not web.notices:
            return json_response(data)
        data["notices"] = list(web.notices)
        return json_response(data, **{NOTICE_HEADER: "; ".join(web.notices)})

    @app.get("/api/quotes/<quote_id>")
    def api_quote(quote_id: str):
        """The record with its ``remark`` and ``also_in``, as ``yulu show ID --json``
        prints it."""
        if request.args:
            raise ParameterError(f"unknown parameter {next(iter(request.args))!r}")
        with pool.index() as ix:
            return json_response(remark(ix, quote_id, ix.titles).to_dict())

    @app.get("/api/facets/<field>")
    def api_facet(field: str):
        """Value counts of a facet, largest first: over the whole index (as ``yulu
        facets FIELD --json``), or over what the search parameters match."""
        with pool.index() as ix:
            if field not in ix.spec.facets:
                return _error(f"no facet {field!r}; facets are {', '.join(ix.spec.facets)}", 404)
            web = _read(ix)
            narrowed = replace(web.request, facets=(field,), limit=0, offset=0)
            return json_response(ix.search(narrowed).facet_report(field))


def _add_export_routes(app: Flask, pool: IndexPool) -> None:
    """The downloads of every matching quote, as CSV and as JSON Lines."""

    def export(stream, mimetype: str, name: str, args: Args | None = None) -> Response:
        with pool.index() as ix:
            return _download(ix, _read(ix, args), stream, mimetype, name)

    @app.get("/export.csv")
    def export_csv():
        raw, args = raw_cells(request.args)
        stream = functools.partial(csv_stream, raw=raw)
        return export(stream, "text/csv", "yulu-quotes.csv", args)

    @app.get("/export.jsonl")
    def export_jsonl():
        return export(jsonl_stream, "application/x-ndjson", "yulu-quotes.jsonl")
