"""The remarks of a generation (see :mod:`indexer.index.remarks`), kept in one file
beside its segments: for each document number, the document number of its remark's
id-holder (the quote with the smallest id of the group; -1 for a deleted document) and
its rank in the order (first day, quote id) over the whole index.

A build writes the file after its segments, from every live quote of the new
generation (an incremental build too: adding a document can join quotes of documents
it did not touch), so the groups are always those of the whole corpus. Searches read
it with the sidecars; :meth:`RemarkTable.collapse` keeps one quote per remark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from .declaration import SchemaSpec
from .remarks import Item, group
from .schema import identifier_column

#: The file of a generation that holds its remarks.
REMARKS = "remarks.npy"
#: Microseconds per day (Whoosh's dates count microseconds from 0001-01-01).
_DAY = np.uint64(86_400_000_000)
_NO_DATE = np.uint64(2**64 - 1)


class RemarkTable:
    """Each document's remark (``heads``) and rank (``ranks``), by document number."""

    def __init__(self, table: np.ndarray) -> None:
        self.heads = table[:, 0].astype(np.int64) if len(table) else np.zeros(0, np.int64)
        self.ranks = table[:, 1].astype(np.int64) if len(table) else np.zeros(0, np.int64)

    @classmethod
    def read(cls, generation: Path) -> RemarkTable:
        with (generation / REMARKS).open("rb") as handle:
            table = np.load(handle, allow_pickle=False)
        if table.ndim != 2 or table.shape[1] != 2:
            raise ValueError(f"{REMARKS}: not a table of two columns")
        return cls(table)

    def collapse(self, mask: np.ndarray) -> np.ndarray:
        """``mask`` with one quote per remark: the earliest (then smallest id) of the
        quotes of each remark that ``mask`` holds."""
        docs = np.flatnonzero(mask)
        if len(docs) == 0:
            return mask.copy()
        heads, ranks = self.heads[docs], self.ranks[docs]
        order = np.lexsort((ranks, heads))
        first = np.ones(len(docs), dtype=bool)
        first[1:] = heads[order][1:] != heads[order][:-1]
        kept = np.zeros_like(mask)
        kept[docs[order[first]]] = True
        return kept

    def members(self, docnum: int) -> list[int]:
        """The documents of ``docnum``'s remark (itself included), by rank."""
        head = self.heads[docnum]
        if head < 0:
            return []
        found = np.flatnonzero(self.heads == head)
        return found[np.argsort(self.ranks[found], kind="stable")].tolist()


def remark_table(reader: Any, columns: Any, spec: SchemaSpec) -> np.ndarray:
    """The table of a generation, from its Whoosh reader and its sidecars
    (:class:`~indexer.index.docvalues.IndexColumns`)."""
    size = columns.size
    live = np.flatnonzero(columns.live).tolist()
    starts = _days(columns.dates(spec.date_start))
    ends = _days(columns.dates(spec.date_end))
    identifiers = identifier_column(reader, spec)
    items = [
        Item(
            identifiers[n],
            columns.text(n),
            starts[n] if starts[n] >= 0 else None,
            ends[n] if ends[n] >= 0 else None,
        )
        for n in live
    ]
    leaders = group(items)
    table = np.full((size, 2), -1, dtype=np.int32)
    for item_no, leader in enumerate(leaders):
        table[live[item_no], 0] = live[leader]
    big = 1 << 40
    by_time = sorted(
        range(len(items)),
        key=lambda k: (items[k].start if items[k].start is not None else big, items[k].key),
    )
    for rank, item_no in enumerate(by_time):
        table[live[item_no], 1] = rank
    return table


def _days(column: np.ndarray) -> list[int]:
    known = column != _NO_DATE
    return np.where(known, column // _DAY, -1).astype(np.int64).tolist()


def write_remarks(generation: Path, ix: Any, spec: SchemaSpec) -> None:
    """Group the live quotes of the generation just written into remarks and write its
    :data:`REMARKS` file."""
    from .access import leaves
    from .docvalues import IndexColumns

    reader = ix.reader()
    try:
        columns = IndexColumns.open(generation, leaves(reader), spec, remarks=False)
        try:
            table = remark_table(reader, columns, spec)
        finally:
            columns.close()
    finally:
        reader.close()
    with (generation / REMARKS).open("wb") as handle:
        np.save(handle, table, allow_pickle=False)
