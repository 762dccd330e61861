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

The file (:mod:`indexer.index.sidefile`) is one header (JSON, with a CRC) and aligned
arrays, memory-mapped by searches: opening it costs a header, whatever the segment's
size. Its name follows Whoosh's segment file pattern, so Whoosh removes it with its
segment when segments merge. This module reads a segment's sidecar; it is written by
:mod:`indexer.index.sidebuilder`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from .sidefile import SideFile, Strings, sidecar_name
from .substrings import encode_needle, find


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


def open_sides(folder: Path, segment_ids: Iterable[str]) -> dict[str, SegmentSide]:
    """The sidecars of the segments ``segment_ids`` in a generation ``folder``."""
    return {sid: SegmentSide(folder / sidecar_name(sid)) for sid in segment_ids}
