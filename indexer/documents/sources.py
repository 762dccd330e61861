"""Documents on disk: finding them, and reading each, whatever its format, into lines.

The formats and their readers are in :mod:`.formats`; this module picks the reader by
the file's suffix."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusFormatError
from .formats import SUPPORTED, reader_for, supported_list
from .formats.plain import decode, text_lines
from .records import Diagnostic, Line

__all__ = [
    "SUPPORTED",
    "Document",
    "decode",
    "document_paths",
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

    @property
    def name(self) -> str:
        return self.path.name


def is_supported(path: Path) -> bool:
    """Whether ``path`` names a document yulu reads (by its suffix, in any case)."""
    return path.suffix.lower() in SUPPORTED


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
    return Document(path, reading.lines, reading.encoding, tuple(reading.diagnostics))


def _is_document_entry(entry: os.DirEntry) -> bool:
    """A supported file of a folder, not a hidden file or a Word lock file (``~$…``)."""
    name = entry.name
    return (
        Path(name).suffix.lower() in SUPPORTED
        and not name.startswith((".", "~$"))
        and entry.is_file()
    )


def document_paths(paths: Iterable[Path]) -> list[Path]:
    """The documents named by ``paths``: files as given, folders by every supported file
    directly in them (``*.txt``, ``*.docx``, ``*.md``, ``*.html``, ``*.htm``), sorted;
    each document once."""
    unique: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            # one directory read (its entries know whether they are files, without a
            # stat each) and one resolution of the folder: a thousand documents cost
            # about what one does, which every search's freshness check pays
            with os.scandir(path) as entries:
                listed = [e for e in entries if _is_document_entry(e)]
            folder = path.resolve()
            for entry in sorted(listed, key=lambda e: e.name):
                document = path / entry.name
                key = document.resolve() if entry.is_symlink() else folder / entry.name
                unique.setdefault(key, document)
            if not listed:
                others = supported_list().replace("*.txt, ", "")
                raise CorpusFormatError(
                    f"{path}: no documents; a corpus folder holds *.txt files (or {others})"
                )
        elif path.is_file():
            if not is_supported(path):
                raise _unsupported(path)
            unique.setdefault(path.resolve(), path)
        else:
            raise CorpusFormatError(f"{path}: no such file or folder")
    return list(unique.values())


def fingerprint(path: Path) -> str:
    """A content hash of a document (its bytes, whatever the format) together with its
    metadata file."""
    digest = hashlib.sha256(path.read_bytes())
    meta = path.with_suffix(".toml")
    if meta.is_file():
        digest.update(b"\0" + meta.read_bytes())
    return digest.hexdigest()
