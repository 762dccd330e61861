"""The web door's small pieces, each against expectations written out by hand: URL
parameters to a SearchRequest, toggle links, timeline periods, and the HTML marks."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.errors import QuerySyntaxError
from indexer.index.declaration import load_spec
from indexer.search.request import SearchRequest
from indexer.tools.trend import count_trend, period_of
from indexer.web.links import changed, href, toggled, toggled_clause
from indexer.web.markup import MarkFormatter, marked_paragraphs
from indexer.web.params import args_of, parameter_names, search_request
from indexer.web.timeline import bounds, per_period, period_for

SPEC = load_spec()
EVENT_TYPES = ["phone_call", "talks", "letter"]


def read(pairs, **limits):
    return search_request(args_of(pairs), SPEC, event_types=EVENT_TYPES, **limits)


def test_every_parameter_reaches_the_request():
    web = read(
        {
            "q": '"人类命运共同体" 合作',
            "counterpart": ["普京", "默克尔"],
            "country": "俄罗斯",
            "leader": "习近平",
            "affairs": "foreign",
            "event_type": ["phone_call", "talks"],
            "section": "关于疫情防控国际合作",
            "since": "2020-03-01",
            "until": "2020-03-31",
            "facet": ["country", "leader"],
            "limit": "25",
            "offset": "50",
            "sort": "date-asc",
        }
    )
    assert web.request == SearchRequest(
        query='"人类命运共同体" 合作',
        filters={
            "counterpart": ("普京", "默克尔"),
            "country": ("俄罗斯",),
            "leader": ("习近平",),
            "affairs": ("foreign",),
            "event_type": ("phone_call", "talks"),
            "section": ("关于疫情防控国际合作",),
        },
        since="2020-03-01",
        until="2020-03-31",
        facets=("country", "leader"),
        limit=25,
        offset=50,
        sort="date-asc",
    )
    assert web.notices == () and web.limited


def test_the_parameters_are_the_declarations_filters_and_the_clis_options():
    assert parameter_names(SPEC) == [
        "q", "counterpart", "country", "leader", "affairs", "event_type", "section", "part",
        "since", "until", "distinct_remarks", "facet", "limit", "offset", "sort",
    ]  # fmt: skip


def test_nothing_given_is_the_clis_defaults():
    web = read({})
    assert web.request == SearchRequest(limit=10)
    assert not web.limited
    assert read({}, default_limit=20).request.limit == 20


def test_empty_form_fields_count_as_absent_and_repeats_once():
    web = read({"q": "", "counterpart": ["", "普京", "普京"], "since": "", "sort": "", "limit": ""})
    assert web.request == SearchRequest(filters={"counterpart": ("普京",)})


def test_a_limit_above_the_maximum_is_capped_with_a_notice():
    web = read({"limit": "5000"}, max_limit=100)
    assert web.request.limit == 100
    assert web.notices == ("limit 5000 is above the maximum of 100; showing 100",)
    assert read({"limit": "100"}, max_limit=100).notices == ()


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ({"limit": "-1"}, "limit must be at least 0"),
        ({"offset": "abc"}, "Invalid value for 'offset': 'abc' is not a valid integer range."),
        ({"sort": "newest"}, "Invalid value for 'sort': 'newest' is not one of 'relevance', 'date', 'date-asc'."),
        ({"facet": "colour"}, "Invalid value for 'facet': 'colour' is not one of"),
        ({"affairs": "internal"}, "Invalid value for 'affairs': 'internal' is not one of 'domestic', 'foreign'."),
        ({"event_type": "party"}, "Invalid value for 'event_type': 'party' is not one of 'letter', 'other', 'phone_call', 'talks'."),
        ({"since": "2020-02-30"}, "Invalid value for 'since': 2020-02-30 is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ({"until": "March"}, "Invalid value for 'until': March is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ({"q": ["a", "b"]}, "parameter 'q' is given 2 times; give it once"),
        ({"colour": "red"}, "unknown parameter 'colour'; parameters are q, counterpart, country"),
    ],
)  # fmt: skip
def test_bad_parameters_say_which_and_why(pairs, message):
    with pytest.raises(QuerySyntaxError) as caught:
        read(pairs)
    assert str(caught.value).startswith(message)


def test_links_keep_the_rest_of_the_state_and_go_back_to_the_first_page():
    args = args_of({"q": "合作", "counterpart": ["普京", "默克尔"], "offset": "20", "sort": "date"})
    off = toggled(args, "counterpart", "普京", selected=True)
    assert off.getlist("counterpart") == ["默克尔"] and "offset" not in off
    assert off["sort"] == "date" and off["q"] == "合作"
    on = toggled(args, "country", "美国", selected=False)
    assert on.getlist("country") == ["美国"] and on.getlist("counterpart") == ["普京", "默克尔"]
    assert (
        changed(args, offset="40")["offset"] == "40"
        and changed(args, offset="40")["sort"] == "date"
    )
    url = href("/", toggled(args, "counterpart", "默克尔", selected=True))
    assert parse_qsl(urlsplit(url).query) == [
        ("q", "合作"),
        ("counterpart", "普京"),
        ("sort", "date"),
    ]
    assert href("/", args_of({"q": ""})) == "/"


def test_clause_toggles_add_and_remove_a_query_clause():
    args = args_of({"q": "合作"})
    added = toggled_clause(args, 'part:"外方积极表态"')
    assert added["q"] == '合作 part:"外方积极表态"'
    assert toggled_clause(added, 'part:"外方积极表态"')["q"] == "合作"
    assert "q" not in toggled_clause(args_of({"q": 'part:"外方积极表态"'}), 'part:"外方积极表态"')


@given(
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from(["day", "week", "month", "year"]),
)
def test_period_bounds_hold_exactly_the_days_of_the_period(day, by):
    first, last = bounds(period_of(day, by), by)
    assert first <= day <= last
    assert period_of(first, by) == period_of(last, by) == period_of(day, by)
    assert period_of(first - dt.timedelta(days=1), by) != period_of(day, by)
    assert period_of(last + dt.timedelta(days=1), by) != period_of(day, by)


@given(
    st.lists(st.dates(dt.date(2019, 6, 1), dt.date(2021, 6, 30)), min_size=1, max_size=60),
    st.sampled_from(["day", "week", "month", "year"]),
)
def test_counting_per_day_first_gives_the_trend_tools_series(days, by):
    from collections import Counter

    expected = count_trend([(day, ()) for day in days], by, split=False)["all"]
    assert per_period(Counter(days), by) == expected


def test_the_timeline_takes_the_finest_period_that_stays_readable():
    day = dt.date(2020, 3, 1)
    assert period_for(day, day) == "day"
    assert period_for(day, day + dt.timedelta(days=14)) == "day"
    assert period_for(day, day + dt.timedelta(days=15)) == "week"
    assert period_for(day, day + dt.timedelta(days=200)) == "month"
    assert period_for(day, day + dt.timedelta(days=366 * 6)) == "year"


TEXT = st.text(alphabet=st.sampled_from("中国<>&\"'合作\n b/script"), max_size=40)


@given(TEXT, st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=4))
def test_marked_html_is_the_text_escaped_with_marks_around_the_spans(text, raw):
    spans = []
    for start, length in sorted(raw):
        start, end = min(start, len(text)), min(start + length, len(text))
        if start < end and (not spans or start >= spans[-1][1]):
            spans.append((start, end))
    paragraphs = marked_paragraphs(text, spans, MarkFormatter())
    assert len(paragraphs) == text.count("\n") + 1
    for markup in paragraphs:
        assert "\n" not in markup
        without_marks = re.sub(r'<mark class="hit t\d">|</mark>', "", markup)
        assert "<" not in without_marks and ">" not in without_marks
    plain = "\n".join(
        html.unescape(re.sub(r'<mark class="hit t\d">|</mark>', "", p)) for p in paragraphs
    )
    assert plain == text
    marked = [m for p in paragraphs for m in re.findall(r'<mark class="hit t\d">(.*?)</mark>', p)]
    expected = [piece for s, e in spans for piece in text[s:e].split("\n") if piece]
    assert [html.unescape(m) for m in marked] == expected
