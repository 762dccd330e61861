"""Saved web pages (``.html``, ``.htm``): the article's text, as a reader sees it.

The page is parsed by lxml's HTML parser (libxml2), entities decoded. What is never
article text is left out: ``<head>``, scripts, styles, forms, navigation, asides,
headers and footers outside the article, hidden elements (but for an article container
that the page's script reveals, such as WeChat's ``#js_content``: hidden by its inline
style, yet named content or holding several paragraphs), and elements whose class or
id says they are boilerplate (``nav``, ``footer``, ``share``, ``related``…). The rest
is cut into blocks (paragraphs, list items, table cells, headings; ``<br>`` cuts a
block into lines) and the article is found the way readability tools find it: each
paragraph scores its parent, grandparent and further ancestors less and less, a
candidate's score is discounted by the share of link text in it, the best candidate
is widened to an ancestor that several other good candidates share, and siblings that
score well or read like paragraphs join it. The page's ``<h1>`` is kept as the first
line when the article has no title of its own. ``Line.number`` counts the lines
of the article's text from 1; ``h1``–``h6`` give ``style="heading1"``….
"""

from __future__ import annotations

import re

from ...records.quotes import Diagnostic, Line
from . import Reading
from .pagearticle import article
from .pageblocks import linearize
from .pagedecode import decode

#: Characters of a start tag (its attributes) beyond which it is read as its bare name:
#: libxml2 checks attributes pairwise (200,000 of them took 90 s). The patterns below are
#: possessive, so that each scans a run of the page once.
MAX_TAG_CHARS = 65_536
_HUGE_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]{0,63}+)[^<>]{" + f"{MAX_TAG_CHARS}" + ",}+>")
#: A long data: URI (an inline image, a font) anywhere, never article text; libxml2 stops
#: at a text of 10 MB, and nothing after it would be read.
_LONG_DATA_URI = re.compile(r"data:[^\s\"'<>():]{" + f"{MAX_TAG_CHARS}" + ",}+")


def read(raw: bytes, name: str) -> Reading:
    """A saved web page's article as lines."""
    import lxml.etree
    import lxml.html

    text, encoding, notes = decode(raw, name)
    if not text.strip():
        return Reading((), encoding, notes)
    text, cut = _HUGE_TAG.subn(r"<\1>", _LONG_DATA_URI.sub("data:,", text))
    if cut:
        notes.append(
            Diagnostic(
                name,
                0,
                f"{cut} start tag(s) over {MAX_TAG_CHARS:,} characters were read without "
                "their attributes",
                0,
            )
        )
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return Reading((), encoding, notes)
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            what = (
                "the page nests elements too deep"
                if "depth" in error.message.lower()
                else "the page holds a text or value too long for the HTML parser (10 MB)"
            )
            notes.append(
                Diagnostic(
                    name,
                    error.line,
                    f"{what}; the HTML parser stopped at this line of the page and nothing "
                    "after it is read",
                    1,
                )
            )
            break
    body = root.find("body")
    page = linearize(body if body is not None else root)
    lines: list[Line] = []
    kept = article(page)
    chosen = {id(b) for b in kept}
    left_out = tuple(
        " ".join(piece for piece in b.lines if piece)[:60]
        for b in page.blocks
        if id(b) not in chosen and any(piece.strip() for piece in b.lines)
    )
    for block in kept:
        style = f"heading{block.heading}" if block.heading else ""
        if not style and block.bold_chars >= block.chars > 0:
            style = "bold"  # a block set in bold: a heading or a title, maybe
        for piece in block.lines:
            if piece:
                lines.append(Line(len(lines) + 1, piece, style))
    return Reading(tuple(lines), encoding, notes, left_out)
