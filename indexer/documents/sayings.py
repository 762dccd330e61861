"""Sayings under a heading that announces them: ``第二编 马克思的名言`` over short
paragraphs that cite nothing, a page of 名言, 格言 or 金句.

A heading that holds a sayings cue (``sayings_cue`` in ``layout.tsv``: 名言, 格言,
警句, …) outside a work's title says what stands under it, down to the next heading
of its level or above. When that is at least :data:`MIN_ITEMS` items (paragraphs
parted by blank lines, as in :mod:`.collective`) and nothing else, no attribution,
quote title or reported line, each item is a quote with no attribution and no date,
said by the one person the heading names (``people.tsv``), else by the document's
leader. A note names each such heading, so the reading is never silent.

Not when half the items report a known person's words (``习近平强调，…``): that is
a report, and its paragraphs stay uncited and reported, as before. Where a region
holds an attribution, its quotes are read the usual way and nothing here applies."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..folding import fold
from .blocks import Block, Closer, Debris, Heading, PreambleLine, Text, Uncited
from .collective import paragraph_items, reported

#: A work's title: a cue inside it names the work, not what stands under the heading
#: (``《毛主席语录》再版前言`` is a preface).
_WORK = re.compile(r"《[^》]*》?|〈[^〉]*〉?")

#: Fewest uncited items that make a heading's sayings quotes.
MIN_ITEMS = 3


def uncited_sayings(
    blocks: list[Block],
    cues: Sequence[str],
    people: Mapping[str, str] | None = None,
    verbs: Sequence[str] = (),
) -> tuple[list[Block], list[tuple[int, str]]] | None:
    """``blocks`` with each saying under a heading that announces sayings closed as a
    quote, and a note per such heading; None when the document has none. ``people``
    (name or alias to canonical name) tells who a heading names, and a report."""
    if not cues:
        return None
    people = people or {}
    closing: dict[int, str] = {}  # the block each saying ends with: its author
    notes: list[tuple[int, str]] = []
    for k, block in enumerate(blocks):
        if not isinstance(block, Heading) or not _announces(block.title, cues):
            continue
        end = _region_end(blocks, k, block.level)
        groups = paragraph_items(blocks, k + 1, end)
        if groups is None or len(groups) < MIN_ITEMS:
            continue
        if reported(blocks, groups, people.keys(), verbs):
            continue
        author = _author(block.title, people)
        closing.update((group[-1], author) for group in groups)
        first, last = blocks[groups[0][0]].no, blocks[groups[-1][-1]].lines[-1].no
        said = f", said by {author}" if author else ""
        notes.append(
            (
                block.no,
                f"{len(groups)} sayings under this heading (lines {first}–{last}) cite "
                f"nothing: each is read as a quote, with no attribution and no date{said}",
            )
        )
    if not closing:
        return None
    out: list[Block] = []
    for k, block in enumerate(blocks):
        out.append(block)
        if k in closing:
            out.append(Uncited((), author=closing[k]))
    return out, notes


def _announces(title: str, cues: Sequence[str]) -> bool:
    """Whether a heading announces sayings: a cue outside any work's title (folded:
    語錄 is 语录)."""
    own = fold(_WORK.sub("", title))
    return any(cue in own for cue in cues)


def _author(title: str, people: Mapping[str, str]) -> str:
    """The one person a heading names (outside any work's title), canonical; ``""``
    when it names none or several (the document's leader then speaks)."""
    own = fold(_WORK.sub("", title))
    named = {canonical for name, canonical in people.items() if name in own}
    return named.pop() if len(named) == 1 else ""


def _region_end(blocks: list[Block], k: int, level: int) -> int:
    """Where the region a heading at ``level`` opens ends: the next heading of that
    level or above, or the end."""
    for j in range(k + 1, len(blocks)):
        block = blocks[j]
        if isinstance(block, Heading) and block.level <= level:
            return j
    return len(blocks)


#: Quotation marks a saying stands in, opening to closing.
_MARKS = {"「": "」", "“": "”", "『": "』"}
#: A short lead-in before a saying's quotation mark (``林鄭回應：``).
_LEAD_IN = re.compile(r"^[^「“『。！？，]{1,10}[：:]\s?")
#: Shortest paragraph all in bold that is a saying rather than a heading.
_BOLD_MIN = 30


def quoted_sayings(
    blocks: list[Block], cues: Sequence[str], title: str
) -> tuple[list[Block], list[tuple[int, str]]] | None:
    """An article of sayings that attributes nothing (a news page of 金句, a 語錄 article):
    when no line closes a quote and ``title`` (folded) holds a sayings cue, each paragraph
    wholly in quotation marks (after a short lead-in, ``林鄭回應：「…」``) or all in bold
    and long is a quote with no attribution and no date, and the narration around them is
    left out, with a note; None unless the document is of that kind and has
    :data:`MIN_ITEMS` such paragraphs."""
    if not cues or not _announces(title, cues) or any(isinstance(b, Closer) for b in blocks):
        return None
    sayings = [k for k, b in enumerate(blocks) if isinstance(b, Text) and _saying(b)]
    if len(sayings) < MIN_ITEMS:
        return None
    out: list[Block] = []
    narration: list[int] = []
    for k, block in enumerate(blocks):
        if k in sayings:
            out += [block, Uncited(())]
        elif isinstance(block, Text) and k > sayings[0]:
            narration += [s.no for s in block.lines]
            out.append(Debris(block.lines))
        elif isinstance(block, Text):
            out.append(PreambleLine(block.lines))
        else:
            out.append(block)
    lines = ", ".join(str(n) for n in narration[:8]) + ("…" if len(narration) > 8 else "")
    note = (
        f"{len(sayings)} sayings in quotation marks or bold, with no attribution: each is a quote"
    )
    notes = [
        (blocks[sayings[0]].no, note + (f"; narration left out (lines {lines})" if lines else ""))
    ]
    return out, notes


def _saying(block: Text) -> bool:
    """Whether a paragraph is a saying: wholly in quotation marks, or all in bold."""
    if len(block.lines) != 1:
        return False
    line = block.first
    text = line.text.strip()
    if line.line.style == "bold" and len(text) >= _BOLD_MIN:
        return True
    text = text[_LEAD_IN.match(text).end() :] if _LEAD_IN.match(text) else text
    opening = text[:1]
    if opening not in _MARKS:
        return False
    depth = 0
    for at, c in enumerate(text):
        depth += (c == opening) - (c == _MARKS[opening])
        if depth == 0:
            return text[at + 1 :].strip(" 。！？!?") == ""
    return False
