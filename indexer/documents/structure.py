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
4. *quote titles*: a family numbered with Arabic digits, bulleted or bold whose lines each
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
from dataclasses import replace
from itertools import pairwise

from . import titles
from .blocks import (
    Block,
    Closer,
    Debris,
    Heading,
    Layout,
    PreambleLine,
    QuoteTitle,
    Stray,
    Text,
    TitleLine,
    TrailerLine,
)
from .classify import WHITESPACE, Classified, Kind
from .frontmatter import mark_front_matter
from .leadins import reorder
from .listitems import list_items
from .openings import heads_one_paragraph_quotes, preamble, set_off, subtitles, trailer_start
from .titles import PLAIN
from .units import Unit as _Unit
from .units import build_units, running_headers
from .units import textual as _textual

__all__ = [
    "PLAIN",
    "Block",
    "Closer",
    "Debris",
    "Heading",
    "Layout",
    "PreambleLine",
    "QuoteTitle",
    "Stray",
    "Text",
    "TitleLine",
    "TrailerLine",
    "resolve",
]

#: Brackets that may wrap an unmarked heading: 【坚持人民至上】.
_WRAPPERS = {"【": "】", "〔": "〕", "[": "]", "［": "］", "〖": "〗"}


def resolve(
    shapes: list[Classified],
    intro: re.Pattern[str] | None = None,
    people: frozenset[str] = frozenset(),
    speech_verbs: tuple[str, ...] = (),
) -> Layout:
    """The blocks of a document, from its classified lines (see the module docstring);
    ``intro`` finds the words of an editor's introduction, ``people`` the names of those
    the attributions may name, ``speech_verbs`` the verbs that report their words."""
    units, tail = build_units(running_headers(shapes))
    units = reorder(units)
    first_closer = _closers(units, people)  # 1. closers
    _heading_candidates(units, first_closer)  # 2. heading candidates
    _front_matter(units, first_closer)
    # a short line right above another above a quote: a group heading over its title
    titles.titles_under_groups(units)
    titles.speech_titles(units, people, speech_verbs)  # 习近平说：“…” over its quote
    title_at = _title_line(units)  # 3. the title line, and the unmarked headings
    title_families = titles.title_families(units)  # 4. quote titles
    first_heading, closers = _prefaces(units)  # 5. a bare date signing a preface
    # 6. the preamble, and the trailer
    title_at, anchor = preamble(units, closers, first_heading, title_at, intro, people)
    trailer_from = trailer_start(units, closers)
    # 7. depth, and the blocks in document order
    return _layout(units, tail, title_at, anchor, trailer_from, title_families)


def _around(units: list[_Unit], k: int) -> tuple[_Unit | None, _Unit | None]:
    return (units[k - 1] if k > 0 else None), (units[k + 1] if k + 1 < len(units) else None)


def _closers(units: list[_Unit], people: frozenset[str]) -> int:
    """Mark the lines that close a quote; the first one's place (``len(units)``: none)."""
    for k, unit in enumerate(units):
        before, after = _around(units, k)
        if unit.kind == Kind.DASHED:
            unit.closer = _textual(before)
            unit.body = unit.body or unit.shape.body
        elif unit.kind in (Kind.CITATION, Kind.DATELINE):
            unit.closer = _textual(before) and (after is None or after.kind != Kind.DASHED)
            unit.body = unit.shape.body
    for k in subtitles(units, people):  # a headline's subtitle in prose: text
        unit = units[k]
        unit.closer, unit.shape = False, replace(unit.shape, kind=Kind.TEXT)
        unit.lines = [replace(s, kind=Kind.TEXT) for s in unit.lines]
    return next((k for k, u in enumerate(units) if u.closer), len(units))


def _heading_candidates(units: list[_Unit], first_closer: int) -> None:
    items = list_items(units)  # a list inside a quote (要做到：1.… 2.…) is text
    for k, unit in enumerate(units):
        before, after = _around(units, k)
        if unit.closer or unit.kind == Kind.DASHED:
            continue
        if unit.kind == Kind.STYLED:
            unit.candidate, unit.family = True, unit.shape.family
        elif unit.kind == Kind.MARKED and k in items:  # read as text from here on
            unit.shape = replace(unit.shape, kind=Kind.TEXT)
            unit.lines = [replace(s, kind=Kind.TEXT) for s in unit.lines]
        elif unit.kind == Kind.MARKED:
            if not (after is not None and after.closer):
                unit.candidate, unit.family = True, unit.shape.family
        elif unit.kind in (Kind.SHORT, Kind.CITATION, Kind.DATELINE):
            if unit.kind == Kind.SHORT:
                opening = before is None or before.closer or before.candidate
                opening = opening or k < first_closer
            else:  # a work's title or a month as a heading, but not under the title line
                opening = k > first_closer and (before.closer or before.candidate)
            if opening and _textual(after):
                unit.candidate, unit.family = True, PLAIN


def _front_matter(units: list[_Unit], first_closer: int) -> None:
    """A table of contents: headings before the first quote, each right above the next
    of its family, are preamble; so are the front matter and other tables of contents
    (two entries at least: one unmarked line over another is a group over a title)."""
    n = len(units)
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


def _title_line(units: list[_Unit]) -> int | None:
    """The title line; unmarked headings count only when there are two or more (or one
    set off by a blank line in a document whose quotes are not)."""
    title_at = titles.title_line(units)
    if title_at is not None:
        units[title_at].candidate = False
    plain = [k for k, u in enumerate(units) if u.candidate and u.family == PLAIN]
    if len(plain) < 2:
        for k in plain:
            if not (set_off(units, k) or heads_one_paragraph_quotes(units, k)):
                units[k].candidate = False
    return title_at


def _prefaces(units: list[_Unit]) -> tuple[int, list[int]]:
    """A bare date before the first heading of a document whose quotes under headings
    have other closers signs a preface rather than closing a quote. The first heading's
    place, and the closers."""
    n = len(units)
    first_heading = next((k for k, u in enumerate(units) if u.candidate), n)
    closers = [k for k, u in enumerate(units) if u.closer]
    if any(units[k].kind != Kind.DATELINE for k in closers if k > first_heading):
        for k in closers:
            if k < first_heading and units[k].kind == Kind.DATELINE:
                units[k].closer = False
        closers = [k for k, u in enumerate(units) if u.closer]
    return first_heading, closers


def _layout(units, tail, title_at, anchor, trailer_from, title_families) -> Layout:
    """The blocks in document order, each with its depth."""
    layout = Layout()
    stack: list[str] = []
    kept: set[int] = set()  # the lines kept as preamble or trailer (their shapes' ids)
    for k, unit in enumerate(units):
        layout.blocks += _debris_blocks(unit.debris, k >= trailer_from)
        block = _block(unit, k, title_at, anchor, trailer_from, title_families, stack)
        if isinstance(block, (PreambleLine, TrailerLine)):
            if kept >= {id(s) for s in block.lines}:
                continue  # a citation the quotes of a list share, kept once
            kept |= {id(s) for s in block.lines}
        layout.blocks.append(block)
    layout.blocks += _debris_blocks(tail, len(units) >= trailer_from)
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
