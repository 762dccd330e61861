"""Fields researchers reach for, checked against scans of the records: event: matches
words of the attribution; section and part go by title (with or without numbering) or
number; English and pinyin names are aliases; synonyms find each other unquoted; a
search that finds little says why; facets count quotes without a value."""

from __future__ import annotations

import pytest
from brute import Reference

from indexer.analysis.normalize import normalize
from indexer.search import SearchRequest

NUMERALS = "一二三四五六七八九十"


def ids(ix, query: str = "", **filters) -> set[str]:
    request = SearchRequest(query=query, filters=filters, limit=100_000)
    return {h.quote.id for h in ix.search(request).hits}


@pytest.fixture(scope="module")
def ref(seed):
    return Reference(seed.quotes)


@pytest.mark.parametrize("word", ["通电话", "普京", "慰问电", "默克尔", "会议", "考察"])
def test_event_matches_words_of_the_attribution(seed_index, ref, word):
    expected = ref.where(lambda q: word in normalize(q.event_canonical))
    assert ids(seed_index, f"event:{word}") == expected and expected


def test_event_words_all_count(seed_index, ref):
    expected = ref.where(lambda q: "普京" in q.event_canonical and "通电话" in q.event_canonical)
    assert ids(seed_index, 'event:"普京 通电话"') == expected and expected


def test_sections_by_title_as_printed_with_or_without_numbering(seed_index, seed, ref):
    for quote in {q.section: q for q in seed.quotes}.values():
        expected = ref.where(lambda q, s=quote.section: q.section == s)
        printed = f"（{NUMERALS[quote.section_no - 1]}）{quote.section}"
        assert ids(seed_index, f'section:"{quote.section}"') == expected
        assert ids(seed_index, f'section:"{printed}"') == expected
        if "“" not in quote.section:  # “…” in a query is a phrase: quote such titles
            assert ids(seed_index, f"section:{quote.section}") == expected
            assert ids(seed_index, f"section:{printed}") == expected  # unquoted, as printed
        assert ids(seed_index, section=[printed]) == expected
        assert ids(seed_index, section=[quote.section]) == expected


def test_sections_by_number(seed_index, ref):
    for number in (1, 2, 5):
        expected = ref.where(lambda q, n=number: q.section_no == n)
        assert ids(seed_index, f"section:{number}") == expected and expected
        assert ids(seed_index, section=[NUMERALS[number - 1]]) == expected


def test_parts_by_number_numeral_or_title(seed_index, seed, ref):
    for quote in {q.part_no: q for q in seed.quotes}.values():
        expected = ref.where(lambda q, n=quote.part_no: q.part_no == n)
        numeral = NUMERALS[quote.part_no - 1]
        for written in (str(quote.part_no), numeral, quote.part, f"{numeral}、{quote.part}"):
            assert ids(seed_index, f"part:{written}") == expected, written


@pytest.mark.parametrize(
    ("filters", "canonical"),
    [
        ({"counterpart": ["Putin"]}, {"counterpart": ["普京"]}),
        ({"counterpart": ["vladimir putin"]}, {"counterpart": ["普京"]}),
        ({"counterpart": ["Merkel"]}, {"counterpart": ["默克尔"]}),
        ({"counterpart": ["Tedros"]}, {"counterpart": ["谭德塞"]}),
        ({"country": ["Russia"]}, {"country": ["俄罗斯"]}),
        ({"country": ["Germany"]}, {"country": ["德国"]}),
        ({"country": ["WHO"]}, {"country": ["世界卫生组织"]}),
        ({"country": ["United Nations"]}, {"country": ["联合国"]}),
        ({"leader": ["Xi Jinping"]}, {"leader": ["习近平"]}),
    ],
)
def test_english_and_pinyin_names_are_aliases(seed_index, filters, canonical):
    expected = ids(seed_index, **canonical)
    assert ids(seed_index, **filters) == expected and expected
    ((field, (value,)),) = filters.items()
    assert ids(seed_index, f'{field}:"{value}"') == expected


@pytest.mark.parametrize(
    ("short", "long"), [("世卫组织", "世界卫生组织"), ("新冠肺炎", "新型冠状病毒肺炎")]
)
def test_synonyms_find_each_other_unquoted_and_phrases_stay_literal(seed_index, ref, short, long):
    either = ref.phrase(short) | ref.phrase(long)
    assert ids(seed_index, short) == ids(seed_index, long) == either
    assert ids(seed_index, f'"{short}"') == ref.phrase(short)
    assert ids(seed_index, f'"{long}"') == ref.phrase(long)
    assert (
        ids(seed_index, f"{short}合作")
        == ids(seed_index, f"{long} 合作")
        == either & ref.phrase("合作")
    )


def test_synonyms_are_data_a_corpus_can_extend(tmp_path):
    from indexer.search.synonyms import load_synonyms

    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "synonyms.tsv").write_text(
        "疫苗\t疫苗药物|新冠疫苗\n", encoding="utf-8"
    )
    table = load_synonyms([tmp_path])
    assert table.group("新冠疫苗") == ("新冠疫苗", "疫苗", "疫苗药物")
    assert table.group("世卫组织") == ("世卫组织", "世界卫生组织")  # the bundled table too


