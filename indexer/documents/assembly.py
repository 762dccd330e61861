"""Records from a document's blocks: one handler per kind of block (headings open
sections, quote titles name the quotes under them, text waits for its attribution, an
attribution closes a quote, the rest is kept or reported), then the audit of what came
out (:mod:`.audit`). :class:`indexer.documents.parser.Parser` is the way in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..records.quotes import (
    Diagnostic,
    DocumentRecord,
    Line,
    OutlineEntry,
    ParseResult,
    Passage,
)
from .attribution import Reading
from .audit import Finding, check_lines, long_quotes
from .blocks import Uncited
from .classify import Classified, Kind
from .explain import explain
from .facts import LearnsFacts
from .inference import (
    YearPolicy,
)
from .layouts import lay_out
from .metadata import Metadata
from .quoting import MakesQuotes, unique_id
from .structure import (
    PLAIN,
    Block,
    Closer,
    Debris,
    Heading,
    PreambleLine,
    QuoteTitle,
    Stray,
    Text,
    TitleLine,
    TrailerLine,
)
from .templates import Templates

if TYPE_CHECKING:
    from .parser import Parser


@dataclass
class _Open:
    """A heading the parser is under."""

    level: int
    number: int | None
    title: str
    printed: str = ""  # marker and title as the document prints them (五、外方积极表态)


@dataclass
class _State:
    """Where the parser is in a document: the headings it is under, the paragraphs
    waiting for their attribution, the quote title waiting for its quote."""

    path: list[_Open] = field(default_factory=list)
    pending: list[Text] = field(default_factory=list)
    title: QuoteTitle | None = None
    title_used: bool = False
    closers: int = 0
    ids: set[str] = field(default_factory=set)
    unattributed: bool = False  # quotes are named by titles only (:mod:`.echoes`)


class _DocumentParser(LearnsFacts, MakesQuotes):
    """Parses one document: the facts first (title, leader, year), then one handler
    per kind of block."""

    def __init__(
        self, parser: Parser, source: str, meta: Metadata | None, defaults: Metadata
    ) -> None:
        self.parser = parser
        self.gaz = parser.gaz
        self.source = source
        self.meta = meta
        self.defaults = defaults
        self.result = ParseResult()
        self.record = DocumentRecord(source=source)
        self.state = _State()
        self.readings: list[Reading] = []
        self.policy = YearPolicy()
        self.templates = Templates()
        self.quote_lines: list[list[Classified]] = []  # each quote's lines, for the audit
        self.heading_families: set[str] = set()
        self.findings: list[Finding] = []  # what the audit finds as the blocks go by
        self.handlers: dict[type[Block], Callable] = {
            Debris: self.on_debris,
            TitleLine: self.on_preamble,
            PreambleLine: self.on_preamble,
            TrailerLine: self.on_trailer,
            Heading: self.on_heading,
            QuoteTitle: self.on_quote_title,
            Text: self.on_text,
            Closer: self.on_closer,
            Uncited: self.on_uncited,
            Stray: self.on_stray,
        }

    def parse(self, lines: Iterable[Line]) -> ParseResult:
        self.templates, layout, titled = lay_out(self.parser, lines)
        if titled:  # no attribution anywhere: each title names a quote
            self.state.unattributed = True
            self.note(0, _TITLED_ONLY)
        for line, message in layout.notes:
            self.note(line, message)
        if self.parser.explain:
            self.result.explanations.append(explain(self.source, layout.blocks, self.templates))
        closers = [b for b in layout.blocks if isinstance(b, Closer)]
        self.readings = [self.parser.attributions.reading(c.body) for c in closers]
        for closer, reading in zip(closers, self.readings, strict=True):
            if reading.misprint:
                message = f"read the date {reading.misprint!r} {reading.mended} (a misprint?)"
                self.warn(closer.no, message + "; check the source")
        self.learn_facts(layout.blocks, closers)
        for block in layout.blocks:
            self.handlers[type(block)](block)
        self.finish()
        return self.result

    # -- one handler per kind of block ------------------------------------------------

    def on_debris(self, block: Debris) -> None:
        if block.first.kind == Kind.EXCERPT:  # an excerpt number opens a new quote
            self.drop_pending("paragraphs with no attribution before an excerpt number")

    def on_preamble(self, block: Block) -> None:
        self.record.preamble += tuple(Passage(s.no, s.text) for s in block.lines)

    def on_trailer(self, block: TrailerLine) -> None:
        self.record.trailer += tuple(Passage(s.no, s.text) for s in block.lines)

    def on_heading(self, block: Heading) -> None:
        self.drop_pending("paragraphs with no attribution before a heading")
        self.drop_title()
        path = self.state.path
        del path[block.level - 1 :]
        path.append(_Open(block.level, block.number, block.title, printed_heading(block)))
        if block.family != PLAIN:
            self.heading_families.add(block.family)
        elif any(c in block.title[:-1] for c in "。！？!?"):  # a sentence, not a heading
            self.findings.append(
                Finding(block.no, f"looks like quote text, read as a heading: {block.title[:30]!r}")
            )
        self.record.outline += (OutlineEntry(block.no, block.level, block.number, block.title),)

    def on_quote_title(self, block: QuoteTitle) -> None:
        self.close_unattributed()
        self.drop_pending("paragraphs with no attribution before a quote title")
        self.drop_title()
        self.state.title, self.state.title_used = block, False

    def on_text(self, block: Text) -> None:
        self.state.pending.append(block)

    def on_closer(self, block: Closer) -> None:
        index = self.state.closers
        self.state.closers += 1
        if not self.state.pending:
            self.on_stray(Stray(block.lines, why="attribution with no quote above it"))
            return
        self.close(block, self.readings[index], self.policy.year_for(index))

    def close_unattributed(self) -> None:
        """In a document of titled quotes with no attribution (:mod:`.echoes`), the
        paragraphs under a title are its quote, undated."""
        if self.state.unattributed and self.state.pending and self.state.title is not None:
            self.on_uncited(Uncited(()))

    def on_uncited(self, block: Uncited) -> None:
        """The paragraphs above as a quote that cites nothing, undated (by its author)."""
        reading = self.parser.attributions.reading("", dated=False)
        self.close(Closer(()), reading, lambda point: None)
        if block.author:
            self.result.quotes[-1] = replace(self.result.quotes[-1], leader=block.author)

    def close(self, block: Closer, reading: Reading, year_for: Callable) -> None:
        """The pending paragraphs as a quote closed by ``block``."""
        quote = self.quote(block, reading, year_for)
        title = self.state.title
        if title is not None and not self.state.title_used:
            self.record.titles += (Passage(title.no, title.title),)
        self.state.title_used = True
        self.quote_lines.append([s for text in self.state.pending for s in text.lines])
        self.state.pending.clear()
        quote = unique_id(quote, self.state.ids)
        self.result.quotes.append(quote)
        placed = self.parser.part_cue(h.title for h in self.state.path)
        if placed and placed.affairs == "foreign" and not quote.counterparts:
            at = block.no if block.lines else quote.line  # (a quote that cites nothing)
            self.warn(at, "no counterpart recognised in the attribution; " + _ADD_PLACE)

    def on_stray(self, block: Stray) -> None:
        lines = len(block.lines)
        self.warn(block.no, f"{block.why}: {block.first.text[:40]!r}", lines)

    # -- what is left over ------------------------------------------------------------

    def drop_pending(self, why: str) -> None:
        pending = self.state.pending
        if pending:
            lines = [s.no for text in pending for s in text.lines]
            first, last = lines[0], lines[-1]
            where = f"lines {first}–{last}" if last != first else f"line {first}"
            self.warn(first, f"{why} ({where})", len(lines))
            pending.clear()

    def drop_title(self) -> None:
        title = self.state.title
        if title is not None and not self.state.title_used:
            self.warn(
                title.no,
                f"quote title with no quote under it: {title.title[:40]!r}",
                len(title.lines),
            )
        self.state.title = None

    def finish(self) -> None:
        self.close_unattributed()
        attributed = self.state.closers > 0
        self.drop_pending(
            "paragraphs after the last attribution"
            if attributed
            else "paragraphs with no attribution anywhere in the document"
        )
        self.drop_title()
        record, quotes = self.record, self.result.quotes
        if not quotes and (record.preamble or record.trailer or self.result.skipped):
            self.warn(0, _NO_QUOTE)
        record.quotes = len(quotes)
        dated = sorted(q.date for q in quotes if q.date)
        ends = sorted(q.date_end for q in quotes if q.date_end)
        record.first_date = dated[0] if dated else None
        record.last_date = ends[-1] if ends else None
        record.undated = sum(1 for q in quotes if not q.date)
        record.reported = self.result.skipped + self.audit()
        for name, passages in (("preamble", record.preamble), ("trailer", record.trailer)):
            if passages:
                first, last = passages[0].line, passages[-1].line
                where = f"line {first}" if first == last else f"lines {first}–{last}"
                self.note(first, f"{name} ({where}): {passages[0].text[:30]}")
        self.result.documents.append(record)

    def audit(self) -> int:
        """Report what looks out of place in the quotes (:mod:`.audit`); how many lines."""
        front = tuple(self.gaz.layout.front_word)
        findings = [
            finding
            for n, lines in enumerate(self.quote_lines)
            for finding in check_lines(
                lines, self.templates, self.heading_families, front if n == 0 else ()
            )
        ]
        findings += self.findings
        findings += long_quotes((q.line, len(q.text)) for q in self.result.quotes)
        for finding in sorted(findings, key=lambda f: f.line):
            self.warn(finding.line, finding.message)
        return len(findings)

    def warn(self, line: int, message: str, skipped: int = 0) -> None:
        self.result.diagnostics.append(Diagnostic(self.source, line, message, skipped))

    def note(self, line: int, message: str) -> None:
        self.result.notes.append(Diagnostic(self.source, line, message))


def printed_heading(block: Heading) -> str:
    """A heading as the document prints it: its marker (一、, （一）, 第一部分, ●) and
    title, a full-width space between a marker that ends in a word and the title."""
    marker = block.marker
    if marker and (marker[-1].isalnum()):
        return f"{marker}\u3000{block.title}"
    return f"{marker}{block.title}"


#: Said when a document with text yields no quote at all.
_NO_QUOTE = (
    "no quote found: no line reads as an attribution (——2020年3月4日，习近平在…, "
    "《…》（1945年4月）, …。——…); the text went to the preamble, the trailer or the "
    "warnings above"
)


#: Said when a document's quotes are named by their titles only.
_ADD_PLACE = "add the place or title to the gazetteer"
_TITLED_ONLY = (
    "no attribution anywhere: each quote is the text under a title it echoes, undated "
    "(give the date and source in a metadata file)"
)
