"""``yulu export``: the quotes as a file another tool opens as it is (a SQLite database
for datasette and sqlite3)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from .app import OneLineUsageError, main, note
from .options import IndexDir, QueryCommand, index_dir_option, open_index, request_options


@main.command(cls=QueryCommand)
@click.argument("words", nargs=-1, metavar="[QUERY]...")
@request_options(paging=False, facets=False)
@click.option("--sqlite", "database", required=True,
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write a SQLite database (for datasette) to this file.")  # fmt: skip
@index_dir_option
def export(words: tuple[str, ...], request: Any, database: Path,
           index_dir: IndexDir) -> None:  # fmt: skip
    """Every quote (or those QUERY and the filters match, as yulu search takes them) as
    a SQLite database that datasette opens as it is: a quotes table with every field
    (lists as JSON arrays), a quote_counterparts table for facets, and an FTS5 trigram
    table over the text (datasette quotes.db; sqlite3 quotes.db)."""
    from .. import __version__
    from ..tools.database import write_sqlite

    if database.suffix.lower() not in (".db", ".sqlite", ".sqlite3"):
        raise OneLineUsageError(
            f"--sqlite writes a database; name the file .db or .sqlite (not {database.name})"
        )
    request = replace(request, query=" ".join(words), sort="date-asc")
    with open_index(index_dir) as ix:
        ranked, _ = ix.matches(request)
        about = {
            "yulu_version": __version__,
            "request": json.dumps(request.to_dict() | {"limit": None}, ensure_ascii=False),
            "index": str(ix.handle.root),
            "exported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        try:
            done = write_sqlite(database, (ix.quote_at(n) for n, _ in ranked), about)
        except OSError as exc:
            raise click.ClickException(f"cannot write {database}: {exc.strerror}") from None
    note(
        f"{done.quotes} quotes ({done.counterparts} counterpart rows) written to {database}; "
        f"open it with: datasette {database}"
    )
