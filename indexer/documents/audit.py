"""The parser checks its own result: no quote silently holds a line that looks like it
closes a quote, heads a section or captions a photo, and no quote is many times longer
than the document's others without a word about it.

Each finding is a reported line (``FILE:LINE: looks like a citation (…) inside the quote
from line N``): it counts in the document's summary and ``--strict`` refuses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from .brokencites import holds_a_sentence
from .classify import Classified, Kind, ends_clause, is_date_only
from .dates import find_dates
from .shapes import PAGE_AT_END
from .templates import CLOSING_KINDS, Templates

#: A quote this many times the document's median length (in characters) is reported,
#: when the document has at least ``_MIN_QUOTES`` quotes and the quote is that long.
LONG_FACTOR, _MIN_QUOTES, _MIN_LONG = 30, 5, 1500
#: A date-led line up to this length, inside a quote, reads like a caption or a dateline.
_DATE_LED_MAX = 60
_CAPTION_ENDS = ("摄", "摄影", "供图", "图）", "图)")


@dataclass(frozen=True)
class Finding:
    """A line the parser is unsure of, and what it looks like."""

    line: int
    message: str


def check_lines(
    lines: list[Classified],
    templates: Templates,
    heading_families: set[str],
    front_words: tuple[str, ...] = (),
) -> list[Finding]:
    """What looks out of place among one quote's lines (its first line aside: a quote
    may open with anything); ``front_words`` are checked in every line, for the first
    quote of a document (a title page or a preface run into it)."""
    if not lines:
        return []
    start = lines[0].no
    found = []
    for at, shape in enumerate(lines):
        looks = _looks(shape, templates, heading_families) if at else ""
        compact = "".join(shape.text.split())
        front = next((w for w in front_words if w in compact), None)
        if not looks and front and len(lines) > 1:
            looks = f"front matter ({front}: {shape.text[:20]})"
        if looks:
            message = f"looks like {looks} inside the quote from line {start}"
            found.append(Finding(shape.no, message))
    return found


def _looks(shape: Classified, templates: Templates, heading_families: set[str]) -> str:
    text = shape.text
    if shape.kind in CLOSING_KINDS:
        return f"a citation ({text[:30]})"
    template = templates.fitting(text)
    if template is not None:
        return f"a citation (the document's template: {template.signature.describe()})"
    template = templates.resembling(text)
    if template is not None:
        return f"a citation, close to the document's template ({template.signature.describe()})"
    if _reference(text):
        return f"a citation ({text[:30]})"
    if shape.kind in (Kind.MARKED, Kind.STYLED) and shape.family in heading_families:
        return f"a heading ({text[:30]})"
    if templates.signature_lines:  # every quote is one line signed ——毛泽东
        return f"a line without the document's signature ——{templates.signature}"
    colon = text.endswith(("：", ":")) and not any(c in text for c in "，,")
    if colon and len(text) <= 100 and _names_a_year_early(text):
        return f"a lead-in naming a date ({text[:30]})"
    if len(text) <= _DATE_LED_MAX and _date_led(text):
        if text.rstrip("）) ").endswith(_CAPTION_ENDS):
            return f"a photo caption ({text[:30]})"
        if not ends_clause(text):
            return f"a dateline ({text[:30]})"
    return ""


def _reference(text: str) -> bool:
    """Whether ``text`` reads as a reference no rule took for a citation: a work's title,
    no sentence, and a page at its end (``毛主席：《…》《…选集》甲种本第497页(1965年版)``)."""
    if "《" not in text or len(text) > 160 or not PAGE_AT_END.search(text):
        return False
    return not holds_a_sentence(text)


def _names_a_year_early(text: str) -> bool:
    """Whether a year (or a month) is written in ``text``'s first twelve characters, as
    a lead-in's date is (``1966年3月28-30日与康生等同志谈话纪要：``)."""
    return any(d.year is not None or d.first.month is not None for d in find_dates(text[:12]))


def _date_led(text: str) -> bool:
    """Whether ``text`` opens with a date that names a month (or is one)."""
    if is_date_only(text):
        return True
    dates = find_dates(text[:24])
    return bool(dates) and dates[0].start <= 1 and dates[0].first.month is not None


def long_quotes(lengths: Iterable[tuple[int, int]]) -> list[Finding]:
    """Quotes (first line, length in characters) many times the median length."""
    quotes = list(lengths)
    if len(quotes) < _MIN_QUOTES:
        return []
    middle = median(n for _, n in quotes)
    found = []
    for line, n in quotes:
        if n >= _MIN_LONG and n > LONG_FACTOR * middle:
            times = n / max(middle, 1)
            found.append(
                Finding(
                    line,
                    f"the quote from line {line} is {times:.0f} times the document's median "
                    "length: several quotes run together? (an attribution no rule read)",
                )
            )
    return found
