"""What parsing produces: quote records, document records and diagnostics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

#: How finely an attribution dates its quote.
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Counterpart:
    """A person or organisation the leader addressed: 普京, 俄罗斯总统, 俄罗斯."""

    name: str
    title: str
    country: str


@dataclass(frozen=True)
class Quote:
    """One quote cut out of a compilation, with its citation and metadata.

    ``section`` is the innermost heading above the quote, ``headings`` the titles of
    the headings above that (outermost first) and ``part`` the outermost of them.
    ``date``/``date_end`` span the day, month or year the attribution names
    (``date_precision``); all three are None when it names no date. ``heading_path``
    holds the same headings, the section last, as the document prints them, marker
    included (``五、外方积极表态``, ``第一部分　新时代的历史方位``, ``●生态兴则文明兴``),
    for citations; records written before it existed read back with it empty.
    ``attribution`` is the line that closes the quote as the document prints it
    (``——3月27日，习近平同美国总统特朗普通电话``; empty in records written before it)."""

    id: str
    source: str
    line: int
    part_no: int | None
    part: str
    affairs: str | None
    section_no: int | None
    section: str
    date: str | None
    date_end: str | None
    event: str
    event_canonical: str
    event_type: str
    counterparts: tuple[Counterpart, ...]
    leader: str | None
    text: str
    paragraphs: int
    title: str = ""
    headings: tuple[str, ...] = ()
    date_precision: str | None = "day"
    heading_path: tuple[str, ...] = ()
    attribution: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (counterparts as a list of objects); the
        same as ``dataclasses.asdict`` with lists for tuples, without its deep copies
        (a build makes one for every quote)."""
        data = dict(vars(self))
        data["counterparts"] = [dict(vars(c)) for c in self.counterparts]
        data["headings"] = list(self.headings)
        data["heading_path"] = list(self.heading_path)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        values = dict(data)
        values["counterparts"] = tuple(Counterpart(**c) for c in data["counterparts"])
        values["headings"] = tuple(data.get("headings", ()))
        values["heading_path"] = tuple(data.get("heading_path", ()))
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
class Passage:
    """A line kept as a document field (preamble, trailer), with its line number."""

    line: int
    text: str


@dataclass(frozen=True)
class OutlineEntry:
    """One heading of a document: its line, depth (1 = outermost), number and title."""

    line: int
    level: int
    number: int | None
    title: str


@dataclass
class DocumentRecord:
    """What a document says about itself, beside its quotes: title, leader and year
    (each with where it came from), the preamble before the first heading or quote,
    the trailer after the last attribution, the outline of headings, the quote titles,
    and counts."""

    source: str
    title: str = ""
    title_from: str = ""
    leader: str | None = None
    leader_from: str = ""
    year: int | None = None
    year_from: str = ""
    preamble: tuple[Passage, ...] = ()
    trailer: tuple[Passage, ...] = ()
    outline: tuple[OutlineEntry, ...] = ()
    titles: tuple[Passage, ...] = ()
    quotes: int = 0
    undated: int = 0
    first_date: str | None = None
    last_date: str | None = None
    reported: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("preamble", "trailer", "outline", "titles"):
            data[key] = [asdict(item) for item in getattr(self, key)]
        return data

    def summary(self) -> str:
        """One line: quotes, date span, headings, titles, lines reported."""
        span = "no dates"
        if self.first_date:
            span = (
                self.first_date
                if self.first_date == self.last_date
                else f"{self.first_date}…{self.last_date}"
            )
        undated = f" ({self.undated} undated)" if self.undated else ""

        def count(n: int, what: str) -> str:
            return f"{n} {what}{'' if n == 1 else 's'}"

        return (
            f"{self.source}: {count(self.quotes, 'quote')}, {span}{undated}, "
            f"{count(len(self.outline), 'heading')}, {count(len(self.titles), 'title')}, "
            f"{count(self.reported, 'line')} reported"
        )


@dataclass(frozen=True)
class Diagnostic:
    """A warning about the input, naming the file and line (0: the whole document);
    ``skipped`` counts the input lines that did not make it into any record because
    of it."""

    source: str
    line: int
    message: str
    skipped: int = 0

    def __str__(self) -> str:
        tail = f" ({self.skipped} line{'s' if self.skipped != 1 else ''} skipped)"
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}{tail if self.skipped else ''}"


@dataclass
class ParseResult:
    """The records of one or more documents and what was reported while reading them:
    ``diagnostics`` are warnings (``--strict`` refuses them), ``notes`` say what was
    recognised besides quotes (preambles, trailers, inferred metadata)."""

    quotes: list[Quote] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    explanations: list[Any] = field(default_factory=list)  # explain.Explanation, if asked

    @property
    def skipped(self) -> int:
        return sum(d.skipped for d in self.diagnostics)

    def __iter__(self) -> Iterator[Quote]:
        """The quotes, in document order (``for quote in parse_paths(...)``)."""
        return iter(self.quotes)

    def extend(self, other: ParseResult) -> None:
        self.quotes += other.quotes
        self.diagnostics += other.diagnostics
        self.documents += other.documents
        self.notes += other.notes
        self.explanations += other.explanations
