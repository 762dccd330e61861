"""Every matching quote as a download: CSV for spreadsheets, JSON Lines for scripts.

Both carry every field of the record. JSON Lines is what ``yulu parse`` prints; CSV has
the columns and cells of ``yulu search --format csv`` (the counterparts flattened into
``names``, ``titles`` and ``countries``, lists joined with ``;``; see
:mod:`indexer.tools.export`) without the score, and opens with a UTF-8 byte order mark
so that spreadsheet programs read the Chinese text as UTF-8."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..records.quotes import Quote
from ..tools.export import RECORD_COLUMNS, record_row, write_table

#: Rows written per chunk of the stream.
CHUNK = 200
#: Bytes of a download kept in memory; beyond, it goes on in an unnamed temporary file.
SPOOL_MEMORY = 4 * 1024 * 1024


def _chunks(quotes: Iterable[Quote]) -> Iterator[list[Quote]]:
    chunk: list[Quote] = []
    for quote in quotes:
        chunk.append(quote)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def spooled(chunks: Iterable[str]) -> tuple[BinaryIO, int]:
    """``chunks`` written to a temporary file (in memory up to :data:`SPOOL_MEMORY`), as
    UTF-8, rewound; and its size. Handed to the server as a file, a download is sent as
    the client reads it without a worker thread waiting on a slow reader."""
    spool: BinaryIO = io.BytesIO()
    try:
        for chunk in chunks:
            spool.write(chunk.encode("utf-8"))
            if isinstance(spool, io.BytesIO) and spool.tell() > SPOOL_MEMORY:
                held = spool.getvalue()
                spool = tempfile.TemporaryFile()  # noqa: SIM115 (returned open)
                spool.write(held)
        size = spool.tell()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool, size


def csv_stream(quotes: Iterable[Quote], raw: bool = False) -> Iterator[str]:
    """The header, then the rows, a chunk at a time (cells a spreadsheet would run as a
    formula start with ``'`` unless ``raw``)."""
    buffer = io.StringIO()
    write_table(buffer, RECORD_COLUMNS, [], bom=True)
    yield buffer.getvalue()
    for chunk in _chunks(quotes):
        buffer.seek(0)
        buffer.truncate()
        rows = (record_row(q.to_dict()) for q in chunk)
        write_table(buffer, RECORD_COLUMNS, rows, header=False, raw=raw)
        yield buffer.getvalue()


def jsonl_stream(quotes: Iterable[Quote]) -> Iterator[str]:
    """One record per line, as ``yulu parse`` prints them, a chunk at a time."""
    for chunk in _chunks(quotes):
        yield "".join(json.dumps(q.to_dict(), ensure_ascii=False) + "\n" for q in chunk)
