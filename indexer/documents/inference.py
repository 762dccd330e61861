"""What a document says about itself when no metadata file says it: its title, its
leader and the year of dates that write none.

* title: a metadata file, else the title line, else ``--title``, else the running head
  atop its pages (:mod:`.runningheads`), else the file name;
* leader: a metadata file, else the name in the title (``习近平关于……的论述摘编``), else
  the subject most attributions share (``——…，习近平在…``), else the name the quote
  titles open with (``习近平：…``), else ``--leader``;
* year: a metadata file, else a period in the title or preamble (``（2020年3月—4月）``;
  when the period spans years and a month fits more than one of them, the year of the
  nearest dated attribution before, else after, that fits), else the years the
  attributions write (the nearest one before the date, else after), else ``--year``,
  else a year in the file name (``remarks-2020.txt``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..records.cues import LayoutCues
from .dates import DateExpr, DatePoint, find_dates

_NAME_CHAR = re.compile(r"[\u4e00-\u9fff·]")
_FILE_YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")
_BRACKETED = re.compile(r"[（(][^（）()]{0,40}[）)]")


@dataclass(frozen=True)
class Found:
    """A value and where it came from (``metadata``, ``title line``, ``option``, …)."""

    value: Any
    origin: str


def leader_in_title(
    title: str,
    cues: LayoutCues,
    evidence: Callable[[str], bool],
) -> str | None:
    """The leader a title names before one of its leader cues: ``习近平关于…`` ->
    习近平, ``学习习近平总书记关于…`` -> 习近平, ``毛主席语录`` -> 毛主席. A name
    before a *sure* cue (关于, 语录) stands on its own; before the others, or when it
    has to be cut out of a longer run of characters, ``evidence`` must vouch for it
    (the subject of some attribution, a name in the gazetteer)."""
    sure = set(cues.leader_cue_sure)
    honorifics = sorted(cues.honorific, key=len, reverse=True)
    for cue in sorted({*cues.leader_cue, *sure}, key=len, reverse=True):
        at = title.find(cue)
        while at > 0:
            name = _name_before(title[:at], honorifics, cue in sure, evidence)
            if name:
                return name
            at = title.find(cue, at + 1)
    return None


def _name_before(
    head: str, honorifics: list[str], sure: bool, evidence: Callable[[str], bool]
) -> str | None:
    start = len(head)
    while start > 0 and start > len(head) - 12 and _NAME_CHAR.match(head[start - 1]):
        start -= 1
    word = head[start:]
    if not word:
        return None
    honorific = next((h for h in honorifics if word.endswith(h)), "")
    name = word[: len(word) - len(honorific)] if honorific else word
    if honorific and not name:
        return None  # 总书记的这些话语: an honorific, not a name
    if honorific and len(name) < 2:
        return word if 2 <= len(word) <= 4 else None  # 毛主席 (the people table knows it)
    for size in (4, 3, 2):  # the longest name the evidence knows, cut from the end
        if len(name) >= size and evidence(name[-size:]):
            return name[-size:]
    if 2 <= len(name) <= 4 and (sure or honorific):
        return name
    if honorific and len(name) > 4:
        return name[-3:]  # 学习习近平总书记: the usual three-character name
    return None


def named_by_honorific(
    title: str, texts: Sequence[str], cues: LayoutCues, evidence: Callable[[str], bool]
) -> str | None:
    """The name a document gives the honorific its title uses without a name
    (``重温金句｜总书记的这些话语`` and ``习近平总书记强调…`` in the text -> 习近平): the
    name most often written right before that honorific, if ``evidence`` knows it."""
    honorifics = [h for h in sorted(cues.honorific, key=len, reverse=True) if h in title]
    counts: Counter[str] = Counter()
    for honorific in honorifics:
        for text in texts:
            at = text.find(honorific)
            while at >= 2:
                for size in (4, 3, 2):
                    name = text[max(0, at - size) : at]
                    if len(name) == size and _NAME_CHAR.fullmatch(name[0]) and evidence(name):
                        counts[name] += 1
                        break
                at = text.find(honorific, at + 1)
        if counts:
            return counts.most_common(1)[0][0]
    return None


#: A quote title that opens with its speaker's name and a colon (习近平：社会主义是干出来的).
_SPEAKER_COLON = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,4})\s?[：:]")


def titles_speaker(titles: Sequence[str], evidence: Callable[[str], bool]) -> str | None:
    """The name that at least half of the quote titles (two at least) open with, followed
    by a colon (``习近平：…``), if ``evidence`` knows it."""
    names = [m["name"] for t in titles if (m := _SPEAKER_COLON.match(t))]
    if len(names) < 2:
        return None
    name, count = Counter(names).most_common(1)[0]
    return name if count * 2 >= len(titles) and evidence(name) else None


def shared_subject(subjects: Sequence[str | None]) -> str | None:
    """The subject at least half of the attributions open with (two at least, unless
    there is only one attribution)."""
    named = [s for s in subjects if s]
    if not named:
        return None
    subject, count = Counter(named).most_common(1)[0]
    if count * 2 >= len(subjects) and (count >= 2 or len(subjects) == 1):
        return subject
    return None


def period_in(text: str, bracketed_only: bool = False) -> tuple[dt.date, dt.date] | None:
    """The first dated span that writes its year in ``text`` (a title, a preamble line):
    ``（2020年3月—4月）`` -> 2020-03-01…2020-04-30."""
    scopes = [m.group() for m in _BRACKETED.finditer(text)] if bracketed_only else [text]
    for scope in scopes:
        for expr in find_dates(scope):
            if expr.year is not None:
                try:
                    span = expr.span()
                except ValueError:
                    continue
                return span.start, span.end
    return None


def year_in_file_name(name: str) -> int | None:
    """The one year a file name holds (``xi-remarks-2020.txt``), if exactly one."""
    stem = name.rsplit(".", 1)[0]
    years = set(_FILE_YEAR.findall(stem))
    return int(years.pop()) if len(years) == 1 else None


class YearPolicy:
    """The year of dates that write none, for one document (see the module docstring).
    ``explicit`` holds, for each attribution in order, the year it writes, if any;
    ``points`` its first date as written (None: undated)."""

    def __init__(
        self,
        fixed: Found | None = None,
        period: tuple[tuple[dt.date, dt.date], str] | None = None,
        explicit: Sequence[int | None] = (),
        fallback: Found | None = None,
        points: Sequence[DatePoint | None] = (),
    ) -> None:
        self.fixed = fixed
        self.period = period
        self.explicit = list(explicit)
        self.fallback = fallback
        self.uses_explicit = fixed is None and period is None and any(self.explicit)
        self.in_period = _years_in_period(period[0], self.explicit, points) if period else []

    @property
    def known(self) -> bool:
        return bool(self.fixed or self.period or self.uses_explicit or self.fallback)

    @property
    def origin(self) -> str:
        if self.fixed:
            return self.fixed.origin
        if self.period:
            return self.period[1]
        if self.uses_explicit:
            return "attributions"
        return self.fallback.origin if self.fallback else ""

    @property
    def year(self) -> int | None:
        """The one year assumed, when there is one."""
        if self.fixed:
            return int(self.fixed.value)
        if self.period and self.period[0][0].year == self.period[0][1].year:
            return self.period[0][0].year
        if self.uses_explicit:
            return None
        return int(self.fallback.value) if self.fallback else None

    def year_for(self, index: int) -> Callable[[DatePoint], int | None]:
        """How the ``index``-th attribution's date gets a year it does not write."""

        def year(point: DatePoint) -> int | None:
            if self.fixed:
                return int(self.fixed.value)
            if self.period:
                found = self.in_period[index] if index < len(self.in_period) else None
                return found or _fitting_years(point, *self.period[0])[0]
            if self.uses_explicit:
                return _nearest(self.explicit, index)
            return int(self.fallback.value) if self.fallback else None

        return year


