"""Markdown (``.md``), parsed by markdown-it-py (CommonMark, with GitHub's tables).

Every line of text in the source is a ``Line`` numbered by its line in the file: a
paragraph's lines stay separate lines (compilations put one paragraph on a line, and an
attribution right under its quote must not be glued to it). ``#`` and underlined
headings give ``style="heading1"``…; emphasis, links and other markup are stripped to
their text (images are dropped; unpaired ``**`` that CommonMark leaves beside Chinese
punctuation are removed too); list items are lines, an ordered item keeping its
number (``1. ``); code blocks and block quotes are lines of text; raw HTML is read as
a web page's text is; a front-matter block (``---`` … ``---`` at the top) is skipped,
and so is a line holding only a site generator's tag (Hugo's ``{{< right >}}``,
``{{% note %}}``, Jekyll's ``{% raw %}``), which is markup, not text.
Tables are not read (a warning says so), as in Word documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...records.quotes import Diagnostic, Line
from . import Reading
from .plain import decode

_LEFTOVER_MARKUP = re.compile(r"\*{2,3}|~~")
#: An attribute list closing a paragraph (kramdown, Pandoc): ``——汪曾祺《夏天》{.right}``.
_ATTRIBUTES = re.compile(r"\{:?\s*[.#][\w-]+(?:\s+[.#]?[\w-]+(?:=[^\s{}]+)?)*\s*\}\s*")
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_FRONT_MATTER_END = ("---", "...")
#: A line that holds only a site generator's tags: Hugo shortcodes, Liquid tags.
_TEMPLATE_TAGS = re.compile(r"^[ \t]*(?:(?:\{\{[<%].{0,200}?[%>]\}\}|\{%.{0,200}?%\})[ \t]*)+$")


def _without_front_matter(text: str) -> str:
    """The text with a leading front-matter block and lines of template tags blanked
    (line numbers kept)."""
    lines = ["" if _TEMPLATE_TAGS.match(line) else line for line in text.split("\n")]
    if not lines or lines[0].strip() != "---":
        return "\n".join(lines)
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in _FRONT_MATTER_END:
            return "\n".join([""] * (end + 1) + lines[end + 1 :])
    return "\n".join(lines)


@dataclass
class _Line:
    """A line being read from an inline token: its pieces, and whether all its words
    are in strong emphasis."""

    number: int
    pieces: list[str]
    strong: int = 0  # how deep in ** … ** the reading is
    bold: bool = False  # some words in strong emphasis…
    plain: bool = False  # …and some not

    def take(self, text: str) -> None:
        self.pieces.append(text)
        if text.strip():
            self.bold |= self.strong > 0
            self.plain |= self.strong == 0

    def text(self) -> str:
        return "".join(self.pieces)

    def style(self, given: str) -> str:
        return given or ("bold" if self.bold and not self.plain else "")

    def next(self, number: int) -> _Line:
        return _Line(number, [], self.strong)


@dataclass
class _Reader:
    name: str
    lines: list[Line] = field(default_factory=list)
    tables: int = 0
    table_cells: int = 0
    first_table: int = 0
    captions: list[str] = field(default_factory=list)

    def add(self, number: int, text: str, style: str = "") -> None:
        at = text.rfind("{")
        if at >= 0 and _ATTRIBUTES.fullmatch(text, at):  # markup, not words
            text = text[:at].rstrip()
        self.lines.append(Line(number, text, style if text.strip() else ""))

    def inline(self, token, first: int, prefix: str, style: str) -> None:
        """An inline token's text as lines, from source line ``first``; a line all in
        strong emphasis (``**…**``) is ``style="bold"``, as Word's bold runs and a web
        page's ``<strong>`` are."""
        line = _Line(first, [prefix])
        for child in token.children or ():
            kind = child.type
            if kind in ("softbreak", "hardbreak"):
                self.add(line.number, line.text(), line.style(style))
                line = line.next(line.number + 1)
            elif kind == "html_inline":
                if _BREAK_TAG.match(child.content.strip()):
                    self.add(line.number, line.text(), line.style(style))
                    line = line.next(line.number)
            elif kind in ("strong_open", "strong_close"):
                line.strong += 1 if kind == "strong_open" else -1
            elif kind == "text":
                line.take(_LEFTOVER_MARKUP.sub("", child.content))
            elif kind == "code_inline":
                line.take(child.content)
            elif kind == "image":
                continue
        self.add(line.number, line.text(), line.style(style))

    def html(self, content: str, first: int, last: int) -> None:
        import lxml.etree
        import lxml.html

        from .webpage import linearize

        try:
            root = lxml.html.fragment_fromstring(content, create_parent="div")
        except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
            return
        for caption in root.iter("figcaption"):  # a photo's caption: furniture
            self.captions.append(" ".join(caption.text_content().split()))
            caption.drop_tree()
        offset = 0
        for block in linearize(root).blocks:
            style = f"heading{block.heading}" if block.heading else ""
            for piece in block.lines:
                if piece:
                    self.add(min(first + offset, last), piece, style)
                    offset += 1


def read(raw: bytes, name: str) -> Reading:
    """A Markdown document's lines of text."""
    from markdown_it import MarkdownIt

    text, encoding, notes = decode(raw, name)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    reader = _Reader(name)
    prefix, style, table = "", "", 0
    for token in parser.parse(_without_front_matter(text)):
        kind = token.type
        first = token.map[0] + 1 if token.map else 0
        if kind == "table_open":
            table += 1
            reader.tables += 1
            reader.first_table = reader.first_table or first
        elif kind == "table_close":
            table -= 1
        elif table:
            reader.table_cells += kind == "inline" and bool(token.content.strip())
        elif kind == "heading_open":
            style = f"heading{min(int(token.tag[1:]), 6)}"
        elif kind == "heading_close":
            style = ""
        elif kind == "list_item_open" and token.info:
            prefix = f"{token.info}{token.markup} "
        elif kind == "inline":
            reader.inline(token, first, prefix, style)
            prefix = ""
        elif kind in ("code_block", "fence"):
            start = first + (kind == "fence")
            for offset, line in enumerate(token.content.rstrip("\n").split("\n")):
                reader.add(start + offset, line)
        elif kind == "hr":  # a thematic break: a separator line
            reader.add(first, token.markup)
        elif kind == "html_block":
            reader.html(token.content, first, token.map[1] if token.map else first)
    if reader.tables:
        tables = f"{reader.tables} table{'s' if reader.tables != 1 else ''}"
        notes.append(
            Diagnostic(
                name,
                reader.first_table,
                f"{tables} not read (tables' text is ignored); move quotes out of tables "
                "to read them",
                reader.table_cells,
            )
        )
    return Reading(tuple(reader.lines), encoding, notes, left_out=tuple(reader.captions))
