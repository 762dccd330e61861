"""What Whoosh lacks, kept beside each of its segments: columns a search reads in C.

Each Whoosh segment ``MAIN_<id>.seg`` of a generation has a *sidecar* ``MAIN_<id>.side``
written with it (by :mod:`indexer.index.writer`), with one row per document of the
segment, in the segment's document order (deleted documents included, as Whoosh keeps
them until a merge; the segment's deletions say which rows are live):

* the normalised texts, their suffix array and document array
  (:mod:`indexer.index.substrings`): exact matching of phrases and words;
* the postings of the word field as arrays (term, document, frequency) and each
  document's length in words: BM25F over every matching quote in a few numpy passes,
  where Whoosh decodes its pickled posting blocks in Python;
* for each exact and keyword field, the terms each document holds (as Whoosh indexed
  them: folded, aliased), and for the single-valued facet fields the values as Whoosh
  stores them in their columns: filters and facet counts with ``bincount``;
* the date columns: sorting and date filters;
* the dictionary words that occur in the segment's texts (the corpus dictionary).

The file is one header (JSON, with a CRC) and aligned arrays, memory-mapped by searches:
opening it costs a header, whatever the segment's size. Its name follows Whoosh's
segment file pattern, so Whoosh removes it with its segment when segments merge."""

from __future__ import annotations

import contextlib
import json
import mmap
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from .substrings import doc_dtype, encode, encode_needle, find, suffix_array

MAGIC = b"YULUSIDE"
#: Bump when the layout or the contents of a sidecar change.
SIDECAR_FORMAT = 1
EXTENSION = ".side"
_PREFIX = struct.Struct("<8sIII")  # magic, format, header length, header CRC-32
_ALIGN = 64


class SidecarError(Exception):
    """A sidecar file that is not as yulu writes them."""


def sidecar_name(segment_id: str) -> str:
    """The sidecar of the segment ``MAIN_<id>``."""
    return f"{segment_id}{EXTENSION}"


# -- strings ------------------------------------------------------------------------


