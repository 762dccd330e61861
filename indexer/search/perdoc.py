"""Per-document lists from an index's column arrays, for the tools that walk every
quote: each document's values of a facet field, and its day in a date field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from ..index.docvalues import NO_DATE

#: Microseconds in a day (Whoosh's dates count microseconds from 0001-01-01).
DAY = 86_400_000_000


def facet_tuples(columns: Any, field: str) -> list[tuple[str, ...]]:
    """For each document number, the values of a facet field as indexed (none for a
    deleted document)."""
    values = columns.facet_values(field).tuples()
    for docnum in np.flatnonzero(~columns.live).tolist():
        values[docnum] = ()
    return values


def day_list(columns: Any, field: str) -> list[dt.date | None]:
    """For each document number, its day in the date field ``field`` (None: undated)."""
    column = columns.dates(field)
    known = column != NO_DATE
    ordinals = np.where(known, column // np.uint64(DAY), 0).astype(np.int64) + 1
    day = {o: dt.date.fromordinal(o) for o in np.unique(ordinals[known]).tolist()}
    pairs = zip(ordinals.tolist(), known.tolist(), strict=True)
    return [day[o] if k else None for o, k in pairs]
