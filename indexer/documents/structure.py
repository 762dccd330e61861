"""What each line is in its document, decided from the shapes of the lines around it.

The classifier (:mod:`indexer.documents.classify`) says what a line looks like; here the
document's layout is worked out from all of them at once, in a few linear passes:

0. *units* (:mod:`.units`): content lines with the debris before them, running page
   headers as furniture, a quote split from the attribution on its line; quotes whose
   attribution comes first, and lists sharing one citation, put in the usual order
   (:mod:`.leadins`);
1. *closers*: attributions (dashed lines) and citations or bare dates that follow quote
   text close a quote;
2. *heading candidates*: styled and marked lines that stand before text, and short
   unmarked lines that stand between a closer (or the top of the document) and text;
   unmarked candidates count only when a document has at least two, or when a lone one
   is set off by a blank line above it in a document whose quotes are not; candidates
   before the first quote that each stand right above the next of their family are a
   table of contents (preamble), and so is the front matter (:mod:`.frontmatter`);
3. the *title line*: the first line, when it is shaped like a title and is not the
   first of the document's own unmarked headings;
4. *quote titles*: a family numbered with Arabic digits or bulleted whose lines each
   govern one quote (half of them at least; or three in four, with none governing more
   than two) (``1.必须旗帜鲜明讲政治``, ``★“……”``), names quotes instead of heading
   them;
5. a bare date before the first heading signs a preface when the quotes under the
   headings close otherwise;
6. the *preamble* is everything before the first heading or quote, the *trailer*
   everything after the last closer from the first preamble, trailer or footer line,
   back-matter heading (后记) or table of contents on;
7. *depth*: heading families nest in the order the document first uses them.

The result is a list of blocks, one per line or per pair of lines that belong together
(a marker on its own line and the title under it; an attribution and the date on the
next line), in document order, but for a lead-in, which follows the quote it
introduces; every line is in exactly one block, but for a line holding a quote and its
attribution (in two) and a citation that several quotes share (in each of them).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from .classify import TITLE_MAX, WHITESPACE, Classified, Kind, ends_clause
from .frontmatter import mark_front_matter
from .leadins import reorder
from .units import OPENING as _OPENING
from .units import Unit as _Unit
from .units import build_units, running_headers
from .units import textual as _textual

#: Brackets that may wrap an unmarked heading: 【坚持人民至上】.
_WRAPPERS = {"【": "】", "〔": "〕", "[": "]", "［": "］", "〖": "〗"}
PLAIN = "plain"
#: Unmarked lines that name the quote under them, below an unmarked group heading.
PLAIN_TITLE = "plain:title"


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
class Stray(Block):
    """A line that belongs nowhere, reported with ``why``."""

    why: str = ""


@dataclass
class Layout:
    """A document's blocks, in document order."""

    blocks: list[Block] = field(default_factory=list)


def resolve(shapes: list[Classified], intro: re.Pattern[str] | None = None) -> Layout:
    """The blocks of a document, from its classified lines (see the module docstring);
    ``intro`` finds the words of an editor's introduction."""
    units, tail = build_units(running_headers(shapes))
    units = reorder(units)
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
    # of its family, are preamble; so are the front matter and other tables of contents
    # (two entries at least: one unmarked line over another is a group over a title)
    for k in range(min(first_closer, n) - 1):
        unit, after = units[k], units[k + 1]
        if unit.candidate and after.candidate and after.family == unit.family:
            run = k > 0 and units[k - 1].contents
            later = k + 2 < n and units[k + 2].candidate and units[k + 2].family == unit.family
            if unit.family != PLAIN or run or (k > 0 and later):
                unit.candidate, unit.contents = False, True
    mark_front_matter(units)
    for unit in units:
        if unit.shape.matter and unit.candidate:
            unit.candidate, unit.contents = False, unit.shape.matter != "back"
    for before, unit in pairwise(units):
        if unit.closer and before.contents:
            unit.closer = False  # what stands above it is front matter, not a quote

    # a short line right above another above a quote: a group heading over its title
    _titles_under_groups(units)

    # 3. the title line; unmarked headings count only when there are two or more (or
    # one set off by a blank line in a document whose quotes are not)
    title_at = _title_line(units)
    if title_at is not None:
        units[title_at].candidate = False
    plain = [k for k, u in enumerate(units) if u.candidate and u.family == PLAIN]
    if len(plain) < 2:
        for k in plain:
            if not _set_off(units, k):
                units[k].candidate = False

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
        if start == first_closer and _same_line(units, first_closer - 1, first_closer):
            start -= 1  # a quote with its attribution on its line is never preamble
            title_at = None if title_at == start else title_at
        if start == first_closer and first_closer < first_heading:
            units[first_closer].closer = False  # the text above it is preamble
            units[first_closer].stray = True
        anchor = min(first_heading, start)
    else:
        anchor = min(first_heading, 0 if title_at is None else title_at + 1)
    trailer_from = n + 1 if not closers else n
    for k in range(last_closer + 1, n):
        if _starts_trailer(units[k]):
            trailer_from = k
            break

    # 7. depth, and the blocks in document order
    layout = Layout()
    stack: list[str] = []
    for k, unit in enumerate(units):
        layout.blocks += _debris_blocks(unit.debris, k >= trailer_from)
        layout.blocks.append(_block(unit, k, title_at, anchor, trailer_from, title_families, stack))
    layout.blocks += _debris_blocks(tail, n >= trailer_from)
    return layout


