"""``AndNot`` and ``Not`` with exact matchers (:func:`exact_negations`), where Whoosh's
own ``AndNotMatcher`` and ``InverseMatcher`` are not: written on Whoosh's public
matcher interface and used where yulu builds its queries, nothing replaced in Whoosh."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh import matching, query
from whoosh.matching import mcore


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
