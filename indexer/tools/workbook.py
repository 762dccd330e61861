"""Tables as Excel workbooks (``--xlsx FILE``), written with openpyxl: one sheet, a bold
frozen header with a filter, and typed cells (numbers as numbers, ISO days as dates,
text always as text, never read as a formula)."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .export import cell

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Characters a workbook cannot hold (controls other than tab, line feed, return).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The widest column, in characters.
WIDEST = 60


def typed(value: Any) -> Any:
    """A value as a workbook cell holds it: numbers and booleans as they are, an ISO day
    as a date, lists and counts joined as in CSV, anything else as text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return _ILLEGAL.sub("", cell(value))


def write_xlsx(
    path: Path, columns: list[str], rows: Iterable[Mapping[str, Any]], sheet: str = "yulu"
) -> int:
    """Write the rows to a new workbook at ``path`` (replacing it whole, or leaving it
    as it was on failure); the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=False)
    ws = book.active
    ws.title = sheet[:31]
    ws.append(columns)
    for header in ws[1]:
        header.font = Font(bold=True)
    widths = [len(name) for name in columns]
    count = 0
    for count, row in enumerate(rows, 1):
        for col, name in enumerate(columns, 1):
            value = typed(row.get(name))
            target = ws.cell(row=count + 1, column=col)
            target.value = value
            if isinstance(value, str):
                target.data_type = "s"  # text, even when it starts with =
            elif isinstance(value, dt.date):
                target.number_format = "yyyy-mm-dd"
            shown = 10 if isinstance(value, dt.date) else len(str(value or ""))
            widths[col - 1] = max(widths[col - 1], min(shown, WIDEST))
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    os.close(fd)
    try:
        book.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
