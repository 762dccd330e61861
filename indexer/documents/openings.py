"""Where a document's quotes begin and end: the first quote's first line (above it, the
preamble), the line that starts the trailer, and whether a lone unmarked heading is set
off as headings are. Decided from the units of :mod:`.structure`."""

from __future__ import annotations

import re

from .attribution import choose_date
from .classify import WHITESPACE, Kind, ends_clause
from .templates import signature
from .units import OPENING as _OPENING
from .units import Unit as _Unit
from .units import textual as _textual

#: The longest headline over a subtitle; the quotation marks around a headline.
_HEADLINE_MAX, _QUOTES = 30, '“”"「」'


def starts_trailer(unit: _Unit) -> bool:
    """After the last attribution, whether ``unit`` starts the trailer: a cue line
    (source, editors), one with a page number before it, back matter (后记) or a table
    of contents."""
    if unit.kind in (Kind.CUE, Kind.CONTENTS) or unit.shape.matter:
        return True
    return any(s.kind == Kind.FOOTER for s in unit.debris)


def set_off(units: list[_Unit], k: int) -> bool:
    """Whether a lone unmarked heading candidate is set off as headings are: right
    after an attribution, a blank line above it and none under it, not in quotation
    marks, in a document whose quotes are not parted by blank lines."""
    unit = units[k]
    if k == 0 or not units[k - 1].closer or not unit.blank_before:
        return False
    if unit.text[:1] in _OPENING or k + 1 >= len(units) or units[k + 1].blank_before:
        return False
    closers = [j for j, u in enumerate(units[:-1]) if u.closer]
    parted = sum(1 for j in closers if units[j + 1].blank_before)
    return parted * 2 < len(closers)


#: The longest bare phrase a lone heading may be, and what a phrase holds none of.
_BARE_PHRASE = 12
_CLAUSE = re.compile(r"[，,、；;：:。.！!？?“”\"「」]")


def heads_one_paragraph_quotes(units: list[_Unit], k: int) -> bool:
    """Whether a lone unmarked heading candidate, a bare phrase right after an
    attribution, below two quotes at least, stands where the document's other quotes
    are each one paragraph (three at least): read into the quote under it, it would
    make the only quote that opens with a bare phrase."""
    unit = units[k]
    if k == 0 or not units[k - 1].closer or unit.text[:1] in _OPENING:
        return False
    if unit.kind != Kind.SHORT or len(unit.text) > _BARE_PHRASE or _CLAUSE.search(unit.text):
        return False  # a phrase, with no clause in it
    counts, run, under, started = [], 0, False, False
    for j, other in enumerate(units):
        if other.closer:
            if started and not under:  # the quote under the candidate does not count
                counts.append(run)
            run, under, started = 0, False, True
        elif j == k:
            under = True
        elif _textual(other):
            run += 1
        if j == k - 1 and len(counts) < 2:
            return False  # in the compilation's body: two quotes at least before it
    return len(counts) >= 3 and all(n == 1 for n in counts)


def same_line(units: list[_Unit], a: int, b: int) -> bool:
    """Whether units ``a`` and ``b`` are the two halves of one line (a quote and the
    attribution after it)."""
    return a >= 0 and units[a].lines[-1].line is units[b].lines[0].line


def first_quote_start(
    units: list[_Unit],
    first_closer: int,
    last_closer: int,
    title_at: int | None,
    intro: re.Pattern[str] | None = None,
    people: frozenset[str] = frozenset(),
) -> tuple[int, bool]:
    """Where the first quote begins, and whether an editor's paragraph stands right above
    it: back from the first closer over text, up to the title line, a cue line, a
    heading, a paragraph with a word of an editor's introduction (``intro``: 梳理, 重温)
    or one that names the person the attributions
    name (``people``: 一直以来，习近平对…高度重视 is said about him, not by him), a line that
    ends with a colon (…如下：) unless a list follows it; at the first blank line, in a
    document whose quotes never hold blank lines; and at the first line outside quotation
    marks, in one whose quotes all open with one. The line right above a first closer
    shaped like the document's other closers is its quote, whatever words it holds (学习领会
    is a leader's word too)."""
    blank_bounds = _blank_lines_part_quotes(units, first_closer, last_closer)
    quoted = _quotes_open_with_a_quotation_mark(units, first_closer, last_closer)
    named = _named_by_closers(units, first_closer, last_closer, people)
    alike = _closes_like_the_rest(units, first_closer, last_closer)
    unclosed = 0  # closing quotation marks whose opening one is further up
    start = first_closer
    k = first_closer - 1
    while k >= 0 and k != title_at and _textual(units[k]) and not units[k].candidate:
        unit = units[k]
        if unit.kind == Kind.CUE or unit.contents:
            break
        edited = (intro and intro.search(unit.text)) or any(n in unit.text for n in named)
        if edited and not (alike and k == first_closer - 1):
            return start, True
        if unit.text.rstrip().endswith(("：", ":")) and not _lists(units[k + 1]):
            break  # 现摘编如下：, unless it introduces a list in the quote (要做到：——…；)
        if quoted:  # take lines in quotation marks only (“…”, or inside a quotation)
            unclosed += unit.text.count("”") - unit.text.count("“")
            if unclosed <= 0 and unit.text[:1] not in _OPENING:
                break
        start = k
        if blank_bounds and unit.blank_before:
            break
        k -= 1
    return start, False


