"""Final ranking: BM25F scores, a proximity bonus, ties broken by date.

Among the ``RERANK`` best quotes by BM25F (a fixed window, so that pages of one query
never overlap or skip), a query of several needles rewards quotes where they stand
close together: ``PROXIMITY_WEIGHT`` times their proximity, and quotes where they stand
side by side (人类命运共同体 for ``命运 共同体``, even though jieba keeps it as one
word and BM25F sees neither query word in it) rank above every quote where they do not,
however BM25F scored them. Then higher scores (rounded to six decimals) first, ties
newest first, then in index order.

Only the quotes that can reach the page asked for are sorted: the window and the page
are found with ``numpy.partition`` (linear in the number of matches), and only they are
ordered, so a page of a query matching 100,000 quotes costs about what its facets do."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

import numpy as np

#: How many of the best BM25F hits get the proximity bonus, and how much it weighs.
RERANK = 200
PROXIMITY_WEIGHT = 3.0
#: Whether quotes holding the needles side by side rank above all others in the window.
SIDE_BY_SIDE_FIRST = True
MAX_SPOTS = 200


def proximity(text: str, words: list[str]) -> float:
    """How closely ``words`` stand together in ``text`` (all normalised): their total
    length over the shortest stretch of text that holds them all, at most 1 (side by
    side), towards 0 as they drift apart, 0 when one is missing or none is given."""
    starts: list[list[int]] = []
    for word in words:
        found, at = [], text.find(word)
        while at != -1 and len(found) < MAX_SPOTS:
            found.append(at)
            at = text.find(word, at + 1)
        if not found:
            return 0.0
        starts.append(found)
    best = len(text) + 1
    for i, word in enumerate(words):
        for start in starts[i]:  # the window opens with this occurrence
            end = start + len(word)
            for j, other in enumerate(words):
                k = bisect_left(starts[j], start)
                if k == len(starts[j]):
                    end = len(text) + start + 1
                    break
                end = max(end, starts[j][k] + len(other))
            best = min(best, end - start)
    return min(1.0, sum(len(w) for w in words) / best) if best <= len(text) else 0.0


def rank(
    scored: list[tuple[float, int]],
    words: list[str],
    text_of: Callable[[int], str],
    dates: Sequence[int],
) -> list[tuple[int, float]]:
    """Order ``scored`` ((score, docnum) pairs): the best ``RERANK`` (a fixed window,
    whatever page is asked for) get ``PROXIMITY_WEIGHT`` times the proximity of the
    ``words`` their normalised text (``text_of``) holds, when it holds several, plus the
    window's best score and ``PROXIMITY_WEIGHT`` when they stand side by side; then
    higher scores first, ties newest first (``dates`` by document number), then in
    index order."""
    docs = np.array([n for _, n in scored], dtype=np.int64)
    scores = np.array([s for s, _ in scored], dtype=np.float64)
    order = np.argsort(docs, kind="stable")
    docs, scores = docs[order], scores[order]
    days = np.array([dates[n] for n in docs.tolist()], dtype=np.uint64)
    return ranked(docs, scores, days, words, text_of)


def ranked(
    docs: np.ndarray,
    scores: np.ndarray,
    dates: np.ndarray,
    words: list[str],
    text_of: Callable[[int], str],
    stop: int | None = None,
) -> list[tuple[int, float]]:
    """The first ``stop`` (default: all) of ``docs`` (ascending document numbers) in
    the order :func:`rank` gives, with their final scores; ``scores`` and ``dates``
    (uint64, later is larger) are per entry of ``docs``."""
    scores = scores.astype(np.float64, copy=True)
    if len(words) > 1 and len(docs):
        window = top(scores, dates, RERANK)
        best = float(scores[window].max())
        for at in window.tolist():
            text = text_of(int(docs[at]))
            present = [w for w in words if w in text]  # OR and synonyms: those it holds
            close = proximity(text, present) if len(present) > 1 else 0.0
            scores[at] += PROXIMITY_WEIGHT * close
            if close >= 1.0 and SIDE_BY_SIDE_FIRST:  # above anything not side by side
                scores[at] += best + PROXIMITY_WEIGHT
    chosen = top(np.round(scores, 6), dates, len(docs) if stop is None else stop)
    return list(zip(docs[chosen].tolist(), scores[chosen].tolist(), strict=True))


def top(primary: np.ndarray, dates: np.ndarray, count: int) -> np.ndarray:
    """The positions of the ``count`` best entries, best first: higher ``primary``
    first, then later ``dates``, then earlier positions. Linear in the number of
    entries, plus the sort of the ``count`` chosen."""
    size = len(primary)
    if count <= 0 or size == 0:
        return np.zeros(0, dtype=np.int64)
    if count < size:
        chosen = _best(primary, count)
        ties = chosen[1]
        need = count - len(chosen[0])
        if len(ties) > need:
            dated = dates[ties]
            newer, same = _best(dated, need, ties)
            ties = np.concatenate([newer, same[: need - len(newer)]])
        picked = np.concatenate([chosen[0], ties])
    else:
        picked = np.arange(size)
    order = np.lexsort((picked, ~dates[picked], -primary[picked]))
    return picked[order]


def _best(
    values: np.ndarray, count: int, positions: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The positions (``positions[i]`` for ``values[i]``; default ``i``) whose value is
    above the ``count``-th largest, and those whose value equals it, in order."""
    pivot = np.partition(values, len(values) - count)[len(values) - count]
    if positions is None:
        positions = np.arange(len(values))
    return positions[values > pivot], positions[values == pivot]
