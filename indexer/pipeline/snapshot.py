"""A document as a build reads it: once, its fingerprint taken from the very bytes that
are parsed, so that an edit saved while a build runs is never taken for indexed.

A document that changed while it was read or parsed (its size or modification time, or
its metadata file's bytes, differ after the parse from before) is recorded with no
fingerprint, so the next build reads it again. So is one modified in the last two
seconds, whose next edit could keep the same size and modification time (git's "racy"
entries): the next build hashes it, and re-indexes it only if its bytes differ."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from ..documents.formats import reader_for
from ..documents.metadata import Metadata, metadata_path, read_metadata
from ..documents.sources import Document, file_state
from ..errors import CorpusFormatError
from ..index.manifest import FileEntry

#: A modification this recent may be followed by another in the same clock tick.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Snapshot:
    """A document and its metadata as read, with the state and bytes they were read in."""

    path: Path
    document: Document
    metadata: Metadata | None
    #: the document's size and modification time (of it or its metadata) before reading
    state: tuple[int, int]
    sha256: str
    metadata_bytes: bytes | None

    def settle(self) -> tuple[FileEntry, bool]:
        """What the manifest records of the document once it is parsed, and whether it
        (or its metadata file) changed since it was read: then with no fingerprint."""
        try:
            now = file_state(self.path)
        except OSError:
            now = None
        changed = now != self.state or _bytes(metadata_path(self.path)) != self.metadata_bytes
        size, mtime = self.state
        if changed or time.time_ns() - mtime < RACY_NS:
            mtime = 0  # the next build compares the bytes, not the clock
        return FileEntry("" if changed else self.sha256, size, mtime), changed


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CorpusFormatError(f"{path}: cannot read: {exc.strerror}") from None


def read_document(path: Path, raw: bytes) -> Document:
    """The document ``path`` from its bytes ``raw``, read as its format is read."""
    reader = reader_for(path.suffix)
    if reader is None:
        raise CorpusFormatError(f"{path}: not a format yulu reads")
    reading = reader.read(raw, path.name)
    return Document(path, reading.lines, reading.encoding, tuple(reading.diagnostics))


def take(path: Path) -> Snapshot:
    """Read ``path`` and its metadata file once, read the document from those bytes,
    and fingerprint them as :func:`indexer.documents.sources.fingerprint` does."""
    try:
        before = file_state(path)
    except OSError as exc:
        raise CorpusFormatError(f"{path}: cannot read: {exc.strerror}") from None
    raw = _bytes(path)
    if raw is None:
        raise CorpusFormatError(f"{path}: cannot read: the file was removed while indexing")
    meta = metadata_path(path)
    meta_raw = _bytes(meta)
    document = read_document(path, raw)
    metadata = read_metadata(meta)  # read again: settle() compares the bytes
    digest = hashlib.sha256(raw)
    if meta_raw is not None:
        digest.update(b"\0" + meta_raw)
    return Snapshot(path, document, metadata, before, digest.hexdigest(), meta_raw)
