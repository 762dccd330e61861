"""What each line is in its document, decided from the shapes of the lines around it.

The classifier (:mod:`indexer.documents.classify`) says what a line looks like; here the
document's layout is worked out from all of them at once, in a few linear passes:

1. *closers*: attributions (dashed lines) and citations or bare dates that follow quote
   text close a quote;
2. *heading candidates*: styled and marked lines that stand before text, and short
   unmarked lines that stand between a closer (or the top of the document) and text;
   unmarked candidates count only when a document has at least two; candidates before
   the first quote that each stand right above the next of their family are a table of
   contents (preamble);
3. the *title line*: the first line, when it is shaped like a title and is not the
   first of the document's own unmarked headings;
4. *quote titles*: a family numbered with Arabic digits or bulleted, of which every
   line governs at most one quote (``1.必须旗帜鲜明讲政治``, ``★“……”``), names quotes
   instead of heading them;
5. a bare date before the first heading signs a preface when the quotes under the
   headings close otherwise;
6. the *preamble* is everything before the first heading or quote, the *trailer*
   everything after the last closer from the first preamble, trailer or footer line on;
7. *depth*: heading families nest in the order the document first uses them.

The result is a list of blocks, one per line or per pair of lines that belong together
(a marker on its own line and the title under it; an attribution and the date on the
next line), in document order; every line is in exactly one block.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .attribution import choose_date
from .classify import TITLE_MAX, WHITESPACE, Classified, Kind, ends_clause

#: Shapes that can be part of a quote's text.
_TEXTUAL = {Kind.TEXT, Kind.SHORT, Kind.MARKED, Kind.CITATION, Kind.DATELINE, Kind.CUE}
_DEBRIS = {Kind.BLANK, Kind.RULE, Kind.FOOTER}
_OPENING = '“「『"‘'
#: Brackets that may wrap an unmarked heading: 【坚持人民至上】.
_WRAPPERS = {"【": "】", "〔": "〕", "[": "]", "［": "］", "〖": "〗"}
PLAIN = "plain"


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


@dataclass(frozen=True)
class QuoteTitle(Block):
    """A line that names the quote(s) under it."""

    title: str = ""


@dataclass(frozen=True)
class Text(Block):
    """A paragraph of quote text (or text that turns out to have no attribution)."""


@dataclass(frozen=True)
class Closer(Block):
    """An attribution or citation closing the quote above it; ``body`` is its text
    without dash (and with a date continued on the next line)."""

    body: str = ""


@dataclass(frozen=True)
class Stray(Block):
    """A line that belongs nowhere, reported with ``why``."""

    why: str = ""


@dataclass
class _Unit:
    """A content line (or two merged lines) on its way to becoming a block."""

    lines: list[Classified]
    shape: Classified
    blank_before: bool = False
    closer: bool = False
    stray: bool = False
    contents: bool = False  # a line of a table of contents
    candidate: bool = False
    family: str = ""
    body: str = ""

    @property
    def kind(self) -> Kind:
        return self.shape.kind

    @property
    def text(self) -> str:
        return self.shape.text


@dataclass
class Layout:
    """A document's blocks, in document order."""

    blocks: list[Block] = field(default_factory=list)


def _units(shapes: list[Classified]) -> tuple[list[_Unit], dict[int, list[Classified]]]:
    """Content units, merging a bare marker with the title on the next line and a
    dateless attribution with the date on the next line; and the debris lines that
    stand before each unit (keyed by unit index; the key len(units) holds the tail)."""
    units: list[_Unit] = []
    debris: dict[int, list[Classified]] = defaultdict(list)
    blank = False
    i = 0
    while i < len(shapes):
        shape = shapes[i]
        if shape.kind in _DEBRIS:
            debris[len(units)].append(shape)
            blank = blank or not shape.line.text.strip(WHITESPACE)  # not a bookmark line
            i += 1
            continue
        unit = _Unit([shape], shape, blank_before=blank)
        blank = False
        nxt = _next_content(shapes, i + 1)
        if nxt is not None and _joins(shape, shapes[nxt]):
            debris[len(units)] += [s for s in shapes[i + 1 : nxt]]
            other = shapes[nxt]
            unit.lines.append(other)
            if shape.kind == Kind.MARKED:
                unit.shape = replace(shape, title=other.text)
            else:
                unit.body = f"{shape.body}{other.text}"
            i = nxt + 1
        else:
            i += 1
        units.append(unit)
    return units, debris


