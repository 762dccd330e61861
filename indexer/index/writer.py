"""Writing Whoosh segments with their sidecars (:mod:`indexer.index.sidecar`).

:class:`SideWriter` is Whoosh's ``SegmentWriter`` over a codec that writes each
segment's sidecar (:mod:`indexer.index.sidecodec`): the normalised texts of the
documents added (the declaration's ``normalized`` field, which Whoosh itself does not
store), the lengths and column values Whoosh's per-document writer receives, and the
postings it sorts. Merged segments get their texts from the sidecars of the segments
merged into them, so a sidecar always describes its segment row by row.

Whoosh's posting pool holds each posting as a Python tuple (about 200 bytes) and, past
its memory limit, sorts runs of them through pickled temporary files and a heap merge;
the profile of a build put a third of its time there. :class:`ArrayPostingPool` keeps a
posting in four numbers (20 bytes) and sorts them with numpy, then hands Whoosh the
same stream of postings in the same order.

Also here: the merge policy (:func:`tiered_merge`)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from math import log10
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.writing import SegmentWriter

from ..analysis.indexcut import IndexSegmenter
from ..analysis.normalize import fold, normalize
from .sidebuilder import SideBuilder, SideSpec
from .sidecar import SegmentSide
from .sidecodec import SideCodec
from .sidefile import sidecar_name

#: Segments with more live documents than this are not merged by updates (a full build
#: writes them; merging them would cost what a build costs), unless most of a segment
#: is deleted.
MAX_MERGE_DOCS = 20_000
#: Segments of the same size class (a power of ten) are merged when there are this many.
MERGE_FACTOR = 10
#: Postings handed to Whoosh per batch when the pool is read back.
_CHUNK = 1 << 20


@dataclass
class SideConfig:
    """What the writers need beside Whoosh's own arguments: the sidecar's fields, the
    declaration's normalized field (its value is the text, for the sidecar only) and the
    segmenter that finds the dictionary words of the texts."""

    spec: SideSpec
    normalized: str
    segmenter: IndexSegmenter | None = None


# -- the posting pool -------------------------------------------------------------


class ArrayPostingPool:
    """Whoosh's posting pool interface over arrays: ``add`` a posting (field, term
    bytes, document, weight, value bytes), then ``iter_postings`` gives them sorted by
    field, term and document, as Whoosh's pool would; the sidecar takes the word field's
    postings and the exact and keyword fields' terms on the way."""

    def __init__(self, side: SideBuilder | None = None) -> None:
        self.side = side
        self.fieldnames: set[str] = set()
        self.runs: list[str] = []
        self._term_ids: dict[tuple[str, bytes], int] = {}
        self._terms: list[tuple[str, bytes]] = []
        self._values: dict[bytes, int] = {}
        self._value_list: list[bytes] = []
        self._tid = array("i")
        self._doc = array("i")
        self._weight = array("d")
        self._value = array("i")

    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        fieldname, text, docnum, weight, value = item
        key = (fieldname, text)
        tid = self._term_ids.get(key)
        if tid is None:
            tid = self._term_ids[key] = len(self._terms)
            self._terms.append(key)
            self.fieldnames.add(fieldname)
        code = self._values.get(value)
        if code is None:
            code = self._values[value] = len(self._value_list)
            self._value_list.append(value)
        self._tid.append(tid)
        self._doc.append(docnum)
        self._weight.append(weight)
        self._value.append(code)

    def __len__(self) -> int:
        return len(self._tid)

    def save(self) -> None:  # nothing spills: the arrays are small
        pass

    def reduce_to(self, target: int, k: int) -> None:
        pass

    def cleanup(self) -> None:
        self._tid, self._doc = array("i"), array("i")
        self._weight, self._value = array("d"), array("i")

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        terms = self._terms
        by_term = sorted(range(len(terms)), key=terms.__getitem__)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[by_term] = np.arange(len(terms))
        keys = rank[np.frombuffer(self._tid, dtype=np.int32)] if terms else np.zeros(0, np.int64)
        docs = np.frombuffer(self._doc, dtype=np.int32)
        order = np.lexsort((docs, keys))
        keys, docs = keys[order], docs[order]
        weights = np.frombuffer(self._weight, dtype=np.float64)[order]
        values = np.frombuffer(self._value, dtype=np.int32)[order]
        del order
        ordered = [terms[i] for i in by_term]
        if self.side is not None:
            self._feed_side(ordered, keys, docs, weights)
        return self._stream(ordered, keys, docs, weights, values)

    def _stream(self, ordered, keys, docs, weights, values) -> Iterator[tuple]:
        value_list = self._value_list
        for at in range(0, len(keys), _CHUNK):
            piece = slice(at, at + _CHUNK)
            for key, doc, weight, value in zip(
                keys[piece].tolist(),
                docs[piece].tolist(),
                weights[piece].tolist(),
                values[piece].tolist(),
                strict=True,
            ):
                fieldname, text = ordered[key]
                yield fieldname, text, doc, weight, value_list[value]

    def _feed_side(self, ordered, keys, docs, weights) -> None:
        side = self.side
        assert side is not None
        fields = [fieldname for fieldname, _ in ordered]
        for field in {side.spec.words, *side.spec.term_fields}:
            lo = _first(fields, field)
            if lo is None:
                continue
            hi = _after(fields, field, lo)
            first, last = np.searchsorted(keys, [lo, hi])
            texts = [text for _, text in ordered[lo:hi]]
            if field == side.spec.words:
                starts = np.searchsorted(keys, np.arange(lo, hi + 1)) - first
                side.take_word_postings(texts, starts, docs[first:last], weights[first:last])
            else:
                side.take_term_postings(field, texts, keys[first:last] - lo, docs[first:last])


