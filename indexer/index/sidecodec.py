"""Whoosh's default codec with each new segment's sidecar written beside it.

A Whoosh writer hands a segment's data to its codec (``whoosh.codec.base.Codec``): the
per-document writer receives each document's field lengths and column values, the field
writer the sorted postings, and the writer asks the codec for a per-document reader
when it needs the lengths back. :class:`SideCodec` wraps Whoosh's default codec at
those public doors: it passes everything on unchanged, gives a
:class:`~indexer.index.sidebuilder.SideBuilder` (one per segment being written) the lengths
and column values, answers the lengths of the segment being written from it (Whoosh
would read them back from the files just written), and writes the segment's sidecar
when the field writer is closed — for a new segment and for a merged one alike, since
Whoosh writes both through the same doors. Segments record Whoosh's own codec, so
readers never go through this one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh.codec import base, default_codec
from whoosh.util.numeric import byte_to_length, length_to_byte

from .sidebuilder import SideBuilder, SideSpec
from .sidefile import sidecar_name


class SideCodec(base.Codec):
    """Whoosh's default codec, and a sidecar for every segment written through it."""

    def __init__(self, spec: SideSpec) -> None:
        self.inner = default_codec()
        self.spec = spec
        self.building: dict[str, SideBuilder] = {}
        self.rows: dict[str, int] = {}
        self.length_stats = self.inner.length_stats

    def builder(self, segment: Any) -> SideBuilder:
        """The sidecar builder of a segment being written (made on first use)."""
        key = segment.segment_id()
        if key not in self.building:
            self.building[key] = SideBuilder(self.spec)
        return self.building[key]

    # -- writing: passed on, and captured -------------------------------------------

    def per_document_writer(self, storage: Any, segment: Any) -> CapturingPerDocWriter:
        inner = self.inner.per_document_writer(storage, segment)
        key = segment.segment_id()
        self.rows[key] = 0

        def started(docnum: int) -> None:
            self.rows[key] = max(self.rows[key], docnum + 1)

        return CapturingPerDocWriter(inner, self.builder(segment), started)

    def field_writer(self, storage: Any, segment: Any) -> SideFieldWriter:
        inner = self.inner.field_writer(storage, segment)
        return SideFieldWriter(inner, lambda: self.finish(storage, segment))

    def finish(self, storage: Any, segment: Any) -> None:
        """Write the segment's sidecar (after its field writer closed) and forget it."""
        key = segment.segment_id()
        side, rows = self.building.pop(key, None), self.rows.pop(key, 0)
        if side is None or not rows:
            return  # a writer that wrote nothing: its segment is never published
        with storage.create_file(sidecar_name(key)).raw_file() as handle:
            side.write(handle, rows)

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        side = self.building.get(segment.segment_id())
        if side is None:
            return self.inner.per_document_reader(storage, segment)
        return WrittenLengths(side, lambda: self.inner.per_document_reader(storage, segment))

    # -- everything else: Whoosh's ----------------------------------------------------

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return self.inner.postings_writer(dbfile, byteids=byteids)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None) -> Any:
        return self.inner.postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)

    def automata(self, storage: Any, segment: Any) -> Any:
        return self.inner.automata(storage, segment)

    def terms_reader(self, storage: Any, segment: Any) -> Any:
        return self.inner.terms_reader(storage, segment)

    def new_segment(self, storage: Any, indexname: str) -> Any:
        return self.inner.new_segment(storage, indexname)


class CapturingPerDocWriter(base.PerDocumentWriter):
    """Whoosh's per-document writer, whose lengths and column values the sidecar
    builder receives too (one row per document started)."""

    def __init__(self, inner: Any, side: SideBuilder, started: Callable[[int], None]) -> None:
        self.inner, self.side, self.started, self.doc = inner, side, started, -1

    @property
    def is_closed(self) -> bool:
        return self.inner.is_closed

    def start_doc(self, docnum: int) -> None:
        self.doc = docnum
        self.started(docnum)
        self.inner.start_doc(docnum)

    def add_field(self, fieldname: str, fieldobj: Any, value: Any, length: int) -> None:
        self.inner.add_field(fieldname, fieldobj, value, length)
        if length:
            self.side.add_length(self.doc, fieldname, length)

    def add_column_value(self, fieldname: str, columnobj: Any, value: Any) -> None:
        self.inner.add_column_value(fieldname, columnobj, value)
        self.side.add_column_value(self.doc, fieldname, columnobj, value)

    def add_vector_items(self, fieldname: str, fieldobj: Any, items: Any) -> None:
        self.inner.add_vector_items(fieldname, fieldobj, items)

    def finish_doc(self) -> None:
        self.inner.finish_doc()

    def cancel_doc(self) -> None:
        self.inner.cancel_doc()

    def close(self) -> None:
        self.inner.close()


class SideFieldWriter(base.FieldWriter):
    """Whoosh's field writer; closing it writes the segment's sidecar."""

    def __init__(self, inner: Any, on_close: Callable[[], None]) -> None:
        self.inner, self.on_close = inner, on_close

    @property
    def is_closed(self) -> bool:
        return self.inner.is_closed

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        self.inner.add_postings(schema, lengths, items)

    def start_field(self, fieldname: str, fieldobj: Any) -> None:
        self.inner.start_field(fieldname, fieldobj)

    def start_term(self, text: bytes) -> None:
        self.inner.start_term(text)

    def add(self, docnum: int, weight: float, vbytes: bytes, length: int) -> None:
        self.inner.add(docnum, weight, vbytes, length)

    def add_spell_word(self, fieldname: str, text: str) -> None:
        self.inner.add_spell_word(fieldname, text)

    def finish_term(self) -> None:
        self.inner.finish_term()

    def finish_field(self) -> None:
        self.inner.finish_field()

    def close(self) -> None:
        self.inner.close()
        self.on_close()


class WrittenLengths:
    """The field lengths of the segment being written, as Whoosh's per-document reader
    would give them back (quantised to a byte), from what the writer recorded; any
    other question goes to Whoosh's reader of the files written."""

    def __init__(self, side: SideBuilder, open_inner: Callable[[], Any]) -> None:
        self.words, self.lengths = side.spec.words, side.lengths
        self.open_inner, self.inner = open_inner, None

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        if fieldname != self.words:
            return default
        length = self.lengths.get(docnum)
        return byte_to_length(length_to_byte(length)) if length else default

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("inner", "open_inner"):
            raise AttributeError(name)
        if self.inner is None:
            self.inner = self.open_inner()
        return getattr(self.inner, name)

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()
