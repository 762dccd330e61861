"""Dates as attributions write them, in Arabic or Chinese numerals, whole or in part,
single or as ranges: ``2020年3月4日``, ``二〇二〇年三月四日``, ``一九四一年五月``,
``3月29日至4月1日``, ``28日、29日``, ``三月、四月``, ``2014.10.23``.

:func:`find_dates` finds every date expression in a text with the units it names (a
year may be missing); :meth:`DateExpr.span` turns one into the first and last day it
covers, given the year to assume when none is written. Every pattern here has bounded
repetitions, so matching stays linear in the length of the line."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..numerals import fold_digits, number

_CN_DIGIT = "〇○零一二三四五六七八九OＯ亖"
#: A year: four Arabic or four Chinese digits, or a century in Arabic digits and the
#: rest mixed, as an OCR or a typist leaves it (196亖, 19六四).
_YEAR = rf"\d{{4}}|[{_CN_DIGIT}]{{4}}|(?:1[6-9]|20)[\d{_CN_DIGIT}]{{2}}"
_NOT_AFTER = r"(?<![\d〇○零一二三四五六七八九十廿卅OＯ])"
#: A month's number, in Arabic or Chinese numerals; a year written whole.
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_WHOLE_YEAR = rf"(?:\d{{4}}|[{_CN_DIGIT}]{{4}})"
_RANGE_DASH = r"(?:——|[-–~～—]|至|到)"
#: An OCR's 一 for a dash, before an Arabic digit (1877一1878年, 3月底一5月26日, 7一11月).
_OCR_DASH = re.compile(r"(?<=[\d月日底初])一(?=\d)")
#: An edition's year after a year alone (人民出版社1965年版, 1979年第2版): no date of a quote.
_EDITION = re.compile(r"\s?(?:第\s?[\d一二三四五六七八九十]{1,3}\s?)?[版印]")


def _units(n: int, year: bool, month: bool, day: bool) -> str:
    """A pattern for a written date naming the given units, its groups numbered ``n``
    (``y1``, ``m1``, ``d1``) so that the alternatives of one pattern can name theirs."""
    parts = []
    if year and not (month or day):
        # 年, or a year range's first year (1877—1878年, 1877一1878年 as an OCR reads it)
        parts.append(rf"(?P<y{n}>{_YEAR})(?:\s?年\s?|(?=\s?{_RANGE_DASH}\s?(?:{_YEAR})\s?年))")
    elif year:
        parts.append(rf"(?P<y{n}>{_YEAR})\s?年\s?")
    if month:
        parts.append(
            rf"(?P<m{n}>{_MONTH})"
            # 月, or a month range's first month (1962年8至9月, 三至五月)
            rf"(?:\s?月份?\s?|(?=\s?(?:[-–~～—]|至|到)\s?(?:{_MONTH})\s?月))"
        )
    if day:
        parts.append(
            rf"(?P<d{n}>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?"
            r"|十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])"
            # 日, or a day range's first day (3月28-30日, 5月21至23日)
            r"(?:\s?[日号]|(?=\s?(?:[-–~～—]|至|到)\s?(?:3[01]|[12]\d|0?[1-9])\s?[日号]))"
        )
    return "".join(parts)


#: One written date: year, month and day, any of them missing but never all; as
#: alternatives that cannot match nothing (optional units are written out).
_ATOM = re.compile(
    _NOT_AFTER
    + "(?:"
    + "|".join(
        [
            _units(1, True, True, True),
            _units(2, False, True, True),
            _units(3, False, False, True),
            _units(4, True, True, False),
            _units(5, False, True, False),
            _units(6, True, False, False),
        ]
    )
    # no digit after it, unless a month follows (6月8月, a day misprinted as a month)
    + r")(?![\d十](?!\d?\s?月))"
)
#: What every written date holds (a cheap test before the patterns run).
_DATE_MARKS = re.compile(r"[年月日号]|\d[./\-]\d")
#: A date written with dots, dashes or slashes: 2014.10.23, 2014-10-23, 2014/10/23.
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>(?:1[89]|20)\d\d)(?P<sep>[./\-])(?P<m>1[0-2]|0?[1-9])"
    r"(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])"
)
#: What joins the dates of a range or a list: 至, 到, dashes, 、, 和, 及 (after 3月底, 初, 旬).
_JOIN = re.compile(r"(?:底|初|[上中下]旬)?\s?(?:至|到|——|—|–|－|-|~|～|、|和|及)\s?")


@dataclass(frozen=True)
class DatePoint:
    """A date as written: the units it names (None where a unit is missing)."""

    year: int | None
    month: int | None
    day: int | None


class NoSuchDate(ValueError):
    """A written date that is not in the calendar (2月30日)."""


@dataclass(frozen=True)
class DateSpan:
    """The days a date expression covers, and the finest unit it names."""

    start: dt.date
    end: dt.date
    precision: str


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in a text: where it is (``start``/``end`` offsets), its
    first and last date (equal for a single date) and the text it was read from."""

    start: int
    end: int
    first: DatePoint
    last: DatePoint
    text: str

    @property
    def precision(self) -> str:
        points = (self.first, self.last)
        if all(p.day is not None for p in points):
            return "day"
        if all(p.month is not None for p in points):
            return "month"
        return "year"

    @property
    def year(self) -> int | None:
        """The year it writes, if any."""
        return self.first.year if self.first.year is not None else self.last.year

    def span(self, year_for: Callable[[DatePoint], int | None] = lambda _: None) -> DateSpan:
        """The first and last day covered. ``year_for`` gives the year of a date that
        writes none (None: unknown, :class:`NeedsYear`). A range whose end writes no
        year and falls before its start runs into the next year (12月30日至1月2日)."""
        year = self.first.year
        if year is None:
            year = year_for(self.first)
            if year is None:
                raise NeedsYear(self.text)
        start = _first_day(year, self.first)
        end_year = self.last.year if self.last.year is not None else year
        end = _last_day(end_year, self.last)
        if end < start and self.last.year is None:
            end = _last_day(end_year + 1, self.last)
        if end < start:
            raise NoSuchDate(f"{self.text} ends before it starts")
        return DateSpan(start, end, self.precision)


