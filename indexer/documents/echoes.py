"""Quotes named by their titles only: a page of 金句 that gives no attribution and no
date anywhere, each quote under a title line that its own text echoes (``“要幸福就要
奋斗”`` over ``中国人民自古就明白，…要幸福就要奋斗。``; the words in order, a few others
between them: ``“一切分裂祖国的行径和伎俩注定要失败”`` over ``…伎俩都是注定要失败的``).

In a document with no closing line at all, three such titles or more (headings, or short
lines all in quotation marks, each right above a paragraph that echoes it), and at least
half of the lines of those shapes from the first of them on, name the quotes: each title
opens a quote that runs to the next title, with no date and no attribution; what stands
before the first title is preamble."""

from __future__ import annotations

from .structure import Block, Closer, Debris, Heading, PreambleLine, QuoteTitle, Text, TitleLine

#: The family of such titles (``--explain`` names it).
ECHO = "echo"
#: Fewest titles that make a page of titled quotes.
MIN_TITLES = 3
#: A quoted line longer than this is a paragraph, not a title.
_TITLE_MAX = 40
#: Fewest characters a title needs to be recognised by its echo.
_ECHO_MIN = 4
_QUOTED = (("“", "”"), ("「", "」"), ('"', '"'), ("『", "』"))


def echo_titled(blocks: list[Block]) -> list[Block] | None:
    """``blocks`` with the titles that name unattributed quotes as quote titles and what
    stands before the first as preamble; None unless the document is of that kind."""
    if any(isinstance(b, Closer) for b in blocks):
        return None
    content = [k for k, b in enumerate(blocks) if not isinstance(b, Debris)]
    titles = []
    for at, k in enumerate(content):
        title = _title(blocks[k])
        body = _body(blocks, content[at + 1 :])
        if title and body and _echoes(_letters(title), _letters(body)):
            titles.append(k)
    named = [k for k in content[content.index(titles[0]) :] if _title(blocks[k])] if titles else []
    if len(titles) < MIN_TITLES or 2 * len(titles) < len(named):
        return None  # most lines shaped like titles from the first on must be echoed
    out = list(blocks)
    for k in range(titles[0]):
        if not isinstance(blocks[k], (Debris, TitleLine)):
            out[k] = PreambleLine(blocks[k].lines)
    for k in titles:
        out[k] = QuoteTitle(blocks[k].lines, title=_title(blocks[k]), family=ECHO)
    return out


def _title(block: Block) -> str:
    """The text of a block that may title a quote: a heading, a quote title, or a short
    paragraph all in quotation marks."""
    if isinstance(block, (Heading, QuoteTitle)):
        return block.title
    if isinstance(block, Text) and len(block.lines) == 1:
        text = block.first.text.strip()
        quoted = any(text.startswith(a) and text.endswith(b) for a, b in _QUOTED)
        return text if quoted and len(text) <= _TITLE_MAX else ""
    return ""


def _body(blocks: list[Block], following: list[int]) -> str:
    """The paragraphs right under a line, up to the next block that is not one."""
    texts = []
    for k in following:
        if not isinstance(blocks[k], Text):
            break
        texts.append(blocks[k].first.text)
    return "".join(texts)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _echoes(title: str, body: str) -> bool:
    """Whether ``body`` holds the characters of ``title`` in order, within a stretch
    at most twice its length (a title is the quote's words, a few left out)."""
    if len(title) < _ECHO_MIN:
        return False
    reach = 2 * len(title)
    start = body.find(title[0])
    while start >= 0:
        at, end = start, min(len(body), start + reach)
        for char in title[1:]:
            at = body.find(char, at + 1, end)
            if at < 0:
                break
        else:
            return True
        start = body.find(title[0], start + 1)
    return False
