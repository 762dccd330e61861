"""Trends say what they count (issue 20, item 4): events as distinct attributions, shares
of the period's whole, several queries compared, an axis from --since to --until, and a
chart whose title, y label and ticks name the count and the filters."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import defaultdict

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.search.request import SearchRequest
from indexer.tools.chart import ticks
from indexer.tools.trend import period_of, trend

FOREIGN_CALLS = SearchRequest(filters={"affairs": ["foreign"], "event_type": ["phone_call"]})


def scan(quotes, by: str, key) -> dict[str, int]:
    """Distinct keys per period of the first day, by brute force over the records."""
    found: dict[str, set] = defaultdict(set)
    for q in quotes:
        if q.date:
            found[period_of(dt.date.fromisoformat(q.date), by)].add(key(q))
    return {p: len(k) for p, k in found.items()}


def attribution(q) -> tuple:
    return (q.date, q.date_end, q.event_canonical, tuple(sorted(c.name for c in q.counterparts)))


def foreign_calls(seed):
    return [q for q in seed.quotes if q.affairs == "foreign" and q.event_type == "phone_call"]


@pytest.mark.parametrize("by", ["day", "week", "month"])
def test_events_are_distinct_attributions(seed_index, seed, by):
    result = trend(seed_index, FOREIGN_CALLS, by, count="events")
    expected = scan(foreign_calls(seed), by, attribution)
    assert {p: n for p, n in result.series["all"].items() if n} == expected
    quotes = trend(seed_index, FOREIGN_CALLS, by).series["all"]
    assert sum(quotes.values()) > sum(result.series["all"].values())  # a call, many quotes


def test_the_issues_phone_calls_by_week(seed_index):
    events = trend(seed_index, FOREIGN_CALLS, "week", count="events").series["all"]
    assert list(events.values()) == [1, 3, 9, 4]


@pytest.mark.parametrize("count", ["quotes", "events"])
def test_share_is_the_per_cent_of_all_in_the_period(seed_index, seed, count):
    key = attribution if count == "events" else (lambda q: q.id)
    part = scan(foreign_calls(seed), "month", key)
    whole = scan(seed.quotes, "month", key)
    result = trend(seed_index, FOREIGN_CALLS, "month", count=count, share=True)
    assert result.series["all"] == {
        p: round(100 * part.get(p, 0) / whole[p], 2) if whole.get(p) else 0.0
        for p in result.periods
    }
    assert result.unit == f"% of all {count}"


def test_compare_draws_each_query_as_it_alone_counts(seed_index):
    request = SearchRequest(filters={"affairs": ["foreign"]})
    result = trend(seed_index, request, "week", compare=["合作", "斗争"])
    assert list(result.series) == ["合作", "斗争"]
    for word in ("合作", "斗争"):
        alone = trend(seed_index, SearchRequest(word, filters={"affairs": ["foreign"]}), "week")
        counts = result.series[word]
        assert {p: n for p, n in counts.items() if n} == {
            p: n for p, n in alone.series["all"].items() if n
        }
    assert len({tuple(s) for s in result.series.values()}) == 1  # the same periods


def test_the_axis_spans_since_and_until(seed_index):
    result = trend(seed_index, SearchRequest("合作", since="2020-01", until="2020-06"), "month")
    assert result.periods == [f"2020-0{m}" for m in range(1, 7)]
    assert result.series["all"]["2020-01"] == 0 and result.series["all"]["2020-06"] == 0


def test_the_chart_names_the_count_and_the_filters_and_has_ticks(seed_index):
    result = trend(seed_index, FOREIGN_CALLS, "week", count="events")
    svg = result.chart()
    assert result.title == "Events per week: all quotes · affairs foreign · event_type phone_call"
    assert f">{result.title}</text>" in svg
    assert '<text class="unit"' in svg and ">events</text>" in svg
    marks = re.findall(r'<text class="tick"[^>]*>([\d.]+)</text>', svg)
    assert len(marks) >= 3 and marks[0] == "0" and float(marks[-1]) >= 9


@pytest.mark.parametrize("peak", [1, 3, 9, 10, 44, 99, 100, 1234, 0.5, 38.83])
def test_ticks_are_round_and_reach_the_peak(peak):
    marks = ticks(peak)
    assert marks[0] == 0 and marks[-1] >= peak and 2 <= len(marks) <= 6
    steps = {round(b - a, 9) for a, b in itertools.pairwise(marks)}
    assert len(steps) == 1
    step = steps.pop()
    assert re.fullmatch(r"[125]0*(\.0)?|0\.0*[125]", f"{step:g}" if step < 1 else str(int(step)))


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def test_cli_count_share_and_compare(yulu, seed_index):
    args = ["--affairs", "foreign", "--event-type", "phone_call", "--by", "week"]
    events = yulu("trend", *args, "--count", "events", "--json")
    assert (
        json.loads(events.stdout)["series"]["all"]
        == trend(seed_index, FOREIGN_CALLS, "week", count="events").series["all"]
    )
    text = yulu("trend", *args, "--count", "events").stdout
    assert text.splitlines()[0] == "17 events by week (affairs foreign · event_type phone_call)"
    share = json.loads(yulu("trend", *args, "--share", "--json").stdout)
    assert share["share"] is True and all(0 <= v <= 100 for v in share["series"]["all"].values())
    compared = json.loads(yulu("trend", "合作", "斗争", "--compare", "--json").stdout)
    assert list(compared["series"]) == ["合作", "斗争"] and compared["compare"] == ["合作", "斗争"]
    assert yulu("trend", "--compare").exit_code == 2
    assert yulu("trend", "合作", "斗争", "--compare", "--split", "country").exit_code == 2


def test_web_trend_page_counts_events_shares_and_compares(client):
    page = client.get("/trend?affairs=foreign&event_type=phone_call&by=week&count=events")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Events per week" in html and ">9</a>" in html
    shared = client.get("/trend?q=合作&share=true").get_data(as_text=True)
    assert "Share of all quotes (%) per month: 合作" in shared
    compared = client.get("/trend?q=合作+斗争&compare=true&by=week").get_data(as_text=True)
    assert "Quotes per week: 合作 vs 斗争" in compared
    api = client.get("/api/trend?q=合作+斗争&compare=true").get_json()
    assert list(api["series"]) == ["合作", "斗争"]
