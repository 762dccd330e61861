"""Readers for the formats people keep compilations in: each turns a file's bytes into
the ``Line``s the parser reads, with what it noticed on the way.

=============  ==============================  =========================================
suffix         reader                          a ``Line`` is
=============  ==============================  =========================================
``.txt``       :mod:`.plain`                   a line of the text
``.docx``      :mod:`.word`                    a Word paragraph (numbered from 1)
``.html``      :mod:`.webpage`                 a line of the article's text (a block, or
``.htm``                                       a piece of one cut by ``<br>``)
``.md``        :mod:`.markdown`                a line of the Markdown source
=============  ==============================  =========================================

Each reader module is imported when a file of its format is read, so reading plain
text never loads python-docx or lxml.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from ...records.quotes import Diagnostic, Line

#: Suffix (lower case) -> reader module; the order is the order error messages give.
READERS = {
    ".txt": "plain",
    ".docx": "word",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "webpage",
    ".htm": "webpage",
}
SUPPORTED = tuple(READERS)


@dataclass
class Reading:
    """What a reader made of a file: its lines, the encoding it used, its notes."""

    lines: tuple[Line, ...]
    encoding: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    left_out: tuple[str, ...] = ()  # a web page's text outside its article, block by block


def reader_for(suffix: str):
    """The reader module for a file suffix (``.TXT`` as ``.txt``), or None."""
    module = READERS.get(suffix.lower())
    return importlib.import_module(f"{__name__}.{module}") if module else None


def supported_list() -> str:
    """The supported suffixes for messages: ``*.txt, *.docx, … or *.htm``."""
    names = [f"*{s}" for s in SUPPORTED]
    return ", ".join(names[:-1]) + " or " + names[-1]
