"""The blocks a document is read into: what each line (or pair of lines) is in its
document, as :mod:`.structure` decides it (a heading, a quote title, quote text, an
attribution, preamble, trailer, debris or a stray line reported)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .classify import Classified


@dataclass(frozen=True)
class Block:
    """One or two lines that play one part in the document."""

    lines: tuple[Classified, ...]

    @property
    def first(self) -> Classified:
        return self.lines[0]

    @property
    def no(self) -> int:
        return self.lines[0].no


@dataclass(frozen=True)
class Debris(Block):
    """Blank lines, separators, page numbers inside the body: nothing to keep."""


@dataclass(frozen=True)
class TitleLine(Block):
    """The document's title line."""


@dataclass(frozen=True)
class PreambleLine(Block):
    """A line before the first heading or quote: source line, introduction, …"""


@dataclass(frozen=True)
class TrailerLine(Block):
    """A line after the last attribution: source, editors, page footer, …"""


@dataclass(frozen=True)
class Heading(Block):
    """A heading at ``level`` (1 = outermost) with its number and title."""

    level: int = 1
    number: int | None = None
    title: str = ""
    marker: str = ""
    family: str = ""


@dataclass(frozen=True)
class QuoteTitle(Block):
    """A line that names the quote(s) under it."""

    title: str = ""
    family: str = ""


@dataclass(frozen=True)
class Text(Block):
    """A paragraph of quote text (or text that turns out to have no attribution)."""


@dataclass(frozen=True)
class Closer(Block):
    """An attribution or citation closing the quote above it; ``body`` is its text
    without dash (and with a date continued on the next line)."""

    body: str = ""


@dataclass(frozen=True)
class Uncited(Block):
    """The end of a quote that cites nothing (a saying under a heading that announces
    sayings, :mod:`.sayings`); it holds no line of its own. ``author`` is who said
    it, when the heading names that person."""

    author: str = ""


@dataclass(frozen=True)
class Stray(Block):
    """A line that belongs nowhere, reported with ``why``."""

    why: str = ""


@dataclass
class Layout:
    """A document's blocks, in document order, and what reading them noted (line,
    message)."""

    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