def _first(fields: list[str], field: str) -> int | None:
    from bisect import bisect_left

    at = bisect_left(fields, field)
    return at if at < len(fields) and fields[at] == field else None


def _after(fields: list[str], field: str, lo: int) -> int:
    from bisect import bisect_right

    return bisect_right(fields, field, lo)


# -- the writer ------------------------------------------------------------------


class SideWriter(SegmentWriter):
    """Whoosh's segment writer over :class:`~indexer.index.sidecodec.SideCodec`, so that
    the segment it writes (its own documents and the segments merged into it) gets a
    sidecar. A document's value for the declaration's normalized field is its text,
    kept in the sidecar only; postings go through :class:`ArrayPostingPool`.
    Segments are written as separate files, which Whoosh opens as files (a compound
    segment's parts are copied into memory whenever a reader opens them)."""

    def __init__(self, ix: Any, side: SideConfig, **kwargs: Any) -> None:
        codec = SideCodec(side.spec)
        super().__init__(ix, codec=codec, compound=False, **kwargs)
        self.side_config = side
        self.side_builder = codec.builder(self.newsegment)
        self.pool = ArrayPostingPool(self.side_builder)

    def add_document(self, **fields: Any) -> None:
        text = fields.pop(self.side_config.normalized, None) or ""
        docnum = self.docnum
        super().add_document(**fields)
        side = self.side_builder
        side.add_text(docnum, normalize(text))
        segmenter = self.side_config.segmenter
        if segmenter is not None and text:
            segmenter.add_vocabulary(fold(text), side.vocabulary, side.blocks)

    def add_reader(self, reader: Any) -> None:
        """Merge a segment into this one, its sidecar's rows too."""
        first = self.docnum
        super().add_reader(reader)
        segment = reader.segment()
        side = SegmentSide(Path(self.storage.folder) / sidecar_name(segment.segment_id()))
        try:
            live = np.ones(segment.doc_count_all(), dtype=bool)
            live[list(segment.deleted_docs())] = False
            self.side_builder.merge_from(side, live, first)
        finally:
            side.close()


# -- merging ------------------------------------------------------------------------


def tiered_merge(writer: Any, segments: list[Any]) -> list[Any]:
    """The merge policy: which segments a commit merges into the segment it writes
    (Whoosh's merge policy interface: returns the segments kept as they are).

    Segments whose documents are all deleted are dropped. Segments of up to
    ``MAX_MERGE_DOCS`` live documents are grouped by size class (powers of ten); a
    class holding ``MERGE_FACTOR`` segments is merged into one, so a document is merged
    about once per class it climbs, never once per update. A segment that is more
    than half deleted is merged (rewritten without its deleted documents), whatever its
    size: the updates that deleted that many documents cost as much."""
    kept, classes = [], {}
    merge = []
    for segment in segments:
        live, total = segment.doc_count(), segment.doc_count_all()
        if live == 0:
            continue
        mostly_deleted = live * 2 < total
        if mostly_deleted:
            merge.append(segment)
        elif live > MAX_MERGE_DOCS:
            kept.append(segment)
        else:
            classes.setdefault(int(log10(live)), []).append(segment)
    for members in classes.values():
        members.sort(key=lambda s: s.doc_count())
        if len(members) >= MERGE_FACTOR:
            budget = MAX_MERGE_DOCS - sum(s.doc_count() for s in merge)
            while members and members[0].doc_count() <= budget:
                budget -= members[0].doc_count()
                merge.append(members.pop(0))
        kept += members
    from whoosh.reading import SegmentReader

    for segment in merge:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [segment for segment in segments if any(segment is k for k in kept)]
