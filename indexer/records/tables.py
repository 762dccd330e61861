"""Reading the reference tables (``indexer/data`` and a corpus's ``gazetteer/``): their
bytes, lines and tab-separated rows, and the regular expressions some hold (compiled by
RE2), each problem a one-line error naming the file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from ..errors import CorpusFormatError


class Pattern(Protocol):
    """A compiled regular expression (RE2's or Python's): what the parser uses of it."""

    def sub(self, repl: str, string: str, count: int = 0) -> str: ...


def compile_pattern(text: str, where: str) -> Pattern:
    """A gazetteer regular expression compiled by RE2 (RE2 syntax: no backreferences
    or lookaround), or a one-line error naming ``where`` (``file:line``)."""
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print to stderr; the error says it all
    try:
        return re2.compile(text, options)
    except re2.error as exc:
        why = exc.args[0] if exc.args else exc
        why = why.decode("utf-8", "replace") if isinstance(why, bytes) else str(why)
        raise CorpusFormatError(
            f"{where}: invalid regular expression {text!r}: {why} (RE2 syntax)"
        ) from None


def read_bytes(path: Path) -> bytes:
    """A table file's bytes, or a one-line error."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorpusFormatError(f"{path}: cannot read: {exc.strerror}") from None


def table_lines(path: Path) -> list[str]:
    """A table file's lines (UTF-8, with or without a BOM), or a one-line error."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusFormatError(f"{path}:{line}: not UTF-8; save the table as UTF-8") from None


def table_rows(
    path: Path, columns: int, width: int = 4, whole: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank or a comment, as ``width`` tab-separated cells (missing
    ones empty; ``whole``: the line is one cell); fewer than ``columns`` non-empty
    leading cells is an error."""
    for number, raw in enumerate(table_lines(path), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [line.strip()] if whole else [cell.strip() for cell in line.split("\t")]
        if len(cells) < columns or not all(cells[:columns]):
            raise CorpusFormatError(
                f"{path}:{number}: expected {columns} tab-separated column"
                f"{'s' if columns != 1 else ''}, got {sum(1 for c in cells if c)}: {line.strip()!r}"
            )
        yield number, cells + [""] * (width - len(cells))


def split_aliases(cell: str) -> list[str]:
    """The names of a ``|``-separated cell."""
    return [alias.strip() for alias in cell.split("|") if alias.strip()]
