"""Checksums of a generation's files, recorded in its manifest and checked on reading.

Every file of a generation (Whoosh's segments and table of contents, the segments'
sidecars, the corpus dictionary) is listed in the manifest with its size and SHA-256;
the manifest carries a digest of itself. As Lucene does, opening an index checks what
is cheap to check: that every file is there with its size and nothing else is, and the
checksum of every small file (the table of contents, the corpus dictionary, and at the
seed's size everything); the large files (segments, sidecars) are checked through and
through after a build, by ``yulu index --check``, and whenever a search trips over
something it cannot read, so that the damage is reported by file name."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from .manifest import INDEX_FORMAT, Checksum, Manifest, body_digest

MANIFEST = "manifest.json"
SEGDICT = "segdict.txt"
#: Whoosh's writer lock inside a generation: empty, never read as data.
WHOOSH_LOCK = "MAIN_WRITELOCK"
_CHUNK = 1 << 20
#: Files up to this size are checked against their checksum whenever an index opens.
SMALL_FILE = 1 << 20
#: Generations opened since :func:`forget_opened` (root, generation), for a later
#: check when an unexpected error occurs (see ``indexer.index.access.diagnose``).
opened: list[tuple[Path, Path]] = []


def forget_opened() -> None:
    """Start a new command: earlier opened indexes are not its concern."""
    opened.clear()


class Damaged(Exception):
    """Files of a generation that are not as they were written: one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Incompatible(Exception):
    """A generation written by another version of yulu (the key that differs)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def file_checksum(path: Path) -> Checksum:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        mtime = os.fstat(handle.fileno()).st_mtime_ns
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return Checksum(size, digest.hexdigest(), mtime)


def data_files(generation: Path) -> list[Path]:
    """The files of a generation that its manifest must list."""
    return sorted(
        p for p in generation.iterdir() if p.name not in (MANIFEST, WHOOSH_LOCK) and p.is_file()
    )


def checksums(
    generation: Path, verified: Mapping[str, Checksum] | None = None
) -> dict[str, Checksum]:
    """The checksum of every data file of a freshly written generation. Files listed in
    ``verified`` (hard links to files of the base generation, checked before they were
    linked, which Whoosh never rewrites) keep their checksum when their size agrees."""
    found = {}
    for path in data_files(generation):
        known = (verified or {}).get(path.name)
        info = path.stat()
        if known is not None and known.size == info.st_size:
            found[path.name] = Checksum(known.size, known.sha256, info.st_mtime_ns)
        else:
            found[path.name] = file_checksum(path)
    return found


def load_manifest(generation: Path) -> Manifest:
    """The generation's manifest. Raises :class:`Incompatible` for another format,
    :class:`Damaged` for a manifest that is unreadable or was changed, and
    FileNotFoundError when there is none."""
    raw = (generation / MANIFEST).read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Damaged([f"{MANIFEST}: unreadable"]) from None
    if not isinstance(data, dict):
        raise Damaged([f"{MANIFEST}: unreadable"])
    if data.get("format") != INDEX_FORMAT:
        raise Incompatible("format")
    body = {k: v for k, v in data.items() if k != "digest"}
    if data.get("digest") != body_digest(body):
        raise Damaged([f"{MANIFEST}: changed since it was written (checksum mismatch)"])
    try:
        return Manifest.from_data(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise Damaged([f"{MANIFEST}: unreadable"]) from None


def verify(generation: Path, manifest: Manifest, thorough: bool = True) -> list[str]:
    """What is wrong with the generation's files, one entry a file (empty: nothing).
    Files larger than ``SMALL_FILE`` are checked against their checksum when
    ``thorough``, or when their modification time is not the one recorded when they
    were hashed (their size always). FileNotFoundError when the generation folder
    itself is gone."""
    problems = []
    present = {p.name: p for p in data_files(generation)}
    for name, expected in sorted(manifest.checksums.items()):
        path = present.pop(name, None)
        if path is None:
            problems.append(f"{name}: missing")
            continue
        info = path.stat()
        size = info.st_size
        touched = expected.mtime_ns is not None and info.st_mtime_ns != expected.mtime_ns
        if size < expected.size:
            problems.append(f"{name}: cut short ({size:,} of {expected.size:,} bytes)")
        elif size > expected.size:
            problems.append(f"{name}: longer than written ({size:,} of {expected.size:,} bytes)")
        elif (thorough or touched or size <= SMALL_FILE) and file_checksum(
            path
        ).sha256 != expected.sha256:
            problems.append(f"{name}: contents changed since it was written (checksum mismatch)")
    problems += [f"{name}: not written by yulu (unexpected file)" for name in sorted(present)]
    if SEGDICT not in manifest.checksums:
        problems.append(f"{SEGDICT}: not listed in the manifest")
    return problems
