"""Which lines of a document are its title line and its quote titles, and which
are headings: decided from the heading candidates of :mod:`.structure`."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from .classify import TITLE_MAX, Kind, ends_clause
from .fields import FIELD_TITLE
from .units import Unit as _Unit
from .units import textual as _textual

PLAIN = "plain"
#: Unmarked lines that name the quote under them, below an unmarked group heading.
PLAIN_TITLE = "plain:title"


def title_line(units: list[_Unit]) -> int | None:
    """The index of the document's title line, if it has one: the first line, shaped
    like a title (unmarked, no closing punctuation, not too long), unless it is a
    styled heading like later ones or the first of the document's unmarked headings."""
    if not units:
        return None
    first = units[0]
    if first.kind not in (Kind.SHORT, Kind.TEXT, Kind.STYLED, Kind.CITATION, Kind.DATELINE):
        return None
    if len(first.text) > TITLE_MAX or ends_clause(first.text) or first.closer:
        return None
    if len(units) > 1 and units[1].closer:
        return None  # a one-line quote
    if first.kind == Kind.STYLED:
        same = sum(1 for u in units[1:] if u.kind == Kind.STYLED and u.family == first.family)
        return None if same else 0
    others = [k for k in range(1, len(units)) if units[k].candidate and units[k].family == PLAIN]
    if first.candidate and others:
        # the first of the document's unmarked headings: what follows it follows another
        # one too (a heading of the same family; text, when it is not half as long again
        # as the longest of them: 战争与和平 over 帝国主义, not 毛泽东论调查研究 over 调查)
        below = under(units, 0)
        if any(under(units, k) == below for k in others) and (
            below != "text" or 2 * len(first.text) <= 3 * max(len(units[k].text) for k in others)
        ):
            return None
    return 0


def under(units: list[_Unit], k: int) -> str | None:
    """What stands right under unit ``k``: ``text``, the family of a heading, or
    ``matter`` (a front-matter heading: 前言 under a book's title)."""
    if k + 1 >= len(units):
        return None
    below = units[k + 1]
    if below.shape.matter:
        return "matter"
    if below.candidate:
        return below.family
    return "text" if _textual(below) else None


def title_families(units: list[_Unit]) -> set[str]:
    """Families that name quotes rather than head sections: numbered in Arabic digits,
    bulleted, or set in bold under a heading of another family (an unnumbered mark, like a
    bullet; bold lines of the outermost family are headings, over one quote each or not).
    None of their lines has a heading of a deeper family (one first used under it) right
    under it, and either none governs more than one quote (the closers up to the next
    candidate) and half govern exactly one, or none governs more than two and three in
    four govern exactly one (lines after the last quote head prose, and do not count)."""
    governed: dict[str, list[int]] = defaultdict(list)
    parents: set[str] = set()
    current: str | None = None
    last = max((k for k, u in enumerate(units) if u.closer), default=-1)
    outermost = next((u.family for u in units if u.candidate), None)
    for unit in units[: last + 1]:  # a line after the last quote heads none
        if unit.candidate:
            deeper = unit.family not in governed  # first used here, under ``current``
            if current is not None and governed[current][-1] == 0 and deeper:
                parents.add(current)
            current = unit.family
            governed[current].append(0)
        elif unit.closer and current is not None:
            governed[current][-1] += 1
    titles = set()
    for family, counts in governed.items():
        if family in (PLAIN_TITLE, FIELD_TITLE):
            titles.add(family)
            continue
        bold = family.startswith("style:bold") and family != outermost
        if not family.endswith(":ar") and not family.startswith("bullet:") and not bold:
            continue  # quotes are named with Arabic numbers, bullets or bold, never 一、 or （一）
        if family in parents:
            continue
        ones = Counter(counts)[1]
        if (max(counts) <= 1 and ones * 2 >= len(counts)) or (
            max(counts) <= 2 and ones * 4 >= len(counts) * 3
        ):
            titles.add(family)
    return titles


def titles_under_groups(units: list[_Unit]) -> None:
    """Unmarked heading candidates right above quote text are quote titles when they
    stand right under another candidate (a group heading over a title), or follow such
    a title in its group, each naming one quote; when such a pair stands below the first
    quote (or two do), and three in four of the candidates right above quote text govern
    exactly one quote (none more than two)."""
    n = len(units)
    lower = [
        k
        for k, u in enumerate(units[:-1])
        if u.candidate
        and u.family == PLAIN
        and _textual(units[k + 1])
        and not units[k + 1].candidate
    ]
    # (the first line over the second is as often the title line over a heading)
    paired = [k for k in lower if k > 1 and units[k - 1].candidate]
    first_closer = next((k for k, u in enumerate(units) if u.closer), n)
    if not paired or (len(paired) < 2 and paired[0] - 1 < first_closer):
        return  # one pair above the first quote is as often a title line over a heading
    governed: dict[int, int] = {}
    for k in lower:
        count = 0
        for j in range(k + 1, n):
            if units[j].candidate:
                break
            count += units[j].closer
        governed[k] = count
    counts = list(governed.values())
    if max(counts) > 2 or sum(c == 1 for c in counts) * 4 < len(counts) * 3:
        return
    titled = False  # under a group whose first line under it names one quote
    for k, unit in enumerate(units):
        if not unit.candidate:
            continue
        if k in governed and governed[k] == 1 and (k in paired or titled):
            unit.family, titled = PLAIN_TITLE, True
        elif k not in governed or governed[k] != 1:
            titled = False


def speech_titles(units: list[_Unit], people: frozenset[str], verbs: tuple[str, ...]) -> None:
    """Heading candidates that report a known person's words (``习近平说：“要学习…”``:
    a name, perhaps an office, a speech verb of ``speech_verbs.txt``, a colon and the
    words in quotation marks) right above quote text name that quote: quote titles,
    whatever family they share with the document's headings."""
    if not verbs:
        return
    said = _reported_words(verbs)
    for k, unit in enumerate(units[:-1]):
        below = units[k + 1]
        if not unit.candidate or below.candidate or not _textual(below):
            continue
        text = unit.title
        if any(text[:n] in people and said.match(text, n) for n in (4, 3, 2)):
            unit.family = PLAIN_TITLE


@lru_cache(maxsize=8)
def _reported_words(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """What follows a name in a line reporting its words: perhaps an office (总书记), a
    speech verb, a colon and the words in quotation marks."""
    alternation = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{alternation})[：:][\s\u3000]*[“「\"].+[”」\"]$")