class NeedsYear(ValueError):
    """A date with no year, and none known for the document."""


def _first_day(year: int, point: DatePoint) -> dt.date:
    try:
        return dt.date(year, point.month or 1, point.day or 1)
    except ValueError:
        raise NoSuchDate(_written(year, point)) from None


def _last_day(year: int, point: DatePoint) -> dt.date:
    month = point.month or 12
    try:
        day = point.day or calendar.monthrange(year, month)[1]
        return dt.date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        raise NoSuchDate(_written(year, point)) from None


def _written(year: int, point: DatePoint) -> str:
    parts = [f"{year}年"]
    if point.month:
        parts.append(f"{point.month}月")
    if point.day:
        parts.append(f"{point.day}日")
    return "".join(parts)


def _point(match: re.Match[str]) -> DatePoint:
    groups = {name[0]: value for name, value in match.groupdict().items() if value}
    y, m, d = groups.get("y"), groups.get("m"), groups.get("d")
    return DatePoint(
        number(y) if y else None,
        number(m) if m else None,
        number(d) if d else None,
    )


def _atoms(text: str) -> list[tuple[int, int, DatePoint]]:
    """Every written date in ``text`` (digit-folded), in order, without overlaps."""
    found = [
        (m.start(), m.end(), point)
        for m in _ATOM.finditer(text)
        if not ((point := _point(m)).month is None and _EDITION.match(text, m.end()))
    ]
    for match in _NUMERIC.finditer(text):
        found.append((match.start(), match.end(), _point(match)))
    found.sort(key=lambda item: item[0])
    atoms: list[tuple[int, int, DatePoint]] = []
    for start, end, point in found:
        if not atoms or start >= atoms[-1][1]:
            atoms.append((start, end, point))
    return atoms