@pytest.mark.parametrize(
    ("request_", "hint"),
    [
        (
            SearchRequest(filters={"counterpart": ["Puttin"]}),
            "no quote has --counterpart 'Puttin'; nearest: 普京",
        ),
        (
            SearchRequest(filters={"country": ["俄罗期"]}),
            "no quote has --country '俄罗期'; nearest: 俄罗斯",
        ),
        (SearchRequest("counterpart:默克"), "no quote has counterpart: '默克'; nearest: 默克尔"),
        (SearchRequest("普京"), "普京 is in 5 attributions; try --counterpart 普京"),
        (SearchRequest("通电话"), "通电话 is in 78 attributions; try event:通电话"),
        (SearchRequest("中俄关系"), "no quote contains 中俄关系"),
        (SearchRequest("疫苗 特朗普"), "each word occurs, but never all together"),
        (
            SearchRequest(filters={"section": ["外方积极表态"]}),
            "no quote has --section '外方积极表态'; it is a part: try --part 外方积极表态",
        ),
        (
            SearchRequest("part:关于对各国抗疫的支持与援助"),
            "no quote has part: '关于对各国抗疫的支持与援助'; it is a section: try --section",
        ),
        (
            SearchRequest(filters={"counterpart": ["美国"]}),
            "no quote has --counterpart '美国'; it is a country: try --country 美国",
        ),
    ],
)
def test_searches_that_find_little_say_why(seed_index, request_, hint):
    results = seed_index.search(request_)
    assert any(h.startswith(hint) for h in results.hints), results.hints


def test_searches_that_find_plenty_give_no_hints(seed_index):
    assert seed_index.search(SearchRequest("合作")).hints == []


def test_facets_count_quotes_without_a_value(seed_index, seed):
    results = seed_index.search(SearchRequest("合作", facets=["country", "leader"], limit=0))
    matched = [q for q in seed.quotes if "合作" in normalize(q.text)]
    assert results.facet_missing == {
        "country": sum(1 for q in matched if not any(c.country for c in q.counterparts)),
        "leader": sum(1 for q in matched if not q.leader),
    }
    assert results.facet_missing["country"] > 0


def test_results_echo_the_whole_request(seed_index):
    request = SearchRequest(
        "合作", filters={"country": ["德国"]}, since="2020-03-01", sort="date", limit=3, offset=1
    )
    echoed = seed_index.search(request).to_dict()["request"]
    assert echoed == {
        "query": "合作",
        "filters": {"country": ["德国"]},
        "since": "2020-03-01",
        "until": None,
        "facets": [],
        "limit": 3,
        "offset": 1,
        "sort": "date",
    }


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('match = "contains"', 'match = "fuzzy"'), "has match 'fuzzy'"),
        (
            lambda t: t.replace('kind = "words"', 'kind = "words"\nmatch = "title"'),
            "only exact and keyword fields set match",
        ),
    ],
)
def test_a_match_the_search_cannot_use_is_one_clear_error(tmp_path, edit, message):
    from indexer.index.declaration import DeclarationError, read_declaration
    from indexer.paths import schema_file

    path = tmp_path / "bad.toml"
    path.write_text(edit(schema_file().read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DeclarationError) as info:
        read_declaration(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_a_missing_synonym_form_is_not_reported_missing(seed_index):
    """世卫组织 and 世界卫生组织 are one needle with two forms: the hint names what is
    really absent."""
    hints = seed_index.search(SearchRequest("世卫组织 火星")).hints
    assert "no quote contains 火星" in hints


def test_a_corpus_can_add_latin_aliases(tmp_path):
    from indexer.records.gazetteer import load_gazetteer

    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "latin_aliases.tsv").write_text(
        "普京\tVVP\n印尼\tNusantara\n", encoding="utf-8"
    )
    gaz = load_gazetteer([tmp_path])
    assert gaz.people["vvp"] == "普京" and gaz.people["putin"] == "普京"
    assert gaz.places["nusantara"] == "印度尼西亚"  # an alias of an alias: its canonical name


def test_hints_of_empty_searches_tell_the_truth(seed_index, seed):
    """Whatever empties a search (filters, a period, NOT, words apart), its hints say
    nothing a scan contradicts: "never all together" only when no quote holds every
    word, "the query alone finds N" with the scan's N."""
    import random

    from brute import random_keyword_queries

    ref = Reference(seed.quotes)
    rng = random.Random(5)
    counterparts = sorted({c.name for q in seed.quotes for c in q.counterparts if c.name})
    checked = {"together": 0, "alone": 0}
    for query in random_keyword_queries(seed.quotes, 300):
        filters = {"counterpart": [rng.choice(counterparts)]} if rng.random() < 0.5 else {}
        since = "2020-04-01" if rng.random() < 0.3 else None
        results = seed_index.search(SearchRequest(query, filters=filters, since=since, limit=0))
        if results.total:
            continue
        for hint in results.hints:
            if hint.startswith("each word occurs, but never all together"):
                assert not ref.keywords(query), (query, hint)
                checked["together"] += 1
            if hint.startswith("the query alone finds"):
                alone = int(hint.split()[4])
                assert alone == len(ref.keywords(query)) > 0, (query, hint)
                checked["alone"] += 1
    assert min(checked.values()) >= 3, checked
    minus = seed_index.search(SearchRequest("疫苗 合作 -疫情"))
    assert minus.total == 0 and not any("never all together" in h for h in minus.hints)


def test_the_hints_side_question_keeps_the_searchs_matches(seed_index, monkeypatch):
    """The hint of an emptied filtered search asks how many the query alone finds; the
    service still holds the search's own matches for the page's second question (its
    timeline), so asking the same request again evaluates nothing."""
    request = SearchRequest("合作", filters={"counterpart": ["普京"]}, since="2020-05-01")
    first = seed_index.search(request)
    assert first.total == 0
    assert any(h.startswith("the query alone finds") for h in first.hints)
    evaluated = []
    original = seed_index._evaluator.evaluate
    monkeypatch.setattr(
        seed_index._evaluator, "evaluate", lambda q: evaluated.append(q) or original(q)
    )
    assert seed_index.search(request).total == 0
    assert len(evaluated) == 1  # only the hint's own side question, never the search
