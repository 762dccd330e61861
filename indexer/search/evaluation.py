"""Evaluating a query over every quote at once: a Whoosh query tree in, which quotes it
matches and their scores out, as numpy arrays over the index's document numbers.

Whoosh walks a query's matches one document at a time in Python (its matchers' ``next``,
``skip_to`` and ``score``), so a query's cost grows with its number of matches, until
at 125,000 quotes it loses to a substring scan. Here each node of the tree is one or
two array operations over the sidecars (:mod:`indexer.index.docvalues`):

* ``Substring``: the suffix arrays' document ranges;
* a word-field ``Term``: its postings and BM25F, Whoosh's formula (``scoring.bm25``)
  with Whoosh's statistics, so the scores are Whoosh's;
* a ``Term`` of an exact or keyword field: the field's terms per document; several
  ``Term`` of one field under an ``Or``: one ``isin``;
* date ``NumericRange`` and ``Every``: the date columns;
* ``And``, ``Or``, ``AndMaybe``, ``AndNot``, ``Not`` and ``ConstantScoreQuery``: set
  algebra over the masks, scores summed as Whoosh's matchers sum them (``Not``
  scores its boost, as ``InverseMatcher`` does).

Any other node (a query type yulu's language does not build) is searched by Whoosh
itself, so the answer is always Whoosh's; ``tests/test_evaluation.py`` checks masks
and scores against Whoosh's own search for generated queries."""

from __future__ import annotations

from dataclasses import dataclass
from math import log

import numpy as np
from whoosh import query, scoring

from ..index.docvalues import NO_DATE, IndexColumns
from .matching import DocumentTest, NoSuchValue, Substring
from .negation import exact_negations

#: A node's scores: one number for every document it matches, or an array.
Scores = float | np.ndarray


@dataclass
class Evaluated:
    """The documents a query matches (a mask over document numbers, deleted documents
    never set) and their scores (meaningful where the mask is set)."""

    mask: np.ndarray
    scores: Scores

    def score_array(self) -> np.ndarray:
        if isinstance(self.scores, np.ndarray):
            return self.scores
        return np.full(len(self.mask), float(self.scores))


def _masked(result: Evaluated) -> Scores:
    """The node's scores, zero where it does not match (for sums)."""
    if isinstance(result.scores, np.ndarray):
        return np.where(result.mask, result.scores, 0.0)
    return np.where(result.mask, float(result.scores), 0.0)


def _plus(a: Scores, b: Scores) -> Scores:
    return a + b


