"""The texts :mod:`indexer.tools.repeats` searches, as one integer array: folded and
stripped of punctuation exactly as phrase search sees them
(:func:`indexer.analysis.normalize.normalize`), joined with a separator, with what the
search needs per position (its text, the rest of its run, Han characters so far); and
that array's suffix array and LCP array."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

import numpy as np

from ..analysis.normalize import fold, is_matchable

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


class Encoded:
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


def suffix_arrays(code: np.ndarray, text_rest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The suffix array and, for each suffix, its common prefix with the one before,
    never counting past the end of a text."""
    from ..index.substrings import divsufsort, kasai  # one OpenMP thread: see there

    sa = divsufsort(code).astype(np.int64)
    after = kasai(code, sa).astype(np.int64)  # lcp of sa[i] and sa[i + 1]
    lcp = np.zeros(len(sa), dtype=np.int64)
    lcp[1:] = np.minimum(after[:-1], text_rest[sa[1:]])
    return sa, lcp
