"""The timeline above the results: matching quotes per day, week, month or year, drawn
as inline SVG by :func:`indexer.tools.chart.bar_chart_svg`.

It counts as :func:`indexer.tools.trend.trend` does (each quote once, in the period of
its first day, empty periods included, with its period labels), but over the matches of
the search the page has just run, so that a page searches once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..search.request import SearchRequest
from ..tools.chart import bar_chart_svg
from ..tools.trend import ALL, period_of, periods_between
from .pool import ServedIndex

#: The finest period that keeps a timeline to a readable number of bars.
SPANS = ((14, "day"), (7 * 26, "week"), (366 * 5, "month"))


@dataclass(frozen=True)
class Period:
    label: str
    count: int
    since: str
    until: str


@dataclass(frozen=True)
class Timeline:
    by: str
    periods: list[Period]
    svg: str


def period_for(first: dt.date, last: dt.date) -> str:
    """``day``, ``week``, ``month`` or ``year``: the finest that fits the span."""
    days = (last - first).days
    return next((by for limit, by in SPANS if days <= limit), "year")


def bounds(label: str, by: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a period labelled as :func:`~indexer.tools.trend.period_of`
    labels it (2020-03-04, 2020-W10, 2020-03, 2020)."""
    if by == "week":
        year, week = label.split("-W")
        start = dt.date.fromisocalendar(int(year), int(week), 1)
        return start, start + dt.timedelta(days=6)
    if by == "month":
        start = dt.date(int(label[:4]), int(label[5:7]), 1)
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    if by == "year":
        return dt.date(int(label), 1, 1), dt.date(int(label), 12, 31)
    day = dt.date.fromisoformat(label)
    return day, day


def per_period(days: Counter[dt.date], by: str) -> dict[str, int]:
    """Quotes per period, every period from the first to the last included: the one
    series ``count_trend`` gives, counted per day first (thousands of quotes fall on a
    few hundred days, and labelling a day is the costly step)."""
    counts = Counter()
    for day, count in days.items():
        counts[period_of(day, by)] += count
    return {label: counts[label] for label in periods_between(min(days), max(days), by)}


def timeline(ix: ServedIndex, request: SearchRequest) -> Timeline | None:
    """The timeline of everything ``request`` matches, or None when nothing dated does."""
    days = ix.quote_days
    dated = Counter(day for day in (days[n] for n, _ in ix.matched(request)) if day)
    if not dated:
        return None
    by = period_for(min(dated), max(dated))
    counts = per_period(dated, by)
    periods = []
    for label, count in counts.items():
        since, until = bounds(label, by)
        periods.append(Period(label, count, since.isoformat(), until.isoformat()))
    title = f"{dated.total()} matching quotes per {by}"
    return Timeline(by, periods, bar_chart_svg({ALL: counts}, height=150, title=title))
