"""Repeated strings of a set of texts, found with a suffix array: the engine under
:mod:`indexer.tools.formulations`.

The texts are folded and stripped of punctuation exactly as phrase search sees them
(:func:`indexer.analysis.normalize.normalize`) and joined with a separator into one
array of integers. Its suffix array (``pydivsufsort``, libdivsufsort in C) and LCP
array (Kasai) list every repeated string as a contiguous range of suffixes, so the
number of occurrences of a string is the size of its range and the number of texts
that hold it is the number of distinct texts in the range. A range stays the same
while its string grows one character at a time, until the suffixes in it part or the
string leaves every run; only then is it split (with numpy, all ranges that stop at
the same length together), and only the ranges that can still qualify are kept. Each
range is handled once, so the cost grows with the text and its repeated structure,
never with all n-grams nor with the square of a long repeated run.

A *run* is a maximal stretch of letters and digits (Han characters included) between
punctuation, spaces or symbols in the folded text. A repeat is listed when

* it lies inside a run at one occurrence at least (so it never spans punctuation
  everywhere it occurs), holds a Han character and has at least ``min_length``
  characters;
* at least ``min_quotes`` texts contain it, counted as phrase search counts them
  (a text whose normalised form contains it, across punctuation or not);
* no longer listed repeat that contains it is held by the same texts. Equivalently,
  no repeat one character longer (to the left or the right) has the same texts: any
  longer one with the same texts passes through such a one-character extension.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..errors import QuerySyntaxError
from .repeat_text import Encoded, suffix_arrays


@dataclass(frozen=True)
class Repeat:
    """A listed repeat: its normalised text, how many texts hold it, how many times it
    occurs (overlapping occurrences included), and which texts (indices into the
    input)."""

    text: str
    quotes: int
    occurrences: int
    texts: tuple[int, ...]


def find_repeats(
    texts: Sequence[str], min_length: int = 4, min_quotes: int = 3, top: int | None = None
) -> list[Repeat]:
    """The listed repeats of ``texts`` (see the module), most texts first (then most
    occurrences, longer first, then by text); with ``top``, the first ``top`` of them."""
    if min_length < 1:
        raise QuerySyntaxError("min-length must be at least 1")
    if min_quotes < 2:
        raise QuerySyntaxError("min-quotes must be at least 2 (a repeat occurs in two quotes)")
    if not texts or top == 0:
        return []
    enc = Encoded(texts)
    if not len(enc.code):
        return []
    sa, lcp = suffix_arrays(enc.code, enc.text_rest)
    n = len(sa)
    doc_sa = enc.doc[sa]
    run_rest_sa = enc.run_rest[sa]
    # the previous suffix (in suffix-array order) from the same text, or -1
    small = doc_sa.astype(np.uint16) if len(texts) <= 1 << 16 else doc_sa  # radix sort
    order = np.argsort(small, kind="stable")
    same = doc_sa[order[1:]] == doc_sa[order[:-1]]
    prev_same = np.full(n, -1, dtype=np.int64)
    prev_same[order[1:][same]] = order[:-1][same]

    rank = np.empty(n, dtype=np.int64)
    rank[sa] = np.arange(n)
    alive = _Alive(n)
    listed: list[tuple[np.ndarray, ...]] = []
    joins = lcp >= min_length
    first = _split(
        np.flatnonzero(joins | np.r_[joins[1:], False]),
        lcp, min_length, prev_same, run_rest_sa, min_quotes,
    )  # fmt: skip
    alive.enter(first)
    pool = _Pool()
    pool.add(first)
    while pool:
        # The ranges whose strings stop growing unchanged at ``length`` characters:
        # split them one character later, and keep those strings that qualify.
        length, ranges = pool.pop()
        longer = _split(ranges.members, lcp, length + 1, prev_same, run_rest_sa, min_quotes)
        alive.leave(ranges)
        alive.enter(longer)
        listed.append(_maximal(ranges, longer, length, sa, rank, alive, enc))
        pool.add(longer)

    return _ranked(listed, enc, sa, doc_sa, top)


def _ranked(
    listed: list[tuple[np.ndarray, ...]], enc: Encoded, sa: np.ndarray, doc_sa: np.ndarray,
    top: int | None,
) -> list[Repeat]:  # fmt: skip
    """The listed repeats, most texts first (then most occurrences, longer first, then by
    text); with ``top``, the first ``top`` of them."""
    if not listed:
        return []
    lengths, starts, sizes, quotes = (np.concatenate(parts) for parts in zip(*listed, strict=True))
    order = np.lexsort((-lengths, -sizes, -quotes))
    if top is not None and top < len(order):  # the first top, and any that tie with the last
        key = np.stack([quotes, sizes, lengths])[:, order]
        last = key[:, top - 1 : top]
        order = order[: top + int(np.all(key[:, top:] == last, axis=0).sum())]
    found = sorted(
        (-int(quotes[i]), -int(sizes[i]), -int(lengths[i]),
         enc.text(int(sa[starts[i]]), int(lengths[i])), int(starts[i]))
        for i in order
    )  # fmt: skip
    if top is not None:
        found = found[:top]
    out = []
    for neg_quotes, neg_size, _, text, start in found:
        held = np.unique(doc_sa[start : start - neg_size])
        out.append(Repeat(text, -neg_quotes, -neg_size, tuple(int(d) for d in held)))
    return out


class _Ranges(NamedTuple):
    """Ranges of the suffix array, each the occurrences of one string that can still
    qualify: where each starts, its size (occurrences), how many texts hold it, the
    greatest length up to which it stays the same range (``last``), and the members of
    all of them in suffix-array order."""

    starts: np.ndarray
    sizes: np.ndarray
    quotes: np.ndarray
    last: np.ndarray
    members: np.ndarray


_EMPTY = np.zeros(0, dtype=np.int64)


def _split(
    members: np.ndarray,
    lcp: np.ndarray,
    length: int,
    prev_same: np.ndarray,
    run_rest_sa: np.ndarray,
    min_quotes: int,
) -> _Ranges:
    """The ranges of the strings of ``length`` characters among ``members``
    (suffix-array indices, whole ranges) held by at least ``min_quotes`` texts and inside
    a run somewhere."""
    if not len(members):
        return _Ranges(_EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY)
    breaks = np.ones(len(members), dtype=bool)
    breaks[1:] = (np.diff(members) != 1) | (lcp[members[1:]] < length)
    heads = np.flatnonzero(breaks)
    sizes = np.diff(np.r_[heads, len(members)])
    starts = members[heads]
    segment = np.cumsum(breaks) - 1
    first_of_text = prev_same[members] < starts[segment]
    quotes = np.add.reduceat(first_of_text.astype(np.int64), heads)
    run_max = np.maximum.reduceat(run_rest_sa[members], heads)
    # a range stays the same while every pair of neighbours in it shares the prefix
    joined = np.where(breaks, np.iinfo(np.int64).max, lcp[members])
    last = np.minimum(np.minimum.reduceat(joined, heads), run_max)
    keep = (sizes >= 2) & (quotes >= min_quotes) & (run_max >= length)
    return _Ranges(starts[keep], sizes[keep], quotes[keep], last[keep], members[keep[segment]])


class _Pool:
    """Ranges waiting to be split, grouped by their last length, shortest first."""

    def __init__(self) -> None:
        self._by_length: dict[int, list[_Ranges]] = {}
        self._lengths: list[int] = []

    def __bool__(self) -> bool:
        return bool(self._lengths)

    def add(self, ranges: _Ranges) -> None:
        if not len(ranges.starts):
            return
        order = np.argsort(ranges.last, kind="stable")
        member_last = np.repeat(ranges.last, ranges.sizes)  # members are range by range
        member_order = np.argsort(member_last, kind="stable")
        lengths, firsts = np.unique(ranges.last[order], return_index=True)
        bounds = np.r_[firsts, len(order)]
        member_bounds = np.r_[0, np.cumsum(ranges.sizes[order])[bounds[1:] - 1]]
        for i, length in enumerate(lengths.tolist()):
            pick = order[bounds[i] : bounds[i + 1]]
            members = ranges.members[member_order[member_bounds[i] : member_bounds[i + 1]]]
            group = _Ranges(ranges.starts[pick], ranges.sizes[pick], ranges.quotes[pick],
                            ranges.last[pick], members)  # fmt: skip
            if length not in self._by_length:
                self._by_length[length] = []
                heapq.heappush(self._lengths, length)
            self._by_length[length].append(group)

    def pop(self) -> tuple[int, _Ranges]:
        length = heapq.heappop(self._lengths)
        groups = self._by_length.pop(length)
        starts = np.concatenate([g.starts for g in groups])
        order = np.argsort(starts)
        return length, _Ranges(
            starts[order],
            np.concatenate([g.sizes for g in groups])[order],
            np.concatenate([g.quotes for g in groups])[order],
            np.concatenate([g.last for g in groups])[order],
            np.sort(np.concatenate([g.members for g in groups])),
        )


class _Alive:
    """Which range, waiting or just split off, each suffix belongs to now (its start in
    the suffix array, -1 for none), and how many texts hold each range's string."""

    def __init__(self, size: int) -> None:
        self.start = np.full(size, -1, dtype=np.int64)
        self.quotes = np.zeros(size, dtype=np.int64)

    def enter(self, ranges: _Ranges) -> None:
        self.start[ranges.members] = np.repeat(ranges.starts, ranges.sizes)
        self.quotes[ranges.starts] = ranges.quotes

    def leave(self, ranges: _Ranges) -> None:
        self.start[ranges.members] = -1


