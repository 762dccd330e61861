"""Items under one collective citation: a compilation of instructions whose title is
followed by a bracketed, dated subtitle that says when and how all of them were given
(``毛主席重要指示`` over ``（根据毛主席一九七五年十月至一九七六年一月多次重要谈话整理…）``),
then the items, parted by blank lines, with no citation of their own.

The rules read the subtitle as the citation of the title line above it, and the items
as paragraphs after the last attribution. Here a dated, bracketed closer that closes a
single title-shaped line (or stands right under a heading or the title line), followed
by at least :data:`MIN_ITEMS` items and no other closer, cites each item: each item
becomes a quote closed by that citation, and the title line a heading. A run of such
titles is read from the last one back.

What stands before the first such title is the document's cover when it quotes nothing
itself: a header, and notices that close with a signature and a bare date (an approval
``同意`` signed ``毛泽东`` and dated ``三月三日``; a notice signed ``中共中央`` and
dated). It becomes preamble, instead of quotes made of signatures.

A report is not such a compilation: when half the items or more report a known
person's words (``习近平强调，…``: a name of ``people.tsv``, a speech verb of
``speech_verbs.txt``), the paragraphs stay uncited and are reported as before.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from .blocks import (
    Block,
    Closer,
    Debris,
    Heading,
    PreambleLine,
    Stray,
    Text,
    TitleLine,
    TrailerLine,
)
from .classify import Kind
from .dates import find_dates
from .titles import PLAIN

#: Fewest uncited items that make a subtitle their collective citation.
MIN_ITEMS = 3
#: A title line longer than this is a paragraph.
_TITLE_MAX = 30
#: A signature above a bare date is a name this long at most (毛泽东, 中共中央).
_SIGNATURE_MAX = 8
_PUNCTUATION = '。！？；，、：!?;,:“”"《》'
_BRACKETS = {"（": "）", "(": ")"}


def collective_items(
    blocks: list[Block], people: Collection[str] = (), verbs: Collection[str] = ()
) -> tuple[list[Block], list[tuple[int, str]]] | None:
    """``blocks`` with the items under each collective citation as quotes closed by
    it, and the cover before the first as preamble, with a note per citation; None
    unless the document has one. ``people`` and ``verbs`` tell a report from items."""
    blank_lines = _parted([b for b in blocks if isinstance(b, Debris)])
    found: list[tuple[int, int, list[list[int]]]] = []  # (closer, title, item groups)
    end = len(blocks)
    for k in reversed([k for k, b in enumerate(blocks) if _subtitle_shaped(b)]):
        title = _title_above(blocks, k, blank_lines)
        groups = paragraph_items(blocks, k + 1, end)
        if title is None or groups is None or len(groups) < MIN_ITEMS:
            break
        if not isinstance(blocks[k], (Closer, Text)) or reported(blocks, groups, people, verbs):
            break
        found.append((k, title, groups))
        end = title
    if not found:
        return None
    out: list[list[Block]] = [[b] for b in blocks]  # what each block becomes
    notes = []
    for k, title, groups in reversed(found):
        first, last = blocks[groups[0][0]].no, blocks[groups[-1][-1]].lines[-1].no
        notes.append(
            (
                blocks[k].no,
                f"one citation for the {len(groups)} items under it (lines {first}–{last}), "
                "which cite nothing themselves",
            )
        )
        out[title] = [_as_heading(blocks, title)]
        out[k] = []  # the citation moves under each item
        citation = _as_closer(blocks[k])
        for group in groups:
            out[group[-1]].append(citation)
    first_title = found[-1][1]
    if _cover(blocks[:first_title]):
        for k in range(first_title):
            if not isinstance(blocks[k], (Debris, TitleLine)):
                out[k] = [PreambleLine(blocks[k].lines)]
    return [b for made in out for b in made], notes


def _subtitle_shaped(block: Block) -> bool:
    """Whether a block may be a subtitle citing what follows: a closer, or a line of
    text, all in brackets and dated."""
    if not isinstance(block, (Closer, Text)) or len(block.lines) != 1:
        return False
    text = block.first.text.strip()
    return text[:1] in _BRACKETS and text[-1:] == _BRACKETS[text[:1]] and bool(find_dates(text))


def _as_closer(block: Block) -> Closer:
    if isinstance(block, Closer):
        return block
    return Closer(block.lines, body=block.first.text.strip()[1:-1])  # brackets off


@lru_cache(maxsize=4)
def _reporting(people: frozenset[str], verbs: tuple[str, ...]) -> re.Pattern[str] | None:
    """What reports a person's words: a known name, at most four characters (an
    office), a speech verb."""
    if not people or not verbs:
        return None
    names = "|".join(re.escape(p) for p in sorted(people, key=len, reverse=True))
    said = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"(?:{names})[\u4e00-\u9fff]{{0,4}}?(?:{said})")


def reported(
    blocks: list[Block], groups: list[list[int]], people: Collection[str], verbs: Collection[str]
) -> bool:
    """Whether half the items or more report someone's words (a report, not items)."""
    reports = _reporting(frozenset(people), tuple(verbs))  # (compiled once a gazetteer)
    if reports is None:
        return False
    told = sum(1 for g in groups if any(reports.search(s.text) for k in g for s in blocks[k].lines))
    return 2 * told >= len(groups)


