"""Trends against counts computed by hand from the parsed records."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.search.request import SearchRequest
from indexer.tools.trend import OTHER, count_trend, period_of, periods_between, trend


def test_period_labels_include_iso_weeks_across_the_new_year():
    assert period_of(dt.date(2020, 3, 4), "day") == "2020-03-04"
    assert period_of(dt.date(2020, 3, 4), "month") == "2020-03"
    assert period_of(dt.date(2021, 1, 3), "week") == "2020-W53"  # ISO: still 2020's last week
    assert period_of(dt.date(2021, 1, 4), "week") == "2021-W01"
    assert list(periods_between(dt.date(2020, 12, 30), dt.date(2021, 1, 5), "week")) == [
        "2020-W53",
        "2021-W01",
    ]
    assert list(periods_between(dt.date(2019, 11, 30), dt.date(2020, 2, 1), "month")) == [
        "2019-11", "2019-12", "2020-01", "2020-02"
    ]  # fmt: skip


@given(
    st.dates(dt.date(2018, 1, 1), dt.date(2022, 12, 31)),
    st.dates(dt.date(2018, 1, 1), dt.date(2022, 12, 31)),
    st.sampled_from(["day", "week", "month", "year"]),
)
def test_periods_between_are_every_period_once_in_order(a, b, by):
    first, last = min(a, b), max(a, b)
    labels = list(periods_between(first, last, by))
    expected = list(dict.fromkeys(period_of(first + dt.timedelta(days=n), by)
                                  for n in range((last - first).days + 1)))  # fmt: skip
    assert labels == expected


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_trend_counts_each_matching_quote_once_in_its_first_days_period(seed_index, seed, by):
    results = trend(seed_index, SearchRequest("合作"), by=by)
    ids = {h.quote.id for h in seed_index.search(SearchRequest("合作", limit=1000)).hits}
    quotes = [q for q in seed.quotes if q.id in ids]
    expected = Counter(period_of(dt.date.fromisoformat(q.date), by) for q in quotes)
    series = results.series["all"]
    assert {k: v for k, v in series.items() if v} == dict(expected)
    assert sum(series.values()) == len(quotes)
    assert list(series) == sorted(series)  # every period, in order, zeros included


def test_split_series_sum_per_value_with_the_rest_as_other(seed_index, seed):
    results = trend(
        seed_index, SearchRequest(filters={"affairs": ["foreign"]}), "month", "counterpart"
    )
    foreign = [q for q in seed.quotes if q.affairs == "foreign"]
    by_name = Counter(c.name for q in foreign for c in q.counterparts)
    top = [name for name, _ in sorted(by_name.items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
    assert [n for n in results.series if n not in (OTHER, "(none)")] == top
    for name in top:
        assert sum(results.series[name].values()) == by_name[name]
    rest = [q for q in foreign if {c.name for c in q.counterparts} - set(top)]
    assert sum(results.series[OTHER].values()) == len(rest)
    none = [q for q in foreign if not q.counterparts]
    assert sum(results.series.get("(none)", {}).values()) == len(none)


def test_no_matches_give_no_series():
    assert count_trend([], "month", split=False) == {}
