"""jieba's full dictionary for cutting query words, without jieba's load time.

jieba keeps its dictionary in a ``dict`` (``Tokenizer.FREQ``: every word with its
frequency, every prefix of a word with 0) and reads it from a marshal cache or from the
text dictionary, which costs the better part of a second on every process start. It
only ever asks that mapping three things: ``word in FREQ``, ``FREQ[word]`` and
``FREQ.get(word)``, and only for substrings of the sentence it cuts.

:class:`MappedDictionary` answers those three questions from a file of sorted words,
memory-mapped and searched by bisection: opening it costs microseconds, and a query of
twenty characters asks it about a hundred questions. The file is written once from the
loaded full dictionary (so it holds exactly jieba's ``FREQ`` and ``total``) and named by
a key of the dictionaries it was made from.

File layout (little-endian)::

    MAGIC  count:u64  total:u64  blob_size:u64
    offsets: (count + 1) x u64   into the blob; word i is blob[offsets[i]:offsets[i + 1]]
    freqs:   count x i64
    blob:    the words, UTF-8, sorted by their bytes (which is code point order)
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path

MAGIC = b"yulu-dict 1\n"
#: How many answers a dictionary remembers before it starts afresh.
MEMO_LIMIT = 100_000
_HEADER = struct.Struct("<QQQ")


class DictionaryFileError(ValueError):
    """The file is not a complete dictionary written by :func:`write_dictionary`."""


def write_dictionary(path: Path, freq: Mapping[str, int], total: int) -> None:
    """Write ``freq`` (jieba's FREQ) and ``total`` to ``path`` atomically: a temporary
    file beside it, then one rename, so concurrent readers see all of it or nothing."""
    if sys.byteorder != "little":
        raise DictionaryFileError("mapped dictionaries are written on little-endian machines")
    encoded = sorted((word.encode("utf-8"), count) for word, count in freq.items())
    offsets = [0]
    for word, _ in encoded:
        offsets.append(offsets[-1] + len(word))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(MAGIC)
            out.write(_HEADER.pack(len(encoded), total, offsets[-1]))
            out.write(array("Q", offsets).tobytes())
            out.write(array("q", (count for _, count in encoded)).tobytes())
            out.write(b"".join(word for word, _ in encoded))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class MappedDictionary(Mapping[str, int]):
    """A read-only word -> frequency mapping over a file written by
    :func:`write_dictionary` (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < len(MAGIC) + _HEADER.size:
                raise DictionaryFileError(f"{path}: too short")
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[: len(MAGIC)] != MAGIC or sys.byteorder != "little":
            raise DictionaryFileError(f"{path}: not a yulu dictionary")
        count, self.total, blob_size = _HEADER.unpack_from(self._map, len(MAGIC))
        start = len(MAGIC) + _HEADER.size
        freqs_at = start + 8 * (count + 1)
        blob_at = freqs_at + 8 * count
        if size != blob_at + blob_size:
            raise DictionaryFileError(f"{path}: incomplete")
        view = memoryview(self._map)
        self._offsets = view[start:freqs_at].cast("Q")
        self._freqs = view[freqs_at:blob_at].cast("q")
        self._blob_at = blob_at
        self._count = count
        self._memo: dict[str, int] = {}  # jieba asks about the same substrings again

    def _word(self, index: int) -> bytes:
        at = self._blob_at
        return self._map[at + self._offsets[index] : at + self._offsets[index + 1]]

    def _find(self, word: str) -> int:
        """The word's index, or -1 (remembered: a process asks about few substrings)."""
        found = self._memo.get(word)
        if found is None:
            key = word.encode("utf-8")
            low, high = 0, self._count
            while low < high:
                middle = (low + high) // 2
                if self._word(middle) < key:
                    low = middle + 1
                else:
                    high = middle
            found = low if low < self._count and self._word(low) == key else -1
            if len(self._memo) > MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = found
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) >= 0

    def __getitem__(self, word: str) -> int:
        index = self._find(word) if isinstance(word, str) else -1
        if index < 0:
            raise KeyError(word)
        return self._freqs[index]

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        index = self._find(word)
        return self._freqs[index] if index >= 0 else default

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        for index in range(self._count):
            yield self._word(index).decode("utf-8")
