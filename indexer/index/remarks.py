"""One remark across compilations: which quotes are copies of one another.

Compilations quote one another, whole or cut, with a sentence left out or a word
changed. Quotes are grouped into *remarks* from their normalised text (the matchable
characters, folded: what phrases are matched against) in three steps:

1. shingles: the set of runs of :data:`SHINGLE` characters of each text;
2. candidates: MinHash signatures of :data:`HASHES` hash functions over the shingles,
   cut into bands of :data:`ROWS` values (locality-sensitive hashing): two quotes that
   agree on every value of some band are candidates (with Jaccard similarity J, the
   chance is 1 − (1 − J^ROWS)^(HASHES/ROWS): 0.95 at J = 0.3, above 0.9999 at J = 0.5);
3. the exact check: a quote joins a longer candidate's group when at least
   :data:`CONTAINMENT` of its shingles are in that candidate, and their dates do not
   contradict each other (both dated, spans that do not overlap: the same words said on
   another day are another remark).

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
#: MinHash functions per signature, and values per band of the LSH index.
HASHES = 64
ROWS = 2
#: The share of a shorter quote's shingles that a longer one must hold: a copy cut at
#: either end or with a sentence left out holds all but the few spanning the cut; a
#: different remark that shares a stock phrase (构建人类命运共同体) holds far fewer.
CONTAINMENT = 0.8
#: Texts of fewer normalised characters are never grouped.
MIN_CHARS = 16
_SEED = 21
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


def signatures(sets: Sequence[np.ndarray]) -> np.ndarray:
    """The MinHash signature of each non-empty shingle set: a (len(sets), HASHES)
    array, each column the least value of one hash function ``a·x + b`` (mod 2⁶⁴)."""
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, 2**63, size=HASHES, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=HASHES, dtype=np.uint64)
    if not sets:
        return np.zeros((0, HASHES), dtype=np.uint64)
    flat = np.concatenate(sets)
    starts = np.cumsum([0] + [len(s) for s in sets[:-1]])
    out = np.empty((len(sets), HASHES), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(HASHES):
            out[:, i] = np.minimum.reduceat(flat * a[i] + b[i], starts)
    return out


def candidates(sigs: np.ndarray) -> list[set[int]]:
    """For each signature, the others that agree with it on every value of a band."""
    found: list[set[int]] = [set() for _ in range(len(sigs))]
    with np.errstate(over="ignore"):
        for band in range(0, HASHES, ROWS):
            keys = sigs[:, band]
            for row in range(1, ROWS):
                keys = keys * _MULT + sigs[:, band + row]
            order = np.argsort(keys, kind="stable")
            ordered = keys[order]
            edges = np.flatnonzero(np.diff(ordered)) + 1
            for bucket in np.split(order, edges):
                if len(bucket) > 1:
                    members = bucket.tolist()
                    for m in members:
                        found[m].update(members)
    for i, others in enumerate(found):
        others.discard(i)
    return found


def containment(inner: np.ndarray, outer: np.ndarray) -> float:
    """The share of the shingles of ``inner`` that ``outer`` holds."""
    if len(inner) == 0:
        return 0.0
    return len(np.intersect1d(inner, outer, assume_unique=True)) / len(inner)


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
    usable = [i for i, item in enumerate(items) if len(item.text) >= MIN_CHARS]
    sets = {i: shingles(items[i].text) for i in usable}
    # identical texts of the same dates are one remark before any hashing
    first: dict[tuple, int] = {}
    distinct = []
    for i in usable:
        item = items[i]
        key = (item.text, item.start, item.end)
        if key in first:
            leader[i] = first[key]
        else:
            first[key] = i
            distinct.append(i)
    near = candidates(signatures([sets[i] for i in distinct]))
    order = sorted(
        range(len(distinct)), key=lambda k: (-len(sets[distinct[k]]), items[distinct[k]].key)
    )
    placed: set[int] = set()
    for k in order:
        i = distinct[k]
        best, best_share = None, CONTAINMENT
        for other in sorted(near[k] & placed, key=lambda o: items[distinct[o]].key):
            j = distinct[other]
            if not same_time(items[i], items[j]):
                continue
            share = containment(sets[i], sets[j])
            if share >= best_share and (best is None or share > best_share):
                best, best_share = j, share
        if best is not None:
            leader[i] = leader[best]
        placed.add(k)
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
