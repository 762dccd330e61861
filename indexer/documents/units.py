"""Content units: the lines of a document that carry text, each with the debris lines
(blank lines, separators, page numbers, page furniture) that stand before it.

A unit is one line, or two lines that belong together (a marker alone on its line and
the title under it; an attribution and the date on the next line); a quote and its
attribution written on one line become two units. :mod:`.structure` decides what each
unit is in its document.

Page furniture is found here too: a line that repeats the document's title line further
down (a PDF's running page header), and a line repeated three times or more of which one
copy stands next to a page number, are furniture wherever they stand.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from .attribution import choose_date
from .classify import WHITESPACE, Classified, Kind, ends_clause, names_a_reference
from .fields import FIELD_LEAD, FIELD_MORE

#: Shapes that can be part of a quote's text.
TEXTUAL = {
    Kind.TEXT,
    Kind.SHORT,
    Kind.MARKED,
    Kind.CITATION,
    Kind.DATELINE,
    Kind.CUE,
    Kind.CONTENTS,
}
DEBRIS = {Kind.BLANK, Kind.RULE, Kind.FOOTER, Kind.FURNITURE, Kind.EXCERPT}
OPENING = '“「『"‘'
#: Shapes a running page header can have (a title is not a sentence).
_HEADER_KINDS = {Kind.SHORT, Kind.TEXT, Kind.STYLED, Kind.CITATION, Kind.DATELINE, Kind.MARKED}


@dataclass
class Unit:
    """A content line (or two merged lines) on its way to becoming a block."""

    lines: list[Classified]
    shape: Classified
    blank_before: bool = False
    closer: bool = False
    stray: bool = False
    contents: bool = False  # preamble by its place: a table of contents, front matter
    candidate: bool = False
    family: str = ""
    body: str = ""
    debris: list[Classified] = field(default_factory=list)  # the debris lines before it

    @property
    def kind(self) -> Kind:
        return self.shape.kind

    @property
    def text(self) -> str:
        return self.shape.text

    @property
    def title(self) -> str:
        """A heading-shaped unit's title without its marker, spaces removed."""
        return "".join((self.shape.title or self.shape.text).split())


def running_headers(shapes: list[Classified]) -> list[Classified]:
    """``shapes`` with running page headers as furniture: later copies of the title
    line (the first content line, when it ends no sentence), and a line repeated three
    times or more of which one copy stands next to a page number."""
    content = [k for k, s in enumerate(shapes) if s.kind not in DEBRIS]
    if not content:
        return shapes
    first = shapes[content[0]]
    titled = first.kind in _HEADER_KINDS - {Kind.MARKED} and not ends_clause(first.text)
    title = first.text if titled and first.text[:1] not in OPENING else None
    counts = Counter(shapes[k].text for k in content if shapes[k].kind in _HEADER_KINDS)
    near_footer = {
        shapes[k].text
        for k in content
        if counts[shapes[k].text] >= 3 and _next_to_footer(shapes, k)
    }
    out = list(shapes)
    for k in content[1:]:
        shape = shapes[k]
        if shape.kind in _HEADER_KINDS and (shape.text == title or shape.text in near_footer):
            out[k] = replace(shape, kind=Kind.FURNITURE)
    return out


def _next_to_footer(shapes: list[Classified], k: int) -> bool:
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(shapes) and shapes[j].kind == Kind.BLANK:
            j += step
        if 0 <= j < len(shapes) and shapes[j].kind == Kind.FOOTER:
            return True
    return False


def build_units(shapes: list[Classified]) -> tuple[list[Unit], list[Classified]]:
    """Content units, merging a bare marker with the title on the next line and a
    dateless attribution with the date on the next line, and splitting a quote from
    the attribution on its line; and the debris lines after the last unit."""
    units: list[Unit] = []
    debris: list[Classified] = []
    blank = False
    i = 0
    while i < len(shapes):
        shape = shapes[i]
        if shape.kind in DEBRIS:
            debris.append(shape)
            blank = blank or not shape.line.text.strip(WHITESPACE)  # not a bookmark line
            i += 1
            continue
        if shape.kind == Kind.GLUED:  # 《…》…第九页没有…: the citation, then the next quote
            citation = replace(shape, kind=Kind.CITATION, text=shape.tail, title="", tail="")
            units.append(Unit([citation], citation, blank_before=blank, debris=debris))
            quote = replace(shape, kind=Kind.TEXT, text=shape.title, title="", body="", tail="")
            units.append(Unit([quote], quote))
            debris, blank = [], False
            i += 1
            continue
        if shape.kind == Kind.INLINE:  # …。——毛泽东：《…》: the quote, then its attribution
            quote = replace(shape, kind=Kind.TEXT, text=shape.title, title="", body="", tail="")
            units.append(Unit([quote], quote, blank_before=blank, debris=debris))
            cited = shape.tail.startswith(("《", "〈"))  # a citation run onto the quote
            kind = Kind.CITATION if cited else Kind.DASHED
            attribution = replace(shape, kind=kind, text=shape.tail, title="", tail="")
            units.append(Unit([attribution], attribution))
            debris, blank = [], False
            i += 1
            continue
        unit = Unit([shape], shape, blank_before=blank, debris=debris)
        debris, blank = [], False
        i += 1
        nxt = _next_content(shapes, i)
        while nxt is not None and _joins(shape, shapes[nxt]):
            unit.debris += shapes[i:nxt]
            other = shapes[nxt]
            unit.lines.append(other)
            if shape.kind == Kind.MARKED:
                unit.shape = replace(shape, title=other.text)
            elif shape.family != FIELD_LEAD:  # the fields' attribution is read already
                unit.body = f"{shape.body}{other.text}"
            i = nxt + 1
            nxt = _next_content(shapes, i) if shape.family == FIELD_LEAD else None
        units.append(unit)
    return units, debris


def _next_content(shapes: list[Classified], start: int) -> int | None:
    for j in range(start, len(shapes)):
        if shapes[j].kind not in DEBRIS:
            return j
        if shapes[j].kind == Kind.BLANK and j > start:
            return None  # only the very next line, or one blank between, may join
    return None


def _joins(shape: Classified, following: Classified) -> bool:
    if shape.family == FIELD_LEAD:  # the source fields of a labelled entry (.fields)
        return following.family == FIELD_MORE
    if shape.kind == Kind.CITATION and following.kind in (Kind.TEXT, Kind.SHORT):
        # a citation broken over two lines: 《…》（一九五五年七月三十日），人民出版社 / 版第一页
        text = following.text
        return len(text) <= 16 and not ends_clause(text) and names_a_reference(text)
    if shape.kind == Kind.MARKED and not shape.title:
        return following.kind == Kind.SHORT
    if shape.kind == Kind.DASHED and choose_date(shape.body) is None:
        return following.kind == Kind.DATELINE or (
            following.kind == Kind.CITATION and following.text[:1] in "（("
        )
    return False


def textual(unit: Unit | None) -> bool:
    """Whether ``unit`` can be quote text (a cue line only when its cue had no colon)."""
    if unit is None or unit.closer or unit.kind not in TEXTUAL:
        return False
    return not (unit.kind == Kind.CUE and unit.shape.strict)
