"""Every matching quote as a download: CSV for spreadsheets, JSON Lines for scripts.

Both carry every field of the record. JSON Lines is what ``yulu parse`` prints; in CSV
the counterparts are flattened into three columns of ``; ``-separated values (names,
titles, countries, in the same order), and the file opens with a UTF-8 byte order mark
so that spreadsheet programs read the Chinese text as UTF-8."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import fields

from ..documents.records import Counterpart, Quote

#: Rows written per chunk of the stream.
CHUNK = 200
SEPARATOR = "; "
COUNTERPARTS = "counterparts"
FLAT = [f"counterpart_{f.name}" for f in fields(Counterpart)]
COLUMNS = [
    name
    for f in fields(Quote)
    for name in (FLAT if f.name == COUNTERPARTS else [f.name])
]  # fmt: skip


def csv_row(quote: Quote) -> list[object]:
    """The record as one CSV row in :data:`COLUMNS` order."""
    data = quote.to_dict()
    row: list[object] = []
    for f in fields(Quote):
        if f.name == COUNTERPARTS:
            people = data[COUNTERPARTS]
            row += [SEPARATOR.join(c[g.name] for c in people) for g in fields(Counterpart)]
        else:
            row.append("" if data[f.name] is None else data[f.name])
    return row


def _chunks(quotes: Iterable[Quote]) -> Iterator[list[Quote]]:
    chunk: list[Quote] = []
    for quote in quotes:
        chunk.append(quote)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def csv_stream(quotes: Iterable[Quote]) -> Iterator[str]:
    """The header, then the rows, a chunk at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(COLUMNS)
    yield buffer.getvalue()
    for chunk in _chunks(quotes):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(csv_row(q) for q in chunk)
        yield buffer.getvalue()


def jsonl_stream(quotes: Iterable[Quote]) -> Iterator[str]:
    """One record per line, as ``yulu parse`` prints them, a chunk at a time."""
    for chunk in _chunks(quotes):
        yield "".join(json.dumps(q.to_dict(), ensure_ascii=False) + "\n" for q in chunk)
