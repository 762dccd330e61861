"""Lines run together: a copy that lost its line breaks (a text-to-speech transcription,
a careless paste) runs a table of contents, the first heading and the first quote onto
one line, and later headings into the text under them (``二、阶级和阶级斗争阶级斗争，一些
阶级胜利了``). The table of contents says what the headings are: a line holding three
entries or more (a title, leader dots and a page number: ``contents_entry`` in
``layout.tsv``) is cut into what stands before the contents, the contents, and what
follows; a line that opens with the next heading the contents name (after its marker,
spaces aside), with text after it, is cut into the heading and the text. Every piece
keeps its line's number.

Such a copy also runs a citation onto the end of the last line of its quote (``…的道路一样
《关于纠正党内的错误思想》(一九二九年十二月)，…第八十七 ── 八十八页。``): once the document's
citation templates are known, a paragraph whose end, from a book title on, fits one and
names a volume or page is that paragraph and its citation (:func:`trailing_citations`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import accumulate

from ..records.cues import LayoutCues
from ..records.quotes import Line
from .classify import Classified, Kind, has_words, names_a_reference
from .templates import Templates

#: Leader dots left between a heading and its text (``生命线……掌握…``).
_LEADERS = re.compile(r"^[…\.．·・‧\s\u3000]+")
_SPACES = re.compile(r"[\s\u3000]+")
#: What cannot follow an unmarked heading: the text after it would be a clause.
_CLAUSE_MARK = "，,、；;：:。！？!?”’」』)）"
#: Fewest characters an unmarked heading of the contents needs to be matched.
_UNMARKED_MIN = 6
#: Fewest characters of a garbled first entry that the heading after it must repeat.
_SUFFIX_MIN = 4
_ENTRIES_MIN = 3
#: How many headings of the contents a copy may leave out before the next it prints.
_LOOKAHEAD = 4
#: What a heading run into a line may stand after: a sentence or a citation ending.
_HEADING_AFTER = "。！？!?页》」』”）)…"


@dataclass(frozen=True)
class _Entry:
    """A heading the contents name: its marker as printed (if any), its title (spaces
    removed), and a pattern finding marker and title with or without spaces."""

    marker: str
    title: str
    pattern: re.Pattern[str]


def unrun(lines: Iterable[Line], cues: LayoutCues) -> list[Line]:
    """``lines`` with run-together contents and headings cut apart (see the module)."""
    lines = list(lines)
    patterns = cues.contents_entry_patterns
    if not patterns:
        return lines
    candidates = _crowded(lines, patterns)
    if not candidates:
        return lines
    out: list[Line] = []
    entries: list[_Entry] = []
    at = 0  # the next entry a heading may repeat
    for k, line in enumerate(lines):
        if entries:
            pieces, at = _headings(line.text, entries, at)
            out += [replace(line, text=p) for p in pieces]
            continue
        found = _contents(line, cues, patterns) if k in candidates else None
        if found is None:
            out.append(line)
            continue
        pieces, entries, tail = found
        out += [replace(line, text=p) for p in pieces]
        end = _garbled_first(tail, entries, cues) if tail else None
        if end is not None:  # the first heading, repeating the end of a garbled entry
            out.append(replace(line, text=tail[:end].strip()))
            tail, at = _LEADERS.sub("", tail[end:]), 1
        if tail:
            pieces, at = _headings(tail, entries, at)
            out += [replace(line, text=p) for p in pieces]
    return out


def _crowded(lines: list[Line], patterns: tuple) -> set[int]:
    """The indexes of the lines holding three contents entries or more (the patterns
    run once over the whole text: a call per line would cost more than the matching)."""
    text = "\n".join(line.text for line in lines)
    starts = list(accumulate((len(line.text) + 1 for line in lines), initial=0))
    counts: Counter[int] = Counter()
    for pattern in patterns:
        for match in pattern.finditer(text):
            counts[bisect_right(starts, match.start()) - 1] += 1
    return {k for k, n in counts.items() if n >= _ENTRIES_MIN}


def _contents(
    line: Line, cues: LayoutCues, patterns: tuple
) -> tuple[list[str], list[_Entry], str] | None:
    """What stands before the contents, the contents (one piece), the headings they
    name, and what follows them; None unless the line holds three entries or more."""
    text = line.text
    ends = sorted(
        (m.start(), m.end()) for p in patterns for m in p.finditer(text) if m.end() > m.start()
    )
    if len(ends) < _ENTRIES_MIN:
        return None
    start = _contents_start(text[: ends[0][0]], cues)
    entries, before = [], start
    for left, right in ends:
        entry = _entry(text[before:left], cues)
        if entry is not None:
            entries.append(entry)
        before = right
    pieces = [p for p in (text[:start].strip(), text[start : ends[-1][1]].strip()) if p]
    return pieces, entries, text[ends[-1][1] :].strip()


def _contents_start(head: str, cues: LayoutCues) -> int:
    """Where the contents begin: at the last contents cue (目录) before the first
    entry, else at the line's start."""
    spots = [head.rfind(c) for c in cues.contents if c in head]
    return max(spots) if spots else 0