def subtitles(units: list[_Unit], people: frozenset[str]) -> list[int]:
    """Dashed lines read as closers that are a headline's subtitle in prose (``“要从小学习
    做人”`` / ``——殷殷寄语关切少年儿童品德的培育``): in a document whose closers name the
    person it quotes (two in three), a dashed line under a short headline that ends no
    sentence, naming no date, no work (《…》) and not that person."""
    closing = [k for k, u in enumerate(units) if u.closer]
    if not closing:
        return []
    named = _named_by_closers(units, closing[0], closing[-1], people)
    found = []
    for k in closing:
        unit, above = units[k], units[k - 1]
        if not named or unit.kind != Kind.DASHED or "《" in unit.body:
            continue
        if choose_date(unit.body) is not None or any(n in unit.body for n in named):
            continue
        headline = above.text.strip(_QUOTES + WHITESPACE)
        if len(headline) <= _HEADLINE_MAX and not ends_clause(headline):
            found.append(k)
    return found


def _closers(units: list[_Unit], first_closer: int, last_closer: int) -> list[_Unit]:
    return [u for u in units[first_closer : last_closer + 1] if u.closer]


def _named_by_closers(
    units: list[_Unit], first_closer: int, last_closer: int, people: frozenset[str]
) -> set[str]:
    """The names (of ``people``) that two closers in three name, when there are three
    closers or more: the person the document quotes."""
    bodies = [u.body or u.text for u in _closers(units, first_closer, last_closer)]
    if len(bodies) < 3:
        return set()
    need = -(-len(bodies) * 2 // 3)
    joined = "\n".join(bodies)  # names counted in all bodies at once first: most are absent
    return {
        p
        for p in people
        if len(p) >= 2 and joined.count(p) >= need and sum(p in b for b in bodies) >= need
    }


def _closes_like_the_rest(units: list[_Unit], first_closer: int, last_closer: int) -> bool:
    """Whether the first closer has the signature (:func:`.templates.signature`) of half
    the closers after it, two at least."""
    closers = _closers(units, first_closer, last_closer)
    first, rest = signature(closers[0].text), [signature(u.text) for u in closers[1:]]
    return first is not None and len(rest) >= 2 and sum(s == first for s in rest) * 2 >= len(rest)


def _quotes_open_with_a_quotation_mark(
    units: list[_Unit], first_closer: int, last_closer: int
) -> bool:
    """Whether every quote after the first opens with a quotation mark (“…”)."""
    openings = [
        units[k + 1].text[:1]
        for k in range(first_closer, last_closer)
        if units[k].closer and _textual(units[k + 1]) and not units[k + 1].candidate
    ]
    return bool(openings) and all(c in _OPENING for c in openings)


def _lists(unit: _Unit) -> bool:
    """Whether ``unit`` is an item of a list: dash-led text, or a marked line that is
    not a heading."""
    return (unit.kind == Kind.TEXT and unit.text[:1] in "—－-") or (
        unit.kind == Kind.MARKED and not unit.candidate
    )


def _blank_lines_part_quotes(units: list[_Unit], first_closer: int, last_closer: int) -> bool:
    """Whether blank lines part quotes rather than paragraphs: there are quotes after the
    first, and none of them has a blank line between its paragraphs."""
    for k in range(first_closer + 2, last_closer):
        unit, before = units[k], units[k - 1]
        if unit.closer or unit.candidate or before.closer or before.candidate:
            continue
        if unit.blank_before:
            return False
    return last_closer > first_closer


def preamble(
    units: list[_Unit],
    closers: list[int],
    first_heading: int,
    title_at: int | None,
    intro: re.Pattern[str] | None,
    people: frozenset[str],
) -> tuple[int | None, int]:
    """Where the preamble ends (the anchor), and the title line as it stands after."""
    if not closers:
        return title_at, min(first_heading, 0 if title_at is None else title_at + 1)
    first_closer, last_closer = closers[0], closers[-1]
    start, edited = first_quote_start(units, first_closer, last_closer, title_at, intro, people)
    if start == first_closer and same_line(units, first_closer - 1, first_closer):
        start -= 1  # a quote with its attribution on its line is never preamble
        title_at = None if title_at == start else title_at
    if start == first_closer and first_closer < first_heading:
        units[first_closer].closer = False  # the text above it is preamble
        units[first_closer].stray = True
    anchor = min(first_heading, start)
    edited = edited and start < first_closer
    between = range(first_heading + 1, start if edited else first_heading)
    if between and all(_textual(units[k]) and not units[k].candidate for k in between):
        for k in between:  # an editor's introduction under the first heading
            units[k].contents = True
    return title_at, anchor


def trailer_start(units: list[_Unit], closers: list[int]) -> int:
    """Where the trailer starts (past the end: none)."""
    n = len(units)
    if not closers:
        return n + 1
    for k in range(closers[-1] + 1, n):
        if starts_trailer(units[k]):
            return k
    return n
