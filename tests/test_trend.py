"""Trends against counts computed by hand from the parsed records."""

from __future__ import annotations

import datetime as dt
import itertools
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


def test_bad_periods_and_splits_are_query_errors(seed_index):
    from indexer.errors import QuerySyntaxError

    with pytest.raises(QuerySyntaxError, match="by must be one of"):
        trend(seed_index, SearchRequest("合作"), "decade")
    with pytest.raises(QuerySyntaxError, match="no facet 'text'"):
        trend(seed_index, SearchRequest("合作"), "week", "text")


# A small corpus across a new year, worked by hand: ISO weeks 2020-W52 (Mon 21 Dec),
# 2020-W53 (Mon 28 Dec to Sun 3 Jan 2021), 2021-W01 (from Mon 4 Jan), so Sun 31 Jan is
# in 2021-W04 and Mon 15 Feb starts 2021-W07; two quotes span
# several days and count once, on their first day.
YEAR_END = {
    2020: ["12月27日", "12月28日", "12月31日至1月2日", "12月31日"],
    2021: ["1月3日", "1月4日", "1月31日至2月2日", "2月15日"],
}


@pytest.fixture(scope="module")
def year_end_index(tmp_path_factory):
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    folder = tmp_path_factory.mktemp("corpus")
    for year, dates in YEAR_END.items():
        lines = ["一、在内事活动中的讲话", "（一）关于测试"]
        for n, date in enumerate(dates):
            lines += [f"加强合作第{year}{n}条。", f"——{date}，习近平考察", ""]
        (folder / f"y{year}.txt").write_text("\n".join(lines), encoding="utf-8")
        (folder / f"y{year}.toml").write_text(
            f'title = "{year}"\nyear = {year}\nleader = "习近平"\n', encoding="utf-8"
        )
    root = tmp_path_factory.mktemp("ix")
    build_index(root, [folder])
    with QuoteIndex.open(root) as ix:
        yield ix


def test_iso_weeks_and_multi_day_quotes_by_hand(year_end_index):
    weeks = trend(year_end_index, SearchRequest("合作"), "week").series["all"]
    assert weeks == {
        "2020-W52": 1, "2020-W53": 4, "2021-W01": 1, "2021-W02": 0, "2021-W03": 0,
        "2021-W04": 1, "2021-W05": 0, "2021-W06": 0, "2021-W07": 1,
    }  # fmt: skip
    months = trend(year_end_index, SearchRequest("合作"), "month").series["all"]
    assert months == {"2020-12": 4, "2021-01": 3, "2021-02": 1}
    years = trend(year_end_index, SearchRequest("合作"), "year").series["all"]
    assert years == {"2020": 4, "2021": 4}
    days = trend(year_end_index, SearchRequest("合作"), "day").series["all"]
    assert len(days) == (dt.date(2021, 2, 15) - dt.date(2020, 12, 27)).days + 1
    assert {k: v for k, v in days.items() if v} == {
        "2020-12-27": 1, "2020-12-28": 1, "2020-12-31": 2, "2021-01-03": 1,
        "2021-01-04": 1, "2021-01-31": 1, "2021-02-15": 1,
    }  # fmt: skip
    # a period filter keeps a multi-day quote whose days overlap it; it still counts
    # on its first day
    late = trend(year_end_index, SearchRequest("合作", since="2021-01-02"), "month")
    assert late.series["all"] == {"2020-12": 1, "2021-01": 3, "2021-02": 1}


@pytest.fixture
def yulu(seed_index_dir):
    from click.testing import CliRunner

    from indexer.cli import main

    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def test_cli_text_bars_json_and_csv_agree(yulu):
    import csv
    import io
    import json

    data = json.loads(yulu("trend", "合作", "--by", "week", "--json").stdout)
    assert set(data) == {"query", "by", "count", "share", "series"} and data["by"] == "week"
    series = data["series"]["all"]
    text = yulu("trend", "合作", "--by", "week")
    head, *lines = text.stdout.splitlines()
    assert head == f"{sum(series.values())} quotes by week"
    assert [line.split()[:2] for line in lines] == [[p, str(n)] for p, n in series.items()]
    peak = max(series.values())
    longest = next(line for line in lines if line.split()[1] == str(peak))
    assert longest.endswith("█" * 40)
    rows = list(csv.DictReader(io.StringIO(yulu("trend", "合作", "--by", "week", "--csv").stdout)))
    assert [(r["period"], int(r["all"])) for r in rows] == list(series.items())