def _maximal(
    ranges: _Ranges, longer: _Ranges, length: int, sa: np.ndarray, rank: np.ndarray,
    alive: _Alive, enc: Encoded,
) -> tuple[np.ndarray, ...]:  # fmt: skip
    """The strings of ``ranges`` at ``length`` characters (their last) that hold a Han
    character and that no one-character extension to the left or right that can still
    qualify holds in the same number of texts (a subset of theirs: so the same texts):
    (lengths, starts, sizes, quotes). Their shorter prefixes have the same occurrences
    and runs, so each is extended by its string with the same texts."""
    starts, sizes, quotes = ranges.starts, ranges.sizes, ranges.quotes
    dropped = np.zeros(len(starts), dtype=bool)
    if len(longer.starts):  # right: the range of Fc lies inside the range of F
        parent = np.searchsorted(starts, longer.starts, side="right") - 1
        dropped[parent[longer.quotes == quotes[parent]]] = True
    # left: aF, one character longer, is alive now if it can still qualify; an
    # occurrence of F at p is one of aF at p - 1
    which = np.repeat(np.arange(len(starts)), sizes)
    before = sa[ranges.members] - 1
    real = (before >= 0) & (enc.code[np.maximum(before, 0)] != 0)
    host = alive.start[rank[before[real]]]
    same = (host >= 0) & (alive.quotes[np.maximum(host, 0)] == quotes[which[real]])
    dropped[which[real][same]] = True
    pos = sa[starts]
    han = enc.han_before[pos + length] - enc.han_before[pos] > 0
    keep = ~dropped & han
    return np.full(int(keep.sum()), length), starts[keep], sizes[keep], quotes[keep]
