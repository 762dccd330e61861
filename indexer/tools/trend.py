"""Trends: how many matching quotes (or events) fall in each day, ISO week, month or year.

A quote counts once, in the period of its first day (``date``). An event is one
attribution: the quotes of the same day, event and counterparts (a call quoted in two
parts, or in three paragraphs, is one event). Empty periods between the first and the
last (or ``since`` and ``until``) are included as zeros, so a series can be drawn as it
is. ``share`` gives each count as a per cent of all quotes (or events) of its period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..errors import QuerySyntaxError
from ..search.request import SearchRequest
from .periods import PERIODS, period_of, periods_between, span_labels

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex

__all__ = ["PERIODS", "Trend", "count_trend", "period_of", "periods_between", "trend"]

#: What a trend counts: matching quotes, or the distinct events they were said at.
COUNTS = ("quotes", "events")
#: How many values of a split get their own series; the rest are summed as OTHER.
TOP = 8
OTHER = "其他"
NONE = "(none)"
ALL = "all"


@dataclass
class Trend:
    """Counts per period for one series (``all``), one per value of ``split``, or one per
    query (``compare``). With a split, ``totals`` counts each period once: a quote with
    two values counts in two series but once in the total. ``count`` says what is
    counted (``quotes`` or ``events``); with ``share`` the values are per cents of all
    quotes or events of the period. ``scope`` describes the filters and the period."""

    query: str
    by: str
    split: str | None = None
    series: dict[str, dict[str, int | float]] = field(default_factory=dict)
    totals: dict[str, int | float] | None = None
    count: str = "quotes"
    share: bool = False
    compare: list[str] | None = None
    scope: str = ""

    @property
    def periods(self) -> list[str]:
        first = next(iter(self.series.values()), {})
        return list(first)

    @property
    def total(self) -> dict[str, int | float]:
        """Matches per period, whatever the split (with ``compare``: the first query's)."""
        if self.totals is not None:
            return self.totals
        return next(iter(self.series.values()), {})

    @property
    def unit(self) -> str:
        """What one unit of the y axis is: ``quotes``, ``events``, ``% of all quotes``…"""
        return f"% of all {self.count}" if self.share else self.count

    @property
    def title(self) -> str:
        """The chart's title: what is counted, per what, for which query and filters."""
        what = f"Share of all {self.count} (%)" if self.share else self.count.capitalize()
        query = " vs ".join(self.compare) if self.compare else (self.query or "all quotes")
        split = f", split by {self.split}" if self.split else ""
        scope = f" · {self.scope}" if self.scope else ""
        return f"{what} per {self.by}: {query}{split}{scope}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"query": self.query, "by": self.by}
        data["count"], data["share"] = self.count, self.share
        if self.compare:
            data["compare"] = self.compare
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

    def chart(self, width: int = 720, height: int = 220) -> str:
        """The series as a bar chart (stacked; side by side with ``compare``) with its
        title, y-axis ticks and label, as an ``<svg>`` element to place in a page."""
        from .chart import bar_chart_svg

        return bar_chart_svg(
            self.series, width=width, height=height, title=self.title, heading=True,
            unit=self.unit, stacked=not self.compare,
        )  # fmt: skip

    def svg(self, width: int = 720, height: int = 220) -> str:
        """The chart of :meth:`chart` as a standalone SVG document."""
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + self.chart(width, height) + "\n"


def count_trend(
    items: Iterable[tuple[dt.date, tuple[str, ...]]],
    by: str,
    split: bool,
    top: int = TOP,
    *,
    keys: Sequence[Hashable] | None = None,
    labels: list[str] | None = None,
) -> dict[str, dict[str, int]]:
    """The series for ``items`` (each a quote's first day and its split values): one
    series ``all`` without ``split``; else one per value among the ``top`` most frequent,
    the rest summed as ``其他`` (counted once there), quotes with no value as ``(none)``.
    ``keys`` (one per item) counts distinct keys instead of items (events: the same key
    for every quote of one event). Every series runs over ``labels`` (default: the first
    period to the last), zeros included."""
    items = list(items)
    keyed = list(keys) if keys is not None else list(range(len(items)))
    if labels is None:
        labels = span_labels([day for day, _ in items], by)
    if not items:
        return {}
    per: dict[str, dict[str, set[Hashable]]] = {}

    def add(name: str, label: str, key: Hashable) -> None:
        per.setdefault(name, {}).setdefault(label, set()).add(key)

    if not split:
        for (day, _), key in zip(items, keyed, strict=True):
            add(ALL, period_of(day, by), key)
        return {ALL: {label: len(per[ALL].get(label, ())) for label in labels}}
    firsts: dict[str, set[Hashable]] = {}
    for (_, values), key in zip(items, keyed, strict=True):
        for v in set(values):
            firsts.setdefault(v, set()).add(key)
    ranked = sorted(firsts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    kept = [v for v, _ in ranked[:top]]
    for (day, values), key in zip(items, keyed, strict=True):
        label = period_of(day, by)
        if not values:
            add(NONE, label, key)
        for v in set(values) & set(kept):
            add(v, label, key)
        if set(values) - set(kept):
            add(OTHER, label, key)
    order = [v for v in [*kept, OTHER, NONE] if v in per]
    return {name: {label: len(per[name].get(label, ())) for label in labels} for name in order}


def event_key(quote: Any) -> tuple:
    """What makes quotes one event: the same dates, event and counterparts."""
    names = tuple(sorted(c.name for c in quote.counterparts))
    return (quote.date, quote.date_end, quote.event_canonical or quote.event, names)


def _items(ix: QuoteIndex, request: SearchRequest, split: str | None, count: str):
    """The dated matches of ``request``: (first day, split values) and each one's key."""
    ranked, _ = ix.matches(replace(request, sort="date"))
    days = ix.days()
    values = ix.values(split) if split else None
    docs = [n for n, _ in ranked if days[n]]
    items = [(days[n], values[n] if values else ()) for n in docs]
    if count == "events":
        keys: list[Hashable] = [event_key(ix.quote_at(n)) for n in docs]
    else:
        keys = list(docs)
    return items, keys


def _shares(counts: dict[str, int], base: dict[str, int]) -> dict[str, float]:
    return {p: round(100 * n / base[p], 2) if base.get(p) else 0.0 for p, n in counts.items()}


def describe(request: SearchRequest) -> str:
    """The filters and period of ``request`` in words (``affairs foreign · from …``)."""
    parts = [f"{name} {', '.join(values)}" for name, values in request.filters.items() if values]
    if request.since and request.until:
        parts.append(f"{request.since} – {request.until}")
    elif request.since or request.until:
        parts.append(f"from {request.since}" if request.since else f"until {request.until}")
    return " · ".join(parts)


def trend(
    ix: QuoteIndex,
    request: SearchRequest,
    by: str = "month",
    split: str | None = None,
    *,
    count: str = "quotes",
    share: bool = False,
    compare: Sequence[str] | None = None,
) -> Trend:
    """Matches per period (see :func:`count_trend`): quotes or events (``count``), as
    numbers or per cents of the period's whole (``share``), in one series, one per value
    of the facet field ``split``, or one per query of ``compare`` (each with the
    request's filters). The periods span ``since``/``until`` when given."""
    if by not in PERIODS:
        raise QuerySyntaxError(f"by must be one of {', '.join(PERIODS)}")
    if count not in COUNTS:
        raise QuerySyntaxError(f"count must be one of {', '.join(COUNTS)}")
    if split is not None and split not in ix.spec.facets:
        raise QuerySyntaxError(
            f"no facet {split!r} to split by; facets are {', '.join(ix.spec.facets)}"
        )
    if compare is not None and split is not None:
        raise QuerySyntaxError("compare draws one series per query; it cannot split as well")
    queries = list(compare) if compare is not None else [request.query]
    if compare is not None and not queries:
        raise QuerySyntaxError("compare needs a query or more")
    found = [_items(ix, replace(request, query=q), split, count) for q in queries]
    labels = span_labels([d for items, _ in found for d, _ in items], by,
                         request.since, request.until)  # fmt: skip
    series: dict[str, dict[str, Any]] = {}
    totals: dict[str, Any] | None = None
    for q, (items, keys) in zip(queries, found, strict=True):
        counted = count_trend(items, by, split is not None, keys=keys, labels=labels)
        if compare is not None:
            series[q] = counted.get(ALL, dict.fromkeys(labels, 0)) if labels else {}
        else:
            series = counted
            if split and counted:
                totals = count_trend(items, by, False, keys=keys, labels=labels)[ALL]
    if compare is not None and not any(any(s.values()) for s in series.values()):
        series = {}
    if share and series:
        whole = SearchRequest(distinct_remarks=request.distinct_remarks)
        everything, keys = _items(ix, whole, None, count)
        base = count_trend(everything, by, False, keys=keys, labels=labels)[ALL]
        series = {name: _shares(counts, base) for name, counts in series.items()}
        totals = _shares(totals, base) if totals is not None else None
    query = " ".join(queries) if compare is not None else request.query
    return Trend(query, by, split, series, totals, count, share,
                 list(queries) if compare is not None else None, describe(request))  # fmt: skip
