"""Evaluating a query over every quote at once: a Whoosh query tree in, which quotes it
matches and their scores out, as numpy arrays over the index's document numbers.

Whoosh walks a query's matches one document at a time in Python (its matchers' ``next``,
``skip_to`` and ``score``), so a query's cost grows with its number of matches, until
at 125,000 quotes it loses to a substring scan. Here a query is evaluated in two steps,
each node once, over the sidecars (:mod:`indexer.index.docvalues`):

1. **which** documents match: a boolean mask per node, set algebra over masks (the
   optional part of an ``AndMaybe`` is never asked: it changes scores, not matches);
2. **how well**, only at the documents that are finally wanted (a page's candidates, the
   matches a filter kept): each node's scores at those documents, zero where it does
   not match. A word's postings are looked up at those documents, so a rare phrase
   over common words costs what its few matches cost, not what the words' postings do.

The nodes:

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

import numpy as np
from whoosh import query, scoring

from ..index.docvalues import NO_DATE, IndexColumns
from .leaves import bm25_at, date_range, terms_of_one_field
from .matching import DocumentTest, NoSuchValue, Substring
from .negation import exact_negations


class Evaluated:
    """The documents a query matches (a mask over document numbers, deleted documents
    never set), and their scores on demand (:meth:`scores_at`)."""

    def __init__(self, mask: np.ndarray, run: _Run, q: query.Query) -> None:
        self.mask, self._run, self._q = mask, run, q

    def scores_at(self, docs: np.ndarray) -> np.ndarray:
        """The scores of ``docs`` (sorted document numbers the query matches)."""
        return self._run.at(self._q, np.asarray(docs, dtype=np.int64))[1]

    def score_array(self) -> np.ndarray:
        """Every document's score (zero where it does not match)."""
        scores = np.zeros(len(self.mask))
        docs = np.flatnonzero(self.mask)
        scores[docs] = self.scores_at(docs)
        return scores


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
        """The live documents ``q`` matches (their scores on demand)."""
        run = _Run(self)
        return Evaluated(run.mask(q) & self.columns.live, run, q)

    def docs(self, q: query.Query) -> np.ndarray:
        """Whether each live document matches ``q``."""
        return _Run(self).mask(q) & self.columns.live


