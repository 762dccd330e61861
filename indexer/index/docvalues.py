"""The sidecars of an open index as one set of arrays, by Whoosh's global document
numbers (each segment's rows after those of the segments before it, as Whoosh's
multi-segment reader numbers them).

Everything a search computes over all matching quotes happens here, in numpy: which
quotes hold a string (the suffix arrays), which hold a field value, their dates, their
BM25F scores' ingredients (the word field's postings and lengths), and facet counts
(``bincount`` over per-document value ids). Each piece is put together from the
segments' mapped arrays the first time it is asked for, and kept with the open index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np
from whoosh.util.numeric import byte_to_length

from .declaration import SchemaSpec
from .remarktable import RemarkTable
from .sidecar import SegmentSide, sidecar_name

#: Whoosh keeps a document's field length in a byte: these are the lengths it gives back.
_BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.int64)
_NO_DATE = np.uint64(2**64 - 1)


def quantised_lengths(lengths: np.ndarray) -> np.ndarray:
    """Field lengths as Whoosh's per-document reader returns them (rounded to one of
    256 values, as ``byte_to_length(length_to_byte(n))``)."""
    if len(lengths) == 0:
        return _BYTE_LENGTHS[:0]
    # a table of every length up to the longest (at most Whoosh's largest, 106,374),
    # looked up per document: a binary search per document costs a search at 125,000
    # quotes several milliseconds of mispredicted branches
    top = min(int(lengths.max()), int(_BYTE_LENGTHS[-1]))
    lengths = np.minimum(lengths, top)
    codes = np.minimum(np.searchsorted(_BYTE_LENGTHS, np.arange(top + 1), side="left"), 255)
    return _BYTE_LENGTHS[codes][lengths]


@dataclass
class Segment:
    """One segment of the open index: its sidecar, where its documents start in the
    global numbering, and its deleted documents."""

    segment_id: str
    offset: int
    side: SegmentSide
    deleted: Sequence[int]

    @property
    def docs(self) -> int:
        return self.side.docs


@dataclass
class ValueColumn:
    """A field's values as ids per document: ``values[ids]`` (one id per document,
    -1 for none) or, for several values, each document's run ``ids[starts[d]:
    starts[d+1]]``."""

    values: list[str]
    ids: np.ndarray
    starts: np.ndarray | None = None
    #: for several values: the document of each entry of ``ids``
    owners: np.ndarray | None = None

    def count(self, mask: np.ndarray) -> np.ndarray:
        """How many documents of ``mask`` hold each value."""
        if self.starts is None:
            held = self.ids[mask]
            return np.bincount(held[held >= 0], minlength=len(self.values))
        assert self.owners is not None
        return np.bincount(self.ids[mask[self.owners]], minlength=len(self.values))

    def missing(self, mask: np.ndarray) -> int:
        """How many documents of ``mask`` hold no value."""
        if self.starts is None:
            return int(np.count_nonzero(mask & (self.ids < 0)))
        return int(np.count_nonzero(mask & (np.diff(self.starts) == 0)))

    def holding(self, value_ids: np.ndarray, size: int) -> np.ndarray:
        """The documents that hold any of ``value_ids``."""
        mask = np.zeros(size, dtype=bool)
        if self.starts is None:
            mask[np.isin(self.ids, value_ids) & (self.ids >= 0)] = True
        else:
            assert self.owners is not None
            mask[self.owners[np.isin(self.ids, value_ids)]] = True
        return mask

    def tuples(self) -> list[tuple[str, ...]]:
        """Each document's values, as a tuple."""
        values = self.values
        if self.starts is None:
            return [(values[i],) if i >= 0 else () for i in self.ids.tolist()]
        ids, starts = self.ids.tolist(), self.starts.tolist()
        return [tuple(values[i] for i in ids[a:b]) for a, b in pairwise(starts)]


