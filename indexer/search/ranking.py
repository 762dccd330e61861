"""Final ranking: BM25F scores from Whoosh, a proximity bonus, ties broken by date.

Among the ``RERANK`` best quotes by BM25F (a fixed window, so that pages of one query
never overlap or skip), a query of several needles rewards quotes where they stand
close together: ``PROXIMITY_WEIGHT`` times their proximity, and quotes where they stand
side by side (人类命运共同体 for ``命运 共同体``, even though jieba keeps it as one
word and BM25F sees neither query word in it) rank above every quote where they do not,
however BM25F scored them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

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
    scores = {docnum: score for score, docnum in scored}
    if len(words) > 1:
        head = sorted(scored, key=lambda pair: (-pair[0], -dates[pair[1]], pair[1]))[:RERANK]
        best = max((score for score, _ in head), default=0.0)
        for _, docnum in head:
            text = text_of(docnum)
            present = [w for w in words if w in text]  # OR and synonyms: those it holds
            close = proximity(text, present) if len(present) > 1 else 0.0
            scores[docnum] += PROXIMITY_WEIGHT * close
            if close >= 1.0 and SIDE_BY_SIDE_FIRST:  # above anything not side by side
                scores[docnum] += best + PROXIMITY_WEIGHT
    order = sorted(scores, key=lambda n: (-round(scores[n], 6), -dates[n], n))
    return [(n, scores[n]) for n in order]