def _next_content(shapes: list[Classified], start: int) -> int | None:
    for j in range(start, len(shapes)):
        if shapes[j].kind not in _DEBRIS:
            return j
        if shapes[j].kind == Kind.BLANK and j > start:
            return None  # only the very next line, or one blank between, may join
    return None


def _joins(shape: Classified, following: Classified) -> bool:
    if shape.kind == Kind.MARKED and not shape.title:
        return following.kind == Kind.SHORT
    if shape.kind == Kind.DASHED and choose_date(shape.body) is None:
        return following.kind == Kind.DATELINE or (
            following.kind == Kind.CITATION and following.text[:1] in "（("
        )
    return False


def _textual(unit: _Unit | None) -> bool:
    """Whether ``unit`` can be quote text (a cue line only when its cue had no colon)."""
    if unit is None or unit.closer or unit.kind not in _TEXTUAL:
        return False
    return not (unit.kind == Kind.CUE and unit.shape.strict)


def resolve(shapes: list[Classified], intro: re.Pattern[str] | None = None) -> Layout:
    """The blocks of a document, from its classified lines (see the module docstring);
    ``intro`` finds the words of an editor's introduction."""
    units, debris = _units(shapes)
    n = len(units)

    def around(k: int) -> tuple[_Unit | None, _Unit | None]:
        return (units[k - 1] if k > 0 else None), (units[k + 1] if k + 1 < n else None)

    # 1. closers
    for k, unit in enumerate(units):
        before, after = around(k)
        if unit.kind == Kind.DASHED:
            unit.closer = _textual(before)
            unit.body = unit.body or unit.shape.body
        elif unit.kind in (Kind.CITATION, Kind.DATELINE):
            unit.closer = _textual(before) and (after is None or after.kind != Kind.DASHED)
            unit.body = unit.shape.body
    first_closer = next((k for k, u in enumerate(units) if u.closer), n)

    # 2. heading candidates
    for k, unit in enumerate(units):
        before, after = around(k)
        if unit.closer or unit.kind == Kind.DASHED:
            continue
        if unit.kind == Kind.STYLED:
            unit.candidate, unit.family = True, unit.shape.family
        elif unit.kind == Kind.MARKED:
            # a list a colon introduces (要做到：1.… 2.…) is text
            introduced = _textual(before) and before.text.rstrip().endswith(("：", ":"))
            listed = after is not None and after.kind == Kind.MARKED
            listed = listed and after.shape.family == unit.shape.family
            if not (after is not None and after.closer) and not (introduced and listed):
                unit.candidate, unit.family = True, unit.shape.family
        elif unit.kind in (Kind.SHORT, Kind.CITATION, Kind.DATELINE):
            if unit.kind == Kind.SHORT:
                opening = before is None or before.closer or before.candidate
                opening = opening or k < first_closer
            else:  # a work's title or a month as a heading, but not under the title line
                opening = k > first_closer and (before.closer or before.candidate)
            if opening and _textual(after):
                unit.candidate, unit.family = True, PLAIN

    # a table of contents: headings before the first quote, each right above the next
    # of its family, are preamble
    for k in range(min(first_closer, n) - 1):
        unit, after = units[k], units[k + 1]
        if unit.candidate and after.candidate and after.family == unit.family:
            unit.candidate, unit.contents = False, True

    # 3. the title line; unmarked headings count only when there are two or more
    title_at = _title_line(units)
    if title_at is not None:
        units[title_at].candidate = False
    plain = [u for u in units if u.candidate and u.family == PLAIN]
    if len(plain) < 2:
        for unit in plain:
            unit.candidate = False

    # 4. quote titles
    title_families = _title_families(units)

    # 5. a bare date before the first heading of a document whose quotes under headings
    # have other closers signs a preface rather than closing a quote
    first_heading = next((k for k, u in enumerate(units) if u.candidate), n)
    closers = [k for k, u in enumerate(units) if u.closer]
    if any(units[k].kind != Kind.DATELINE for k in closers if k > first_heading):
        for k in closers:
            if k < first_heading and units[k].kind == Kind.DATELINE:
                units[k].closer = False
        closers = [k for k, u in enumerate(units) if u.closer]
    first_closer = closers[0] if closers else n
    last_closer = closers[-1] if closers else n

    # 6. the preamble, and the trailer
    if closers:
        start = _first_quote_start(units, first_closer, last_closer, title_at, intro)
        if start == first_closer and first_closer < first_heading:
            units[first_closer].closer = False  # the text above it is preamble
            units[first_closer].stray = True
        anchor = min(first_heading, start)
    else:
        anchor = min(first_heading, 0 if title_at is None else title_at + 1)
    trailer_from = n + 1 if not closers else n
    for k in range(last_closer + 1, n):
        if units[k].kind == Kind.CUE or any(s.kind == Kind.FOOTER for s in debris.get(k, ())):
            trailer_from = k
            break

    # 7. depth, and the blocks in document order
    layout = Layout()
    stack: list[str] = []
    for k, unit in enumerate(units):
        layout.blocks += _debris_blocks(debris.get(k, ()), k >= trailer_from)
        layout.blocks.append(_block(unit, k, title_at, anchor, trailer_from, title_families, stack))
    layout.blocks += _debris_blocks(debris.get(n, ()), n >= trailer_from)
    return layout


