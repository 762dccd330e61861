"""Exact matching: a query that finds the quotes whose normalised text contains a
string, whatever jieba did to the text; queries over sets of documents; and the fixes
for Whoosh's ``AndNotMatcher`` and ``InverseMatcher``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from whoosh import matching, query
from whoosh.matching import mcore

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


class ExactAndNotMatcher(matching.AndNotMatcher):
    """Whoosh's ``AndNotMatcher`` (``a ANDNOT b``), fixed.

    whoosh-reloaded 2.7.5 checks the excluded side only when both sides start on the
    same document (``_find_first``) and not at all after ``skip_to``, so ``a ANDNOT b``
    returns a document of ``b`` whenever ``b`` starts earlier than ``a`` or an
    intersection skips onto such a document."""

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()

    def skip_to(self, id: int) -> bool:
        if not self.a.is_active():
            raise mcore.ReadTooFar
        moved = self.a.skip_to(id)
        if self.a.is_active() and self.b.is_active():
            self._find_next()
        return bool(moved)


class ExactInverseMatcher(matching.InverseMatcher):
    """Whoosh's ``InverseMatcher`` (``NOT x``: the documents ``x`` does not match),
    fixed.

    whoosh-reloaded 2.7.5 skips deleted documents only while the wrapped matcher is
    active: when that matcher runs out just before deleted documents (as it does at the
    end of a segment whose changed or removed documents an incremental build deleted),
    ``NOT x`` returns a deleted document, with the record of a quote that is no longer
    in the corpus or no longer says that."""

    def _find_next(self) -> None:
        child, missing = self.child, self.missing
        while self._id < self.limit:
            if missing(self._id):
                self._id += 1
                continue
            if child.is_active() and child.id() < self._id:
                child.skip_to(self._id)
            if child.is_active() and child.id() == self._id:
                self._id += 1
                continue
            break


# The one place yulu works around these bugs: Whoosh's AndNot and Not queries (built by
# its query parsers, its BooleanQuery helper, or any code of ours) look their matcher
# classes up in ``whoosh.matching`` each time they match, so every ``a ANDNOT b`` and
# every ``NOT x`` in this process uses the fixed matchers.
matching.AndNotMatcher = ExactAndNotMatcher  # type: ignore[misc]
matching.InverseMatcher = ExactInverseMatcher  # type: ignore[misc]
