"""Documents on disk: finding them, reading and decoding them into lines."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusFormatError
from .records import Diagnostic, Line


@dataclass(frozen=True)
class Document:
    """A document read from disk: its lines (for ``.txt``, the lines of the text) ready
    for the parser, the encoding used, and what was noticed while reading it."""

    path: Path
    lines: tuple[Line, ...]
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def name(self) -> str:
        return self.path.name


def decode(raw: bytes, name: str) -> tuple[str, str, list[Diagnostic]]:
    """Decode a document: UTF-8 with or without BOM, else GB18030; CRLF folded to LF.
    Returns the text, the encoding used and warnings about what was done."""
    notes: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:  # a UTF-8 BOM, then bytes that are not UTF-8
            line = raw[: exc.start + 3].count(b"\n") + 1
            raise CorpusFormatError(
                f"{name}:{line}: not UTF-8 although the file starts with a UTF-8 BOM; "
                "save the file as UTF-8"
            ) from None
    else:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            try:
                text, encoding = raw.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                line = raw[: exc.start].count(b"\n") + 1
                raise CorpusFormatError(
                    f"{name}:{line}: neither UTF-8 nor GB18030; save the file as UTF-8"
                ) from None
            line = raw[: exc.start].count(b"\n") + 1
            notes.append(Diagnostic(name, line, "not UTF-8 here; decoded the file as GB18030"))
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        notes.append(Diagnostic(name, line, "CR/CRLF line ends; read as LF"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, notes


def text_lines(text: str) -> tuple[Line, ...]:
    """The lines of a text (LF line ends), numbered from 1."""
    return tuple(Line(number, raw) for number, raw in enumerate(text.split("\n"), 1))


def load_document(path: Path) -> Document:
    """Read a document's lines."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusFormatError(f"{path}: cannot read: {exc.strerror}") from None
    text, encoding, notes = decode(raw, path.name)
    return Document(path, text_lines(text), encoding, tuple(notes))


def document_paths(paths: Iterable[Path]) -> list[Path]:
    """The documents named by ``paths``: files as given, folders by their ``*.txt``."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            documents = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not documents:
                raise CorpusFormatError(
                    f"{path}: no documents; a corpus folder holds *.txt files, each with "
                    "a *.toml metadata file of the same name"
                )
            found += documents
        elif path.is_file():
            found.append(path)
        else:
            raise CorpusFormatError(f"{path}: no such file or folder")
    return found


def fingerprint(path: Path) -> str:
    """A content hash of a document together with its metadata file."""
    digest = hashlib.sha256(path.read_bytes())
    meta = path.with_suffix(".toml")
    if meta.is_file():
        digest.update(b"\0" + meta.read_bytes())
    return digest.hexdigest()
