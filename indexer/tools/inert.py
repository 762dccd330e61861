"""Nothing live in what yulu writes: spreadsheet cells that cannot run as formulas, and
terminal text whose control characters show instead of acting.

Every CSV and TSV writer of yulu goes through :func:`cell_text`, and every line of text
output through :func:`visible`; JSON is written exactly as the records hold it."""

from __future__ import annotations

import re

#: What makes a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a
#: formula or split it: the characters OWASP's CSV-injection advice names.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Put before a cell that starts with one of them, so that it is read as text.
QUOTE = "'"

#: C0 controls but tab and newline, DEL, and C1 controls (ESC and CSI among them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert_cell(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: with a leading ``'`` when it starts with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (as OWASP recommends)."""
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: object, text: str, raw: bool = False) -> str:
    """The cell written for ``value`` (already turned into ``text``): numbers as they
    are (``-1.5`` is a number, not a formula), other text made inert unless ``raw``."""
    if raw or (isinstance(value, int | float) and not isinstance(value, bool)):
        return text
    return inert_cell(text)


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def visible(text: str) -> str:
    """``text`` for a terminal: each control character (C0 but tab and newline, DEL,
    C1, and so every escape sequence's ESC) written as ``\\xNN``, visible and inert."""
    return _CONTROL.sub(_escape, text)