def _starts_trailer(unit: _Unit) -> bool:
    """After the last attribution, whether ``unit`` starts the trailer: a cue line
    (source, editors), one with a page number before it, back matter (后记) or a table
    of contents."""
    if unit.kind in (Kind.CUE, Kind.CONTENTS) or unit.shape.matter:
        return True
    return any(s.kind == Kind.FOOTER for s in unit.debris)


def _set_off(units: list[_Unit], k: int) -> bool:
    """Whether a lone unmarked heading candidate is set off as headings are: right
    after an attribution, a blank line above it and none under it, not in quotation
    marks, in a document whose quotes are not parted by blank lines."""
    unit = units[k]
    if k == 0 or not units[k - 1].closer or not unit.blank_before:
        return False
    if unit.text[:1] in _OPENING or k + 1 >= len(units) or units[k + 1].blank_before:
        return False
    closers = [j for j, u in enumerate(units[:-1]) if u.closer]
    parted = sum(1 for j in closers if units[j + 1].blank_before)
    return parted * 2 < len(closers)


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
    if k < anchor or (unit.contents and k < trailer_from):
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
            return QuoteTitle(lines, title=shape.title, family=unit.family)
        if unit.family in stack:
            del stack[stack.index(unit.family) + 1 :]
        else:
            stack.append(unit.family)
        title = shape.title or shape.text
        if unit.family == PLAIN and _WRAPPERS.get(title[:1]) == title[-1:] and len(title) > 2:
            title = title[1:-1].strip(WHITESPACE)  # 【坚持人民至上】
        return Heading(
            lines,
            level=len(stack),
            number=shape.number,
            title=title,
            marker=shape.marker,
            family=unit.family,
        )
    if unit.kind == Kind.CUE and unit.shape.strict:
        return Stray(lines, why="a source or editor line inside the document")
    return Text(lines)


def _same_line(units: list[_Unit], a: int, b: int) -> bool:
    """Whether units ``a`` and ``b`` are the two halves of one line (a quote and the
    attribution after it)."""
    return a >= 0 and units[a].lines[-1].line is units[b].lines[0].line


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
    under it) right under it, and either none governs more than one quote (the closers
    up to the next candidate) and half govern exactly one, or none governs more than
    two and three in four govern exactly one."""
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
        if family == PLAIN_TITLE:
            titles.add(family)
            continue
        if not family.endswith(":ar") and not family.startswith("bullet:"):
            continue  # quotes are named with Arabic numbers or bullets, never 一、 or （一）
        if family in parents:
            continue
        ones = Counter(counts)[1]
        if (max(counts) <= 1 and ones * 2 >= len(counts)) or (
            max(counts) <= 2 and ones * 4 >= len(counts) * 3
        ):
            titles.add(family)
    return titles


def _titles_under_groups(units: list[_Unit]) -> None:
    """Unmarked heading candidates right above quote text are quote titles when one of
    them stands right under another candidate (a group heading over a title)
    and three in four of them govern exactly one quote (none more than two)."""
    n = len(units)
    lower = [
        k
        for k, u in enumerate(units[:-1])
        if u.candidate
        and u.family == PLAIN
        and _textual(units[k + 1])
        and not units[k + 1].candidate
    ]
    # (the first line over the second is as often the title line over a heading)
    paired = [k for k in lower if k > 1 and units[k - 1].candidate]
    if not paired:
        return
    governed = []
    for k in lower:
        count = 0
        for j in range(k + 1, n):
            if units[j].candidate:
                break
            count += units[j].closer
        governed.append(count)
    if max(governed) <= 2 and sum(c == 1 for c in governed) * 4 >= len(governed) * 3:
        for k in lower:
            units[k].family = PLAIN_TITLE


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
