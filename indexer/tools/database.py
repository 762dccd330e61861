"""Quotes as a SQLite database that datasette opens as it is (``yulu export --sqlite``).

* ``quotes``: a row per quote with every field of the record (lists as JSON arrays:
  ``counterparts`` as objects, ``headings``, ``heading_path``), and the declared list
  fields ``counterpart`` and ``country`` as JSON arrays of names, for datasette's array
  facets (``?_facet_array=counterpart``);
* ``quote_counterparts``: a row per quote and counterpart (``quote_id``, ``position``,
  ``name``, ``title``, ``country``), with a foreign key to ``quotes``, for facets and joins;
* ``quotes_fts``: an FTS5 table with the trigram tokenizer over ``text`` and ``event``
  (external content: ``quotes``), which datasette finds and searches; trigram search
  needs three characters or more;
* ``yulu_export``: what was exported (yulu's version, the request, the index).

The file is written beside its destination and moved into place when complete."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..records.quotes import Quote

#: SQLite types of the record's fields (the rest are TEXT).
_INTEGERS = {"line", "part_no", "section_no", "paragraphs"}
#: Record fields that hold lists, stored as JSON arrays.
_LISTS = {"counterparts", "headings", "heading_path"}
#: Declared list fields added as JSON arrays of names, for array facets.
NAME_LISTS = {"counterpart": "name", "country": "country"}


@dataclass(frozen=True)
class Exported:
    """What a database holds: quotes, counterpart rows, and its path."""

    path: Path
    quotes: int
    counterparts: int


def quote_columns() -> list[str]:
    """The columns of ``quotes``: the record's fields in order, then the name lists."""
    return [f.name for f in fields(Quote)] + list(NAME_LISTS)


def _schema() -> list[str]:
    columns = []
    for name in quote_columns():
        kind = "INTEGER" if name in _INTEGERS else "TEXT"
        key = " PRIMARY KEY" if name == "id" else ""
        columns.append(f"[{name}] {kind}{key}")
    return [
        f"CREATE TABLE [quotes] ({', '.join(columns)})",
        "CREATE TABLE [quote_counterparts] ([quote_id] TEXT NOT NULL REFERENCES [quotes]([id]), "
        "[position] INTEGER NOT NULL, [name] TEXT, [title] TEXT, [country] TEXT, "
        "PRIMARY KEY ([quote_id], [position]))",
        "CREATE INDEX [quote_counterparts_name] ON [quote_counterparts] ([name])",
        "CREATE INDEX [quote_counterparts_country] ON [quote_counterparts] ([country])",
        "CREATE VIRTUAL TABLE [quotes_fts] USING FTS5 ([text], [event], content=[quotes], "
        "tokenize='trigram')",
        "CREATE TABLE [yulu_export] ([key] TEXT PRIMARY KEY, [value] TEXT)",
    ]


def _row(quote: Quote) -> list[Any]:
    data = quote.to_dict()
    values = [json.dumps(data[n], ensure_ascii=False) if n in _LISTS else data[n]
              for n in (f.name for f in fields(Quote))]  # fmt: skip
    for member in NAME_LISTS.values():
        names = list(dict.fromkeys(c[member] for c in data["counterparts"] if c[member]))
        values.append(json.dumps(names, ensure_ascii=False))
    return values


def write_sqlite(path: Path, quotes: Iterable[Quote], about: dict[str, str]) -> Exported:
    """Write ``quotes`` to a new database at ``path`` (replacing it whole when done)."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    total = linked = 0
    try:
        db = sqlite3.connect(temporary)
        try:
            for statement in _schema():
                db.execute(statement)
            marks = ", ".join("?" * len(quote_columns()))
            for quote in quotes:
                db.execute(f"INSERT INTO [quotes] VALUES ({marks})", _row(quote))
                for position, c in enumerate(quote.counterparts):
                    db.execute(
                        "INSERT INTO [quote_counterparts] VALUES (?, ?, ?, ?, ?)",
                        (quote.id, position, c.name, c.title, c.country),
                    )
                    linked += 1
                total += 1
            db.execute(
                "INSERT INTO [quotes_fts] (rowid, [text], [event]) "
                "SELECT rowid, [text], [event] FROM [quotes]"
            )
            db.executemany("INSERT INTO [yulu_export] VALUES (?, ?)", sorted(about.items()))
            db.commit()
        finally:
            db.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Exported(path, total, linked)
