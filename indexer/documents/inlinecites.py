"""Attributions run onto the end of a quote's own line: ``…共同体。——习近平2019年…``
or ``…共同体。（2019年3月…在…的讲话）``, found after the sentence they close."""

from __future__ import annotations

import re

from ..records.cues import LayoutCues
from .dates import find_dates
from .shapes import NAME_COLON, WHITESPACE, citation_body, has_words

#: A dash inside a line that may open an attribution after the quote (…。——毛泽东：…).
_INLINE_DASH = re.compile(r"(?:[—―─]{2}|－{2}|-{2})\s?")
#: What ends a sentence before an attribution on the same line (looking through quotes).
_SENTENCE_END = '。！？…!?.”’」』"'
#: A final bracket on a line (…。（2019年4月30日，习近平在…上的讲话）).
_FINAL_BRACKET = re.compile(
    r"[（(](?P<inner>[^（）()]{4,120}(?:[（(][^（）()]{0,30}[）)][^（）()]{0,60})?)[）)]$"
)


def inline_split(text: str, cues: LayoutCues) -> tuple[int, str] | None:
    """Where an attribution run onto the end of a quote's line starts, and its text: after
    a sentence's end, a dash and an attribution (dated, or a source reference), or a
    final bracketed note that attributes the quote."""
    if len(text) < 8:
        return None
    for match in reversed(list(_INLINE_DASH.finditer(text))):
        at = match.start()
        before = text[:at].rstrip(WHITESPACE)
        if not before or before[-1] not in _SENTENCE_END or not has_words(before):
            continue
        body = text[match.end() :].strip(WHITESPACE)
        if _reads_as_attribution(body, cues):
            return at, body
        break
    bracket = _FINAL_BRACKET.search(text)
    if bracket:
        before = text[: bracket.start()].rstrip(WHITESPACE)
        inner = bracket["inner"].strip(WHITESPACE)
        ends = before and before[-1] in _SENTENCE_END and has_words(before)
        if ends and _bracket_attribution(inner, cues):
            return bracket.start(), inner
    return None


def _reads_as_attribution(body: str, cues: LayoutCues) -> bool:
    """An attribution after a dash in a line: dated, or a source reference; no
    sentence inside it."""
    if not body or len(body) > 160 or any(c in body[:-1] for c in "。！？!?；;"):
        return False
    if citation_body(body, cues) or cues.citation_prefix.match(body):
        return True
    if NAME_COLON.match(body):
        return True
    found = find_dates(body)
    return any(d.first.month is not None or d.first.year is not None for d in found)


def _bracket_attribution(inner: str, cues: LayoutCues) -> bool:
    """A bracketed note that attributes the quote: a source reference, or a date
    naming a month at its start (after the speaker's name, if any), followed by
    nothing, a comma or what follows a speaker (在, 同, …)."""
    if citation_body(f"（{inner}）", cues):
        prefix = cues.citation_prefix.match(inner)
        if prefix or inner.startswith(("《", "〈")) or NAME_COLON.match(inner):
            return True
    found = find_dates(inner)
    if not found or found[0].first.month is None or found[0].start > 4:
        return False
    head, rest = inner[: found[0].start], inner[found[0].end :]
    if head and not all("\u4e00" <= c <= "\u9fff" for c in head):
        return False
    return not rest or rest[0] in "，,、 　" or rest.startswith(tuple(cues.subject_end))
