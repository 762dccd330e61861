"""Layout cues (``indexer/data/layout.tsv``): heading markers, bullets, preamble and
trailer cues, citation cues, and the words around a leader's name. Loaded with the
gazetteer, so a corpus's ``gazetteer/layout.tsv`` extends them and the index notices
when they change."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import CorpusFormatError
from ..folding import fold
from .tables import compile_pattern

LAYOUT_FILE = "layout.tsv"

KINDS = (
    "heading_marker",
    "bullet",
    "preamble",
    "intro",
    "trailer",
    "citation",
    "subject_end",
    "honorific",
    "leader_cue",
    "leader_cue_sure",
    "sayings_cue",
    "contents",
    "front_matter",
    "back_matter",
    "furniture",
    "trailer_line",
    "front_word",
    "contents_entry",
    "field_text",
    "field_date",
    "field_event",
)
#: Kinds whose cues are regular expressions (RE2) matched anywhere in a line.
PATTERN_KINDS = ("furniture", "trailer_line", "contents_entry")
#: Kinds whose cues name a whole line (its spaces, brackets and a final colon aside).
MATTER_KINDS = {"contents": "contents", "front_matter": "front", "back_matter": "back"}
_MATTER_STRIP = re.compile(r"[\s\u3000【】〔〕\[\]［］〖〗：:]")

#: Numbers in heading markers: Chinese numerals or up to three (full-width) digits.
_HEADING_NUMBER = r"(?P<no>[一二三四五六七八九十百零〇两]{1,5}|[0-9０-９]{1,3})"
#: Half- and full-width forms of the punctuation markers use.
_WIDTHS = {
    "（": "[（(]",
    "(": "[（(]",
    "）": "[）)]",
    ")": "[）)]",
    "．": "[.．]",
    ".": "[.．]",
    "：": "[：:]",
    ":": "[：:]",
    "，": "[，,]",
    ",": "[，,]",
    " ": "[ \u3000]",
    "\u3000": "[ \u3000]",
}
_OPENERS = "【（(\\[「〔<《"
#: What may follow a strict cue; 丨 is the bar of credits lines (策划丨…, 编辑丨…).
_CLOSERS = "：:｜|丨】）)\\]」〕>》"


@dataclass(frozen=True)
class Marker:
    """A numbered heading marker such as ``第N章``, compiled."""

    template: str
    pattern: re.Pattern[str]


def check_marker(template: str) -> None:
    """Raise a one-line error unless ``template`` is a heading marker (``第N章``): its
    pattern is built of escaped literals, so a template that passes always compiles."""
    if template.count("N") != 1 or len(template) < 2:
        raise CorpusFormatError(
            f"heading marker {template!r} must hold one N for the number and a mark beside it"
        )


def compile_marker(template: str) -> Marker:
    """``第N章`` -> a pattern reading the number (``no``) and the title after it."""
    check_marker(template)
    before, after = template.split("N")
    literal = "".join(_WIDTHS.get(c, re.escape(c)) for c in before)
    tail = "".join(_WIDTHS.get(c, re.escape(c)) for c in after)
    return Marker(
        template,
        re.compile(
            rf"^{literal}\s?{_HEADING_NUMBER}\s?{tail}(?![0-9０-９.．%％])[\s\u3000]*(?P<title>.*)$"
        ),
    )


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class LayoutCues:
    """The layout table, as lists of cues (read-only once loaded)."""

    heading_marker: list[str] = field(default_factory=list)
    bullet: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)
    citation: list[str] = field(default_factory=list)
    subject_end: list[str] = field(default_factory=list)
    honorific: list[str] = field(default_factory=list)
    leader_cue: list[str] = field(default_factory=list)
    leader_cue_sure: list[str] = field(default_factory=list)
    sayings_cue: list[str] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)
    front_matter: list[str] = field(default_factory=list)
    back_matter: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    trailer_line: list[str] = field(default_factory=list)
    front_word: list[str] = field(default_factory=list)
    contents_entry: list[str] = field(default_factory=list)
    field_text: list[str] = field(default_factory=list)
    field_date: list[str] = field(default_factory=list)
    field_event: list[str] = field(default_factory=list)

    def matter(self, text: str) -> str:
        """``contents``, ``front`` or ``back`` when the line names a table of contents
        (目　录), front matter (再版前言, 说明) or back matter (后记); else ``""``."""
        if len(text) > 16:
            return ""
        return self._matter.get(_MATTER_STRIP.sub("", fold(text)), "")

    @cached_property
    def _matter(self) -> dict[str, str]:
        return {
            _MATTER_STRIP.sub("", fold(cue)): name
            for kind, name in MATTER_KINDS.items()
            for cue in getattr(self, kind)
        }

    @cached_property
    def furniture_patterns(self) -> tuple:
        """Page furniture: photo captions, breadcrumbs (RE2, matched anywhere)."""
        return _compiled(self.furniture)

    @cached_property
    def furniture_any(self) -> Any:
        """One pattern that matches where any furniture pattern does (one RE2 search a
        line instead of one a pattern), or the patterns one by one where they cannot be
        joined (two name the same group)."""
        patterns = self.furniture_patterns  # a bad pattern is reported by its own line
        alternation = "|".join(f"(?:{p})" for p in dict.fromkeys(self.furniture))
        try:
            return compile_pattern(alternation or "[^\\x00-\\x{10ffff}]", LAYOUT_FILE)
        except CorpusFormatError:
            return _AnyOf(patterns)

    @cached_property
    def trailer_line_patterns(self) -> tuple:
        """Lines that start a trailer by their shape (a newspaper's dateline)."""
        return _compiled(self.trailer_line)

    @cached_property
    def contents_entry_patterns(self) -> tuple:
        """The end of a contents entry (leader dots, a page number), matched anywhere."""
        return _compiled(self.contents_entry)

    @cached_property
    def markers(self) -> tuple[Marker, ...]:
        return tuple(compile_marker(t) for t in dict.fromkeys(self.heading_marker))

    def marker_matches(self, text: str) -> Iterator[tuple[Marker, re.Match[str]]]:
        """Each heading marker that opens ``text`` (in ``layout.tsv``'s order) with its
        match (groups ``no`` and ``title``); none at once for a line no marker can open."""
        if text[:1] not in self.marker_starts:
            return
        for marker in self.markers:
            match = marker.pattern.match(text)
            if match:
                yield marker, match

    @cached_property
    def marker_starts(self) -> frozenset[str]:
        """The characters a numbered heading can begin with (a cheap test first)."""
        starts = set("一二三四五六七八九十百零〇两0123456789０１２３４５６７８９")
        for template in self.heading_marker:
            first = template[0]
            starts |= set(_WIDTHS.get(first, first).strip("[]")) if first != "N" else set()
        return frozenset(starts)

    @cached_property
    def cue_reach(self) -> int:
        """How far into a folded line a preamble or trailer cue can reach: an opening
        bracket, a space, the longest cue, a space and what must follow it."""
        return max((len(fold(c)) for c in (*self.preamble, *self.trailer)), default=0) + 4

    @cached_property
    def preamble_pattern(self) -> CuePattern:
        """Preamble cues, folded: match them against folded lines (責編 is 责编)."""
        return CuePattern([fold(c) for c in self.preamble])

    @cached_property
    def trailer_pattern(self) -> CuePattern:
        """Trailer cues, folded: match them against folded lines."""
        return CuePattern([fold(c) for c in self.trailer])

    @cached_property
    def intro_pattern(self) -> re.Pattern[str] | None:
        """Words of an editor's introduction, anywhere in a paragraph."""
        return re.compile(_alternation(self.intro)) if self.intro else None

    @cached_property
    def citation_prefix(self) -> re.Pattern[str]:
        words = _alternation(self.citation) or "(?!)"
        return re.compile(rf"^(?:{words})\s?(?=[《〈<])")

    @cached_property
    def citation_word(self) -> re.Pattern[str]:
        """A word that opens a source reference after a comma (``…，转引自1967年…``)."""
        return re.compile(rf"(?<=[，,；;])\s?(?:{_alternation(self.citation) or '(?!)'})")


def _compiled(patterns: list[str]) -> tuple:
    return tuple(compile_pattern(p, LAYOUT_FILE) for p in dict.fromkeys(patterns))


class _AnyOf:
    """Patterns searched one after the other, as one."""

    def __init__(self, patterns: tuple) -> None:
        self.patterns = patterns

    def search(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)


class CuePattern:
    """Matches a line that opens with one of the cues, optionally after an opening
    bracket. A cue written with a trailing ``：`` needs a colon, a bar (｜, |, 丨), a
    space or a closing bracket (or the end of the line) after it; it is *strict*."""

    def __init__(self, cues: list[str]) -> None:
        strict = [c[:-1] for c in cues if c.endswith(("：", ":")) and len(c) > 1]
        loose = [c for c in cues if not c.endswith(("：", ":"))]
        opener = f"^[{_OPENERS}]?\\s?"
        self._strict = (
            re.compile(f"{opener}(?:{_alternation(strict)})\\s?(?:[{_CLOSERS}\\s]|$)")
            if strict
            else None
        )
        self._loose = re.compile(f"{opener}(?:{_alternation(loose)})") if loose else None

    def match(self, line: str) -> str | None:
        """``"strict"``, ``"loose"`` or None."""
        if self._strict and self._strict.match(line):
            return "strict"
        if self._loose and self._loose.match(line):
            return "loose"
        return None


def load_layout_file(cues: LayoutCues, path: Path) -> None:
    """Add the rows of a ``layout.tsv`` to ``cues``."""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, _, cue = (cell.strip(" \t") for cell in line.partition("\t"))
        if kind not in KINDS or not cue:
            raise CorpusFormatError(
                f"{path}:{number}: expected a kind ({', '.join(KINDS)}), a tab and a cue"
            )
        if kind == "heading_marker":
            check_marker(cue)  # fail on the line that is wrong, not later (compiled then)
        elif kind in PATTERN_KINDS:
            compile_pattern(cue, f"{path}:{number}")
        getattr(cues, kind).append(cue)
