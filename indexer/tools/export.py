"""Writers for search results and research tables: JSON Lines, CSV and TSV.

A search hit becomes one flat row: every field of the quote record and its score, the
counterparts flattened into ``names``, ``titles`` and ``countries`` (each joined with
``;``, in the same order, so the n-th name goes with the n-th title and country).
Snippets and highlight offsets are left out of rows (they are in the JSON)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from ..search.frames import COUNTERPART_COLUMNS, HIT_COLUMNS
from .inert import cell_text

#: Output formats of ``yulu search``; the research tools offer all but ``jsonl``.
FORMATS = ("text", "json", "jsonl", "csv", "tsv")
#: Joins the values of a list in one cell.
JOIN = ";"
#: A byte order mark, which makes Excel read a CSV file as UTF-8.
BOM = "\ufeff"

#: The columns of a quote record (a hit without its score).
RECORD_COLUMNS = [name for name in HIT_COLUMNS if name != "score"]


def hit_row(hit: Mapping[str, Any]) -> dict[str, Any]:
    """One search hit (as :meth:`indexer.search.request.Hit.to_dict` gives it) as a
    flat row of :data:`HIT_COLUMNS`."""
    row = {name: hit.get(name) for name in HIT_COLUMNS if name not in COUNTERPART_COLUMNS}
    for column, member in COUNTERPART_COLUMNS.items():
        row[column] = JOIN.join(c.get(member) or "" for c in hit.get("counterparts", []))
    return {name: row[name] for name in HIT_COLUMNS}


def record_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A quote record (``Quote.to_dict()``) as a flat row of :data:`RECORD_COLUMNS`."""
    row = hit_row(record)
    del row["score"]
    return row


def cell(value: Any) -> str:
    """A value as a CSV cell: nothing for None, lists joined with ``;``, counts as
    ``name (count)`` joined with ``;``."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return JOIN.join(f"{k} ({v})" for k, v in value.items())
    if isinstance(value, list | tuple):
        return JOIN.join(cell(v) for v in value)
    return str(value)


def write_table(
    out: TextIO,
    columns: list[str],
    rows: Iterable[Mapping[str, Any]],
    delimiter: str = ",",
    bom: bool = False,
    header: bool = True,
    raw: bool = False,
) -> None:
    """Rows as CSV (``delimiter=","``) or TSV (``"\\t"``), UTF-8 text with a header
    line; fields holding the delimiter, quotes or line breaks are quoted as CSV does.
    Cells that a spreadsheet would run as a formula start with ``'`` unless ``raw``
    (see :mod:`indexer.tools.inert`)."""
    if bom:
        out.write(BOM)
    dialect = "excel-tab" if delimiter == "\t" else "excel"
    writer = csv.writer(out, dialect=dialect)
    if header:
        writer.writerow([cell_text(name, name, raw) for name in columns])
    for row in rows:
        values = [row.get(name) for name in columns]
        writer.writerow([cell_text(value, cell(value), raw) for value in values])


def write_jsonl(out: TextIO, objects: Iterable[Any]) -> None:
    """One JSON object per line, UTF-8, Chinese unescaped."""
    for obj in objects:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
