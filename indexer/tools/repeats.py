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
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np

from ..analysis.normalize import fold, is_matchable
from ..errors import QuerySyntaxError

#: Code point ranges of Han characters (CJK unified and compatibility ideographs).
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


@cache
def is_han(ch: str) -> bool:
    """A Han character (ideograph), including the ideographic zero 〇."""
    point = ord(ch)
    return point == 0x3007 or any(lo <= point <= hi for lo, hi in HAN_RANGES)


@cache
def is_run_char(ch: str) -> bool:
    """A letter or digit (Han characters are letters): what runs are made of."""
    return unicodedata.category(ch)[0] in "LN"


@dataclass(frozen=True)
class Repeat:
    """A listed repeat: its normalised text, how many texts hold it, how many times it
    occurs (overlapping occurrences included), and which texts (indices into the
    input)."""

    text: str
    quotes: int
    occurrences: int
    texts: tuple[int, ...]


class _Encoded:
    """The normalised texts as one integer array with a separator (0) after each text,
    and per position: its text, the distance to the end of its run (0 outside runs)
    and whether it is a Han character (as running totals)."""

    def __init__(self, texts: Sequence[str]) -> None:
        symbol, chars, source = _folded_symbols(texts)
        matchable = np.fromiter((is_matchable(c) for c in chars), dtype=bool, count=len(chars))
        runs = np.fromiter((is_run_char(c) for c in chars), dtype=bool, count=len(chars))
        han = np.fromiter((is_han(c) for c in chars), dtype=bool, count=len(chars))
        count = len(texts)

        kept = np.flatnonzero(matchable[symbol])  # positions in the folded text
        code = symbol[kept] + 1  # 0 is the separator
        doc = source[kept]
        in_run = runs[symbol[kept]]
        # A run starts at a run character whose predecessor is not its neighbour in the
        # same text's folded text (punctuation was dropped between) or is no run character.
        starts = in_run.copy()
        if len(kept):
            starts[1:] &= (doc[1:] != doc[:-1]) | (kept[1:] != kept[:-1] + 1) | ~in_run[:-1]
        run_rest = np.zeros(len(kept), dtype=np.int64)
        where = np.flatnonzero(in_run)
        if len(where):
            run_of = np.cumsum(starts)[where]
            last = np.r_[run_of[1:] != run_of[:-1], True]
            ends = where[last] + 1  # one past each run, in run order
            run_rest[where] = ends[run_of - 1] - where

        size = len(kept) + count
        at = np.arange(len(kept), dtype=np.int64) + doc  # one separator before each later text
        self.code = np.zeros(size, dtype=np.int32)
        self.code[at] = code
        self.doc = np.empty(size, dtype=np.int64)
        ends_at = np.cumsum(np.bincount(doc, minlength=count) + 1) - 1
        self.doc[ends_at] = np.arange(count)
        self.doc[at] = doc
        self.run_rest = np.zeros(size, dtype=np.int64)
        self.run_rest[at] = run_rest
        # distance to the separator that ends the text
        self.text_rest = ends_at[self.doc] - np.arange(size)
        han_at = np.zeros(size, dtype=np.int64)
        han_at[at] = han[symbol[kept]]
        self.han_before = np.concatenate(([0], np.cumsum(han_at)))
        self.chars = np.array(["", *chars], dtype=object)

    def text(self, start: int, length: int) -> str:
        return "".join(self.chars[self.code[start : start + length]])


def _distinct(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``points`` (code points) in order, and the index of each
    point among them (``np.unique``, in linear time through a table of code points)."""
    if not len(points):
        return points, np.zeros(0, dtype=np.int64)
    seen = np.bincount(points, minlength=int(points.max()) + 1) > 0
    distinct = np.flatnonzero(seen)
    table = np.cumsum(seen) - 1
    return distinct, table[points]


def _folded_symbols(texts: Sequence[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The texts folded character by character (as
    :func:`indexer.analysis.normalize.fold` does) as indices into an alphabet of the
    folded characters, the alphabet in code point order, and the text of each index.
    Each distinct character is folded once; it may fold to several or to none."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    raw = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    source = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    distinct, which = _distinct(raw)
    folds = [fold(chr(int(p))) for p in distinct]
    sizes = np.fromiter((len(f) for f in folds), dtype=np.int64, count=len(folds))
    flat = np.frombuffer("".join(folds).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    alphabet, flat_symbol = np.unique(flat, return_inverse=True)  # a few thousand
    chars = [chr(int(p)) for p in alphabet]
    if np.all(sizes == 1):
        return flat_symbol[which], chars, source
    first = np.cumsum(sizes) - sizes
    each = sizes[which]
    step = np.arange(int(each.sum())) - np.repeat(np.cumsum(each) - each, each)
    return flat_symbol[np.repeat(first[which], each) + step], chars, np.repeat(source, each)


def _suffix_arrays(code: np.ndarray, text_rest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The suffix array and, for each suffix, its common prefix with the one before,
    never counting past the end of a text."""
    from ..index.substrings import divsufsort, kasai  # one OpenMP thread: see there

    sa = divsufsort(code).astype(np.int64)
    after = kasai(code, sa).astype(np.int64)  # lcp of sa[i] and sa[i + 1]
    lcp = np.zeros(len(sa), dtype=np.int64)
    lcp[1:] = np.minimum(after[:-1], text_rest[sa[1:]])
    return sa, lcp


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
    enc = _Encoded(texts)
    if not len(enc.code):
        return []
    sa, lcp = _suffix_arrays(enc.code, enc.text_rest)
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
    alive: _Alive, enc: _Encoded,
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
