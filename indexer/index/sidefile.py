"""The sidecar file: one header (JSON, with a CRC) and aligned arrays, memory-mapped by
searches, so that opening it costs a header whatever the segment's size; and the packed
string lists it stores. What a sidecar holds is :mod:`indexer.index.sidecar`'s to say;
:mod:`indexer.index.sidebuilder` writes them."""

from __future__ import annotations

import contextlib
import json
import mmap
import struct
import zlib
from collections.abc import Sequence
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"YULUSIDE"
#: Bump when the layout or the contents of a sidecar change.
SIDECAR_FORMAT = 2
EXTENSION = ".side"
_PREFIX = struct.Struct("<8sIII")  # magic, format, header length, header CRC-32
_ALIGN = 64


class SidecarError(Exception):
    """A sidecar file that is not as yulu writes them."""


def sidecar_name(segment_id: str) -> str:
    """The sidecar of the segment ``MAIN_<id>``."""
    return f"{segment_id}{EXTENSION}"


_UNSIGNED = (np.uint8, np.uint16, np.uint32, np.uint64)
_SIGNED = (np.int8, np.int16, np.int32, np.int64)


def narrow(values: np.ndarray) -> np.ndarray:
    """Integers in the narrowest type that holds their range (signed when any is
    negative): a sidecar's ids, offsets and counts take the bytes their values need.
    Readers widen what they compute with (numpy keeps a narrow type in arithmetic)."""
    values = np.asarray(values)
    if values.size == 0:
        return values.astype(np.int8)
    low, high = int(values.min()), int(values.max())
    for kind in _SIGNED if low < 0 else _UNSIGNED:
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            return values.astype(kind)
    return values  # (beyond 64 bits: never, for counts of a segment)


# -- strings ------------------------------------------------------------------------


def pack_strings(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """UTF-8 strings as one byte array and the offsets of each (one more: the end)."""
    encoded = [s.encode("utf-8", "surrogatepass") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


class Strings:
    """A list of strings stored as :func:`pack_strings` gives them; sorted lists can be
    searched without decoding them all."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self._blob, self._offsets = blob, offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def raw(self, i: int) -> bytes:
        return self._blob[self._offsets[i] : self._offsets[i + 1]].tobytes()

    def __getitem__(self, i: int) -> str:
        return self.raw(i).decode("utf-8", "surrogatepass")

    @cached_property
    def all(self) -> list[str]:
        text = self._blob.tobytes()
        cuts = self._offsets.tolist()
        return [text[a:b].decode("utf-8", "surrogatepass") for a, b in pairwise(cuts)]

    def index(self, value: str) -> int | None:
        """The position of ``value`` in a list sorted by UTF-8 bytes, or None."""
        key = value.encode("utf-8", "surrogatepass")
        lo, hi = 0, len(self)
        while lo < hi:
            mid = (lo + hi) >> 1
            if self.raw(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self) and self.raw(lo) == key else None


# -- the file -----------------------------------------------------------------------


def write_sidecar(handle, header: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    """Write the arrays and the header to the open binary file ``handle``."""
    layout: dict[str, Any] = {}
    offset = 0
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        arrays[name] = array
        layout[name] = [offset, array.dtype.str, list(array.shape)]
        offset += -(-array.nbytes // _ALIGN) * _ALIGN
    body = json.dumps({**header, "arrays": layout}, ensure_ascii=False).encode("utf-8")
    head = _PREFIX.pack(MAGIC, SIDECAR_FORMAT, len(body), zlib.crc32(body)) + body
    head += b"\0" * (-len(head) % _ALIGN)
    handle.write(head)
    for array in arrays.values():
        if array.nbytes:
            handle.write(memoryview(array).cast("B"))
        pad = -array.nbytes % _ALIGN
        if pad:
            handle.write(b"\0" * pad)


class SideFile:
    """A sidecar file, memory-mapped: its header and its arrays (read-only views)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            if size < _PREFIX.size:
                raise SidecarError(f"{path.name}: cut short")
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        magic, version, length, crc = _PREFIX.unpack_from(self._map, 0)
        if magic != MAGIC:
            raise SidecarError(f"{path.name}: not a sidecar")
        if version != SIDECAR_FORMAT:
            raise SidecarError(f"{path.name}: sidecar format {version}")
        body = self._map[_PREFIX.size : _PREFIX.size + length]
        if len(body) != length or zlib.crc32(body) != crc:
            raise SidecarError(f"{path.name}: header damaged")
        self.header = json.loads(body)
        self._base = -(-(_PREFIX.size + length) // _ALIGN) * _ALIGN
        for name, (offset, dtype, shape) in self.header["arrays"].items():
            end = self._base + offset + np.dtype(dtype).itemsize * int(np.prod(shape))
            if end > size:
                raise SidecarError(f"{path.name}: cut short (array {name})")

    def array(self, name: str) -> np.ndarray:
        offset, dtype, shape = self.header["arrays"][name]
        count = int(np.prod(shape))
        return np.frombuffer(
            self._map, dtype=np.dtype(dtype), count=count, offset=self._base + offset
        ).reshape(shape)

    def has(self, name: str) -> bool:
        return name in self.header["arrays"]

    def strings(self, name: str) -> Strings:
        return Strings(self.array(f"{name}.blob"), self.array(f"{name}.offsets"))

    def text_window(self) -> tuple[mmap.mmap, int]:
        """The mapped file and the byte offset of the texts in it (for :func:`find`)."""
        return self._map, self._base + self.header["arrays"]["text"][0]

    def close(self) -> None:
        """Unmap the file (left to the garbage collector while arrays still use it)."""
        with contextlib.suppress(BufferError):
            self._map.close()
