"""Hard-wrapped text: a file whose paragraphs were broken into lines of a fixed width
(a PDF's text layer, an e-mail, an old archive's 40-column text). Its lines pile up at
that width and none goes past it; a line that reaches the width goes on in the next
one. Such lines are joined back into the paragraph they were cut from before anything
else reads them (the paragraph keeps its first line's number).

The width is measured in characters or in display columns (a Chinese character two, a
Latin letter one), whichever shows the pile-up."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..records.cues import LayoutCues
from ..records.quotes import Line
from .classify import citation_body
from .shapes import PAGE_AT_END

#: Characters one column wide: all but the wide blocks (CJK, kana, hangul, full-width).
_NARROW = re.compile(
    "[^\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+"
)
#: Lines shorter than this say nothing about the width (headings, numbers, blanks).
_LONG = 8
#: Fewest lines at the width, and their least share of the long lines.
_AT_WIDTH_MIN, _AT_WIDTH_SHARE = 8, 0.3
#: The narrowest width a text is taken to be wrapped at, in characters.
_NARROWEST = 16
#: Most lines past the width that a hard-wrapped text may have (a share of long lines).
_PAST_SHARE = 0.02
#: How far short of the width a wrapped line may end (a word or a closing mark carried
#: over to the next line), in characters.
_SLACK = 1
#: How a new paragraph may open (a single space may be where the line was cut).
_INDENT = ("\u3000", "  ", "\t", " \u3000")
#: How a line that ends a sentence, a clause or a bracket ends.
_ENDED = "。！？!?”’」』…；;：:）)】]"
_SENTENCE = "。！？!?"
#: How a citation ends: a page, or a range of pages, and a full stop.
#: Where a line may end on its own: there, or after a page (…第九页).
_MAY_END = _ENDED + "页"
_DASHES = ("——", "—", "－－", "--", "──")


def columns(text: str) -> int:
    """The display width of ``text``: two columns for a wide character (CJK, full-width
    forms), one otherwise."""
    return len(text) + len(_NARROW.sub("", text))


def _measures() -> tuple[tuple[Callable[[str], int], int, int], ...]:
    """(measure, slack, narrowest width) in characters, then in columns."""
    return ((len, _SLACK, _NARROWEST), (columns, 2 * _SLACK + 1, 2 * _NARROWEST))


def wrap_width(texts: list[str]) -> tuple[Callable[[str], int], int, int] | None:
    """(measure, width, slack) when ``texts`` are hard-wrapped, else None: many lines
    end within the slack of a width, almost none goes past it, and the lines pile up
    there more than at any shorter length."""
    for measure, slack, narrowest in _measures():
        sizes = [measure(t) for t in texts if len(t) >= _LONG]
        if len(sizes) < _AT_WIDTH_MIN:
            return None
        counts = Counter(sizes)
        past = 0
        for width in sorted(counts, reverse=True):
            if past > _PAST_SHARE * len(sizes) or width < narrowest:
                break  # a few lines may pass the width, no more
            at = sum(counts[s] for s in range(width - slack, width + 1))
            many = at >= _AT_WIDTH_MIN and at >= _AT_WIDTH_SHARE * len(sizes)
            if many and _peaked(sizes, width, slack):
                return measure, width, slack
            past += counts[width]
    return None


def _peaked(sizes: list[int], width: int, slack: int) -> bool:
    """Whether the lines pile up at the width more than at any shorter length (text
    that was never wrapped spreads its paragraphs' lengths out)."""
    counts = Counter(sizes)
    at = sum(counts[s] for s in range(width - slack, width + 1))
    below = max(
        (sum(counts[s] for s in range(w - slack, w + 1)) for w in range(_LONG, width - slack)),
        default=0,
    )
    return at > below


def unwrap(lines: Iterable[Line], cues: LayoutCues) -> list[Line]:
    """``lines`` with the lines of each hard-wrapped paragraph joined (see the module)."""
    lines = list(lines)
    found = wrap_width([line.text.rstrip() for line in lines])
    if found is None:
        return lines
    measure, width, slack = found
    ends = _attribution_ends([line.text.rstrip() for line in lines], measure, width - slack)
    out: list[Line] = []
    full = False  # the line before reached the width: its paragraph may go on
    for k, line in enumerate(lines):
        text = line.text.rstrip()
        reaches = bool(text) and measure(text) >= width - slack
        after = lines[k + 1].text.lstrip() if k + 1 < len(lines) else ""
        if full and _continues(out[-1].text.rstrip(), text, reaches, cues, ends, after):
            out[-1] = replace(out[-1], text=_join(out[-1].text, line.text))
        else:
            out.append(line)
        full = reaches
    return out


def _attribution_ends(texts: list[str], measure: Callable[[str], int], short: int) -> set[str]:
    """How the document's dash-led lines end when they are whole for sure (short of the
    width): the last characters two of them share (``话``, ``）``)."""
    counts = Counter(
        t[-1] for t in texts if t.lstrip().startswith(_DASHES) and 0 < measure(t) < short
    )
    return {c for c, n in counts.items() if n >= 2}


def _continues(
    head: str, text: str, reaches: bool, cues: LayoutCues, ends: set[str], after: str
) -> bool:
    """Whether ``text`` goes on with the paragraph of ``head``, a line that reached the
    width. Not when it is blank or indented (a new paragraph); after an attribution, only
    its tail, which holds no sentence, has no attribution right under it (then it is a
    quote), and is short when the attribution ends as the document's whole ones end.
    When ``head`` ends where a line may end (a sentence, a bracket, a page), not after
    a whole attribution or citation, nor before a dash-led, numbered or bulleted line, a
    citation, or a last piece that ends no sentence (a heading); a piece that reaches the
    width goes on."""
    if not text or text.startswith(_INDENT):
        return False
    if not any(c.isalnum() for c in text):
        return True  # what the cut left of a line's end: 。, ）
    if head.lstrip().startswith(_DASHES) and head.rstrip()[-1:] not in _MAY_END:
        if after.startswith(_DASHES):
            return False  # a quote under its attribution: no tail of the one above
        if head[-1:] in ends:  # ends as the document's whole attributions end
            return not reaches and not any(c in text for c in _SENTENCE)
        return not any(c in text[:-1] for c in _SENTENCE)  # its tail holds no sentence
    if head.rstrip()[-1:] not in _MAY_END:
        return True
    if head.lstrip().startswith(_DASHES) or citation_body(head, cues):
        return False
    if PAGE_AT_END.search(head):
        return False  # a citation's page (…第一二三── 一二四页。)
    if text.startswith(_DASHES) or text[:1] in cues.bullet or _numbered(text, cues):
        return False
    if citation_body(text, cues):
        return False
    return reaches or text[-1:] in _ENDED


def _numbered(text: str, cues: LayoutCues) -> bool:
    return next(cues.marker_matches(text), None) is not None


def _join(head: str, tail: str) -> str:
    """Two pieces of a paragraph as one, as they were cut (a space kept where there was
    one; Chinese is cut anywhere, digits and Latin letters too: ``（2`` + ``014年…``)."""
    return head + tail
