"""Citations broken over lines: a scanned book's citation runs over two or three lines
where the page's width cut it, in a document that is not hard-wrapped otherwise (so
:mod:`.wrapping` leaves it alone)::

    列宁。《在第二届国家杜马中关于土地问题演说的
    草稿》(1907年3月21一25月)。《列宁全集)第12卷第282页

    转引自蔡特金：《列宁印象记》(1924年1月)。三联
    书店1979年第2版第69页

A line is joined to the next (keeping the first one's number) when

* a book title or a bracket it opens is left open (``《…``, ``(1884年``; the line ending
  no sentence) and the next line closes it before opening another; or
* it is a citation (a reference as :func:`~.shapes.citation_body` reads one, or a book
  title and a bracketed date, with no sentence inside) and the next line is its tail:
  short, no sentence inside, ending with a page (``…第69页``), or, after a citation that
  gives no date, opening with a bracketed date (``(1915年)《列宁全集》第38卷第409页``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..records.cues import LayoutCues
from ..records.quotes import Line
from .dates import find_dates
from .shapes import PAGE_AT_END, citation_body

#: Brackets a citation may leave open at a line's end, and what closes each (an OCR
#: reads a title's 》 as ）).
_PAIRS = (("《", "》）)"), ("（", "）)"), ("(", ")）"))
#: A reference's tail is this short at most.
_TAIL_MAX = 40
_SENTENCE = "。！？!?；;"
#: How a reference ends: a page (第69页, 第68一69页, 第187爽 as an OCR reads 页), perhaps
#: a full stop or a speck.
#: A bracketed date opening a line: (1915年)《…
_DATED = re.compile(r"[（(][^（）()]{2,30}[）)]")
_CLOSED = re.compile(r"(?<=[）)》])[。.]")
_BRACKETED = re.compile(r"[（(][^（）()]{2,40}[）)]")


def rejoin_citations(lines: Iterable[Line], cues: LayoutCues) -> list[Line]:
    """``lines`` with each citation broken over lines joined back (see the module)."""
    out: list[Line] = []
    for line in lines:
        if out and _goes_on(out[-1].text.strip(), line.text.strip(), cues):
            out[-1] = replace(out[-1], text=out[-1].text.rstrip() + line.text.strip())
        else:
            out.append(line)
    return out


def _goes_on(head: str, text: str, cues: LayoutCues) -> bool:
    """Whether ``text`` is the rest of the citation ``head`` begins."""
    if not head or not text:
        return False
    if head[-1] not in _SENTENCE:
        for opening, closing in _PAIRS:
            at = head.rfind(opening)
            if at > max(head.rfind(c) for c in closing) and _left_open(head[at + 1 :], opening):
                closes = min((i for i in map(text.find, closing) if i >= 0), default=-1)
                opens = text.find(opening)
                return 0 <= closes < _TAIL_MAX and (opens < 0 or closes < opens)
    tail = _tail(text)  # (the cheap test first: most lines are no tail)
    if tail is None or not _citation(head, cues):
        return False
    return tail == "page" or not find_dates(head)  # a dated tail after an undated citation


def _left_open(inside: str, opening: str) -> bool:
    """Whether what follows an opening mark at a line's end is a title or a date cut
    short: no sentence, short, and (in a bracket) a date's beginning (``(1884年``)."""
    if len(inside) > (_TAIL_MAX if opening == "《" else 20):
        return False
    if any(c in inside for c in _SENTENCE) or "——" in inside:
        return False
    return opening == "《" or any(c.isdigit() or c in "年月日" for c in inside)


def holds_a_sentence(text: str) -> bool:
    """Whether a sentence ends inside ``text`` (its last character aside); a full stop
    right after a bracket or a title is a reference's own (``(1884年)。《…》``)."""
    return any(c in _SENTENCE for c in _CLOSED.sub("", text)[:-1])


def _citation(text: str, cues: LayoutCues) -> bool:
    """A line that holds a book title and no sentence (a sentence mark may end it), and
    is a reference or gives a bracketed date."""
    if "》" not in text or holds_a_sentence(text):
        return False
    if citation_body(text, cues) is not None:
        return True
    return any(find_dates(m.group()) for m in _BRACKETED.finditer(text))


def _tail(text: str) -> str | None:
    """What a reference's tail ends or opens with (short, no sentence inside): ``page``
    (…第69页), ``date`` (a bracketed date opening it), or None when it is no tail."""
    if len(text) > _TAIL_MAX or any(c in text[:-1] for c in _SENTENCE):
        return None
    if PAGE_AT_END.search(text):
        return "page"
    opening = _DATED.match(text)
    return "date" if opening is not None and find_dates(opening.group()) else None
