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

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
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


def candidates(sets: Sequence[np.ndarray]) -> list[np.ndarray]:
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
        near = held[counts >= need]
        found.append(near[near != i].astype(np.int32))
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
    viable: dict[int, dict[int, float]] = {}
    shares = _Containments(sets)
    dated: dict[int, int] = {}  # per group (its root), its first dated quote
    placed = _Placements(items, kind, len(texts))
    order = sorted((i for i in range(len(items)) if kind[i] >= 0),
                   key=lambda i: (-len(sets[kind[i]]), items[i].key))  # fmt: skip
    for i in order:
        c = kind[i]
        if c not in viable:  # the texts, as long or longer, that hold enough of it
            viable[c] = shares.viable(near[c], c)
        best: tuple[float, str, int] | None = None  # (−share, key, item): the least wins
        for j, share in placed.compatible(i, viable[c]):
            if (best is None or (-share, items[j].key) < best[:2]) and same_time(
                items[i], items[dated.get(_root(leader, j), j)]
            ):
                best = (-share, items[j].key, j)
        if best is not None:
            leader[i] = _root(leader, best[2])
        if items[i].start is not None:  # a group's first dated quote dates it
            dated.setdefault(_root(leader, i), i)
        placed.add(i)
    # every item to its group's root, then each group to its smallest key
    roots = [_root(leader, i) for i in range(len(items))]
    smallest: dict[int, int] = {}
    for i, root in enumerate(roots):
        if root not in smallest or items[i].key < items[smallest[root]].key:
            smallest[root] = i
    return [smallest[root] for root in roots]


class _Containments:
    """The containment of one text in others, all at once: the shingles as dense ids,
    a text's ids marked in a table, the others' looked up in it (a gather, not a search)."""

    def __init__(self, sets: Sequence[np.ndarray]) -> None:
        self.sizes = np.array([len(s) for s in sets], dtype=np.int64)
        distinct = np.unique(np.concatenate(sets)) if sets else np.zeros(0, np.uint64)
        # each text's ids looked up apart: an inverse of every shingle at once would
        # cost three arrays of them all
        self.ids = [np.searchsorted(distinct, s).astype(np.int32) for s in sets]
        self.marked = np.zeros(len(distinct), dtype=bool)

    def viable(self, near: np.ndarray, c: int) -> dict[int, float]:
        """The texts as long as text ``c`` or longer that hold :data:`CONTAINMENT` of
        its shingles (itself included), with the share they hold."""
        size = int(self.sizes[c])
        outer = near[self.sizes[near] >= size]
        if not len(outer) or not size:
            return {c: 1.0}
        lengths = self.sizes[outer]
        flat = np.concatenate([self.ids[d] for d in outer.tolist()])
        offsets = np.zeros(len(outer), dtype=np.int64)
        np.cumsum(lengths[:-1], out=offsets[1:])
        self.marked[self.ids[c]] = True
        try:
            held = np.add.reduceat(self.marked[flat].astype(np.int64), offsets)
        finally:
            self.marked[self.ids[c]] = False
        shares = held / size
        ok = shares >= CONTAINMENT
        return {c: 1.0, **dict(zip(outer[ok].tolist(), shares[ok].tolist(), strict=True))}


#: Spans of dates of at most this many days are indexed under each of their days.
DAY_SPAN = 31


class _Placements:
    """The quotes placed so far, one per text and span of dates (the first placed: the
    quotes of one text are placed in key order), found through their text or through
    their days, whichever holds fewer (a text said on many days, or many texts said on
    one day)."""

    def __init__(self, items: Sequence[Item], kind: list[int], texts: int) -> None:
        self.items, self.kind = items, kind
        self.spans: list[set[tuple]] = [set() for _ in range(texts)]
        self.first: dict[int, int] = {}  # per text, its first quote placed (least key)
        self.undated: dict[int, list[int]] = {}  # per text, its undated quotes
        self.starts: list[list[int]] = [[] for _ in range(texts)]  # per text, by first day
        self.dated: list[list[int]] = [[] for _ in range(texts)]
        self.longest = [0] * texts  # per text, its longest dated span (days)
        self.by_day: dict[int, list[int]] = {}
        self.long: list[int] = []  # dated quotes of spans over DAY_SPAN days

    def add(self, i: int) -> None:
        item, c = self.items[i], self.kind[i]
        span = (item.start, item.end)
        if span in self.spans[c]:
            return
        self.spans[c].add(span)
        self.first.setdefault(c, i)
        if item.start is None:
            self.undated.setdefault(c, []).append(i)
            return
        end = _end(item)
        at = bisect_right(self.starts[c], item.start)
        self.starts[c].insert(at, item.start)
        self.dated[c].insert(at, i)
        self.longest[c] = max(self.longest[c], end - item.start)
        if end - item.start > DAY_SPAN:
            self.long.append(i)
        else:
            for day in range(item.start, end + 1):
                self.by_day.setdefault(day, []).append(i)

    def compatible(self, i: int, shares: dict[int, float]) -> Iterator[tuple[int, float]]:
        """The quotes placed of the texts of ``shares`` whose dates allow them to be one
        remark with item ``i`` (:func:`same_time`), each with its text's share (an
        undated item: the first of each text, as any date allows it)."""
        item = self.items[i]
        if item.start is None:
            yield from ((self.first[d], x) for d, x in shares.items() if d in self.first)
            return
        start, end = item.start, _end(item)
        if self.undated:  # those of no date: any date allows them
            for d in self.undated.keys() & shares.keys():
                yield from ((j, shares[d]) for j in self.undated[d])
        if self._crowd(start, end) <= len(shares):  # through the days
            for day in range(start, end + 1):
                for j in self.by_day.get(day, ()):
                    if self.kind[j] in shares:
                        yield j, shares[self.kind[j]]
            for j in self.long:
                if self.kind[j] in shares and same_time(item, self.items[j]):
                    yield j, shares[self.kind[j]]
            return
        for d, x in shares.items():  # through the texts
            lo = bisect_left(self.starts[d], start - self.longest[d])
            hi = bisect_right(self.starts[d], end)
            for j in self.dated[d][lo:hi]:
                if same_time(item, self.items[j]):
                    yield j, x

    def _crowd(self, start: int, end: int) -> float:
        """How many quotes the days from ``start`` to ``end`` hold (spans over two
        months are not looked up by day)."""
        if end - start >= 2 * DAY_SPAN:
            return float("inf")
        return sum(len(self.by_day.get(d, ())) for d in range(start, end + 1)) + len(self.long)


def _end(item: Item) -> int:
    assert item.start is not None
    return item.end if item.end is not None else item.start


def _root(leader: list[int], i: int) -> int:
    while leader[i] != i:
        leader[i] = leader[leader[i]]
        i = leader[i]
    return i
