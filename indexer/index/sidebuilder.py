"""Writing a segment's sidecar (see :mod:`indexer.index.sidecar` for what it holds):
:class:`SideSpec` says which fields it keeps, from the declaration; a
:class:`SideBuilder` collects a segment's rows as Whoosh's writer adds documents (or
merges segments) and writes the file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .sidecar import SegmentSide
from .sidefile import narrow, pack_strings, write_sidecar
from .substrings import doc_dtype, encode, suffix_array


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
                            "words.starts": starts, "words.tf": _weights(weights),
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
            f"terms.{field}.starts": narrow(starts),
            f"terms.{field}.ids": narrow(term_ids[order])}  # fmt: skip


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
            f"column.{field}.ids": narrow(ids)}  # fmt: skip


def _weights(weights: np.ndarray) -> np.ndarray:
    """The word postings' weights: whole frequencies as narrow integers (a byte each,
    mostly), float32 where a boost made them fractional."""
    if len(weights) and np.array_equal(weights, np.round(weights)) and weights.min() >= 0:
        return narrow(weights.astype(np.int64))
    return weights.astype(np.float32)
