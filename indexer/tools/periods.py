"""Periods of a trend: the day, ISO week (2020-W12), month or year holding a day, and
every period between two days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

PERIODS = ("day", "week", "month", "year")


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


def span_labels(days: Sequence[dt.date], by: str, since: str | None = None,
                until: str | None = None) -> list[str]:  # fmt: skip
    """Every period label from the earlier of ``since`` and the first day to the later
    of ``until`` and the last day (none when there is neither a day nor a bound)."""
    first = [*days, *([dt.date.fromisoformat(since)] if since else [])]
    last = [*days, *([dt.date.fromisoformat(until)] if until else [])]
    if not first or not last:
        return []
    return list(periods_between(min(first), max(last), by))