class _Run:
    """One evaluation: each node's mask and whole-index scores computed once."""

    def __init__(self, ev: Evaluator) -> None:
        self.ev, self.columns, self.size = ev, ev.columns, ev.size
        self._masks: dict[int, np.ndarray] = {}
        self._dense: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._keep: list[query.Query] = []  # the nodes memoised by id stay alive

    # -- step 1: which documents match ----------------------------------------------

    def mask(self, q: query.Query) -> np.ndarray:
        key = id(q)
        if key not in self._masks:
            self._keep.append(q)
            self._masks[key] = self._mask(q)
        return self._masks[key]

    def _mask(self, q: query.Query) -> np.ndarray:
        ev, columns = self.ev, self.columns
        if isinstance(q, Substring):
            return columns.containing(q.needle)
        if isinstance(q, NoSuchValue) or q is query.NullQuery:
            return np.zeros(self.size, dtype=bool)
        if isinstance(q, query.Term) and self._scored_word(q):
            mask = np.zeros(self.size, dtype=bool)
            mask[columns.postings(q.text)[0]] = True
            return mask
        if isinstance(q, query.Term) and not self._whoosh_scored(q):
            return columns.term_docs(q.fieldname, [q.text])
        if isinstance(q, query.Not):
            return columns.live & ~self.mask(q.query)
        if isinstance(q, query.AndMaybe):
            return self.mask(q.a)
        if isinstance(q, query.AndNot):
            return self.mask(q.a) & ~self.mask(q.b)
        if isinstance(q, query.And):
            return self._all([self.mask(sub) for sub in q.subqueries])
        if isinstance(q, query.Or):
            if len(q.subqueries) > 1 and self._same_field_terms(q.subqueries):
                return self._counts(q)[0]
            return self._any([self.mask(sub) for sub in q.subqueries])
        if isinstance(q, query.ConstantScoreQuery):
            return self.mask(q.child)
        if isinstance(q, query.Every) and q.fieldname is None:
            return columns.live.copy()
        if isinstance(q, query.Every) and q.fieldname in ev.date_fields:
            return columns.dates(q.fieldname) != NO_DATE
        if isinstance(q, query.NumericRange) and self._date_range_query(q):
            return date_range(self.columns, q)
        return self._by_whoosh(q)[0]

    def _all(self, masks: list[np.ndarray]) -> np.ndarray:
        if not masks:
            return np.zeros(self.size, dtype=bool)
        mask = masks[0].copy()
        for other in masks[1:]:
            mask &= other
        return mask

    def _any(self, masks: list[np.ndarray]) -> np.ndarray:
        if not masks:
            return np.zeros(self.size, dtype=bool)
        mask = masks[0].copy()
        for other in masks[1:]:
            mask |= other
        return mask

    # -- step 2: scores at the wanted documents -------------------------------------

    def at(self, q: query.Query, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Whether ``q`` matches each of ``docs``, and its score there (zero where not)."""
        present, scores = self._at(q, docs)
        boost = getattr(q, "boost", 1.0)
        if boost != 1.0 and not isinstance(q, query.Not | Substring | DocumentTest):
            scores = scores * boost
        return present, scores

    def _at(self, q: query.Query, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(q, Substring):
            return self._constant(q, docs, q.score * q.boost)
        if isinstance(q, query.Term) and self._scored_word(q):
            return self._bm25(q.text, docs)
        if isinstance(q, query.ConstantScoreQuery):
            return self._constant(q, docs, q.score)
        if isinstance(q, query.Not):  # Whoosh's InverseMatcher scores 1, whatever the boost
            return self._constant(q, docs, 1.0)
        if isinstance(q, query.AndMaybe):
            present, scores = self.at(q.a, docs)
            return present, np.where(present, scores + self.at(q.b, docs)[1], 0.0)
        if isinstance(q, query.AndNot):
            present, scores = self.at(q.a, docs)
            present = present & ~self.mask(q.b)[docs]
            return present, np.where(present, scores, 0.0)
        if isinstance(q, query.And):
            parts = [self.at(sub, docs) for sub in q.subqueries]
            present = self._all([p for p, _ in parts]) if parts else np.zeros(len(docs), bool)
            total = sum((s for _, s in parts), np.zeros(len(docs)))
            return present, np.where(present, total, 0.0)
        if isinstance(q, query.Or) and not (
            len(q.subqueries) > 1 and self._same_field_terms(q.subqueries)
        ):
            parts = [self.at(sub, docs) for sub in q.subqueries]
            present = self._any([p for p, _ in parts]) if parts else np.zeros(len(docs), bool)
            return present, sum((s for _, s in parts), np.zeros(len(docs)))
        if isinstance(q, query.Or):
            mask, counts = self._counts(q)
            return mask[docs], counts[docs]
        if isinstance(q, NoSuchValue) or q is query.NullQuery or not self._whoosh_scored(q):
            return self._constant(q, docs, 1.0)
        mask, scores = self._by_whoosh(q)
        return mask[docs], scores[docs]

    def _constant(self, q: query.Query, docs: np.ndarray, score: float):
        present = self.mask(q)[docs]
        return present, np.where(present, float(score), 0.0)

    # -- the nodes -------------------------------------------------------------------

    def _scored_word(self, q: query.Term) -> bool:
        weighting = self.ev.searcher.weighting
        return (
            q.fieldname == self.ev.words
            and isinstance(q.text, str)
            and type(weighting) is scoring.BM25F
        )

    def _whoosh_scored(self, q: query.Query) -> bool:
        """Whether ``q`` is left to Whoosh (its scores are Whoosh's)."""
        ev = self.ev
        if isinstance(q, query.Term):
            return not (q.fieldname in ev.term_fields and isinstance(q.text, str))
        if isinstance(q, query.Every):
            return not (q.fieldname is None or q.fieldname in ev.date_fields)
        return not (isinstance(q, query.NumericRange) and self._date_range_query(q))

    def _bm25(self, word: str, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return bm25_at(self.columns, self.ev.searcher.weighting, word, docs)

    def _same_field_terms(self, subqueries) -> bool:
        first = subqueries[0]
        return all(
            type(sub) is query.Term
            and sub.fieldname == first.fieldname
            and sub.fieldname in self.ev.term_fields
            and sub.boost == 1.0
            for sub in subqueries
        )

    def _counts(self, q: query.Or) -> tuple[np.ndarray, np.ndarray]:
        """An ``Or`` of terms of one exact or keyword field: each document scores one
        for each term it holds."""
        key = id(q)
        if key not in self._dense:
            self._keep.append(q)
            self._dense[key] = terms_of_one_field(self.columns, q.subqueries)
        return self._dense[key]

    def _date_range_query(self, q: query.NumericRange) -> bool:
        return q.fieldname in self.ev.date_fields and q.constantscore

    def _by_whoosh(self, q: query.Query) -> tuple[np.ndarray, np.ndarray]:
        """What Whoosh's own search gives (live documents, Whoosh's scores)."""
        key = id(q)
        if key not in self._dense:
            self._keep.append(q)
            mask = np.zeros(self.size, dtype=bool)
            scores = np.zeros(self.size, dtype=np.float64)
            results = self.ev.searcher.search(exact_negations(q), limit=None)
            for score, docnum in results.top_n:
                mask[docnum] = True
                scores[docnum] = score
            self._dense[key] = (mask, scores)
        return self._dense[key]
