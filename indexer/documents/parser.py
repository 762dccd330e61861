"""The parser: a compilation's lines in, quote records and a document record out.

Each line is classified on its own (:mod:`.classify`), the document's layout is worked
out from those shapes (:mod:`.structure`), and each block of lines is then handed to the
handler for its kind: headings open sections, quote titles name the quotes under them,
text waits for its attribution, an attribution closes a quote, and preamble, trailer and
stray lines are kept or reported. Every line ends up as debris, a heading, a quote
title, preamble, trailer, part of exactly one quote, or in a warning that names it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorpusFormatError
from ..folding import fold
from .attribution import AttributionReader, NoSuchDate, Reading
from .audit import Finding, check_lines, long_quotes
from .classify import Classified, Kind, LineClassifier
from .dates import find_dates
from .explain import explain
from .gazetteer import Gazetteer, PartCue, load_gazetteer
from .inference import (
    Found,
    YearPolicy,
    leader_in_title,
    named_by_honorific,
    period_in,
    shared_subject,
    year_in_file_name,
)
from .metadata import Metadata, metadata_path, read_metadata
from .numerals import chinese_number
from .records import (
    Counterpart,
    Diagnostic,
    DocumentRecord,
    Line,
    OutlineEntry,
    ParseResult,
    Passage,
    Quote,
)
from .sources import Document, document_paths, load_document, text_lines
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
    resolve,
)
from .templates import Templates, induce
from .templates import apply as apply_templates

__all__ = ["Parser", "chinese_number", "parse_paths"]

_DATE_PREFIX_END = "，,"


class Parser:
    """Parses documents of the genre with one gazetteer (and its layout cues)."""

    def __init__(self, gaz: Gazetteer | None = None, explain: bool = False) -> None:
        self.gaz = gaz or load_gazetteer()
        self.explain = explain  # keep each document's templates and line roles
        self.classifier = LineClassifier(self.gaz)
        self.attributions = AttributionReader(self.gaz)

    def clean(self, line: str) -> str:
        """The line without Word-export debris and indentation."""
        return self.classifier.clean(line)

    def part_cue(self, titles: Iterable[str]) -> PartCue | None:
        """The first part cue (``parts.tsv``) in the headings, outermost first."""
        for title in titles:
            cue = next((c for c in self.gaz.part_cues if c.cue in title), None)
            if cue:
                return cue
        return None

    def parse_text(
        self,
        text: str,
        meta: Metadata | None = None,
        source: str = "document.txt",
        defaults: Metadata | None = None,
    ) -> ParseResult:
        """Parse one document's text (LF line ends) into records and diagnostics."""
        return self.parse_lines(text_lines(text), meta, source, defaults)

    def parse_lines(
        self,
        lines: Iterable[Line],
        meta: Metadata | None,
        source: str,
        defaults: Metadata | None = None,
    ) -> ParseResult:
        """Parse one document's lines. ``meta`` is its metadata file (it wins),
        ``defaults`` what the command line says for documents that do not say it."""
        return _DocumentParser(self, source, meta, defaults or Metadata()).parse(lines)

    def parse_document(
        self, doc: Document, meta: Metadata | None = None, defaults: Metadata | None = None
    ) -> ParseResult:
        result = ParseResult(diagnostics=list(doc.diagnostics))
        if doc.left_out:
            shown = " | ".join(doc.left_out[:3])
            result.notes.append(
                Diagnostic(
                    doc.name,
                    0,
                    f"left out as page furniture: {len(doc.left_out)} block(s) outside the "
                    f"article (menus, sidebars, footer): {shown}",
                )
            )
        result.extend(self.parse_lines(doc.lines, meta, doc.name, defaults))
        return result

    def speaker(self, paragraph: str, counterparts: tuple[Counterpart, ...]) -> str | None:
        """Who speaks in a foreign-side quote: the first known name before the speech verb."""
        clause = paragraph
        date = self.date_prefix_length(paragraph)
        if date:
            clause = paragraph[date:]
        clause = clause.split("。")[0]
        verbs = [clause.find(v) for v in self.gaz.speech_verbs if v in clause]
        if verbs:
            clause = clause[: min(verbs)]
        names = {c.name: c.name for c in counterparts} | self.gaz.people
        hits = [(clause.find(alias), -len(alias), alias) for alias in names if alias in clause]
        if hits:
            return self.gaz.person(names[min(hits)[2]])
        return counterparts[0].name if len(counterparts) == 1 else None

    @staticmethod
    def date_prefix_length(paragraph: str) -> int:
        """The length of a date that opens a paragraph (``3月17日，``), else 0."""
        found = find_dates(paragraph[:24])
        if found and found[0].start == 0:
            after = paragraph[found[0].end : found[0].end + 1]
            if after and after in _DATE_PREFIX_END:
                return found[0].end + 1
        return 0


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