def _previous(blocks: list[Block], k: int) -> int | None:
    """The nearest block before ``k`` that is not debris."""
    k -= 1
    while k >= 0 and isinstance(blocks[k], Debris):
        k -= 1
    return k if k >= 0 else None


def _title_above(blocks: list[Block], k: int, blank_lines: bool) -> int | None:
    """The title a closer stands under: a heading or the title line right above it, or
    one short unpunctuated line standing alone there (set off by a blank line, where
    the document has blank lines)."""
    at = _previous(blocks, k)
    if at is None:
        return None
    block = blocks[at]
    if isinstance(block, (Heading, TitleLine)):
        return at
    if not isinstance(block, Text) or not _title_shaped(block.first.text):
        return None
    before = _previous(blocks, at)
    alone = before is None or not isinstance(blocks[before], Text) or not blank_lines
    return at if alone or _parted(blocks[before + 1 : at]) else None


def _parted(debris: list[Block]) -> bool:
    """Whether a blank line stands among these blocks."""
    return any(s.kind == Kind.BLANK for b in debris for s in b.lines)


def _title_shaped(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= _TITLE_MAX and not any(c in _PUNCTUATION for c in text)


def paragraph_items(blocks: list[Block], start: int, end: int) -> list[list[int]] | None:
    """The items between two positions: paragraphs parted by blank lines or headings
    (each paragraph one item where no blank line parts them); None when anything else
    stands there (another closer, a quote title, …)."""
    region = blocks[start:end]
    if not all(isinstance(b, (Text, Debris, Heading, TrailerLine)) for b in region):
        return None
    blank_parted = _parted([b for b in region if isinstance(b, Debris)])
    groups: list[list[int]] = []
    current: list[int] = []
    for k, block in enumerate(region, start):
        if isinstance(block, Text):
            current.append(k)
            if not blank_parted:
                groups.append(current)
                current = []
        elif current and (not isinstance(block, Debris) or _parted([block])):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _as_heading(blocks: list[Block], title: int) -> Block:
    block = blocks[title]
    if not isinstance(block, Text):
        return block
    above = [b for b in blocks[:title] if isinstance(b, Heading)]
    level = 1
    if above:
        level = above[-1].level + (0 if above[-1].family == PLAIN else 1)
    text = block.first.text.strip()
    return Heading(block.lines, level=level, title="".join(text.split()), family=PLAIN)


def _cover(blocks: list[Block]) -> bool:
    """Whether what stands before the first collective title quotes nothing: every
    closer there signs and dates a notice."""
    for k, block in enumerate(blocks):
        if isinstance(block, Stray):
            continue
        if isinstance(block, Closer) and not _signed(blocks, k):
            return False
    return True


def _signed(blocks: list[Block], k: int) -> bool:
    """Whether closer ``k`` is a bare date under a signature line."""
    text = blocks[k].first.text.strip()
    dates = find_dates(text)
    if len(dates) != 1 or text.replace(dates[0].text, "").strip(" \u3000。.") != "":
        return False
    at = _previous(blocks, k)
    if at is None or not isinstance(blocks[at], Text):
        return False
    name = blocks[at].first.text.strip()
    return 0 < len(name) <= _SIGNATURE_MAX and _title_shaped(name)
