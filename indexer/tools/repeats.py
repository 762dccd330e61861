"""Repeated strings of a set of texts, found with a suffix array: the engine under
:mod:`indexer.tools.formulations`.

The texts are folded and stripped of punctuation exactly as phrase search sees them
(:func:`indexer.analysis.normalize.normalize`) and joined with a separator into one
array of integers. Its suffix array (``pydivsufsort``, libdivsufsort in C) and LCP
array (Kasai) list every repeated string as a contiguous range of suffixes, so the
number of occurrences of a string is the size of its range and the number of texts
that hold it is the number of distinct texts in the range. The strings are visited
length by length with numpy, keeping only ranges that can still qualify, so the cost
grows with the text and the repeats in it, never with all n-grams.

A *run* is a maximal stretch of letters and digits (Han characters included) between
punctuation, spaces or symbols in the folded text. A repeat is listed when

* it lies inside a run at one occurrence at least (so it never spans punctuation
  everywhere it occurs), holds a Han character and has at least ``min_length``
  characters;
* at least ``min_texts`` texts contain it, counted as phrase search counts them
  (a text whose normalised form contains it, across punctuation or not);
* no longer listed repeat that contains it is held by the same texts. Equivalently,
  no repeat one character longer (to the left or the right) has the same texts: any
  longer one with the same texts passes through such a one-character extension.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

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
    from pydivsufsort import divsufsort, kasai

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

    listed: list[tuple[np.ndarray, ...]] = []
    length = min_length
    joins = lcp >= length
    members = np.flatnonzero(joins | np.r_[joins[1:], False])
    previous: tuple[np.ndarray, ...] | None = None
    while True:
        level = _level(members, lcp, length, prev_same, run_rest_sa, min_quotes)
        if previous is not None:
            listed.append(_maximal(previous, level, sa, rank, enc, length - 1))
        if not len(level[0]):
            break
        previous, members = level[:3], level[3]
        length += 1

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


def _level(
    members: np.ndarray,
    lcp: np.ndarray,
    length: int,
    prev_same: np.ndarray,
    run_rest_sa: np.ndarray,
    min_quotes: int,
) -> tuple[np.ndarray, ...]:
    """The strings of ``length`` characters among ``members`` (suffix-array indices,
    whole ranges) that can still qualify: (range starts, sizes, texts holding them,
    their members)."""
    empty = np.zeros(0, dtype=np.int64)
    if not len(members):
        return empty, empty, empty, empty
    breaks = np.ones(len(members), dtype=bool)
    breaks[1:] = (np.diff(members) != 1) | (lcp[members[1:]] < length)
    heads = np.flatnonzero(breaks)
    sizes = np.diff(np.r_[heads, len(members)])
    starts = members[heads]
    segment = np.cumsum(breaks) - 1
    first_of_text = prev_same[members] < starts[segment]
    quotes = np.add.reduceat(first_of_text.astype(np.int64), heads)
    inside_run = np.maximum.reduceat(run_rest_sa[members], heads) >= length
    keep = (sizes >= 2) & (quotes >= min_quotes) & inside_run
    return starts[keep], sizes[keep], quotes[keep], members[keep[segment]]


def _maximal(
    level: tuple[np.ndarray, ...],
    longer: tuple[np.ndarray, ...],
    sa: np.ndarray,
    rank: np.ndarray,
    enc: _Encoded,
    length: int,
) -> tuple[np.ndarray, ...]:
    """The strings of ``level`` (``length`` characters) that no one-character extension
    in ``longer`` holds in the same number of texts (a subset of theirs: so the same
    texts), and that hold a Han character: (lengths, starts, sizes, quotes)."""
    starts, sizes, quotes = level
    dropped = np.zeros(len(starts), dtype=bool)
    l_starts, _, l_quotes = longer[:3]
    if len(l_starts):
        # right extensions: the range of Fc lies inside the range of F
        parent = np.searchsorted(starts, l_starts, side="right") - 1
        dropped[parent[l_quotes == quotes[parent]]] = True
        # left extensions: aF at position p, so F at p + 1
        inner = rank[sa[l_starts] + 1]
        host = np.searchsorted(starts, inner, side="right") - 1
        ok = (host >= 0) & (inner < starts[host] + sizes[host])
        dropped[host[ok & (l_quotes == quotes[host])]] = True
    pos = sa[starts]
    han = enc.han_before[pos + length] - enc.han_before[pos] > 0
    keep = ~dropped & han
    return np.full(int(keep.sum()), length), starts[keep], sizes[keep], quotes[keep]
