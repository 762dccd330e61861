"""Facet counts and filters, checked against counts computed from the parsed records."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from brute import Reference, countries

from indexer.search import SearchRequest

FIELDS = {
    "counterpart": lambda q: {c.name for c in q.counterparts},
    "country": lambda q: set(countries(q)),
    "leader": lambda q: {q.leader},
    "event_type": lambda q: {q.event_type},
    "affairs": lambda q: {q.affairs},
    "section": lambda q: {q.section},
    "source": lambda q: {q.source},
}


def counts(quotes, field):
    return Counter(v for q in quotes for v in FIELDS[field](q) if v)


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_facet_counts_over_the_whole_index(seed_index, seed, field):
    assert seed_index.facet(field) == dict(counts(seed.quotes, field))


@pytest.mark.parametrize("query", ["合作", '"人类命运共同体"', "疫情 支持", "country:美国"])
def test_facets_count_the_whole_matching_set_not_the_page(seed_index, seed, query):
    ref = Reference(seed.quotes)
    request = SearchRequest(query=query, facets=sorted(FIELDS), limit=2)
    results = seed_index.search(request)
    matched = [q for q in seed.quotes if q.id in _all_ids(seed_index, query)]
    assert results.total == len(matched) and len(results.hits) == min(2, len(matched))
    for field in FIELDS:
        assert results.facets[field] == dict(counts(matched, field))
    if query.startswith('"'):
        assert {q.id for q in matched} == ref.phrase(query.strip('"'))
    elif not query.startswith("country"):
        assert {q.id for q in matched} == ref.keywords(query)


def _all_ids(ix, query, since=None, until=None, **filters):
    request = SearchRequest(query=query, filters=filters, since=since, until=until, limit=10_000)
    return {h.quote.id for h in ix.search(request).hits}


def _matches(q, since=None, until=None, **filters):
    if any(wanted and not set(wanted) & FIELDS[name](q) for name, wanted in filters.items()):
        return False
    return not ((since and q.date_end < since) or (until and q.date > until))


def test_random_filter_combinations_match_a_scan(seed_index, seed):
    rng = random.Random(3)
    pool = {
        name: sorted(counts(seed.quotes, name))
        for name in ("counterpart", "country", "leader", "affairs", "event_type", "section")
    }
    days = sorted({q.date for q in seed.quotes} | {q.date_end for q in seed.quotes})
    for _ in range(200):
        filters = {}
        for key in rng.sample(sorted(pool), rng.randint(1, 2)):
            filters[key] = rng.sample(pool[key], rng.randint(1, 2))
        if rng.random() < 0.5:
            a, b = sorted(rng.sample(days, 2))
            filters.update(since=a, until=b)
        query = rng.choice(["", "合作", "疫情"])
        got = _all_ids(seed_index, query, **filters)
        ref = Reference(seed.quotes)
        text_ok = ref.phrase(query) if query else {q.id for q in seed.quotes}
        expected = {q.id for q in seed.quotes if q.id in text_ok and _matches(q, **filters)}
        assert got == expected, (query, filters)


def test_browsing_a_counterpart_lists_every_quote_newest_first(seed_index, seed):
    results = seed_index.search(SearchRequest(filters={"counterpart": ["普京"]}, limit=100))
    expected = [q for q in seed.quotes if any(c.name == "普京" for c in q.counterparts)]
    assert {h.quote.id for h in results.hits} == {q.id for q in expected}
    dates = [h.quote.date for h in results.hits]
    assert dates == sorted(dates, reverse=True) and len(dates) == 5


def test_two_counterparts_each_find_the_quote(seed_index):
    for name in ("米歇尔", "冯德莱恩"):
        hits = seed_index.search(SearchRequest(filters={"counterpart": [name]}, limit=10)).hits
        assert sorted(h.quote.line for h in hits) == [143, 222]


def test_aliases_fold_in_filters_and_queries(seed_index):
    by_alias = _all_ids(seed_index, "", leader=["谭德赛"])
    assert by_alias == _all_ids(seed_index, "leader:谭德塞") and len(by_alias) == 2
    assert _all_ids(seed_index, "country:印尼") == _all_ids(seed_index, "", country=["印度尼西亚"])
    assert len(_all_ids(seed_index, "country:沙特")) == 4


@pytest.mark.parametrize(
    ("query", "days"),
    [
        ("date:[2020-03-01 TO 2020-03-05]", ("2020-03-01", "2020-03-05")),
        ("date:>=2020-03-27", ("2020-03-27", "2020-12-31")),
        ("date:<=2020-03-06", ("2020-01-01", "2020-03-06")),
        ("date：2020-03-16", ("2020-03-16", "2020-03-16")),
    ],
)
def test_date_ranges_in_queries(seed_index, seed, query, days):
    expected = {q.id for q in seed.quotes if days[0] <= q.date <= days[1]}
    assert _all_ids(seed_index, query) == expected and expected


def test_ranking_ties_are_broken_by_date_and_sort_by_date(seed_index):
    hits = seed_index.search(SearchRequest(query="疫", limit=200)).hits
    assert len({h.score for h in hits}) == 1  # 疫 is never a whole word: all tie
    dates = [h.quote.date for h in hits]
    assert dates == sorted(dates, reverse=True)
    by_date = seed_index.search(SearchRequest(query="合作", sort="date", limit=200)).hits
    assert [h.quote.date for h in by_date] == sorted((h.quote.date for h in by_date), reverse=True)
    oldest = seed_index.search(SearchRequest(query="合作", sort="date-asc", limit=200)).hits
    assert [h.quote.date for h in oldest] == sorted(h.quote.date for h in by_date)
    assert {h.quote.id for h in oldest} == {h.quote.id for h in by_date}


def test_pagination_partitions_the_ranking(seed_index):
    full = [h.quote.id for h in seed_index.search(SearchRequest(query="合作", limit=100)).hits]
    pages = []
    for offset in range(0, len(full), 7):
        page = seed_index.search(SearchRequest(query="合作", limit=7, offset=offset)).hits
        pages += [h.quote.id for h in page]
    assert pages == full


def test_filters_that_keep_nothing_find_nothing(seed_index):
    empty = SearchRequest(filters={"counterpart": ["普京"]}, since="2020-04-01", facets=["leader"])
    results = seed_index.search(empty)
    assert (results.total, results.hits, results.facets) == (0, [], {"leader": {}})
    assert seed_index.search(SearchRequest("合作", filters={"leader": ["无此人"]})).total == 0