class IndexColumns:
    """The sidecars of an open index's segments, as global arrays."""

    def __init__(
        self, segments: list[Segment], spec: SchemaSpec, remarks: RemarkTable | None = None
    ) -> None:
        self.segments = segments
        self.spec = spec
        self.size = sum(s.docs for s in segments)
        self._values: dict[str, ValueColumn] = {}
        #: each document's remark (see :mod:`indexer.index.remarktable`)
        self.remarks = remarks

    @classmethod
    def open(
        cls,
        folder: Path,
        leaves: list[tuple[str, int, Sequence[int]]],
        spec: SchemaSpec,
        remarks: bool = True,
    ):
        """The sidecars in ``folder`` of the segments ``leaves`` (segment id, offset,
        deleted documents), and (with ``remarks``) the generation's remark table."""
        segments = []
        try:
            for segment_id, offset, deleted in leaves:
                side = SegmentSide(folder / sidecar_name(segment_id))
                segments.append(Segment(segment_id, offset, side, deleted))
            table = RemarkTable.read(folder) if remarks else None
            size = sum(s.docs for s in segments)
            if table is not None and len(table.heads) != size:
                raise ValueError(f"the remark table has {len(table.heads)} rows for {size}")
        except BaseException:
            for segment in segments:
                segment.side.close()
            raise
        return cls(segments, spec, table)

    def close(self) -> None:
        for segment in self.segments:
            segment.side.close()

    @cached_property
    def live(self) -> np.ndarray:
        """Whether each document is live (not deleted)."""
        live = np.ones(self.size, dtype=bool)
        for segment in self.segments:
            if len(segment.deleted):
                live[segment.offset + np.fromiter(segment.deleted, dtype=np.int64)] = False
        return live

    @property
    def live_count(self) -> int:
        return int(np.count_nonzero(self.live))

    # texts

    def containing(self, needle: str) -> np.ndarray:
        """Whether each document's normalised text contains ``needle`` (deleted
        documents included)."""
        mask = np.zeros(self.size, dtype=bool)
        for segment in self.segments:
            docs = segment.side.containing(needle)
            if len(docs):
                mask[segment.offset + docs.astype(np.int64)] = True
        return mask

    def text(self, docnum: int) -> str:
        """A document's normalised text."""
        segment = self._segment_of(docnum)
        return segment.side.text(docnum - segment.offset)

    def _segment_of(self, docnum: int) -> Segment:
        for segment in reversed(self.segments):
            if docnum >= segment.offset:
                return segment
        raise IndexError(docnum)

    # the word field

    def postings(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """The word field's postings of ``word`` in every segment (deleted documents
        included, as Whoosh's): global documents and frequencies."""
        docs, weights = [], []
        for segment in self.segments:
            found = segment.side.postings(word)
            if found is not None:
                docs.append(segment.offset + found.docs.astype(np.int64))
                weights.append(found.weights.astype(np.float64))
        if not docs:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(docs), np.concatenate(weights)

    @cached_property
    def lengths(self) -> np.ndarray:
        """Each document's word-field length as Whoosh's scorer sees it (quantised)."""
        parts = [s.side.lengths for s in self.segments]
        raw = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        return quantised_lengths(raw)

    @cached_property
    def field_length(self) -> int:
        """The word field's total length (Whoosh's ``field_length``)."""
        return sum(s.side.field_length for s in self.segments)

    # field values

    def terms(self, field: str) -> ValueColumn:
        """The terms each document holds in an exact or keyword field, as indexed."""
        key = f"terms:{field}"
        if key not in self._values:
            self._values[key] = self._runs(
                [(s.side.terms(field).all, *s.side.term_rows(field)) for s in self.segments]
            )
        return self._values[key]

    def facet_values(self, field: str) -> ValueColumn:
        """A facet field's values per document: a keyword field's terms, a single-valued
        field's values as Whoosh's column stores them."""
        if self.spec[field].multivalued:
            return self.terms(field)
        key = f"stored:{field}"
        if key not in self._values:
            parts = []
            for segment in self.segments:
                strings, ids = segment.side.stored_values(field)
                parts.append((strings.all, ids))
            self._values[key] = _single(parts)
        return self._values[key]

    def _runs(self, parts: list[tuple[list[str], np.ndarray, np.ndarray]]) -> ValueColumn:
        values: dict[str, int] = {}
        ids, starts, base = [], [np.zeros(1, dtype=np.int64)], 0
        for strings, seg_starts, seg_ids in parts:
            mapping = np.array([values.setdefault(s, len(values)) for s in strings], np.int64)
            ids.append(mapping[seg_ids] if len(seg_ids) else np.zeros(0, np.int64))
            starts.append(seg_starts[1:].astype(np.int64) + base)
            base += int(seg_starts[-1])
        all_ids = np.concatenate(ids) if ids else np.zeros(0, np.int64)
        all_starts = np.concatenate(starts)
        owners = np.repeat(np.arange(len(all_starts) - 1), np.diff(all_starts))
        return ValueColumn(list(values), all_ids, all_starts, owners)

    def term_docs(self, field: str, values: Sequence[str]) -> np.ndarray:
        """Whether each document holds any of ``values`` (indexed terms) in ``field``."""
        column = self.terms(field)
        known = {v: i for i, v in enumerate(column.values)}
        wanted = np.array([known[v] for v in values if v in known], dtype=np.int64)
        if not len(wanted):
            return np.zeros(self.size, dtype=bool)
        return column.holding(wanted, self.size)

    def dates(self, field: str) -> np.ndarray:
        """A date field's column (Whoosh's values; ``2**64 - 1`` where there is none)."""
        key = f"dates:{field}"
        if key not in self._values:
            parts = [s.side.dates(field) for s in self.segments]
            self._values[key] = ValueColumn(  # kept beside the value columns
                [], np.concatenate(parts) if parts else np.zeros(0, np.uint64)
            )
        return self._values[key].ids

    def vocabulary(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for segment in self.segments:
            found.update(segment.side.vocabulary())
        return found


def _single(parts: list[tuple[list[str], np.ndarray]]) -> ValueColumn:
    values: dict[str, int] = {}
    ids = []
    for strings, seg_ids in parts:
        mapping = np.array([values.setdefault(s, len(values)) for s in strings] + [-1], np.int64)
        ids.append(mapping[seg_ids])  # -1 indexes the trailing -1: no value
    return ValueColumn(list(values), np.concatenate(ids) if ids else np.zeros(0, np.int64))


NO_DATE = _NO_DATE
