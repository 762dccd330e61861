"""The leaves of an evaluated query (:mod:`indexer.search.evaluation`) as array
operations over the sidecars: a word's BM25F at chosen documents, terms of one field,
date ranges."""

from __future__ import annotations

from math import log

import numpy as np
from whoosh import query

from ..index.docvalues import NO_DATE, IndexColumns

#: Below this share of the index, a word's scores are looked up at the wanted documents
#: (binary search in its postings); above it, spread over a whole array and gathered.
_LOOKUP_SHARE = 1 / 16


def bm25_at(
    columns: IndexColumns, weighting, word: str, docs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Whether each of ``docs`` holds ``word`` in the word field, and its BM25F there
    (zero where not), as Whoosh's ``BM25F`` scores it.
    yulu's searchers use Whoosh's default ``BM25F()``, whose ``B`` holds for every
    field."""
    b, k1 = weighting.B, weighting.K1
    posted, tf = columns.postings(word)
    present = np.zeros(len(docs), dtype=bool)
    scores = np.zeros(len(docs), dtype=np.float64)
    if not len(posted) or not len(docs):
        return present, scores
    if len(docs) < columns.size * _LOOKUP_SHARE:
        at = np.minimum(np.searchsorted(posted, docs), len(posted) - 1)
        present = posted[at] == docs
        found, freq = docs[present], tf[at[present]]
    else:
        spread = np.zeros(columns.size, dtype=np.float64)
        spread[posted] = tf
        freq = spread[docs]
        present = freq > 0
        found, freq = docs[present], freq[present]
    count = columns.size  # Whoosh's doc_count_all: deleted documents included
    idf = log(count / (len(posted) + 1)) + 1
    avgfl = (columns.field_length / (count or 1)) or 1
    fl = columns.lengths[found]
    scores[present] = idf * ((freq * (k1 + 1)) / (freq + k1 * ((1 - b) + b * fl / avgfl)))
    return present, scores


def terms_of_one_field(columns: IndexColumns, subqueries) -> tuple[np.ndarray, np.ndarray]:
    """An ``Or`` of terms of one exact or keyword field: whether each document holds
    one, and how many it holds (its score)."""
    field = subqueries[0].fieldname
    column = columns.terms(field)
    known = {v: i for i, v in enumerate(column.values)}
    wanted = np.array([known[t.text] for t in subqueries if t.text in known], np.int64)
    if column.starts is None or column.owners is None:
        held = np.isin(column.ids, wanted) & (column.ids >= 0)
        return held, held.astype(np.float64)
    hits = column.owners[np.isin(column.ids, wanted)]
    counts = np.bincount(hits, minlength=columns.size).astype(np.float64)
    return counts > 0, counts


def date_range(columns: IndexColumns, q: query.NumericRange) -> np.ndarray:
    """Whether each document's date in the field lies in the range."""
    dates = columns.dates(q.fieldname)
    mask = dates != NO_DATE
    if q.start is not None:
        start = np.uint64(q.start)
        mask &= (dates > start) if q.startexcl else (dates >= start)
    if q.end is not None:
        end = np.uint64(q.end)
        mask &= (dates < end) if q.endexcl else (dates <= end)
    return mask
