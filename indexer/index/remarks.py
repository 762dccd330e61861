"""One remark across compilations: which quotes are copies of one another.

Compilations quote one another, whole or cut, with a sentence left out or a word
changed. Quotes are grouped into *remarks* from their normalised text (the matchable
characters, folded: what phrases are matched against) in three steps:

1. shingles: the set of runs of :data:`SHINGLE` characters of each text;
2. candidates: each text's sketch, its :data:`SKETCH` least shingle hashes (a bottom-k
   MinHash sketch, which estimates containment where banded MinHash estimates Jaccard
   similarity, and so finds a short excerpt of a long speech), looked up in an inverted
   index of every text's shingles: the texts that hold at least :data:`SKETCH_HITS` of
   them are candidates;
3. the exact check: a quote joins a longer candidate's group when at least
   :data:`CONTAINMENT` of its shingles are in that candidate, and their dates do not
   contradict each other, nor those of the group's first dated quote (both dated, spans
   that do not overlap: the same words said on another day are another remark).

Quotes are taken longest first, so that each quote is checked against the longer
quotes already placed; it joins the group of the candidate that contains most of it.
Texts shorter than :data:`MIN_CHARS` characters stay alone (a slogan repeated is not
one remark). A remark's id is the smallest quote id of its group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Characters per shingle (a Chinese word is one to four characters: five spans one
#: word and part of the next, so shared stock phrases give few shared shingles).
SHINGLE = 5
#: Shingles per sketch: a text's least shingle hashes, a uniform sample of its
#: shingles that is the same sample in every text that holds them (bottom-k MinHash).
SKETCH = 32
#: Sketch shingles another text must hold to be checked: a text that holds 80 % of the
#: shingles is missed with a chance of 3 in 100,000 (binomial), one that holds 30 % is
#: checked with a chance of 1.4 % (50 %: 57 %).
SKETCH_HITS = 16
#: The share of a shorter quote's shingles that a longer one must hold: a copy cut at
#: either end or with a sentence left out holds all but the few spanning the cut; a
#: different remark that shares a stock phrase (构建人类命运共同体) holds far fewer.
CONTAINMENT = 0.8
#: Texts of fewer normalised characters are never grouped.
MIN_CHARS = 16
#: Shingle sets read into the inverted index at a time.
CHUNK = 4096
_MULT = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class Item:
    """One quote to group: its id, its normalised text and its dates (day ordinals,
    None when undated)."""

    key: str
    text: str
    start: int | None = None
    end: int | None = None


def shingles(text: str) -> np.ndarray:
    """The distinct runs of :data:`SHINGLE` characters of ``text``, hashed to 64 bits
    (sorted); a text shorter than that is one shingle."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) == 0:
        return np.zeros(0, dtype=np.uint64)
    width = min(SHINGLE, len(codes))
    count = len(codes) - width + 1
    hashed = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(width):
            hashed = hashed * _MULT + codes[j : j + count]
        hashed ^= hashed >> np.uint64(29)
        hashed *= _MULT
    return np.unique(hashed)