class _DocumentParser:
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
            Stray: self.on_stray,
        }

    def parse(self, lines: Iterable[Line]) -> ParseResult:
        shapes = [self.parser.classifier.classify(line) for line in lines]
        self.templates = induce(shapes)
        shapes = apply_templates(shapes, self.templates)
        layout = resolve(shapes, self.gaz.layout.intro_pattern)
        if self.parser.explain:
            self.result.explanations.append(explain(self.source, layout.blocks, self.templates))
        closers = [b for b in layout.blocks if isinstance(b, Closer)]
        self.readings = [self.parser.attributions.reading(c.body) for c in closers]
        for closer, reading in zip(closers, self.readings, strict=True):
            if reading.misprint:
                self.warn(
                    closer.no,
                    f"read the date {reading.misprint!r} as if 月 stood after the month "
                    "(a misprint?); check the source",
                )
        self.learn_facts(layout.blocks, closers)
        for block in layout.blocks:
            self.handlers[type(block)](block)
        self.finish()
        return self.result

    # -- what the document says about itself ------------------------------------------

    def learn_facts(self, blocks: list[Block], closers: list[Closer]) -> None:
        """Title, leader and year (see :mod:`.inference`), and a note of what was read
        from the document rather than given."""
        title_line = next((b.first.text for b in blocks if isinstance(b, TitleLine)), None)
        self.learn_title(title_line)
        self.learn_leader(title_line, [s.text for b in blocks for s in b.lines])
        needing = self.learn_year(blocks, closers, title_line or "")
        record = self.record
        inferred = [
            f"{what} {value} from the {origin}"
            for what, value, origin in (
                ("title", record.title, record.title_from),
                ("leader", record.leader, record.leader_from),
                ("year", record.year, record.year_from),
            )
            if value
            and origin not in ("metadata", "option")
            and (what, origin) != ("year", "attributions")
        ]
        if needing and self.policy.period and not record.year:
            start, end = self.policy.period[0]
            inferred.append(
                f"dates without a year placed in {start:%Y-%m}…{end:%Y-%m} "
                f"from the {record.year_from}"
            )
        if inferred:
            self.note(0, "; ".join(inferred))

    def learn_title(self, title_line: str | None) -> None:
        meta = self.meta or Metadata()
        title = _first(
            (meta.title, "metadata"),
            (title_line, "title line"),
            (self.defaults.title, "option"),
            (Path(self.source).stem, "file name"),
        )
        self.record.title, self.record.title_from = title.value, title.origin

    def learn_leader(self, title_line: str | None, texts: list[str]) -> None:
        """The leader (see :mod:`.inference`), always by its canonical name: the people
        table's, looked up folded (毛主席 is 毛泽东, 習近平 is 习近平)."""
        meta, reader, gaz = self.meta or Metadata(), self.parser.attributions, self.gaz
        subjects = [reader.subject(r.event) for r in self.readings]
        known = {s for s in subjects if s} | set(gaz.people)

        def evidence(name: str) -> bool:
            return name in known or gaz.person(name) in known

        title = fold(title_line or meta.title or "")  # 習近平談… is 习近平谈…
        named = leader_in_title(title, gaz.layout, evidence)
        leader = _first(
            (meta.leader and gaz.person(meta.leader), "metadata"),
            (named and gaz.person(named), "title"),
            (shared_subject(subjects), "attributions"),
            (self.honorific_name(title, texts, evidence), "title and text"),
            (self.defaults.leader and gaz.person(self.defaults.leader), "option"),
        )
        if leader is None:
            if not self.readings:
                return  # no attribution, no quote: "no quote found" says what matters
            self.warn(
                0,
                "no leader in the title or the attributions; records have an empty leader "
                "(give one with --leader NAME or in a metadata file)",
            )
            return
        self.record.leader, self.record.leader_from = leader.value, leader.origin

    def honorific_name(self, title: str, texts: list[str], evidence) -> str | None:
        """The name the document writes before an honorific its (folded) title uses
        alone."""
        folded = [fold(text) for text in texts]
        name = named_by_honorific(title, folded, self.gaz.layout, evidence)
        return self.gaz.person(name) if name else None

    def learn_year(self, blocks: list[Block], closers: list[Closer], title_line: str) -> bool:
        """The year policy; whether any attribution needs it. Raises
        :class:`CorpusFormatError` when one does and nothing gives a year."""
        self.policy = self.year_policy(blocks, title_line)
        needing = next(
            (
                (closer, reading)
                for closer, reading in zip(closers, self.readings, strict=True)
                if reading.date is not None and reading.date.year is None
            ),
            None,
        )
        if needing and not self.policy.known:
            closer, reading = needing
            raise CorpusFormatError(
                f"{self.source}:{closer.no}: the attributions write no year "
                f"({reading.date.text if reading.date else ''}) and neither the title nor the "
                f"preamble gives one; give it with --year (e.g. --year 2020) or in a metadata "
                f"file {metadata_path(Path(self.source)).name} (year = 2020)"
            )
        record = self.record
        if self.policy.fixed or needing:
            record.year, record.year_from = self.policy.year, self.policy.origin
        elif any(r.date for r in self.readings):
            record.year_from = "attributions"
        return needing is not None

    def year_policy(self, blocks: list[Block], title_line: str) -> YearPolicy:
        meta, defaults = self.meta or Metadata(), self.defaults
        fixed = Found(meta.year, "metadata") if meta.year else None
        period = None
        title_period = period_in(meta.title or "") or period_in(title_line)
        if title_period:
            period = (title_period, "title")
        else:
            for block in blocks:
                if isinstance(block, PreambleLine) and block.first.kind != Kind.CUE:
                    found = period_in(
                        block.first.text, bracketed_only=block.first.kind != Kind.DATELINE
                    )
                    if found:
                        period = (found, "preamble")
                        break
        file_year = year_in_file_name(self.source)
        fallback = _first(
            (defaults.year, "option"),
            (file_year, "file name"),
        )
        explicit = [r.date.year if r.date else None for r in self.readings]
        points = [r.date.first if r.date else None for r in self.readings]
        # a title's period that the attributions' own years fall outside is the page's own
        # date (每周一学（2021年11月29日—12月5日）), not the quotes'
        if period and any(
            y is not None and not period[0][0].year <= y <= period[0][1].year for y in explicit
        ):
            period = (
                None  # the page's own date (每周一学（2021年11月29日—12月5日）), not the quotes'
            )
        return YearPolicy(fixed, period, explicit, fallback, points)

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
        quote = self.quote(block, self.readings[index], self.policy.year_for(index))
        title = self.state.title
        if title is not None and not self.state.title_used:
            self.record.titles += (Passage(title.no, title.title),)
        self.state.title_used = True
        self.quote_lines.append([s for text in self.state.pending for s in text.lines])
        self.state.pending.clear()
        quote = _unique_id(quote, self.state.ids)
        self.result.quotes.append(quote)
        placed = self.parser.part_cue(h.title for h in self.state.path)
        if placed and placed.affairs == "foreign" and not quote.counterparts:
            self.warn(
                block.no,
                "no counterpart recognised in the attribution; add the place or title "
                "to the gazetteer",
            )

    def on_stray(self, block: Stray) -> None:
        lines = len(block.lines)
        self.warn(block.no, f"{block.why}: {block.first.text[:40]!r}", lines)

    # -- quotes -----------------------------------------------------------------------

    def quote(self, block: Closer, reading: Reading, year_for: Callable[..., int | None]) -> Quote:
        state, reader = self.state, self.parser.attributions
        path = state.path
        cue = self.parser.part_cue(h.title for h in path)
        affairs = cue.affairs if cue else None
        try:
            attr = reader.read(reading, year_for, find_counterparts=affairs != "domestic")
        except NoSuchDate as exc:
            self.warn(block.no, f"no such date in the attribution ({exc}); quote kept undated")
            undated = reader.reading(block.body, dated=False)
            attr = reader.read(undated, year_for, affairs != "domestic")
        if affairs is None and attr.counterparts:
            affairs = "foreign"
        if affairs is None:  # the cues of affairs.tsv, in what follows the leader's name
            leader_at = attr.event.find(self.record.leader) if self.record.leader else -1
            after = attr.event[leader_at + len(self.record.leader) :] if leader_at >= 0 else ""
            affairs = self.parser.gaz.affairs_of(after or attr.event)
        paragraphs = [s.text for text in state.pending for s in text.lines]
        leader = self.record.leader
        if cue and cue.speaker == "counterpart":
            leader = self.parser.speaker(paragraphs[0], attr.counterparts)
            if leader is None:
                self.warn(
                    state.pending[0].no,
                    "cannot tell who speaks; add the name to gazetteer/people.tsv",
                )
        section = path[-1] if path else None
        part = path[0] if len(path) >= 2 else None
        return Quote(
            id="",
            source=self.source,
            line=state.pending[0].no,
            part_no=part.number if part else None,
            part=part.title if part else "",
            affairs=affairs,
            section_no=section.number if section else None,
            section=section.title if section else "",
            date=attr.date,
            date_end=attr.date_end,
            event=attr.event,
            event_canonical=attr.event_canonical,
            event_type=attr.event_type,
            counterparts=attr.counterparts,
            leader=leader,
            text="\n".join(paragraphs),
            paragraphs=len(paragraphs),
            title=state.title.title if state.title else "",
            headings=tuple(h.title for h in path[:-1]),
            date_precision=attr.date_precision,
            heading_path=tuple(h.printed for h in path),
            attribution="".join(line.text.strip() for line in block.lines),
        )

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


def _first(*candidates: tuple[object, str]) -> Found | None:
    """The first candidate with a value, and where it came from."""
    for value, origin in candidates:
        if value:
            return Found(value, origin)
    return None


def _unique_id(quote: Quote, taken: set[str]) -> Quote:
    key = "\x1f".join((quote.source, quote.date or "", quote.event, quote.text))
    base = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return Quote(**{**quote.__dict__, "id": candidate})


def parse_paths(
    paths: Iterable[Path | str],
    gaz: Gazetteer | None = None,
    defaults: Metadata | None = None,
    explain: bool = False,
) -> ParseResult:
    """Parse every document named by ``paths`` (files, or folders of documents; paths or
    strings), each with its metadata file if it has one, else with ``defaults`` where
    the document says nothing itself; with ``explain``, keep each document's templates
    and the role of every line (``result.explanations``)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path given alone, not its characters
    paths = [Path(p) for p in paths]
    folders = {p if p.is_dir() else p.parent for p in paths}
    parser = Parser(gaz or load_gazetteer(sorted(folders)), explain=explain)
    result = ParseResult()
    for path in document_paths(paths):
        meta = read_metadata(metadata_path(path))
        result.extend(parser.parse_document(load_document(path), meta, defaults))
    return result