def _entry(title: str, cues: LayoutCues) -> _Entry | None:
    compact = _SPACES.sub("", title)
    for cue in cues.contents:
        if compact.startswith(cue):
            compact = compact[len(cue) :]
    marked = _marked(compact, cues)
    marker, title = (compact[: len(compact) - len(marked)], marked) if marked else ("", compact)
    if not title:
        return None
    spaced = r"[\s\u3000]*".join(re.escape(c) for c in marker + title)
    return _Entry(marker, title, re.compile(spaced))


def _marked(text: str, cues: LayoutCues) -> str | None:
    """The title of a line opening with a heading marker, without the marker."""
    return next((match["title"] for _, match in cues.marker_matches(text) if match["title"]), None)


def _headings(text: str, entries: list[_Entry], at: int) -> tuple[list[str], int]:
    """``text`` cut before and after each heading of the contents it holds, in their
    order from entry ``at`` on; and the next entry a heading may repeat."""
    pieces: list[str] = []
    while True:
        found = _next_heading(text, entries, at)
        if found is None:
            break
        index, start, end = found
        rest = _LEADERS.sub("", text[end:])
        if start == 0 and not rest.strip():
            break  # the heading alone on its line: nothing to cut
        pieces += [p for p in (text[:start].strip(), text[start:end].strip()) if p]
        text, at = rest, index + 1
    if text.strip():
        pieces.append(text.strip())
    return pieces, at


def _next_heading(text: str, entries: list[_Entry], at: int) -> tuple[int, int, int] | None:
    """(entry, start, end) of the first of the next few headings ``text`` holds where a
    heading can stand: at its start, or after a sentence or a citation ends."""
    for index in range(at, min(at + _LOOKAHEAD, len(entries))):
        entry = entries[index]
        for match in entry.pattern.finditer(text):
            start, end = match.span()
            if start and text[start - 1] not in _HEADING_AFTER:
                continue
            after = text[end : end + 1]
            if not entry.marker and (
                len(entry.title) < _UNMARKED_MIN or (after and after in _CLAUSE_MARK)
            ):
                continue  # an unmarked line must repeat a long title and end no clause there
            return index, start, end
    return None


def _garbled_first(tail: str, entries: list[_Entry], cues: LayoutCues) -> int | None:
    """Where the heading that opens ``tail`` ends when it repeats only the end of the
    first entry, whose start the copy garbled (``目一录政治是统帅…`` over ``一 政治是统帅…``)."""
    if not entries or entries[0].marker:
        return None
    rest = _marked(tail, cues) or tail
    compact, title = _SPACES.sub("", rest), entries[0].title
    for size in range(min(len(title), len(compact)) - 1, _SUFFIX_MIN - 1, -1):
        if title.endswith(compact[:size]):
            return len(tail) - len(rest) + _span(rest, size)
    return None


def _span(text: str, size: int) -> int:
    """The length of the shortest prefix of ``text`` holding ``size`` non-space characters."""
    seen = 0
    for k, char in enumerate(text):
        if not char.isspace():
            seen += 1
            if seen == size:
                return k + 1
    return len(text)


def trailing_citations(shapes: list[Classified], templates: Templates) -> list[Classified]:
    """``shapes`` with each paragraph that ends with a citation of the document's
    template (from a book title on, naming a volume or page) read as a quote line and
    its citation (an inline attribution; the reason kept in ``templates.reasons``)."""
    if not any(t.signature.opening == "《" for t in templates.citations):
        return shapes
    out = list(shapes)
    for k, shape in enumerate(shapes):
        if shape.kind != Kind.TEXT or "《" not in shape.text[1:]:
            continue
        at = _citation_start(shape.text, templates)
        if at is None:
            continue
        quote, citation = shape.text[:at].rstrip(), shape.text[at:].strip()
        out[k] = replace(shape, kind=Kind.INLINE, title=quote, body=citation, tail=citation)
        templates.reasons[shape.no] = "ends with a citation of the document's template"
    return out


def _citation_start(text: str, templates: Templates) -> int | None:
    """Where a citation that ends ``text`` begins: the first book title from which the
    rest fits a template opening with one and names a volume or page, after words."""
    at = text.find("《", 1)
    while at > 0:
        rest = text[at:]
        if has_words(text[:at]) and names_a_reference(rest):
            template = templates.fitting(rest)
            if template is not None and template.signature.opening == "《":
                return at
        at = text.find("《", at + 1)
    return None
