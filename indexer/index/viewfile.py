"""Whoosh's files inside a compound segment, read in place.

A Whoosh segment (``MAIN_<id>.seg``) is one compound file, memory-mapped; each file in
it (postings, stored fields, columns) is opened as a ``BufferFile``, which wraps its
slice of the map in an ``io.BytesIO``, and ``BytesIO`` copies what it is given. So
opening a reader copied the segment's stored fields and postings into memory, on every
open: 0.13 s of a search from the command line at 125,000 quotes, growing with the
index. :class:`ViewFile` is the same file over the slice itself, read without copying
it; :func:`install` makes every ``BufferFile`` of the process use it (one place, as
for the per-document reader's fix in :mod:`indexer.index.writer`)."""

from __future__ import annotations

from typing import Any

from whoosh.filedb import structfile


class ViewFile:
    """A read-only binary file over a buffer (a memoryview), without a copy of it."""

    __slots__ = ("_buf", "_pos")

    def __init__(self, buf: Any) -> None:
        self._buf = memoryview(buf).cast("B") if not isinstance(buf, bytes) else buf
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        start, length = self._pos, len(self._buf)
        end = length if size is None or size < 0 else min(start + size, length)
        self._pos = max(end, start)
        return bytes(self._buf[start:end])

    def readline(self, size: int | None = -1) -> bytes:
        start, length = self._pos, len(self._buf)
        limit = length if size is None or size < 0 else min(start + size, length)
        end = start
        while end < limit:
            end += 1
            if self._buf[end - 1] == 0x0A:
                break
        self._pos = end
        return bytes(self._buf[start:end])

    def readinto(self, target: Any) -> int:
        data = self.read(len(memoryview(target)))
        memoryview(target).cast("B")[: len(data)] = data
        return len(data)

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 0 and offset < 0:
            raise ValueError(f"negative seek value {offset}")
        base = (0, self._pos, len(self._buf))[whence]
        self._pos = max(base + offset, 0)  # as BytesIO: relative seeks stop at the start
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        pass


def _buffer_file_init(self: Any, buf: Any, name: str | None = None, onclose: Any = None) -> None:
    """``BufferFile.__init__`` with :class:`ViewFile` in place of ``BytesIO(buf)``."""
    self._buf = buf
    self._name = name
    self.file = ViewFile(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def install() -> None:
    """Make Whoosh's ``BufferFile`` read its buffer in place (idempotent)."""
    structfile.BufferFile.__init__ = _buffer_file_init  # type: ignore[method-assign]
