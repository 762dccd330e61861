"""The quote record and the diagnostics the parser reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Counterpart:
    """A person or organisation the leader addressed: 普京, 俄罗斯总统, 俄罗斯."""

    name: str
    title: str
    country: str


@dataclass(frozen=True)
class Quote:
    """One quote cut out of a compilation, with its citation and metadata."""

    id: str
    source: str
    line: int
    part_no: int | None
    part: str
    affairs: str | None
    section_no: int | None
    section: str
    date: str
    date_end: str
    event: str
    event_canonical: str
    event_type: str
    counterparts: tuple[Counterpart, ...]
    leader: str | None
    text: str
    paragraphs: int

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (counterparts as a list of objects)."""
        data = asdict(self)
        data["counterparts"] = [asdict(c) for c in self.counterparts]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        values = dict(data)
        values["counterparts"] = tuple(Counterpart(**c) for c in data["counterparts"])
        return cls(**values)


@dataclass(frozen=True)
class Line:
    """One line of a document as the parser sees it: a line of a text file, a paragraph
    of a Word document, a block of a web page. ``number`` is its 1-based position (what
    citations and warnings name); ``style`` is a hint the format gives, if any
    (``heading1``…``heading6`` from Word heading styles or HTML ``h1``–``h6``)."""

    number: int
    text: str
    style: str = ""


@dataclass(frozen=True)
class Diagnostic:
    """A warning about the input, naming the file and line; ``skipped`` counts the
    input lines that did not make it into any record because of it."""

    source: str
    line: int
    message: str
    skipped: int = 0

    def __str__(self) -> str:
        tail = f" ({self.skipped} line{'s' if self.skipped != 1 else ''} skipped)"
        return f"{self.source}:{self.line}: {self.message}{tail if self.skipped else ''}"


@dataclass
class ParseResult:
    """The records of one or more documents and what was reported while reading them."""

    quotes: list[Quote] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(d.skipped for d in self.diagnostics)

    def extend(self, other: ParseResult) -> None:
        self.quotes += other.quotes
        self.diagnostics += other.diagnostics
