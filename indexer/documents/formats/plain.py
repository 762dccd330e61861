"""Plain text: UTF-8 with or without a byte-order mark, UTF-16 with one, else GB18030."""

from __future__ import annotations

from ...errors import CorpusFormatError
from ...records.quotes import Diagnostic, Line
from . import Reading

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)


def _line_of(raw: bytes, offset: int, codec: str = "latin-1") -> int:
    """The 1-based line of byte ``offset`` of ``raw`` (in ``codec``)."""
    return raw[:offset].decode(codec, errors="replace").count("\n") + 1


def decode(raw: bytes, name: str) -> tuple[str, str, list[Diagnostic]]:
    """Decode a document: a byte-order mark's encoding (UTF-8 or UTF-16), else UTF-8,
    else GB18030; CR and CRLF folded to LF. Returns the text, the encoding used and
    warnings about what was done. Undecodable bytes are a one-line error."""
    notes: list[Diagnostic] = []
    for bom, bom_encoding, codec in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                line = _line_of(body, exc.start, codec)
                raise CorpusFormatError(
                    f"{name}:{line}: not valid {codec.upper()} although the file starts "
                    f"with a {codec.upper()} byte-order mark; save the file as UTF-8"
                ) from None
            encoding = bom_encoding
            break
    else:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            line = _line_of(raw, exc.start)
            try:
                text, encoding = raw.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise CorpusFormatError(
                    f"{name}:{line}: neither UTF-8 nor GB18030; save the file as UTF-8"
                ) from None
            notes.append(Diagnostic(name, line, "not UTF-8 here; decoded the file as GB18030"))
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        notes.append(Diagnostic(name, line, "CR/CRLF line ends; read as LF"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, notes


def text_lines(text: str) -> tuple[Line, ...]:
    """The lines of a text (LF line ends), numbered from 1."""
    return tuple(Line(number, raw) for number, raw in enumerate(text.split("\n"), 1))


def read(raw: bytes, name: str) -> Reading:
    """A text file's lines."""
    text, encoding, notes = decode(raw, name)
    return Reading(text_lines(text), encoding, notes)
