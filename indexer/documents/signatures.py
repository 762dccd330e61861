"""A document's citation templates: each closing line's *signature* (its opening —
a dash, a bracket, a book title —, where its date stands and how its numerals are
written, what it ends with), the templates the repeated signatures make, and which
template a line fits or resembles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .classify import WHITESPACE, Kind, has_words, names_a_reference
from .dates import find_dates

#: Shapes the rules read as a line that closes a quote.
CLOSING_KINDS = (Kind.DASHED, Kind.CITATION, Kind.DATELINE)
#: Shapes a line of an unforeseen citation may have been given instead.
_RECLASSIFIABLE = (Kind.TEXT, Kind.SHORT)
#: Chinese numerals in a date (一九四一年五月, 二〇二〇年).
_CN_NUMERALS = set("〇○零一二三四五六七八九十廿卅")
_DASHES = "—―─－–-"
_OPEN = {"（": "）", "(": ")", "【": "】", "[": "]", "〔": "〕"}
_SENTENCE_INSIDE = "。！？!?"
#: What a reference may end with before a citation's final full stop: a page, a title.
_REFERENCE_END = "页》〉）)>＞"
_WIDE = {"(": "（", "[": "【"}
#: Lines looked through for what stands under an excerpt number.
_SKIPPED = (Kind.BLANK, Kind.RULE, Kind.FOOTER, Kind.FURNITURE)
#: A signature closing a line: a dash and a short name with nothing after it.
_SIGNATURE = re.compile(
    r"[\s\u3000]*(?:——|—|－－|--)[\s\u3000]*(?P<name>[\u4e00-\u9fff·]{2,12})[\s\u3000]*$"
)
#: A template must be shared by this many closing lines, and by this share of them.
MIN_SHARED, MIN_SHARE = 2, 0.2
#: Unpunctuated attributions that vouch for each other where the rules found no closer.
MIN_UNPUNCTUATED = 3
#: The closing lines a template is learnt from, at most (a long document's are sampled).
SAMPLE = 400


#: Chinese numerals in a date (一九四一年五月, 二〇二〇年).
CN_NUMERALS = set("〇○零一二三四五六七八九十廿卅")


DASHES = "—―─－–-"


_OPEN = {"（": "）", "(": ")", "【": "】", "[": "]", "〔": "〕"}


SENTENCE_INSIDE = "。！？!?"


_WIDE = {"(": "（", "[": "【"}


@dataclass(frozen=True, order=True)
class Signature:
    """The shape of a closing line: how it opens, and how and where its date is
    written (``none`` when it has none)."""

    opening: str  # ——, 《, （, (, date, word
    numerals: str  # cn, ar, none
    bracket: str  # the bracket around the date: （, (, or '' (none)
    place: str  # where the date stands: first, inside, last, none

    def describe(self) -> str:
        """The template in words: ``opens with 《; date in Chinese numerals in （）, inside``."""
        if self.numerals == "none":
            return f"opens with {self.opening}; no date"
        system = "Chinese" if self.numerals == "cn" else "Arabic"
        where = f"in {self.bracket}{_OPEN.get(self.bracket, '')}" if self.bracket else "bare"
        return f"opens with {self.opening}; date in {system} numerals, {where}, {self.place}"


def signature(text: str) -> Signature | None:
    """The signature of a line read as a citation or attribution, or None for a line
    with no words."""
    body = text.strip(WHITESPACE)
    if not body or not has_words(body):
        return None
    dates = find_dates(body)
    lead = body.lstrip(DASHES + WHITESPACE)
    if len(lead) < len(body):
        opening = "——"
    elif dates and dates[0].start <= 1:
        opening = "date"
    elif body[0] in "《〈":
        opening = "《"
    elif body[0] in _OPEN:
        opening = _WIDE.get(body[0], body[0])
    else:
        opening = "word"
    if not dates:
        return Signature(opening, "none", "", "none")
    date = dates[0]
    numerals = "cn" if any(c in CN_NUMERALS for c in date.text) else "ar"
    before = body[: date.start].rstrip(WHITESPACE)
    bracket = ""
    if before and before[-1] in _OPEN and _OPEN[before[-1]] in body[date.end :]:
        bracket = _WIDE.get(before[-1], before[-1])  # full-width or ASCII alike
    head = before.lstrip(DASHES + WHITESPACE)
    tail = body[date.end :].strip(WHITESPACE + "）)】]〕。.")
    place = "first" if len(head) <= 1 else "last" if not tail else "inside"
    return Signature(opening, numerals, bracket, place)


@dataclass(frozen=True)
class Template:
    """A citation template: its signature, how many closing lines share it, and one of
    them as printed."""

    signature: Signature
    count: int
    example: str
    longest: int


@dataclass
class Templates:
    """What one document repeats: its citation templates, and the lines the templates
    gave a role the global rules did not (line number → reason)."""

    citations: list[Template] = field(default_factory=list)
    closing_lines: int = 0
    sampled: int = 0  # of which read to learn the templates
    excerpts: int = 0
    lead_ins: int = 0
    signature_lines: int = 0
    signature: str = ""  # the name that signs the document's lines
    reasons: dict[int, str] = field(default_factory=dict)

    def fitting(self, text: str) -> Template | None:
        """The citation template ``text`` fits, if any: the same signature, a dated one
        (a template with no date is too loose to recognise a line by), no sentence ended
        inside the line, and not much longer than the template's longest line."""
        sig = signature(text)
        if sig is None or sig.numerals == "none":
            return None
        body = text.strip(WHITESPACE)
        if any(c in body[:-1] for c in SENTENCE_INSIDE):
            return None
        for template in self.citations:
            if template.signature == sig and len(body) <= max(template.longest * 2, 120):
                return template
        return None

    def resembling(self, text: str) -> Template | None:
        """A citation template ``text`` comes close to without fitting it: the same
        opening (a dash, a book title, a bracket), a date or a volume or page reference,
        no sentence ended inside, and not much longer than the template's lines (for the
        audit: such a line inside a quote is reported, never read as a citation)."""
        sig = signature(text)
        if sig is None or sig.opening in ("word", "date"):
            return None
        body = text.strip(WHITESPACE)
        if any(c in body[:-1] for c in SENTENCE_INSIDE):
            return None
        if sig.numerals == "none" and not names_a_reference(body):
            return None
        for template in self.citations:
            if template.signature.opening == sig.opening and len(body) <= max(
                template.longest * 3 // 2, 40
            ):
                return template
        return None

    def describe(self) -> list[str]:
        """The templates, one line each, for ``--explain``."""
        lines = [f"excerpt numbers: {self.excerpts} (bare numbers above paragraphs)"]
        if self.signature_lines:
            lines.append(f"signed lines: {self.signature_lines} (a quote and ——its speaker)")
        if self.lead_ins:
            lines.append(f"dated lead-ins: {self.lead_ins} (each quote's source above it)")
        if not self.citations:
            return ["citation templates: none (too few closing lines share a shape)", *lines]
        sampled = (
            f" (sampled from {self.closing_lines})" if self.sampled < self.closing_lines else ""
        )
        return lines + [
            f"citation template: {t.signature.describe()} — {t.count} of "
            f"{self.sampled} closing lines{sampled}, e.g. {t.example[:60]}"
            for t in self.citations
        ]
