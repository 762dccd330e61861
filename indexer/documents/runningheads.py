"""Running heads: a copy of a printed book (an OCR, a text-to-speech transcription)
keeps the title the printer set atop its pages, glued to the line under it
(``毛主席论无产阶级专政（一）为什么必须…``).

The title is the document's own: the words its first line opens with (a scanned cover
may print it twice, ``毛主席论无产阶级专政毛主席论无产阶级专政（初编…）``). A later line
that opens with that title and goes straight on with a numbered heading (``（一）``,
``一、``, ``第三章``: the markers of ``layout.tsv``) is cut in two: the running head, a
line of page furniture, and the heading on a line of its own, hinted as one (a printer
sets a running head over the page that opens a chapter, and the chapter's heading
under it). Both keep their line's number; ``yulu parse --explain`` shows them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..records.cues import LayoutCues
from ..records.quotes import Line

#: The style hints given to the two pieces (see :meth:`.classify.LineClassifier.styled`).
RUNNING_HEAD, HEADING = "running-head", "heading2"
#: The words a first line opens with: Han characters up to its first other character.
_OPENING = re.compile(r"[\u4e00-\u9fff]{4,40}")
#: Fewest and most characters a running head has.
_SHORTEST, _LONGEST = 4, 20


def running_head(lines: list[Line]) -> str | None:
    """The title the first non-blank line opens with, if it is a running head's length
    (printed twice over, once)."""
    first = next((line.text.strip() for line in lines if line.text.strip()), "")
    match = _OPENING.match(first)
    if match is None:
        return None
    words = match.group()
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]
    return words if _SHORTEST <= len(words) <= _LONGEST else None


def cut_running_heads(lines: Iterable[Line], cues: LayoutCues) -> list[Line]:
    """``lines`` with each later line that opens with the document's running head and a
    numbered heading cut into the two (see the module)."""
    lines = list(lines)
    head = running_head(lines)
    if head is None:
        return lines
    out: list[Line] = []
    seen_first = False
    for line in lines:
        text = line.text.strip()
        rest = text[len(head) :].lstrip() if text.startswith(head) else ""
        if seen_first and rest and _numbered(rest, cues):
            out.append(replace(line, text=head, style=RUNNING_HEAD))
            out.append(replace(line, text=rest, style=HEADING))
        else:
            out.append(line)
        seen_first = seen_first or bool(text)
    return out


def _numbered(text: str, cues: LayoutCues) -> bool:
    """Whether ``text`` opens with a heading marker and has a title after it."""
    return any(match["title"].strip() for _, match in cues.marker_matches(text))
