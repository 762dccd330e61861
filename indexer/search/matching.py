"""Exact matching: a query that finds the quotes whose normalised text contains a
string, whatever jieba did to the text; queries over sets of documents; and ``AndNot``
and ``Not`` queries whose matchers are exact (:func:`exact_negations`), where Whoosh's
own ``AndNotMatcher`` and ``InverseMatcher`` are not."""

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


class ExcludingMatcher(matching.Matcher):
    """``a ANDNOT b``: the documents of ``a`` that ``b`` does not match, with ``a``'s
    scores. Written on Whoosh's public matcher interface: whoosh-reloaded 2.7.5's
    ``AndNotMatcher`` checks ``b`` only when both start on the same document and not
    at all after ``skip_to``, so it returns documents of ``b``."""

    def __init__(self, a: Any, b: Any) -> None:
        self.a, self.b = a, b
        self.step_past_excluded()

    def step_past_excluded(self) -> None:
        """Move ``a`` forward while it stands on a document of ``b``."""
        a, b = self.a, self.b
        while a.is_active() and b.is_active():
            if b.id() < a.id():
                b.skip_to(a.id())
            elif b.id() == a.id():
                a.next()
            else:
                return

    def is_active(self) -> bool:
        return self.a.is_active()

    def id(self) -> int:
        return self.a.id()

    def next(self) -> None:
        if not self.a.is_active():
            raise mcore.ReadTooFar
        self.a.next()
        self.step_past_excluded()

    def skip_to(self, id: int) -> None:
        if not self.a.is_active():
            raise mcore.ReadTooFar
        if id > self.a.id():
            self.a.skip_to(id)
            self.step_past_excluded()

    def reset(self) -> None:
        self.a.reset()
        self.b.reset()
        self.step_past_excluded()

    def copy(self) -> ExcludingMatcher:
        return ExcludingMatcher(self.a.copy(), self.b.copy())

    def children(self) -> list[Any]:
        return [self.a]

    def supports_block_quality(self) -> bool:
        return False

    def score(self) -> float:
        return self.a.score()

    def weight(self) -> float:
        return self.a.weight()

    def supports(self, astype: str) -> bool:
        return self.a.supports(astype)

    def value(self) -> Any:
        return self.a.value()

    def value_as(self, astype: str) -> Any:
        return self.a.value_as(astype)

    def spans(self) -> Any:
        return self.a.spans()

    def matching_terms(self, id: int | None = None) -> Any:
        return self.a.matching_terms(id)


class ComplementMatcher(matching.Matcher):
    """``NOT x``: the live documents of a segment that ``x`` does not match, each
    scored ``weight``. whoosh-reloaded 2.7.5's ``InverseMatcher`` skips deleted
    documents only while ``x`` is active, so it returns deleted documents after
    ``x``'s last match (the quotes an incremental build replaced)."""

    def __init__(
        self, child: Any, limit: int, missing: Callable[[int], bool], weight: float = 1.0
    ) -> None:
        self.child, self.limit, self.missing, self.constant = child, limit, missing, weight
        self.at = 0
        self.settle()

    def settle(self) -> None:
        """Move to the first document from ``at`` on that is live and not the child's."""
        child, missing = self.child, self.missing
        while self.at < self.limit:
            if missing(self.at):
                self.at += 1
                continue
            if child.is_active() and child.id() < self.at:
                child.skip_to(self.at)
            if child.is_active() and child.id() == self.at:
                self.at += 1
                continue
            return

    def is_active(self) -> bool:
        return self.at < self.limit

    def id(self) -> int:
        return self.at

    def next(self) -> None:
        if self.at >= self.limit:
            raise mcore.ReadTooFar
        self.at += 1
        self.settle()

    def skip_to(self, id: int) -> None:
        if self.at >= self.limit:
            raise mcore.ReadTooFar
        if id > self.at:
            self.at = id
            self.settle()

    def reset(self) -> None:
        self.child.reset()
        self.at = 0
        self.settle()

    def copy(self) -> ComplementMatcher:
        copied = ComplementMatcher(self.child.copy(), self.limit, self.missing, self.constant)
        copied.skip_to(self.at)
        return copied

    def supports_block_quality(self) -> bool:
        return False

    def weight(self) -> float:
        return self.constant

    def score(self) -> float:
        return self.constant


class Excluding(query.AndNot):
    """Whoosh's ``AndNot`` query, matched with :class:`ExcludingMatcher`."""

    def matcher(self, searcher, context=None):
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return ExcludingMatcher(scored, excluded)


class Complement(query.Not):
    """Whoosh's ``Not`` query, matched with :class:`ComplementMatcher`."""

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        child = self.query.matcher(searcher, searcher.boolean_context())
        return ComplementMatcher(child, reader.doc_count_all(), reader.is_deleted)


def exact_negations(q: query.Query) -> query.Query:
    """``q`` with every ``AndNot`` and ``Not`` node matched exactly (yulu works around
    Whoosh's matchers in the queries it builds; Whoosh itself is left as it is)."""
    q = q.apply(exact_negations)
    if isinstance(q, query.AndNot) and not isinstance(q, Excluding):
        exact = Excluding(q.a, q.b)
        exact.boost = q.boost
        return exact
    if isinstance(q, query.Not) and not isinstance(q, Complement):
        return Complement(q.query, boost=q.boost)
    return q
