"""The parser: a compilation's lines in, quote records and a document record out.

Each line is classified on its own (:mod:`.classify`), the document's layout is worked
out from those shapes (:mod:`.structure`), and each block of lines is then handed to the
handler for its kind: headings open sections, quote titles name the quotes under them,
text waits for its attribution, an attribution closes a quote, and preamble, trailer and
stray lines are kept or reported. Every line ends up as debris, a heading, a quote
title, preamble, trailer, part of exactly one quote, or in a warning that names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..numerals import chinese_number
from ..records.gazetteer import Gazetteer, PartCue, load_gazetteer
from ..records.quotes import (
    Counterpart,
    Diagnostic,
    Line,
    ParseResult,
)
from .assembly import _DocumentParser
from .attribution import AttributionReader
from .classify import LineClassifier
from .dates import find_dates
from .metadata import Metadata, metadata_path, read_metadata
from .sources import Document, document_paths, load_document, text_lines

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
                    f"article (menus, sidebars, footer, photo captions): {shown}",
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
