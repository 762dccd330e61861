"""Paragraphs a page break cut: a scanned book's paragraph that runs from the foot of one
page to the head of the next, with the page's number and the next page's marker between
its two pieces::

    我记得，我在集体农庄第二次代表大会上曾和几
    5

    ==========第15页==========
    个妇女同志谈了一次话。……

A short first piece ends no sentence and holds no mark of its own, so the rules would
read it as an unmarked heading. It is joined to the piece after the page break (keeping
its line number; the page furniture stays where it was, as debris) when

* at least one line of page furniture (a page number, a page marker) stands between them,
  with nothing else but blank lines;
* the first piece ends with a Han character, is not numbered or bulleted, names no work
  (a citation's piece), and is a sentence in progress: it holds a clause mark (，、；：)
  or is as long as a heading seldom is (:data:`_LONG`);
* the second piece opens with a Han character, not with a number or a bullet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..records.cues import LayoutCues
from ..records.quotes import Line

#: A first piece with no clause mark this long is a sentence in progress.
_LONG = 18
#: A first piece shorter than this is anything (a name, a number).
_SHORT = 8
#: How many lines a page break may take (page number, blanks, marker).
_BREAK_MAX = 6
_CLAUSE = "，、；：,;:"


def rejoin_page_breaks(
    lines: Sequence[Line], cues: LayoutCues, is_furniture: Callable[[Line], bool]
) -> list[Line]:
    """``lines`` with each paragraph a page break cut joined back (see the module)."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        after = _after_break(lines, k, is_furniture) if _cut_short(line.text, cues) else None
        if after is not None and _goes_on(lines[after].text, cues):
            out.append(replace(line, text=line.text.rstrip() + lines[after].text.strip()))
            out.extend(lines[k + 1 : after])  # the page's furniture, as debris
            k = after + 1
            continue
        out.append(line)
        k += 1
    return out


def _after_break(lines: Sequence[Line], k: int, is_furniture: Callable[[Line], bool]) -> int | None:
    """The line after a page break right under line ``k``, or None."""
    furniture = False
    for j in range(k + 1, min(len(lines), k + 1 + _BREAK_MAX)):
        if not lines[j].text.strip():
            continue
        if is_furniture(lines[j]):
            furniture = True
            continue
        return j if furniture else None
    return None


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _cut_short(text: str, cues: LayoutCues) -> bool:
    """A paragraph's first piece, cut where the page ended."""
    text = text.strip()
    if len(text) < _SHORT or not _han(text[-1]) or not _han(text[0]):
        return False
    if "《" in text or next(cues.marker_matches(text), None) is not None:
        return False  # (a citation the page cut is its own: :mod:`.brokencites`)
    return len(text) >= _LONG or any(c in text for c in _CLAUSE)


def _goes_on(text: str, cues: LayoutCues) -> bool:
    """A paragraph's second piece: it opens with a Han character, unnumbered."""
    text = text.strip()
    return bool(text) and _han(text[0]) and next(cues.marker_matches(text), None) is None
