"""Dated lead-ins: lines that name each quote's date and occasion above it.

``2024年3月5日习近平参加江苏代表团审议`` over the quote, ``同年6月16日在十三陵水库讲话:``
over the next: when a document names its quotes' sources this way (more such lines than
closing lines), each governs the paragraphs under it (:mod:`.leadins`). Three things an
archive's compilation adds are read here too:

* a lead-in that gives only the day (``12日在停靠济南的专列上…插话``) under one that gave
  the month: the year and month are the earlier lead-in's, as in a range (``3月28日、29日``);
* an editor's doubt in brackets (``1965年1月[24日?]听取…的指示：``) is no sentence;
* a bracketed editor's note that runs over several lines (``[陈大斌《大寨寓言》…`` …
  ``…顺道去看看这个合作社。]``) is the entry's source: a dated line inside it
  (``1956年1月毛主席编辑的…写了按语：``) introduces nothing.
"""

from __future__ import annotations

import re

from .classify import Classified, Kind
from .dates import find_dates

#: Shapes a lead-in may have been given by the rules.
_RECLASSIFIABLE = (Kind.TEXT, Kind.SHORT)
#: Lines looked through for what stands under a lead-in.
_SKIPPED = (Kind.BLANK, Kind.RULE, Kind.FOOTER, Kind.FURNITURE)
_SENTENCE_INSIDE = "。！？!?；;"
#: Square brackets an editor puts around a note or a doubt (round ones belong to the text).
_NOTE = {"[": "]", "［": "］"}
#: A short insertion in square brackets: ``[24日?]``, ``[]``.
_INSERTION = re.compile(r"[\[［][^\[\]［］]{0,10}[\]］]")
#: A day alone at the start of a line: ``12日在…``.
_DAY_FIRST = re.compile(r"^(?P<day>3[01]|[12]\d|0?[1-9])\s?[日号](?=\S)")


def dated_lead_ins(shapes: list[Classified]) -> dict[int, str]:
    """Lines that name a date (with its month, near their start) and an occasion, hold no
    sentence (a final colon and an editor's bracketed doubt aside), and stand right above
    a paragraph, outside an editor's note: index → the text to read the date from (the
    line, or a day-only line with the month of the lead-in before it)."""
    content = [k for k, s in enumerate(shapes) if s.kind not in _SKIPPED]
    noted = _inside_notes(shapes)
    found: dict[int, str] = {}
    month: str | None = None  # the year and month the last lead-in named
    for at, k in enumerate(content):
        shape = shapes[k]
        below = shapes[content[at + 1]] if at + 1 < len(content) else None
        text = shape.text.rstrip("：:")
        if shape.kind not in _RECLASSIFIABLE or len(text) > 100 or k in noted:
            continue
        if any(c in _INSERTION.sub("", text) for c in _SENTENCE_INSIDE):
            continue
        read = text
        day = _DAY_FIRST.match(text)
        if day and month:
            read = month + text  # the year and month of the lead-in before
        dates = find_dates(read[:40])
        if not dates or len(read) - (dates[0].end - dates[0].start) < 2:
            continue  # a date alone is no lead-in: it names no occasion
        first, colon = dates[0], shape.text.endswith(("：", ":"))
        if (first.start <= 6 and (first.first.month is not None or colon)) or (
            first.start == 0 and first.year is not None
        ):
            if below is None or below.kind != Kind.TEXT:
                return {}  # a dated line under its quote: the dates close quotes
            found[k] = read if read is not text else ""
            point = first.first
            month = f"{point.year}年{point.month}月" if point.year and point.month else None
    return found


def _inside_notes(shapes: list[Classified]) -> set[int]:
    """The lines inside a square-bracketed note opened on an earlier line."""
    inside: set[int] = set()
    closing = ""
    for k, shape in enumerate(shapes):
        if shape.kind == Kind.BLANK:
            continue
        text = _INSERTION.sub("", shape.text)
        if closing:
            inside.add(k)
            if closing in text:
                closing = ""
            continue
        opener = text[:1]
        if opener in _NOTE and _NOTE[opener] not in text:
            closing = _NOTE[opener]
    return inside