def test_cli_split_has_a_column_per_series_and_the_quotes_in_total(yulu, seed):
    import json

    data = json.loads(yulu("trend", "--affairs", "foreign", "--split", "country", "--json").stdout)
    assert data["split"] == "country"
    foreign = Counter(q.date[:7] for q in seed.quotes if q.affairs == "foreign")
    assert data["total"] == dict(foreign)
    text = yulu("trend", "--affairs", "foreign", "--split", "country")
    head, names, *rows = text.stdout.splitlines()
    assert head == f"{sum(foreign.values())} quotes by month, split by country (affairs foreign)"
    assert names.split() == [*data["series"], "total"]
    for row in rows:
        period, *counts = row.split()[: len(data["series"]) + 2]
        assert [int(c) for c in counts[:-1]] == [s[period] for s in data["series"].values()]
        assert int(counts[-1]) == foreign[period]


def test_split_totals_count_a_quote_with_two_values_once(seed_index, seed):
    """Quotes with several counterparts count in several series, once in the total."""
    request = SearchRequest(
        filters={"affairs": ["foreign"]}, since="2020-03-10", until="2020-03-16"
    )
    result = trend(seed_index, request, "day", "counterpart")
    foreign = [
        q for q in seed.quotes if q.affairs == "foreign" and "2020-03-10" <= q.date <= "2020-03-16"
    ]
    assert any(len(q.counterparts) > 1 for q in foreign)  # 米歇尔 and 冯德莱恩
    expected = Counter(q.date for q in foreign)
    assert {p: n for p, n in result.total.items() if n} == dict(expected)
    summed = {p: sum(s[p] for s in result.series.values()) for p in result.periods}
    assert any(summed[p] > result.total[p] for p in result.periods)


def test_cli_plot_writes_an_svg_with_chinese_labels(yulu, tmp_path):
    from xml.etree import ElementTree

    path = tmp_path / "chart.svg"
    result = yulu("trend", "合作", "--by", "week", "--split", "leader", "--plot", str(path))
    assert result.exit_code == 0, result.output
    assert f"chart written to {path}" in result.stderr
    raw = path.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ElementTree.fromstring(raw)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "习近平" in texts and "2020-W13" in " ".join(texts)
    assert "PingFang SC" in root.get("font-family")
    bad = yulu("trend", "合作", "--plot", str(tmp_path / "missing" / "chart.svg"))
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: cannot write")
    png = yulu("trend", "合作", "--plot", str(tmp_path / "chart.png"))
    assert png.exit_code == 2 and not (tmp_path / "chart.png").exists()
    assert png.stderr == "Error: --plot writes SVG; name the file .svg (not chart.png)\n"


def test_cli_no_match_and_bad_options(yulu):
    none = yulu("trend", "冠状病毒疫苗研发国际合作机制", "--json")
    assert json_loads(none.stdout) == {
        "query": "冠状病毒疫苗研发国际合作机制", "by": "month", "count": "quotes",
        "share": False, "series": {}
    }  # fmt: skip
    assert yulu("trend", "冠状病毒疫苗研发国际合作机制").stdout == "no quotes match\n"
    assert yulu("trend", "合作", "--by", "decade").exit_code == 2
    assert yulu("trend", "合作", "--split", "text").exit_code == 2


def json_loads(text):
    import json

    return json.loads(text)


def test_chart_labels_do_not_overlap_or_leave_the_picture():
    import re

    from indexer.tools.chart import bar_chart_svg

    days = [(dt.date(2020, 1, 1) + dt.timedelta(days=n)).isoformat() for n in range(60)]
    svg = bar_chart_svg({"all": dict.fromkeys(days, 1)}, width=720)
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="170" text-anchor="middle"', svg)]
    assert len(xs) >= 5 and xs == sorted(xs)
    label = 10 * 6.5  # ten characters of the 11 px font
    assert all(b - a >= label for a, b in itertools.pairwise(xs))
    assert label / 2 <= xs[0] and xs[-1] <= 720 - label / 2