def _fitting_years(point: DatePoint, start: dt.date, end: dt.date) -> list[int]:
    """The years in which ``point``'s month falls inside the period, in order (else
    the closest year)."""
    month = point.month or 1
    fitting = [
        year
        for year in range(start.year, end.year + 1)
        if (start.year, start.month) <= (year, month) <= (end.year, end.month)
    ]
    return fitting or [_year_in_period(point, start, end)]


def _years_in_period(
    period: tuple[dt.date, dt.date],
    explicit: Sequence[int | None],
    points: Sequence[DatePoint | None],
) -> list[int | None]:
    """For each attribution, the year a date that writes none takes inside a period:
    the one year its month fits, else, among those it fits, the year of the nearest
    attribution before it (written or placed), else after it, else the first."""
    start, end = period
    fits = [_fitting_years(p, start, end) if p is not None else [] for p in points]
    known: list[int | None] = [
        y if y else (f[0] if len(f) == 1 else None) for y, f in zip(explicit, fits, strict=False)
    ]
    placed: list[int | None] = []
    for index, fitting in enumerate(fits):
        year = known[index] if index < len(known) else None
        if year is None and fitting:
            before = next((y for y in reversed(placed) if y), None)
            after = next((y for y in known[index + 1 :] if y), None)
            year = next((y for y in (before, after) if y in fitting), fitting[0])
        placed.append(year)
    return placed


def _year_in_period(point: DatePoint, start: dt.date, end: dt.date) -> int:
    """The year in which ``point``'s month falls inside the period (else the closest)."""
    month = point.month or 1
    best, distance = start.year, None
    for year in range(start.year, end.year + 1):
        key = (year, month)
        if (start.year, start.month) <= key <= (end.year, end.month):
            return year
        gap = min(abs((year - s.year) * 12 + month - s.month) for s in (start, end))
        if distance is None or gap < distance:
            best, distance = year, gap
    return best


def _nearest(explicit: list[int | None], index: int) -> int | None:
    for k in range(index, -1, -1):
        if explicit[k]:
            return explicit[k]
    return next((y for y in explicit[index:] if y), None)


def written_year(expr: DateExpr | None) -> int | None:
    return expr.year if expr is not None else None