def _debris_blocks(lines, in_trailer: bool) -> list[Block]:
    blocks: list[Block] = []
    for shape in lines:
        if in_trailer and shape.kind == Kind.FOOTER:
            blocks.append(TrailerLine((shape,)))
        else:
            blocks.append(Debris((shape,)))
    return blocks


def _block(
    unit: _Unit,
    k: int,
    title_at: int | None,
    anchor: int,
    trailer_from: int,
    title_families: set[str],
    stack: list[str],
) -> Block:
    lines = tuple(unit.lines)
    if k == title_at:
        return TitleLine(lines)
    if k < anchor:
        return PreambleLine(lines)
    if k >= trailer_from:
        return TrailerLine(lines)
    if unit.closer:
        return Closer(lines, body=unit.body)
    if unit.kind == Kind.DASHED or unit.stray:
        return Stray(lines, why="attribution with no quote above it")
    if unit.candidate:
        shape = unit.shape
        if unit.family in title_families:
            return QuoteTitle(lines, title=shape.title)
        if unit.family in stack:
            del stack[stack.index(unit.family) + 1 :]
        else:
            stack.append(unit.family)
        title = shape.title or shape.text
        if unit.family == PLAIN and _WRAPPERS.get(title[:1]) == title[-1:] and len(title) > 2:
            title = title[1:-1].strip(WHITESPACE)  # 【坚持人民至上】
        return Heading(lines, level=len(stack), number=shape.number, title=title)
    if unit.kind == Kind.CUE and unit.shape.strict:
        return Stray(lines, why="a source or editor line inside the document")
    return Text(lines)


def _title_line(units: list[_Unit]) -> int | None:
    """The index of the document's title line, if it has one: the first line, shaped
    like a title (unmarked, no closing punctuation, not too long), unless it is a
    styled heading like later ones or the first of the document's unmarked headings."""
    if not units:
        return None
    first = units[0]
    if first.kind not in (Kind.SHORT, Kind.TEXT, Kind.STYLED, Kind.CITATION, Kind.DATELINE):
        return None
    if len(first.text) > TITLE_MAX or ends_clause(first.text) or first.closer:
        return None
    if len(units) > 1 and units[1].closer:
        return None  # a one-line quote
    if first.kind == Kind.STYLED:
        same = sum(1 for u in units[1:] if u.kind == Kind.STYLED and u.family == first.family)
        return None if same else 0
    others = [k for k in range(1, len(units)) if units[k].candidate and units[k].family == PLAIN]
    if first.candidate and others:
        # the first of the document's unmarked headings: what follows it follows another
        # one too (a heading of the same family; text, when it is no longer than they are)
        under = _under(units, 0)
        if any(_under(units, k) == under for k in others) and (
            under != "text" or len(first.text) <= max(len(units[k].text) for k in others)
        ):
            return None
    return 0