def _inherit(previous: DatePoint, point: DatePoint) -> DatePoint | None:
    """A later date of a range with the units it leaves out taken from the one before
    (3月28日、29日: 29日 is in March). None if it cannot follow ``previous``."""
    if point.year is not None:
        return point
    if point.month is None:  # a bare day follows a day
        if previous.day is None:
            return None
        return DatePoint(previous.year, previous.month, point.day)
    if point.day is None and previous.day is not None:
        return None  # 3月1日至4月: not a range of like units
    return DatePoint(previous.year, point.month, point.day)


#: A full date with one wrong character where 月 belongs (一九四九年六人三十日).
_MISPRINTED_MONTH = re.compile(
    rf"(?P<head>{_WHOLE_YEAR}\s?年\s?(?:{_MONTH}))"
    rf"(?P<wrong>[^\d{_CN_DIGIT}十月年日号\s，,、。（）()至到及和—–~～\-－])"
    r"(?=(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])\s?[日号])"
)


#: A full date whose day no month has (1962年1月80日, an OCR's 30): read to its month.
_IMPOSSIBLE_DAY = re.compile(
    rf"(?P<head>{_WHOLE_YEAR}\s?年\s?(?:{_MONTH})\s?月)"
    r"(?P<wrong>\s?(?:[4-9]\d|3[2-9]|00?)\s?[日号])(?!\s?(?:[-–~～]|至|到))"
)


@dataclass(frozen=True)
class Misprint:
    """A date mended where it was misprinted: the text mended, the date as printed, and
    how it was read."""

    text: str
    printed: str
    how: str


def misprinted_date(text: str) -> Misprint | None:
    """``text`` with a misprinted date mended, when no date of it reads otherwise: a
    wrong character where 月 belongs (``一九四九年六人三十日`` → ``…六月三十日``), or a day
    no month has (``1962年1月80日`` → ``1962年1月``). None when no date has such a shape."""
    match = _MISPRINTED_MONTH.search(text)
    if match is not None:
        mended = text[: match.start("wrong")] + "月" + text[match.end("wrong") :]
        after = text[match.end() :]
        close = min((text.find(c, match.end()) for c in "日号" if c in after), default=-1)
        printed = text[match.start() : close + 1 if close >= 0 else match.end()]
        return Misprint(mended, printed, "as if 月 stood after the month")
    match = _IMPOSSIBLE_DAY.search(fold_digits(text))
    if match is not None:
        mended = text[: match.start("wrong")] + text[match.end("wrong") :]
        printed = text[match.start() : match.end()]
        return Misprint(mended, printed, "to its month: no month has that day")
    return None


@lru_cache(maxsize=4096)
def find_dates(text: str) -> tuple[DateExpr, ...]:
    """Every date expression in ``text``, in order: single dates, and ranges or lists
    of dates joined by 至, 到, dashes, 、, 和 or 及 (taken as the span from the first to
    the last). A bare day (29日) counts only after a date that names its month."""
    folded = fold_digits(text)
    exprs: list[DateExpr] = []
    if not _DATE_MARKS.search(folded):
        return ()
    folded = _OCR_DASH.sub("—", folded)  # (one character for one: offsets hold)
    atoms = _atoms(folded)
    i = 0
    while i < len(atoms):
        start, end, first = atoms[i]
        i += 1
        if first.month is None and first.day is not None:
            continue  # a bare day on its own is not a date
        if first.year is None and first.month is None:
            continue
        last = first
        while i < len(atoms):
            nstart, nend, point = atoms[i]
            join = _JOIN.fullmatch(folded, end, nstart)
            following = _inherit(last, point) if join else None
            if following is None:
                break
            last, end = following, nend
            i += 1
        exprs.append(DateExpr(start, end, first, last, text[start:end]))
    return tuple(exprs)
