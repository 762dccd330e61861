"""Why each line got its role: the document's templates and one reason per line, for
``yulu parse --explain`` and for a researcher checking a new compilation."""

from __future__ import annotations

from dataclasses import dataclass

from .classify import Classified, Kind
from .echoes import ECHO
from .structure import (
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
)
from .templates import Templates
from .titles import PLAIN, PLAIN_TITLE

_SHAPES = {
    Kind.DASHED: "opens with a dash and names a date or a source",
    Kind.CITATION: "a source reference (book title, date, volume, page)",
    Kind.DATELINE: "a date and nothing else",
    Kind.BLANK: "blank",
    Kind.RULE: "a separator line",
    Kind.FOOTER: "a page number",
    Kind.FURNITURE: "page furniture (caption, breadcrumb, running header)",
    Kind.EXCERPT: "an excerpt number above a paragraph",
}


@dataclass(frozen=True)
class LineRole:
    """One line's role in its document and the reason for it."""

    line: int
    role: str
    reason: str
    text: str


@dataclass(frozen=True)
class Explanation:
    """A document's templates and the role of every line."""

    source: str
    templates: tuple[str, ...]
    roles: tuple[LineRole, ...]

    def render(self) -> str:
        """The explanation as text: the templates, then a line per document line."""
        out = [f"== {self.source}", *(f"  {t}" for t in self.templates)]
        width = max((len(r.role) for r in self.roles), default=0)
        for r in self.roles:
            out.append(f"{r.line:5}  {r.role:<{width}}  {r.text[:40]}  [{r.reason}]")
        return "\n".join(out)


def family_name(family: str) -> str:
    """A heading family in words (``一、:cn`` → ``marker 一、``)."""
    if family == PLAIN:
        return "an unmarked short line"
    if family == PLAIN_TITLE:
        return "an unmarked line under a group heading"
    if family == ECHO:
        return "a line the text under it echoes, in a document with no attribution"
    if family.startswith("style:"):
        return f"the format's style {family[6:]}"
    if family.startswith("bullet:"):
        return f"bullet {family[7:]}"
    template, _, numerals = family.rpartition(":")
    return f"marker {template} ({'Chinese' if numerals == 'cn' else 'Arabic'} numerals)"


def explain(source: str, blocks: list[Block], templates: Templates) -> Explanation:
    """The role of every line of ``blocks`` and why."""
    families: dict[str, list[int]] = {}
    roles: list[LineRole] = []
    for block in blocks:
        for shape in block.lines:
            role, reason = _role(block, shape, templates)
            roles.append(LineRole(shape.no, role, reason, shape.text))
        if isinstance(block, (Heading, QuoteTitle)):
            families.setdefault(block.family, []).append(block.no)
    found = templates.describe()
    for family, lines in families.items():
        found.append(f"heading family: {family_name(family)}, {len(lines)} line(s) from {lines[0]}")
    roles.sort(key=lambda r: r.line)
    return Explanation(source, tuple(found), tuple(roles))


def _role(block: Block, shape: Classified, templates: Templates) -> tuple[str, str]:
    induced = templates.reasons.get(shape.no)
    shaped = _SHAPES.get(shape.kind, shape.kind.value)
    if isinstance(block, Debris):
        return "debris", induced or shaped
    if isinstance(block, TitleLine):
        return "title", "the first line, shaped like a title"
    if isinstance(block, PreambleLine):
        return "preamble", "before the first heading or quote" + _matter(block)
    if isinstance(block, TrailerLine):
        return "trailer", "after the last attribution, from a source, editor or page line on"
    if isinstance(block, Heading):
        return f"heading {block.level}", family_name(block.family)
    if isinstance(block, QuoteTitle):
        return "quote title", f"names the quote under it: {family_name(block.family)}"
    if isinstance(block, Closer):
        return "attribution", induced or shaped
    if isinstance(block, Stray):
        return "reported", block.why
    if isinstance(block, Text):
        return "quote", "text waiting for its attribution"
    return type(block).__name__.lower(), shaped


def _matter(block: Block) -> str:
    if block.first.matter:
        return f" (front matter: {block.first.matter})"
    return ""
