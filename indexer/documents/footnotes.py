"""Footnotes at a page's foot: in a scanned book a footnote stands under the text it
annotates, opened by the mark that text carries (``……这些“帮办”①所获得的……`` over
``①指资产阶级手下的和神学家手下的有学问的帮办。一编者注``).

Such a line is no part of the quote: glued into it, it would also hide the page number
under it (a bare number right after quote text is a page's number, not an excerpt's).
A line that opens with a circled number (① to ⑳), when one of the few lines of text
above it carries the same mark inside it, is set aside as the page's furniture, with
its reason for ``--explain`` and a note, so that nothing is dropped unsaid."""

from __future__ import annotations

from dataclasses import replace

from .classify import Classified, Kind

#: Circled numbers, the marks of footnotes: ① … ⑳.
MARKS = frozenset(chr(c) for c in range(0x2460, 0x2474))
#: How many lines of text above a footnote may hold its mark.
_REACH = 6
#: What a footnote may stand among: lines of text, the footnotes before it.
_ANNOTATED = (Kind.TEXT, Kind.SHORT)
_PASSED = (Kind.BLANK, Kind.RULE, Kind.FOOTER, Kind.FURNITURE)


def set_footnotes_aside(
    shapes: list[Classified], reasons: dict[int, str]
) -> tuple[list[Classified], list[tuple[int, str]]]:
    """``shapes`` with each footnote read as furniture (its reason in ``reasons``), and
    a note for each (line, message)."""
    out = list(shapes)
    notes = []
    for k, shape in enumerate(shapes):
        text = shape.text.strip()
        if len(text) < 2 or text[0] not in MARKS or shape.kind not in _ANNOTATED:
            continue
        marked = _marked_above(out, k, text[0])
        if marked is not None:
            out[k] = replace(shape, kind=Kind.FURNITURE)
            reasons[shape.no] = f"a footnote to line {marked} (its {text[0]} there)"
            notes.append(
                (shape.no, f"a footnote to line {marked}, left out of the quote: {text[:30]!r}")
            )
    return out, notes


def _marked_above(shapes: list[Classified], k: int, mark: str) -> int | None:
    """The line of text a few lines above ``k`` that carries ``mark`` after its start
    (footnotes read already are passed over), or None."""
    seen = 0
    for j in range(k - 1, -1, -1):
        shape = shapes[j]
        if shape.kind in _PASSED:
            continue
        if shape.kind not in _ANNOTATED or seen >= _REACH:
            return None
        seen += 1
        if mark in shape.text.strip()[1:]:
            return shape.no
    return None
