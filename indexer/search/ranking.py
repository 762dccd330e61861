"""Final ranking: BM25F scores from Whoosh, a proximity bonus, ties broken by date."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

#: How many of the best BM25F hits get the proximity bonus, and how much it weighs.
RERANK = 200
PROXIMITY_WEIGHT = 3.0
MAX_SPOTS = 200


def proximity(text: str, words: list[str]) -> float:
    """How closely ``words`` stand together in ``text`` (all normalised): their total
    length over the shortest stretch of text that holds them all, at most 1 (side by
    side), towards 0 as they drift apart, 0 when one is missing."""
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
    wanted: int,
    text_of: Callable[[int], str],
    dates: Sequence[int],
) -> list[tuple[int, float]]:
    """Order ``scored`` ((score, docnum) pairs): the best ``max(RERANK, wanted)`` get
    ``PROXIMITY_WEIGHT`` times the proximity of ``words`` in their normalised text
    (``text_of``) when there are several words; then higher scores first, ties newest
    first (``dates`` by document number), then in index order."""
    scores = {docnum: score for score, docnum in scored}
    if len(words) > 1:
        head = sorted(scored, key=lambda pair: -pair[0])[: max(RERANK, wanted)]
        for _, docnum in head:
            scores[docnum] += PROXIMITY_WEIGHT * proximity(text_of(docnum), words)
    order = sorted(scores, key=lambda n: (-round(scores[n], 6), -dates[n], n))
    return [(n, scores[n]) for n in order]
