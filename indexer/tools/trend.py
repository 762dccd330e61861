"""Trends: how many matching quotes fall in each day, ISO week, month or year.

A quote counts once, in the period of its first day (``date``). Empty periods between
the first and the last are included as zeros, so a series can be drawn as it is."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..errors import QuerySyntaxError
from ..search.request import SearchRequest

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex

PERIODS = ("day", "week", "month", "year")
#: How many values of a split get their own series; the rest are summed as OTHER.
TOP = 8
OTHER = "其他"
NONE = "(none)"
ALL = "all"


def period_of(day: dt.date, by: str) -> str:
    """The label of the period holding ``day``: 2020-03-04, 2020-W10, 2020-03 or 2020."""
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    if by == "year":
        return str(day.year)
    raise ValueError(f"by must be one of {', '.join(PERIODS)}")


def _start(label: str, by: str) -> dt.date:
    if by == "week":
        year, week = label.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    if by == "month":
        return dt.date(int(label[:4]), int(label[5:7]), 1)
    if by == "year":
        return dt.date(int(label), 1, 1)
    return dt.date.fromisoformat(label)


def periods_between(first: dt.date, last: dt.date, by: str) -> Iterator[str]:
    """Every period label from the one holding ``first`` to the one holding ``last``."""
    label, end = period_of(first, by), period_of(last, by)
    while True:
        yield label
        if label == end:
            return
        start = _start(label, by)
        if by == "day":
            start += dt.timedelta(days=1)
        elif by == "week":
            start += dt.timedelta(weeks=1)
        elif by == "month":
            start = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            start = start.replace(year=start.year + 1)
        label = period_of(start, by)


@dataclass
class Trend:
    """Counts per period for one series (``all``) or one per value of ``split``. With a
    split, ``totals`` counts the quotes of each period: a quote with two values counts
    in two series but once in the total."""

    query: str
    by: str
    split: str | None = None
    series: dict[str, dict[str, int]] = field(default_factory=dict)
    totals: dict[str, int] | None = None

    @property
    def periods(self) -> list[str]:
        first = next(iter(self.series.values()), {})
        return list(first)

    @property
    def total(self) -> dict[str, int]:
        """Matching quotes per period, whatever the split."""
        if self.totals is not None:
            return self.totals
        return next(iter(self.series.values()), {})

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"query": self.query, "by": self.by}
        if self.split:
            data["split"] = self.split
        data["series"] = self.series
        if self.split:
            data["total"] = self.total
        return data

    def table(self) -> tuple[list[str], list[dict[str, Any]]]:
        """One row per period, one column per series (a spreadsheet's layout), and
        with a split the column ``total``."""
        extra = {"total": self.total} if self.split else {}
        columns = ["period", *self.series, *extra]
        rows = [
            {"period": period, **{name: counts[period] for name, counts in
                                  {**self.series, **extra}.items()}}
            for period in self.periods
        ]  # fmt: skip
        return columns, rows

    def chart(self, width: int = 720, height: int = 180) -> str:
        """The series as a stacked bar chart (the drawing of the web timeline), as an
        ``<svg>`` element to place in a page."""
        from .chart import bar_chart_svg

        what = f"{self.query or '全部'} · {self.by}" + (f" · {self.split}" if self.split else "")
        return bar_chart_svg(self.series, width=width, height=height, title=what)

    def svg(self, width: int = 720, height: int = 180) -> str:
        """The chart of :meth:`chart` as a standalone SVG document."""
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + self.chart(width, height) + "\n"


def _fill(counts: Counter[str], labels: list[str]) -> dict[str, int]:
    return {label: counts.get(label, 0) for label in labels}


def count_trend(
    items: Iterable[tuple[dt.date, tuple[str, ...]]],
    by: str,
    split: bool,
    top: int = TOP,
) -> dict[str, dict[str, int]]:
    """The series for ``items`` (each a quote's first day and its split values): one
    series ``all`` without ``split``; else one per value among the ``top`` most frequent,
    the rest summed as ``其他`` (a quote counts once there), quotes with no value as
    ``(none)``. Every series runs over the same periods, zeros included."""
    items = list(items)
    if not items:
        return {}
    days = [day for day, _ in items]
    labels = list(periods_between(min(days), max(days), by))
    if not split:
        return {ALL: _fill(Counter(period_of(d, by) for d in days), labels)}
    totals = Counter(v for _, values in items for v in set(values))
    kept = [v for v, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    per: dict[str, Counter[str]] = {v: Counter() for v in [*kept, OTHER, NONE]}
    for day, values in items:
        label = period_of(day, by)
        if not values:
            per[NONE][label] += 1
        for v in set(values) & set(kept):
            per[v][label] += 1
        if set(values) - set(kept):
            per[OTHER][label] += 1
    return {name: _fill(counts, labels) for name, counts in per.items() if counts}


def trend(
    ix: QuoteIndex, request: SearchRequest, by: str = "month", split: str | None = None
) -> Trend:
    """Matching quotes per period (see :func:`count_trend`); ``split`` is a facet field."""
    if by not in PERIODS:
        raise QuerySyntaxError(f"by must be one of {', '.join(PERIODS)}")
    if split is not None and split not in ix.spec.facets:
        raise QuerySyntaxError(
            f"no facet {split!r} to split by; facets are {', '.join(ix.spec.facets)}"
        )
    ranked, _ = ix.matches(replace(request, sort="date"))
    days = ix.days()
    values = ix.values(split) if split else None
    items = [(days[n], values[n] if values else ()) for n, _ in ranked if days[n]]
    series = count_trend(items, by, split is not None)
    totals = count_trend(items, by, False).get(ALL, {}) if split else None
    return Trend(request.query, by, split, series, totals)
