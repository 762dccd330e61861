"""Exact substring search over the normalised texts of one segment: a suffix array.

The texts are joined into one sequence of UTF-16 code units (big-endian), each text
followed by U+0000, which no normalised text contains, so that no match runs from one
quote into the next. UTF-16 is self-synchronising (a surrogate never equals a BMP
character's unit), so a needle occurs in a text exactly when its code units occur
there at a unit boundary, and comparing big-endian byte strings compares the units.

* ``sa``: the suffix array of the units (libdivsufsort, through ``pydivsufsort``, over
  the bytes; odd byte offsets and the separators dropped), so the suffixes that start
  with a needle are one contiguous range, found by two binary searches;
* ``da``: the *document array*, the text each suffix of ``sa`` belongs to, so the
  quotes holding a needle are ``da[lo:hi]``: one slice, read in C, however many
  candidate quotes there are, where checking candidates one by one costs time per
  candidate.

Both are written once per segment, when the segment is written, and memory-mapped by
searches.

libdivsufsort comes built with OpenMP (libgomp). Once it has run with several threads
in a process, a child forked from that process hangs in its next call (libgomp's
threads are not copied by ``fork``), and builds fork their writer processes:
:func:`divsufsort` runs it on the calling thread only, always."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

SEPARATOR = "\x00"
_ENCODING = "utf-16-be"
#: Lone surrogates (undecodable input kept as it was) encode as themselves.
_ERRORS = "surrogatepass"


def encode(texts: Sequence[str]) -> tuple[bytes, np.ndarray]:
    """The texts as UTF-16-BE bytes, each followed by the separator, and the unit offset
    at which each text starts (one more entry: the end)."""
    pieces = [(text + SEPARATOR).encode(_ENCODING, _ERRORS) for text in texts]
    lengths = np.fromiter((len(p) // 2 for p in pieces), dtype=np.int64, count=len(pieces))
    starts = np.zeros(len(pieces) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    return b"".join(pieces), starts


def encode_needle(needle: str) -> bytes:
    return needle.encode(_ENCODING, _ERRORS)


def doc_dtype(count: int) -> np.dtype:
    """The smallest type that numbers ``count`` texts."""
    return np.dtype(np.uint16) if count <= 0xFFFF else np.dtype(np.int32)


@cache
def _openmp() -> Any:
    """The OpenMP runtime pydivsufsort's libdivsufsort uses (a ``ctypes.CDLL``), if it
    ships one. (ctypes is imported here: searches never need it.)"""
    import ctypes

    import pydivsufsort

    package = Path(pydivsufsort.__file__).parent
    for folder in (package, package.parent / "pydivsufsort.libs", package / ".dylibs"):
        for path in sorted(folder.glob("*omp*")) if folder.is_dir() else []:
            try:
                runtime = ctypes.CDLL(str(path))
            except OSError:
                continue
            if hasattr(runtime, "omp_set_num_threads"):
                return runtime
    return None


def divsufsort(data):
    """``pydivsufsort.divsufsort`` on the calling thread alone (see the module's notes)."""
    from pydivsufsort import divsufsort as sort

    runtime = _openmp()
    if runtime is not None:
        runtime.omp_set_num_threads(1)
    return sort(data)


def kasai(data, sa):
    """``pydivsufsort.kasai`` (the LCP array), on the calling thread alone."""
    from pydivsufsort import kasai as lcp

    runtime = _openmp()
    if runtime is not None:
        runtime.omp_set_num_threads(1)
    return lcp(data, sa)


def suffix_array(data: bytes, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The suffix array of the units of ``data`` that are not separators (unit
    offsets, int32) and the document array (the text of each suffix)."""
    units = len(data) // 2
    count = len(starts) - 1
    if units == 0:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=doc_dtype(count))
    by_byte = divsufsort(data)
    sa = by_byte[(by_byte & 1) == 0] >> 1
    del by_byte
    code = np.frombuffer(data, dtype=">u2")
    sa = sa[code[sa] != 0].astype(np.int32)
    owner = np.repeat(np.arange(count, dtype=np.int64), np.diff(starts))
    return sa, owner[sa].astype(doc_dtype(count))


def find(data, sa: np.ndarray, needle: bytes) -> tuple[int, int]:
    """The range ``[lo, hi)`` of ``sa`` whose suffixes start with ``needle`` (UTF-16-BE
    bytes): two binary searches, comparing bytes of ``data`` (bytes or an mmap)."""
    width = len(needle)
    lo, hi = 0, len(sa)
    while lo < hi:
        mid = (lo + hi) >> 1
        at = int(sa[mid]) << 1
        if data[at : at + width] < needle:
            lo = mid + 1
        else:
            hi = mid
    first, hi = lo, len(sa)
    while lo < hi:
        mid = (lo + hi) >> 1
        at = int(sa[mid]) << 1
        if data[at : at + width] <= needle:
            lo = mid + 1
        else:
            hi = mid
    return first, lo