def _under(units: list[_Unit], k: int) -> str | None:
    """What stands right under unit ``k``: ``text``, or the family of a heading."""
    if k + 1 >= len(units):
        return None
    below = units[k + 1]
    if below.candidate:
        return below.family
    return "text" if _textual(below) else None


def _title_families(units: list[_Unit]) -> set[str]:
    """Families numbered in Arabic digits or bulleted that name quotes rather than head
    sections: none of their lines has a heading of a deeper family (one first used
    under it) right under it or governs more than one quote (the closers up to the next
    candidate), and at least half govern exactly one."""
    governed: dict[str, list[int]] = defaultdict(list)
    parents: set[str] = set()
    current: str | None = None
    for unit in units:
        if unit.candidate:
            deeper = unit.family not in governed  # first used here, under ``current``
            if current is not None and governed[current][-1] == 0 and deeper:
                parents.add(current)
            current = unit.family
            governed[current].append(0)
        elif unit.closer and current is not None:
            governed[current][-1] += 1
    titles = set()
    for family, counts in governed.items():
        if not family.endswith(":ar") and not family.startswith("bullet:"):
            continue  # quotes are named with Arabic numbers or bullets, never 一、 or （一）
        if family in parents:
            continue
        if max(counts) <= 1 and Counter(counts)[1] * 2 >= len(counts):
            titles.add(family)
    return titles


def _first_quote_start(
    units: list[_Unit],
    first_closer: int,
    last_closer: int,
    title_at: int | None,
    intro: re.Pattern[str] | None = None,
) -> int:
    """Where the first quote begins: back from the first closer over text, up to the
    title line, a cue line, a heading, a paragraph with a word of an editor's
    introduction (``intro``: 梳理, 重温), a line that ends with a colon (…如下：) unless
    a list follows it; at the first blank line, in a document whose quotes never hold
    blank lines; and at the first line outside quotation marks, in one whose quotes all
    open with one."""
    blank_bounds = _blank_lines_part_quotes(units, first_closer, last_closer)
    quoted = _quotes_open_with_a_quotation_mark(units, first_closer, last_closer)
    unclosed = 0  # closing quotation marks whose opening one is further up
    start = first_closer
    k = first_closer - 1
    while k >= 0 and k != title_at and _textual(units[k]) and not units[k].candidate:
        unit = units[k]
        if unit.kind == Kind.CUE or unit.contents or (intro and intro.search(unit.text)):
            break
        if unit.text.rstrip().endswith(("：", ":")) and not _lists(units[k + 1]):
            break  # 现摘编如下：, unless it introduces a list in the quote (要做到：——…；)
        if quoted:  # take lines in quotation marks only (“…”, or inside a quotation)
            unclosed += unit.text.count("”") - unit.text.count("“")
            if unclosed <= 0 and unit.text[:1] not in _OPENING:
                break
        start = k
        if blank_bounds and unit.blank_before:
            break
        k -= 1
    return start


def _quotes_open_with_a_quotation_mark(
    units: list[_Unit], first_closer: int, last_closer: int
) -> bool:
    """Whether every quote after the first opens with a quotation mark (“…”)."""
    openings = [
        units[k + 1].text[:1]
        for k in range(first_closer, last_closer)
        if units[k].closer and _textual(units[k + 1]) and not units[k + 1].candidate
    ]
    return bool(openings) and all(c in _OPENING for c in openings)


def _lists(unit: _Unit) -> bool:
    """Whether ``unit`` is an item of a list: dash-led text, or a marked line that is
    not a heading."""
    return (unit.kind == Kind.TEXT and unit.text[:1] in "—－-") or (
        unit.kind == Kind.MARKED and not unit.candidate
    )


def _blank_lines_part_quotes(units: list[_Unit], first_closer: int, last_closer: int) -> bool:
    """Whether blank lines part quotes rather than paragraphs: there are quotes after the
    first, and none of them has a blank line between its paragraphs."""
    for k in range(first_closer + 2, last_closer):
        unit, before = units[k], units[k - 1]
        if unit.closer or unit.candidate or before.closer or before.candidate:
            continue
        if unit.blank_before:
            return False
    return last_closer > first_closer