def candidates(sets: Sequence[np.ndarray]) -> list[set[int]]:
    """For each shingle set (sorted), the other sets that hold at least
    :data:`SKETCH_HITS` of the :data:`SKETCH` shingles of its sketch (its least hashes),
    found through an inverted index of the shingles that some sketch holds (no other
    shingle is ever looked up), built :data:`CHUNK` sets at a time so that its memory is
    that of the sketches' shingles, not of every shingle of the corpus."""
    if not sets:
        return []
    wanted = np.unique(np.concatenate([s[:SKETCH] for s in sets]))
    flats, holders = [], []
    for start in range(0, len(sets), CHUNK):
        part = sets[start : start + CHUNK]
        flat = np.concatenate(part)
        at = np.minimum(np.searchsorted(wanted, flat), len(wanted) - 1)
        kept = wanted[at] == flat
        owners = np.repeat(np.arange(start, start + len(part), dtype=np.int32),
                           [len(s) for s in part])  # fmt: skip
        flats.append(flat[kept])
        holders.append(owners[kept])
    flat, owners = np.concatenate(flats), np.concatenate(holders)
    order = np.argsort(flat, kind="stable")
    flat, owners = flat[order], owners[order]
    found = []
    for i, shingled in enumerate(sets):
        sketch = shingled[:SKETCH]
        lows = np.searchsorted(flat, sketch, "left").tolist()
        highs = np.searchsorted(flat, sketch, "right").tolist()
        holders = np.concatenate([owners[lo:hi] for lo, hi in zip(lows, highs, strict=True)])
        held, counts = np.unique(holders, return_counts=True)
        need = -(-SKETCH_HITS * len(sketch) // SKETCH)  # the same share of a short sketch
        near = set(held[counts >= need].tolist())
        near.discard(i)
        found.append(near)
    return found


def containment(inner: np.ndarray, outer: np.ndarray) -> float:
    """The share of the shingles of ``inner`` that ``outer`` holds (both sorted)."""
    if len(inner) == 0 or len(outer) == 0:
        return 0.0
    at = np.minimum(np.searchsorted(outer, inner), len(outer) - 1)
    return int(np.count_nonzero(outer[at] == inner)) / len(inner)


def same_time(a: Item, b: Item) -> bool:
    """Whether two quotes' dates allow them to be one remark (either undated, or spans
    that overlap)."""
    if a.start is None or b.start is None:
        return True
    return a.start <= (b.end if b.end is not None else b.start) and b.start <= (
        a.end if a.end is not None else a.start
    )


def group(items: Sequence[Item]) -> list[int]:
    """For each item, the index of the item with the smallest key in its remark."""
    leader = list(range(len(items)))
    # quotes of one text are hashed and compared once (a text said on several days is
    # one text of several remarks)
    texts: dict[str, int] = {}
    kind = [texts.setdefault(item.text, len(texts)) if len(item.text) >= MIN_CHARS else -1
            for item in items]  # fmt: skip
    sets = [shingles(text) for text in texts]
    near = candidates(sets)
    viable: dict[int, list[tuple[float, int]]] = {}
    dated: dict[int, int] = {}  # per group (its root), its first dated quote
    # per text, the quotes placed so far: per span of dates, the one of smallest key
    placed: list[dict[tuple, int]] = [{} for _ in texts]
    order = sorted((i for i in range(len(items)) if kind[i] >= 0),
                   key=lambda i: (-len(sets[kind[i]]), items[i].key))  # fmt: skip
    for i in order:
        c = kind[i]
        if c not in viable:  # the texts, as long or longer, that hold enough of it
            size = len(sets[c])
            shares = [(containment(sets[c], sets[d]), d) for d in near[c] if len(sets[d]) >= size]
            viable[c] = [(1.0, c), *((x, d) for x, d in shares if x >= CONTAINMENT)]
        best: tuple[float, str, int] | None = None  # (−share, key, item): the least wins
        for share, d in viable[c]:
            for j in placed[d].values():
                if (
                    (best is None or (-share, items[j].key) < best[:2])
                    and same_time(items[i], items[j])
                    and same_time(items[i], items[dated.get(_root(leader, j), j)])
                ):
                    best = (-share, items[j].key, j)
        if best is not None:
            leader[i] = _root(leader, best[2])
        if items[i].start is not None:  # a group's first dated quote dates it
            dated.setdefault(_root(leader, i), i)
        span = (items[i].start, items[i].end)
        if span not in placed[c]:
            placed[c][span] = i
    # every item to its group's root, then each group to its smallest key
    roots = [_root(leader, i) for i in range(len(items))]
    smallest: dict[int, int] = {}
    for i, root in enumerate(roots):
        if root not in smallest or items[i].key < items[smallest[root]].key:
            smallest[root] = i
    return [smallest[root] for root in roots]


def _root(leader: list[int], i: int) -> int:
    while leader[i] != i:
        leader[i] = leader[leader[i]]
        i = leader[i]
    return i
