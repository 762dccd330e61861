"""Reading attributions and citations: the date, the event and who speaks.

The genre writes them in several ways, all read here:

* the date first: ``——3月19日，习近平同俄罗斯总统普京通电话``, ``——2019年9月18日，在…``;
* the date last, in brackets: ``——在…上的讲话（2018年3月1日）``;
* a source reference: ``——摘自《…》（2014年10月23日）``, ``——《…》，《…文集》第…卷``;
* a citation line with no dash: ``《论联合政府》（一九四五年四月二十四日）``;
* a date inside: ``——习近平2019年1月2日在…``.

A date inside a work's title (《…十月社会主义革命四十周年…》) is part of the name, never the
quote's date, unless the citation gives no other and the title's is a full one. The date
is the one at the start, else the one in the closing brackets, else the first
one inside that names a month, else a periodical's year before its issue number
(``——《求是》2019年第14期``: 2019, to the year); any other year in the text
(``发表二〇二五年新年贺词``) is part of the event, not its date. A reference that names
no date gives an undated quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..folding import fold
from ..records.gazetteer import Gazetteer
from ..records.quotes import Counterpart
from .counterparts import CounterpartRecognizer, canonical_event, event_type
from .dates import DateExpr, DatePoint, NeedsYear, NoSuchDate, find_dates, misprinted_date

__all__ = ["Attribution", "AttributionReader", "NeedsYear", "NoSuchDate", "Reading"]

_FINAL_BRACKETS = re.compile(r"[（(][^（）()]{0,80}[）)][\s。.]{0,3}$")
_EMPTY_BRACKETS = re.compile(r"[（(][\s，,、：:;；]{0,6}[）)]")
_AFTER_OPENING = re.compile(r"([（(])[\s，,、：:;；]{1,6}")
_BEFORE_CLOSING = re.compile(r"[\s，,、：:;；]{1,6}([）)])")
_EDGES = " \t\u3000，,、：:；;。.—-"
_LEADING = re.compile(r"^[\s于]{0,3}$")
#: A work's title in book-title brackets (an inner 〈…〉 inside it).
_TITLE = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》|〈[^〈〉]*〉")
#: A date alone in brackets: （一九五五年）.
_IN_BRACKETS = re.compile(r"^[（(][）)]$")
#: A periodical's issue after its year: the year dates the quote (《求是》2019年第14期).
_ISSUE = re.compile(r"^\s?第?\s?[0-9０-９〇一二三四五六七八九十]{1,3}\s?期")


@dataclass(frozen=True)
class Reading:
    """What an attribution says before the document's year is known: the date
    expression chosen as its date (None: it names none), and the event."""

    date: DateExpr | None
    event: str
    misprint: str = ""  # a misprinted date as printed (六人三十日, 1月80日), read as…
    mended: str = ""  # …this says (as if 月 stood after the month)


@dataclass(frozen=True)
class Attribution:
    date: str | None
    date_end: str | None
    date_precision: str | None
    event: str
    event_canonical: str
    event_type: str
    counterparts: tuple[Counterpart, ...]


def choose_date(body: str) -> DateExpr | None:
    """The date of an attribution (see the module's docstring)."""
    found = _outside_titles(body, find_dates(body))
    if not found:
        return None
    if _LEADING.match(body[: found[0].start]):
        return found[0]
    brackets = _FINAL_BRACKETS.search(body)
    if brackets:
        inside = [d for d in found if d.start > brackets.start() and d.end <= brackets.end()]
        if inside:
            return inside[0]
    with_month = [d for d in found if d.first.month is not None]
    if with_month:
        return with_month[0]
    issues = [d for d in found if _ISSUE.match(body[d.end :])]  # 《求是》2019年第14期
    if issues:
        return issues[0]
    bracketed = [d for d in found if _IN_BRACKETS.match(body[: d.start][-1:] + body[d.end :][:1])]
    return bracketed[0] if bracketed else None  # 《…》一文的按语（一九五五年），…


def _outside_titles(body: str, found: list[DateExpr]) -> list[DateExpr]:
    """The dates of ``found`` outside book-title brackets (《…》, 〈…〉): a title is a name,
    not a date (《…十月社会主义革命四十周年…》). When every date is inside a title, only a
    full one (year, month and day) dates the work (《一九四九年三月五日的报告》)."""
    titles = [m.span() for m in _TITLE.finditer(body)]
    outside = [d for d in found if not any(a <= d.start and d.end <= b for a, b in titles)]
    if outside or not found:
        return outside
    return [d for d in found if d.year is not None and d.first.day is not None]


class AttributionReader:
    """Turns attribution text into dates, event, event type and counterparts, and
    finds the subject an attribution opens with (``习近平在…``), with the gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.recognizer = CounterpartRecognizer(gaz)
        layout = gaz.layout
        ends = {fold(c) for c in layout.subject_end}
        cues = "|".join(re.escape(c) for c in sorted(ends, key=len, reverse=True))
        titles = {fold(h) for h in layout.honorific}
        honorifics = "|".join(re.escape(h) for h in sorted(titles, key=len, reverse=True))
        self._subject = (
            re.compile(rf"^(?P<name>[\u4e00-\u9fff·]{{2,4}}?)(?:{honorifics or '(?!)'})?(?={cues})")
            if cues
            else None
        )
        self._not_a_name = tuple(ends)
        self._citation = layout.citation_prefix
        offices = "|".join(
            re.escape(t) for t in sorted({fold(t) for t in gaz.titles}, key=len, reverse=True)
        )
        # what may stand before the name: a short time phrase (新年前夕，) and a chain of
        # offices (中共中央总书记、国家主席、中央军委主席)
        self._before_subject = re.compile(
            rf"^(?:[\u4e00-\u9fff]{{1,6}}[，,])?(?P<offices>(?:[\u4e00-\u9fff]{{0,6}}?(?:{offices})[、，,]?)*)"
            if offices
            else "(?!)"
        )

    def reading(self, body: str, dated: bool = True) -> Reading:
        """The date expression and the event of attribution ``body`` (no dash); with
        ``dated`` False, no date and the whole text as the event."""
        date = choose_date(body) if dated else None
        misprint = None
        if dated and (date is None or date.precision == "year"):
            misprint = misprinted_date(body)
            if misprint is not None:
                body = misprint.text
                date = choose_date(body)
        event = body if date is None else body[: date.start] + body[date.end :]
        event = _EMPTY_BRACKETS.sub("", event)
        event = _BEFORE_CLOSING.sub(r"\1", _AFTER_OPENING.sub(r"\1", event))
        event = event.strip(_EDGES)
        prefix = self._citation.match(event)
        if prefix:
            event = event[prefix.end() :]
        if misprint is None:
            return Reading(date, event)
        return Reading(date, event, misprint.printed, misprint.how)

    def read(
        self,
        reading: Reading,
        year_for: Callable[[DatePoint], int | None],
        find_counterparts: bool,
    ) -> Attribution:
        """The attribution, with the year of a date that writes none from
        ``year_for``. Raises :class:`NoSuchDate` for a date not in the calendar and
        :class:`NeedsYear` when no year is known."""
        span = reading.date.span(year_for) if reading.date else None
        canonical = canonical_event(self.gaz, reading.event)
        counterparts, context = (
            self.recognizer.read(fold(reading.event)) if find_counterparts else ((), [])
        )
        return Attribution(
            date=span.start.isoformat() if span else None,
            date_end=span.end.isoformat() if span else None,
            date_precision=span.precision if span else None,
            event=reading.event,
            event_canonical=canonical,
            event_type=event_type(self.gaz, reading.event if context else canonical, context),
            counterparts=counterparts,
        )

    def subject(self, event: str) -> str | None:
        """The name an event opens with (``习近平主持召开…`` -> 习近平), if any, after
        a short time phrase and the offices the name holds (``国家主席习近平在…``)."""
        folded = fold(event)
        known = self.gaz.person(folded)
        if known in self.gaz.canonical_people:
            return known  # a signature: the name alone (——毛泽东)
        if self._subject is None:
            return None
        match = self._subject.match(folded)
        if not match:  # 国家主席习近平在…, 新年前夕，国家主席习近平通过…
            before = self._before_subject.match(folded)
            held = before["offices"] if before.end() else ""
            if before.end() and not held.startswith(self._not_a_name):  # not 同…总统普京
                match = self._subject.match(folded[before.end() :])
        if not match or match["name"].startswith(self._not_a_name):
            return None
        return self.gaz.person(match["name"])