class Evaluator:
    """Evaluates queries against one open index (its searcher and sidecars)."""

    def __init__(self, columns: IndexColumns, searcher, spec) -> None:
        self.columns, self.searcher, self.spec = columns, searcher, spec
        self.schema = searcher.schema
        self.term_fields = {f.name for f in spec.fields if f.kind in ("exact", "keyword")}
        self.date_fields = {f.name for f in spec.fields if f.kind == "date"}
        self.words = spec.words

    @property
    def size(self) -> int:
        return self.columns.size

    def evaluate(self, q: query.Query) -> Evaluated:
        """The live documents ``q`` matches, with their scores."""
        result = self._node(q)
        return Evaluated(result.mask & self.columns.live, result.scores)

    def docs(self, q: query.Query) -> np.ndarray:
        """Whether each live document matches ``q``."""
        return self.evaluate(q).mask

    # -- nodes -----------------------------------------------------------------------

    def _node(self, q: query.Query) -> Evaluated:
        boost = getattr(q, "boost", 1.0)
        result = self._unboosted(q)
        if boost != 1.0 and not isinstance(q, query.Not | Substring | DocumentTest):
            result = Evaluated(result.mask, result.scores * boost)
        return result

    def _unboosted(self, q: query.Query) -> Evaluated:
        if isinstance(q, Substring):
            return Evaluated(self.columns.containing(q.needle), q.score * q.boost)
        if isinstance(q, NoSuchValue) or q is query.NullQuery:
            return self._nothing()
        if isinstance(q, query.Term):
            return self._term(q)
        if isinstance(q, query.Not):  # Whoosh's InverseMatcher scores 1, whatever the boost
            child = self._node(q.query)
            return Evaluated(self.columns.live & ~child.mask, 1.0)
        if isinstance(q, query.AndMaybe):
            a, b = self._node(q.a), self._node(q.b)
            return Evaluated(a.mask, _plus(_masked(a), _masked(b)))
        if isinstance(q, query.AndNot):
            a, b = self._node(q.a), self._node(q.b)
            return Evaluated(a.mask & ~b.mask, a.scores)
        if isinstance(q, query.And):
            return self._and(q.subqueries)
        if isinstance(q, query.Or):
            return self._or(q.subqueries)
        if isinstance(q, query.ConstantScoreQuery):
            return Evaluated(self._node(q.child).mask, q.score)
        if isinstance(q, query.Every) and q.fieldname is None:
            return Evaluated(self.columns.live.copy(), 1.0)
        if isinstance(q, query.Every) and q.fieldname in self.date_fields:
            return Evaluated(self.columns.dates(q.fieldname) != NO_DATE, 1.0)
        if (
            isinstance(q, query.NumericRange)
            and q.fieldname in self.date_fields
            and q.constantscore
        ):
            return Evaluated(self._date_range(q), 1.0)
        return self._by_whoosh(q)

    def _nothing(self) -> Evaluated:
        return Evaluated(np.zeros(self.size, dtype=bool), 0.0)

    def _and(self, subqueries) -> Evaluated:
        if not subqueries:
            return self._nothing()
        parts = [self._node(sub) for sub in subqueries]
        mask = parts[0].mask.copy()
        for part in parts[1:]:
            mask &= part.mask
        scores: Scores = 0.0
        for part in parts:
            scores = _plus(scores, part.scores)
        return Evaluated(mask, scores)

    def _or(self, subqueries) -> Evaluated:
        if not subqueries:
            return self._nothing()
        if len(subqueries) > 1 and self._same_field_terms(subqueries):
            return self._terms_of_one_field(subqueries)
        parts = [self._node(sub) for sub in subqueries]
        mask = parts[0].mask.copy()
        for part in parts[1:]:
            mask |= part.mask
        scores: Scores = 0.0
        for part in parts:
            scores = _plus(scores, _masked(part))
        return Evaluated(mask, scores)

    def _same_field_terms(self, subqueries) -> bool:
        first = subqueries[0]
        return all(
            type(sub) is query.Term
            and sub.fieldname == first.fieldname
            and sub.fieldname in self.term_fields
            and sub.boost == 1.0
            for sub in subqueries
        )

    def _terms_of_one_field(self, subqueries) -> Evaluated:
        """An ``Or`` of terms of one exact or keyword field: each document scores one
        for each term it holds."""
        field = subqueries[0].fieldname
        column = self.columns.terms(field)
        known = {v: i for i, v in enumerate(column.values)}
        wanted = np.array([known[t.text] for t in subqueries if t.text in known], np.int64)
        if column.starts is None or column.owners is None:
            held = np.isin(column.ids, wanted) & (column.ids >= 0)
            return Evaluated(held, 1.0)
        hits = column.owners[np.isin(column.ids, wanted)]
        counts = np.bincount(hits, minlength=self.size).astype(np.float64)
        return Evaluated(counts > 0, counts)

    def _term(self, q: query.Term) -> Evaluated:
        if q.fieldname == self.words and isinstance(q.text, str):
            scored = self._bm25(q.fieldname, q.text)
            if scored is not None:
                return scored
        elif q.fieldname in self.term_fields and isinstance(q.text, str):
            return Evaluated(self.columns.term_docs(q.fieldname, [q.text]), 1.0)
        return self._by_whoosh(q)

    def _bm25(self, fieldname: str, text: str) -> Evaluated | None:
        """BM25F of a word-field term, as Whoosh's ``BM25F`` scores it (None when the
        searcher weighs otherwise). yulu's searchers use Whoosh's default ``BM25F()``,
        whose ``B`` holds for every field."""
        weighting = self.searcher.weighting
        if type(weighting) is not scoring.BM25F:
            return None
        b = weighting.B
        k1 = weighting.K1
        docs, tf = self.columns.postings(text)
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float64)
        if len(docs):
            count = self.size  # Whoosh's doc_count_all: deleted documents included
            idf = log(count / (len(docs) + 1)) + 1
            avgfl = (self.columns.field_length / (count or 1)) or 1
            fl = self.columns.lengths[docs]
            scores[docs] = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
            mask[docs] = True
        return Evaluated(mask, scores)

    def _date_range(self, q: query.NumericRange) -> np.ndarray:
        dates = self.columns.dates(q.fieldname)
        mask = dates != NO_DATE
        if q.start is not None:
            start = np.uint64(q.start)
            mask &= (dates > start) if q.startexcl else (dates >= start)
        if q.end is not None:
            end = np.uint64(q.end)
            mask &= (dates < end) if q.endexcl else (dates <= end)
        return mask

    def _by_whoosh(self, q: query.Query) -> Evaluated:
        """What Whoosh's own search gives (live documents, Whoosh's scores)."""
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float64)
        results = self.searcher.search(exact_negations(q), limit=None)
        for score, docnum in results.top_n:
            mask[docnum] = True
            scores[docnum] = score
        return Evaluated(mask, scores)