def pack_strings(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """UTF-8 strings as one byte array and the offsets of each (one more: the end)."""
    encoded = [s.encode("utf-8", "surrogatepass") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


class Strings:
    """A list of strings stored as :func:`pack_strings` gives them; sorted lists can be
    searched without decoding them all."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self._blob, self._offsets = blob, offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def raw(self, i: int) -> bytes:
        return self._blob[self._offsets[i] : self._offsets[i + 1]].tobytes()

    def __getitem__(self, i: int) -> str:
        return self.raw(i).decode("utf-8", "surrogatepass")

    @cached_property
    def all(self) -> list[str]:
        text = self._blob.tobytes()
        cuts = self._offsets.tolist()
        return [text[a:b].decode("utf-8", "surrogatepass") for a, b in pairwise(cuts)]

    def index(self, value: str) -> int | None:
        """The position of ``value`` in a list sorted by UTF-8 bytes, or None."""
        key = value.encode("utf-8", "surrogatepass")
        lo, hi = 0, len(self)
        while lo < hi:
            mid = (lo + hi) >> 1
            if self.raw(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self) and self.raw(lo) == key else None


# -- the file -----------------------------------------------------------------------


def write_sidecar(handle, header: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    """Write the arrays and the header to the open binary file ``handle``."""
    layout: dict[str, Any] = {}
    offset = 0
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        arrays[name] = array
        layout[name] = [offset, array.dtype.str, list(array.shape)]
        offset += -(-array.nbytes // _ALIGN) * _ALIGN
    body = json.dumps({**header, "arrays": layout}, ensure_ascii=False).encode("utf-8")
    head = _PREFIX.pack(MAGIC, SIDECAR_FORMAT, len(body), zlib.crc32(body)) + body
    head += b"\0" * (-len(head) % _ALIGN)
    handle.write(head)
    for array in arrays.values():
        if array.nbytes:
            handle.write(memoryview(array).cast("B"))
        pad = -array.nbytes % _ALIGN
        if pad:
            handle.write(b"\0" * pad)


class SideFile:
    """A sidecar file, memory-mapped: its header and its arrays (read-only views)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            if size < _PREFIX.size:
                raise SidecarError(f"{path.name}: cut short")
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        magic, version, length, crc = _PREFIX.unpack_from(self._map, 0)
        if magic != MAGIC:
            raise SidecarError(f"{path.name}: not a sidecar")
        if version != SIDECAR_FORMAT:
            raise SidecarError(f"{path.name}: sidecar format {version}")
        body = self._map[_PREFIX.size : _PREFIX.size + length]
        if len(body) != length or zlib.crc32(body) != crc:
            raise SidecarError(f"{path.name}: header damaged")
        self.header = json.loads(body)
        self._base = -(-(_PREFIX.size + length) // _ALIGN) * _ALIGN
        for name, (offset, dtype, shape) in self.header["arrays"].items():
            end = self._base + offset + np.dtype(dtype).itemsize * int(np.prod(shape))
            if end > size:
                raise SidecarError(f"{path.name}: cut short (array {name})")

    def array(self, name: str) -> np.ndarray:
        offset, dtype, shape = self.header["arrays"][name]
        count = int(np.prod(shape))
        return np.frombuffer(
            self._map, dtype=np.dtype(dtype), count=count, offset=self._base + offset
        ).reshape(shape)

    def has(self, name: str) -> bool:
        return name in self.header["arrays"]

    def strings(self, name: str) -> Strings:
        return Strings(self.array(f"{name}.blob"), self.array(f"{name}.offsets"))

    def text_window(self) -> tuple[mmap.mmap, int]:
        """The mapped file and the byte offset of the texts in it (for :func:`find`)."""
        return self._map, self._base + self.header["arrays"]["text"][0]

    def close(self) -> None:
        """Unmap the file (left to the garbage collector while arrays still use it)."""
        with contextlib.suppress(BufferError):
            self._map.close()


@dataclass
class Postings:
    """A term's postings in one segment: documents and frequencies (weights)."""

    docs: np.ndarray
    weights: np.ndarray


class SegmentSide:
    """The sidecar of one segment, read lazily from its mapped file."""

    def __init__(self, path: Path) -> None:
        self.file = SideFile(path)
        self.header = self.file.header
        self.docs: int = self.header["docs"]

    # texts and substrings

    @cached_property
    def starts(self) -> np.ndarray:
        return self.file.array("starts")

    @cached_property
    def sa(self) -> np.ndarray:
        return self.file.array("sa")

    @cached_property
    def da(self) -> np.ndarray:
        return self.file.array("da")

    def containing(self, needle: str) -> np.ndarray:
        """The documents whose text contains ``needle`` (unsorted, with repeats)."""
        data, base = self.file.text_window()
        lo, hi = find(_Window(data, base), self.sa, encode_needle(needle))
        return self.da[lo:hi]

    def text(self, doc: int) -> str:
        data, base = self.file.text_window()
        start, end = int(self.starts[doc]), int(self.starts[doc + 1]) - 1
        return data[base + 2 * start : base + 2 * end].decode("utf-16-be", "surrogatepass")

    # words

    @cached_property
    def _words(self) -> Strings:
        return self.file.strings("words")

    def postings(self, word: str) -> Postings | None:
        """The word field's postings of ``word`` in this segment, or None."""
        at = self._words.index(word)
        if at is None:
            return None
        bounds = self.file.array("words.starts")
        lo, hi = int(bounds[at]), int(bounds[at + 1])
        return Postings(self.file.array("words.docs")[lo:hi], self.file.array("words.tf")[lo:hi])

    @cached_property
    def lengths(self) -> np.ndarray:
        """Each document's length in the word field, as Whoosh recorded it."""
        return self.file.array("lengths")

    @property
    def field_length(self) -> int:
        """The total length of the word field (Whoosh's, deleted documents included)."""
        return int(self.header["field_length"])

    # field values

    def terms(self, field: str) -> Strings:
        """The terms of an exact or keyword field, sorted."""
        return self.file.strings(f"terms.{field}")

    def term_rows(self, field: str) -> tuple[np.ndarray, np.ndarray]:
        """Per document, the ids (into :meth:`terms`) of the terms it holds: the offsets
        of each document's run and the ids."""
        return self.file.array(f"terms.{field}.starts"), self.file.array(f"terms.{field}.ids")

    def stored_values(self, field: str) -> tuple[Strings, np.ndarray]:
        """A single-valued facet field's values as Whoosh's column keeps them (distinct,
        in order of first use) and each document's (-1: none)."""
        return self.file.strings(f"column.{field}"), self.file.array(f"column.{field}.ids")

    def dates(self, field: str) -> np.ndarray:
        """A date field's column (Whoosh's values; its default where a document has none)."""
        return self.file.array(f"date.{field}")

    def vocabulary(self) -> dict[str, int]:
        words = self.file.strings("vocab").all
        return dict(zip(words, self.file.array("vocab.freq").tolist(), strict=True))

    def close(self) -> None:
        self.file.close()


class _Window:
    """Slices of the mapped texts, shifted by their offset in the file."""

    __slots__ = ("_base", "_data")

    def __init__(self, data, base: int) -> None:
        self._data, self._base = data, base

    def __getitem__(self, piece: slice) -> bytes:
        return self._data[self._base + piece.start : self._base + piece.stop]


# -- building ---------------------------------------------------------------------


@dataclass
class SideSpec:
    """What a sidecar holds, from the declaration: the word field, the fields whose
    terms it keeps (exact and keyword), the single-valued facet fields whose column
    values it keeps, the date fields."""

    words: str
    term_fields: tuple[str, ...]
    stored_fields: tuple[str, ...]
    date_fields: tuple[str, ...]

    @classmethod
    def of(cls, spec) -> SideSpec:
        return cls(
            words=spec.words,
            term_fields=tuple(f.name for f in spec.fields if f.kind in ("exact", "keyword")),
            stored_fields=tuple(f.name for f in spec.fields if f.kind == "exact" and f.facet),
            date_fields=tuple(f.name for f in spec.fields if f.kind == "date"),
        )


class SideBuilder:
    """Collects a segment's sidecar while Whoosh writes the segment: the texts as
    documents are added, lengths and column values as Whoosh's per-document writer
    receives them, postings from the posting pool (see :mod:`indexer.index.writer`)."""

    def __init__(self, spec: SideSpec) -> None:
        self.spec = spec
        self.texts: list[str] = []
        self.lengths: dict[int, int] = {}
        self.columns: dict[str, dict[int, Any]] = {f: {} for f in spec.stored_fields}
        self.column_defaults: dict[str, Any] = {}
        self.dates: dict[str, dict[int, int]] = {f: {} for f in spec.date_fields}
        self.arrays: dict[str, np.ndarray] = {}
        self.term_postings: dict[str, tuple[list[bytes], np.ndarray, np.ndarray]] = {}
        self.vocabulary: dict[str, int] = {}
        #: the text blocks whose dictionary words ``vocabulary`` holds
        self.blocks: set[str] = set()

    def add_text(self, docnum: int, text: str) -> None:
        if docnum != len(self.texts):
            raise AssertionError(f"sidecar out of step: document {docnum}, {len(self.texts)}")
        self.texts.append(text)

    def add_length(self, docnum: int, fieldname: str, length: int) -> None:
        if fieldname == self.spec.words and length:
            self.lengths[docnum] = length

    def add_column_value(self, docnum: int, fieldname: str, column, value: Any) -> None:
        if fieldname in self.dates:
            self.dates[fieldname][docnum] = value
            self.column_defaults.setdefault(fieldname, column.default_value())
        elif fieldname in self.columns:
            self.columns[fieldname][docnum] = value

    def take_word_postings(
        self, words: list[bytes], starts: np.ndarray, docs: np.ndarray, weights: np.ndarray
    ) -> None:
        """The word field's postings, sorted by term (UTF-8 bytes) then document."""
        blob, offsets = _pack_bytes(words)
        self.arrays.update({"words.blob": blob, "words.offsets": offsets,
                            "words.starts": starts, "words.tf": weights.astype(np.float32),
                            "words.docs": docs})  # fmt: skip

    def take_term_postings(
        self, field: str, terms: list[bytes], term_ids: np.ndarray, docs: np.ndarray
    ) -> None:
        """An exact or keyword field's postings: term ids (into the sorted ``terms``)
        and documents; turned into each document's run of term ids when written."""
        self.term_postings[field] = (terms, term_ids, docs)

    def merge_from(self, side: SegmentSide, live: np.ndarray, first: int) -> None:
        """The texts and vocabulary of a segment merged into this one: its ``live``
        documents, in order, as documents ``first``, ``first + 1``, …"""
        for at, doc in enumerate(np.flatnonzero(live).tolist()):
            self.add_text(first + at, side.text(doc))
        for word, freq in side.vocabulary().items():
            self.vocabulary.setdefault(word, freq)

    def write(self, handle, count: int) -> None:
        """Write the sidecar of a segment of ``count`` documents."""
        if len(self.texts) != count:
            raise AssertionError(f"sidecar holds {len(self.texts)} texts for {count} documents")
        data, starts = encode(self.texts)
        sa, da = suffix_array(data, starts)
        lengths = np.zeros(count, dtype=np.int32)
        if self.lengths:
            lengths[list(self.lengths)] = list(self.lengths.values())
        arrays: dict[str, np.ndarray] = {
            "text": np.frombuffer(data, dtype=np.uint8),
            "starts": starts,
            "sa": sa,
            "da": da,
            "lengths": lengths,
        }
        for name in ("words.blob", "words.offsets", "words.starts", "words.tf", "words.docs"):
            arrays[name] = self.arrays.get(name, _EMPTY[name])
        arrays["words.docs"] = arrays["words.docs"].astype(doc_dtype(count))
        for field in self.spec.term_fields:
            terms, term_ids, docs = self.term_postings.get(field, ([], _NONE, _NONE))
            arrays.update(_term_rows(field, terms, term_ids, docs, count))
        for field, values in self.columns.items():
            arrays.update(_stored_column(field, values, count))
        for field, values in self.dates.items():
            column = np.full(count, self.column_defaults.get(field, 2**64 - 1), dtype=np.uint64)
            if values:
                column[list(values)] = list(values.values())
            arrays[f"date.{field}"] = column
        words = sorted(self.vocabulary)
        blob, offsets = pack_strings(words)
        arrays.update({"vocab.blob": blob, "vocab.offsets": offsets,
                       "vocab.freq": np.array([self.vocabulary[w] for w in words],
                                              dtype=np.int64)})  # fmt: skip
        header = {"docs": count, "field_length": int(lengths.sum(dtype=np.int64))}
        write_sidecar(handle, header, arrays)


_EMPTY = {
    "words.blob": np.zeros(0, dtype=np.uint8),
    "words.offsets": np.zeros(1, dtype=np.int64),
    "words.starts": np.zeros(1, dtype=np.int64),
    "words.tf": np.zeros(0, dtype=np.float32),
    "words.docs": np.zeros(0, dtype=np.int32),
}


_NONE = np.zeros(0, dtype=np.int64)


def _term_rows(
    field: str, terms: list[bytes], term_ids: np.ndarray, docs: np.ndarray, count: int
) -> dict[str, np.ndarray]:
    """Each document's run of term ids (sorted), as offsets and ids."""
    blob, offsets = _pack_bytes(terms)
    order = np.lexsort((term_ids, docs))
    starts = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(docs, minlength=count)[:count], out=starts[1:])
    return {f"terms.{field}.blob": blob, f"terms.{field}.offsets": offsets,
            f"terms.{field}.starts": starts,
            f"terms.{field}.ids": term_ids[order].astype(np.int32)}  # fmt: skip


def _pack_bytes(items: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    offsets = np.zeros(len(items) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in items], out=offsets[1:])
    return np.frombuffer(b"".join(items), dtype=np.uint8), offsets


def _stored_column(field: str, values: dict[int, Any], count: int) -> dict[str, np.ndarray]:
    """A VarBytes column (bytes per document) as distinct strings and ids (-1: none)."""
    ids = np.full(count, -1, dtype=np.int32)
    distinct: dict[str, int] = {}
    for docnum, raw in values.items():
        text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
        if text:
            ids[docnum] = distinct.setdefault(text, len(distinct))
    blob, offsets = pack_strings(list(distinct))
    return {f"column.{field}.blob": blob, f"column.{field}.offsets": offsets,
            f"column.{field}.ids": ids}  # fmt: skip


def open_sides(folder: Path, segment_ids: Iterable[str]) -> dict[str, SegmentSide]:
    """The sidecars of the segments ``segment_ids`` in a generation ``folder``."""
    return {sid: SegmentSide(folder / sidecar_name(sid)) for sid in segment_ids}
