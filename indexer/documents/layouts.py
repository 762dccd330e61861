"""A document's lines as the parser reads them, before any record is made: joined,
cut apart, classified, corrected by the document's own templates, and resolved into
blocks (:mod:`.structure`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..records.quotes import Line
from .brokencites import rejoin_citations
from .classify import Kind
from .collective import collective_items
from .echoes import echo_titled
from .fields import labelled_entries
from .footnotes import set_footnotes_aside
from .pagebreaks import rejoin_page_breaks
from .runin import trailing_citations, unrun
from .runningheads import cut_running_heads
from .sayings import quoted_sayings, uncited_sayings
from .separators import unattributed_before_rules
from .structure import Layout, TitleLine, resolve
from .templates import Templates, induce
from .templates import apply as apply_templates
from .wrapping import unwrap

if TYPE_CHECKING:
    from .parser import Parser


def lay_out(parser: Parser, lines: Iterable[Line]) -> tuple[Templates, Layout, bool]:
    """A document's templates and blocks as the parser reads them: hard-wrapped lines
    joined (:mod:`.wrapping`), citations broken over lines (:mod:`.brokencites`) and
    paragraphs a page break cut (:mod:`.pagebreaks`);
    lines run together cut apart (:mod:`.runin`), running heads cut from the headings
    under them (:mod:`.runningheads`), each line classified and corrected by the
    templates, then the blocks; whether its quotes are named by titles only
    (:mod:`.echoes`); items under one collective citation each cited by it
    (:mod:`.collective`); sayings under a heading that announces them (:mod:`.sayings`)."""
    cues = parser.gaz.layout
    lines = joined_lines(parser, lines)
    lines = cut_running_heads(unrun(lines, cues), cues)
    shapes = [parser.classifier.classify(line) for line in lines]
    templates = induce(shapes)
    shapes, footnotes = set_footnotes_aside(shapes, templates.reasons)
    shapes = apply_templates(shapes, templates)
    shapes = trailing_citations(shapes, templates)
    shapes, reasons, _ = labelled_entries(shapes, cues)
    templates.reasons.update(reasons)
    gaz = parser.gaz
    people, verbs = frozenset(gaz.people), tuple(gaz.speech_verbs)
    layout = resolve(shapes, cues.intro_pattern, people, verbs)
    layout.notes += footnotes
    titled = echo_titled(layout.blocks)
    if titled is not None:
        layout.blocks = titled
    else:
        cited = collective_items(layout.blocks, people, verbs)
        if cited is not None:
            layout.blocks, notes = cited
            layout.notes += notes
        sayings = uncited_sayings(layout.blocks, cues.sayings_cue, gaz.people, verbs)
        sayings = sayings or quoted_sayings(layout.blocks, cues.sayings_cue, _title(layout))
        if sayings is not None:
            layout.blocks, notes = sayings
            layout.notes += notes
        ruled = unattributed_before_rules(layout.blocks)
        if ruled is not None:
            layout.blocks = ruled
    return templates, layout, titled is not None


def joined_lines(parser: Parser, lines: Iterable[Line]) -> list[Line]:
    """The lines one cut made two joined back: hard-wrapped paragraphs, citations
    broken over lines, paragraphs a page break cut (each keeps its first line's number)."""
    cues = parser.gaz.layout
    lines = rejoin_citations(unwrap(lines, cues), cues)
    return rejoin_page_breaks(lines, cues, lambda line: _furniture(parser, line))


def _furniture(parser: Parser, line: Line) -> bool:
    """Whether a line is a page's furniture: its number, a page marker."""
    return parser.classifier.classify(line).kind in (Kind.FOOTER, Kind.FURNITURE)


def _title(layout: Layout) -> str:
    """The text of the document's title line, if it has one."""
    return next((b.first.text for b in layout.blocks if isinstance(b, TitleLine)), "")
