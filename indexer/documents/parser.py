"""The parser: a compilation's text in, quote records out, in document order.

Every input line ends up as debris, a heading, part of exactly one quote, or in a
diagnostic that names it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .attribution import AttributionReader, UnreadableDate
from .gazetteer import Gazetteer, PartCue, load_gazetteer
from .metadata import Metadata, read_metadata
from .records import Counterpart, Diagnostic, Line, ParseResult, Quote
from .sources import Document, document_paths, load_document, text_lines

_NUM = "一二三四五六七八九十百零〇两"
_PART = re.compile(f"^(?P<no>[{_NUM}]+)、(?P<title>.+)$")
_SECTION = re.compile(f"^[（(](?P<no>[{_NUM}]+)[）)](?P<title>.+)$")
_HEADING_LIKE = re.compile(
    rf"^(?:第[{_NUM}\d]+[部分章节篇编]|[（(][{_NUM}\d]{{1,3}}[）)]|[{_NUM}\d]{{1,3}}[、.．])"
)
_ATTRIBUTION = re.compile(r"^(?:——|－－|--|—)\s*")
_SENTENCE_END = tuple("。！？；…”’」』）)!?;.")
_WHITESPACE = " \t\u3000\u00a0\ufeff"
_DATE_PREFIX = re.compile(r"^\d{1,2}月\d{1,2}日[，,]")


def chinese_number(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十三 -> 23 (numbers up to 999)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
    return total + current


@dataclass
class _Block:
    """Paragraphs waiting for their attribution."""

    lines: list[tuple[int, str]] = field(default_factory=list)


def _is_heading_text(title: str) -> bool:
    return len(title) <= 40 and not title.endswith(_SENTENCE_END)


class Parser:
    """Parses documents of the genre with one gazetteer."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or load_gazetteer()
        self.attributions = AttributionReader(self.gaz)

    def clean(self, line: str) -> str:
        """The line without Word-export debris and indentation."""
        for pattern in self.gaz.debris:
            line = pattern.sub("", line)
        return line.strip(_WHITESPACE + "\n")

    def part_cue(self, title: str) -> PartCue | None:
        return next((cue for cue in self.gaz.part_cues if cue.cue in title), None)

    def parse_text(self, text: str, meta: Metadata, source: str) -> ParseResult:
        """Parse one document's text (LF line ends) into records and diagnostics."""
        return self.parse_lines(text_lines(text), meta, source)

    def parse_lines(self, lines: Iterable[Line], meta: Metadata, source: str) -> ParseResult:
        """Parse one document's lines into records and diagnostics."""
        result = ParseResult()
        warn = result.diagnostics.append
        part: tuple[int, str, PartCue | None] | None = None
        section: tuple[int, str] | None = None
        block = _Block()
        ids: set[str] = set()

        def drop_block(why: str) -> None:
            if block.lines:
                first, last = block.lines[0][0], block.lines[-1][0]
                where = f"lines {first}–{last}" if last != first else f"line {first}"
                warn(Diagnostic(source, first, f"{why} ({where})", len(block.lines)))
                block.lines.clear()

        for number, raw in ((line.number, line.text) for line in lines):
            line = self.clean(raw)
            if not line:
                continue
            dash = _ATTRIBUTION.match(line)
            part_match, section_match = _PART.match(line), _SECTION.match(line)
            if dash:
                if not block.lines:
                    warn(Diagnostic(source, number, "attribution with no quote above it", 1))
                    continue
                quote = self._quote(block, line[dash.end() :], number, meta, source, part, section)
                if isinstance(quote, Diagnostic):
                    warn(quote)
                else:
                    quote = _unique_id(quote, ids)
                    result.quotes.append(quote)
                    if quote.affairs == "foreign" and not quote.counterparts:
                        warn(
                            Diagnostic(
                                source,
                                number,
                                "no counterpart recognised in the "
                                "attribution; add the place or title to the gazetteer",
                            )
                        )
                    if quote.leader is None:
                        warn(
                            Diagnostic(
                                source,
                                quote.line,
                                "cannot tell who speaks; add the name to gazetteer/people.tsv",
                            )
                        )
                block.lines.clear()
            elif part_match and _is_heading_text(part_match["title"]):
                drop_block("paragraphs with no attribution before a part heading")
                cue = self.part_cue(part_match["title"])
                if cue is None:
                    warn(
                        Diagnostic(
                            source,
                            number,
                            "part title says neither domestic nor "
                            "foreign affairs; add a cue to gazetteer/parts.tsv",
                        )
                    )
                part = (chinese_number(part_match["no"]), part_match["title"].strip(), cue)
                section = None
            elif section_match and _is_heading_text(section_match["title"]):
                drop_block("paragraphs with no attribution before a section heading")
                section = (chinese_number(section_match["no"]), section_match["title"].strip())
            elif _HEADING_LIKE.match(line) and _is_heading_text(line):
                drop_block("paragraphs with no attribution before a heading")
                warn(Diagnostic(source, number, f"unknown heading shape: {line!r}", 1))
            else:
                block.lines.append((number, line))
        drop_block("paragraphs after the last attribution")
        return result

    def _quote(
        self,
        block: _Block,
        body: str,
        number: int,
        meta: Metadata,
        source: str,
        part: tuple[int, str, PartCue | None] | None,
        section: tuple[int, str] | None,
    ) -> Quote | Diagnostic:
        cue = part[2] if part else None
        affairs = cue.affairs if cue else None
        try:
            attr = self.attributions.read(body, meta.year, foreign=affairs == "foreign")
        except UnreadableDate as exc:
            first = block.lines[0][0]
            return Diagnostic(
                source,
                number,
                f"unreadable date in attribution: {exc}; quote from line {first} skipped",
                len(block.lines) + 1,
            )
        paragraphs = [text for _, text in block.lines]
        leader: str | None = meta.leader
        if cue and cue.speaker == "counterpart":
            leader = self.speaker(paragraphs[0], attr.counterparts)
        text = "\n".join(paragraphs)
        return Quote(
            id="",
            source=source,
            line=block.lines[0][0],
            part_no=part[0] if part else None,
            part=part[1] if part else "",
            affairs=affairs,
            section_no=section[0] if section else None,
            section=section[1] if section else "",
            date=attr.date,
            date_end=attr.date_end,
            event=attr.event,
            event_canonical=attr.event_canonical,
            event_type=attr.event_type,
            counterparts=attr.counterparts,
            leader=leader,
            text=text,
            paragraphs=len(paragraphs),
        )

    def speaker(self, paragraph: str, counterparts: tuple[Counterpart, ...]) -> str | None:
        """Who speaks in a foreign-side quote: the first known name before the speech verb."""
        clause = _DATE_PREFIX.sub("", paragraph).split("。")[0]
        verbs = [clause.find(v) for v in self.gaz.speech_verbs if v in clause]
        if verbs:
            clause = clause[: min(verbs)]
        names = {c.name: c.name for c in counterparts} | self.gaz.people
        hits = [(clause.find(alias), -len(alias), alias) for alias in names if alias in clause]
        if hits:
            return self.gaz.person(names[min(hits)[2]])
        return counterparts[0].name if len(counterparts) == 1 else None

    def parse_document(self, doc: Document, meta: Metadata) -> ParseResult:
        result = ParseResult(diagnostics=list(doc.diagnostics))
        result.extend(self.parse_lines(doc.lines, meta, doc.name))
        return result


def _unique_id(quote: Quote, taken: set[str]) -> Quote:
    key = "\x1f".join((quote.source, quote.date, quote.event, quote.text))
    base = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return Quote(**{**quote.__dict__, "id": candidate})


def parse_paths(paths: Iterable[Path], gaz: Gazetteer | None = None) -> ParseResult:
    """Parse every document named by ``paths`` (files, or folders of ``*.txt``)."""
    paths = list(paths)
    folders = {p if p.is_dir() else p.parent for p in paths}
    parser = Parser(gaz or load_gazetteer(sorted(folders)))
    result = ParseResult()
    for path in document_paths(paths):
        meta = read_metadata(path.with_suffix(".toml"))
        result.extend(parser.parse_document(load_document(path), meta))
    return result
