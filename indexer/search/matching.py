"""Exact matching: a query that finds the quotes whose normalised text contains a
string, whatever jieba did to the text, and queries over sets of documents (the
negations with exact matchers are :mod:`indexer.search.negation`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from whoosh import matching, query

from ..index.declaration import SchemaSpec
from ..index.sidecar import SegmentSide, sidecar_name

#: Score of a quote that holds a word only inside a longer word.
SUBSTRING_SCORE = 0.01


class ExactFields(NamedTuple):
    """The field exact matching reads: the normalised text (kept, with its suffix
    array, in each segment's sidecar)."""

    normalized: str

    @classmethod
    def of(cls, spec: SchemaSpec) -> ExactFields:
        return cls(spec.of_kind("normalized"))


class Substring(query.Query):
    """Matches quotes whose normalised text contains ``needle``, all with one score.

    The quotes are a range of the segment's suffix array, read through its document
    array (:mod:`indexer.index.substrings`): exact, and as cheap for a needle that
    thousands of quotes hold as for a rare one. A search evaluates it over all
    segments at once (:mod:`indexer.search.evaluation`); as a Whoosh query (for code
    that searches with Whoosh directly) it reads the segment reader's sidecar."""

    def __init__(self, needle: str, fields: ExactFields, score: float = SUBSTRING_SCORE) -> None:
        self.needle, self.fields, self.score, self.boost = needle, fields, score, 1.0
        self.fieldname = None  # reads the normalised texts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Substring) and (self.needle, self.score) == (
            other.needle,
            other.score,
        )

    def __hash__(self) -> int:
        return hash((Substring, self.needle, self.score))

    def __repr__(self) -> str:
        return f"Substring({self.needle!r})"

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count()

    def docnums(self, reader) -> list[int]:
        """The (segment-local) numbers of the live documents that contain the needle
        (the sidecar has a row for each deleted document too)."""
        side = segment_side(reader)
        try:
            found = np.unique(side.containing(self.needle)).tolist()
        finally:
            side.close()
        if reader.has_deletions():
            return [n for n in found if not reader.is_deleted(n)]
        return found

    def matcher(self, searcher, context=None):
        ids = self.docnums(searcher.reader())
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, all_weights=self.score)


def segment_side(reader: Any) -> SegmentSide:
    """The sidecar of a Whoosh segment reader's segment."""
    segment = reader.segment()
    if segment is None:
        raise ValueError("exact matching needs a reader of one segment")
    storage = reader.storage()
    folder = getattr(storage, "folder", None) or storage.b.folder  # a compound segment's
    return SegmentSide(Path(folder) / sidecar_name(segment.segment_id()))


class DocumentTest(query.Query):
    """Matches the documents whose stored values pass ``test``; ``values(reader)``
    gives one value per document of a segment reader (computed once per segment)."""

    def __init__(
        self, label: str, values: Callable[[Any], list[Any]], test: Callable[[Any], bool]
    ) -> None:
        self.label, self.values, self.test = label, values, test
        self.fieldname, self.boost = None, 1.0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentTest) and self.label == other.label

    def __hash__(self) -> int:
        return hash((DocumentTest, self.label))

    def __repr__(self) -> str:
        return f"DocumentTest({self.label!r})"

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count()

    def matcher(self, searcher, context=None):
        ids = [n for n, value in enumerate(self.values(searcher.reader())) if self.test(value)]
        if not ids:
            return matching.NullMatcher()
        # A positive weight: Whoosh's preloading OR drops documents that score 0.
        return matching.ListMatcher(ids, all_weights=SUBSTRING_SCORE)


class NoSuchValue(query.Query):
    """Matches nothing: a field value no quote has. Kept in the query (Whoosh drops its
    own ``NullQuery``) so that the search can say which value found nothing."""

    def __init__(self, fieldname: str, value: str) -> None:
        self.fieldname, self.value, self.boost = fieldname, value, 1.0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoSuchValue) and (self.fieldname, self.value) == (
            other.fieldname,
            other.value,
        )

    def __hash__(self) -> int:
        return hash((NoSuchValue, self.fieldname, self.value))

    def __repr__(self) -> str:
        return f"NoSuchValue({self.fieldname!r}, {self.value!r})"

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader) -> int:
        return 0

    def matcher(self, searcher, context=None):
        return matching.NullMatcher()
