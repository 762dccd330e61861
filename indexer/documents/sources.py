"""Documents on disk: finding them, and reading each, whatever its format, into lines.

The formats and their readers are in :mod:`.formats`; this module picks the reader by
the file's suffix."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..errors import CorpusFormatError
from ..records.quotes import Diagnostic, Line
from .formats import SUPPORTED, reader_for, supported_list
from .formats.plain import decode, text_lines
from .metadata import metadata_path

__all__ = [
    "SUPPORTED",
    "Document",
    "decode",
    "document_paths",
    "document_states",
    "file_state",
    "fingerprint",
    "load_document",
    "text_lines",
]


@dataclass(frozen=True)
class Document:
    """A document read from disk: its lines ready for the parser (a line of a text file,
    a paragraph of a Word document, a line of a web page's article), the encoding used,
    and what was noticed while reading it."""

    path: Path
    lines: tuple[Line, ...]
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()
    left_out: tuple[str, ...] = ()  # a web page's menus, sidebars and footer, as furniture

    @property
    def name(self) -> str:
        return self.path.name


def is_supported(path: Path) -> bool:
    """Whether ``path`` names a document yulu reads (by its suffix, in any case)."""
    return _supported_name(path.name)


def _unsupported(path: Path) -> CorpusFormatError:
    kind = f"a {path.suffix} file" if path.suffix else "a file without a suffix"
    return CorpusFormatError(
        f"{path}: {kind} is not a format yulu reads; save it as one of {supported_list()}"
    )


def load_document(path: Path) -> Document:
    """Read a document's lines with the reader for its format."""
    reader = reader_for(path.suffix)
    if reader is None:
        raise _unsupported(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusFormatError(f"{path}: cannot read: {exc.strerror}") from None
    reading = reader.read(raw, path.name)
    return Document(
        path, reading.lines, reading.encoding, tuple(reading.diagnostics), reading.left_out
    )


def _is_document_entry(entry: os.DirEntry) -> bool:
    """A supported file of a folder, not a hidden file or a Word lock file (``~$…``)."""
    name = entry.name
    return _supported_name(name) and not name.startswith((".", "~$")) and entry.is_file()


def _supported_name(name: str) -> bool:
    """Whether a file name's suffix (as :attr:`Path.suffix` reads it) is a format yulu
    reads, in any case: without building a path, for every entry of a folder."""
    dot = name.rfind(".")
    return 0 < dot < len(name) - 1 and name[dot:].lower() in SUPPORTED


class _Found(NamedTuple):
    """A document as a corpus path names it: ``key`` its resolved path (each document
    once), ``path`` as given (built only when asked for); for a document found in a
    folder, its directory entry and the folder's entries by name (where its metadata
    file is looked up)."""

    key: str
    folder: Path
    name: str
    entry: os.DirEntry | None = None
    siblings: dict[str, os.DirEntry] | None = None

    @property
    def path(self) -> Path:
        return self.folder / self.name


def _found(paths: Iterable[Path]) -> Iterator[_Found]:
    """The documents named by ``paths``, in order (duplicates included): each folder is
    read once (its entries know whether they are files, without a stat each) and
    resolved once, so a thousand documents cost about what one does, which every
    search's freshness check pays."""
    for path in paths:
        if path.is_dir():
            with os.scandir(path) as listing:
                entries = {e.name: e for e in listing}
            listed = sorted(n for n, e in entries.items() if _is_document_entry(e))
            if not listed:
                others = supported_list().replace("*.txt, ", "")
                raise CorpusFormatError(
                    f"{path}: no documents; a corpus folder holds *.txt files (or {others})"
                )
            folder = os.path.join(path.resolve(), "")  # with its trailing separator
            for name in listed:
                entry = entries[name]
                key = str((path / name).resolve()) if entry.is_symlink() else folder + name
                yield _Found(key, path, name, entry, entries)
        elif path.is_file():
            if not is_supported(path):
                raise _unsupported(path)
            yield _Found(str(path.resolve()), path.parent, path.name)
        else:
            raise CorpusFormatError(f"{path}: no such file or folder")


def document_paths(paths: Iterable[Path]) -> list[Path]:
    """The documents named by ``paths``: files as given, folders by every supported file
    directly in them (``*.txt``, ``*.docx``, ``*.md``, ``*.html``, ``*.htm``), sorted;
    each document once."""
    unique: dict[str, Path] = {}
    for found in _found(paths):
        unique.setdefault(found.key, found.path)
    return list(unique.values())


def document_states(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """The documents :func:`document_paths` finds, by resolved path: each one's size and
    the later modification time (ns) of it and its metadata file. One stat per file."""
    states: dict[str, tuple[int, int]] = {}
    for found in _found(paths):
        if found.key in states:
            continue
        if found.entry is None or found.siblings is None or found.entry.is_symlink():
            # given by name, or a link: the metadata file beside what it resolves to, as
            # the build records it
            states[found.key] = file_state(Path(found.key))
            continue
        stat = found.entry.stat()
        meta = found.siblings.get(metadata_path(Path(found.entry.name)).name)
        meta_mtime = meta.stat().st_mtime_ns if meta is not None and meta.is_file() else 0
        states[found.key] = (stat.st_size, max(stat.st_mtime_ns, meta_mtime))
    return states


def file_state(path: Path) -> tuple[int, int]:
    """A document's size and the later modification time (ns) of it and its metadata
    file (a change to either is a change to the document)."""
    stat = path.stat()
    meta = metadata_path(path)
    mtime = max(stat.st_mtime_ns, meta.stat().st_mtime_ns if meta.is_file() else 0)
    return stat.st_size, mtime


def fingerprint(path: Path) -> str:
    """A content hash of a document (its bytes, whatever the format) together with its
    metadata file."""
    digest = hashlib.sha256(path.read_bytes())
    meta = metadata_path(path)
    if meta.is_file():
        digest.update(b"\0" + meta.read_bytes())
    return digest.hexdigest()
