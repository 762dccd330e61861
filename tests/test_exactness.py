"""The search guarantees, checked against a brute-force scan of the seed corpus:
a phrase finds exactly the quotes that contain it; a keyword query finds every quote
that contains all of its words, and no other."""

from __future__ import annotations

import pytest
from brute import Reference, random_keyword_queries, random_phrases

from indexer.analysis.normalize import normalize
from indexer.search import SearchRequest


@pytest.fixture(scope="module")
def ref(seed):
    return Reference(seed.quotes)


def ids(ix, query: str) -> set[str]:
    return {h.quote.id for h in ix.search(SearchRequest(query=query, limit=1000)).hits}


def test_phrases_return_exactly_the_quotes_that_contain_them(seed_index, ref, seed):
    phrases = random_phrases(seed.quotes, 2400)
    lengths = {len(p) for p in phrases}
    assert lengths >= set(range(1, 13))
    wrong = [p for p in phrases if ids(seed_index, f'"{p}"') != ref.phrase(p)]
    assert wrong == []
    assert sum(1 for p in phrases if ref.phrase(p)) > 1500  # most phrases do occur


def test_chinese_quotes_and_traditional_characters(seed_index, ref):
    import opencc

    s2t = opencc.OpenCC("s2t")
    for phrase in ["人类命运共同体", "防控", "习近平", "疫", "1", "二十国集团"]:
        expected = ref.phrase(phrase)
        assert expected
        assert ids(seed_index, f"“{phrase}”") == expected
        assert ids(seed_index, f'"{s2t.convert(phrase)}"') == expected


def test_keyword_queries_miss_nothing_and_add_nothing(seed_index, ref, seed):
    """The expectation cuts query words with jieba's full dictionary directly."""
    queries = random_keyword_queries(seed.quotes, 1500)
    wrong = [query for query in queries if ids(seed_index, query) != ref.keywords(query)]
    assert wrong == []


def test_words_hidden_inside_longer_words_are_found(seed_index, ref):
    # jieba keeps 疫情防控 as one word in many sentences; 防控 must still find them.
    assert ids(seed_index, "防控") == ref.phrase("防控")
    assert ids(seed_index, "疫苗研发合作") == ref.all_words(["疫苗", "研发", "合作"])


@pytest.mark.parametrize(
    ("query", "needles"),
    [
        ("中俄", ["中俄"]),  # single characters jieba leaves side by side stay together
        ("中美", ["中美"]),
        ("中俄关系", ["中俄关系"]),  # the full dictionary keeps it whole; the corpus has none
        ("疫苗研发合作", ["疫苗", "研发", "合作"]),
        ("人类命运共同体", ["人类命运共同体"]),
    ],
)
def test_query_words_are_cut_as_the_full_dictionary_cuts_them(seed_index, ref, query, needles):
    assert seed_index.builder.words_of(query) == needles
    assert ids(seed_index, query) == ref.all_words(needles) == ref.keywords(query)


def test_a_word_the_corpus_lacks_is_not_split_into_words_it_has(seed_index, seed):
    """中俄关系 occurs in no quote: the corpus dictionary would cut it into 中, 俄, 关系,
    which several quotes hold apart; the full dictionary keeps it whole."""
    corpus_cut = [w for w in seed_index.segmenter.words("中俄关系")]
    assert corpus_cut != ["中俄关系"]
    assert ids(seed_index, "中俄关系") == set()
    assert ids(seed_index, " ".join(corpus_cut))  # the pieces alone do occur


def test_whole_words_rank_above_parts_of_longer_words(seed_index, ref, seed):
    """For one-word queries, every quote where jieba cut the word out whole scores
    above every quote that holds it only inside a longer word."""
    from indexer.analysis.normalize import fold, normalize

    segmenter = seed_index.segmenter
    whole: dict[str, set[str]] = {}
    for q in seed.quotes:
        for word in segmenter.words(fold(q.text)):
            word = normalize(word)
            if len(word) >= 2:
                whole.setdefault(word, set()).add(q.id)
    checked = 0
    for word, holders in sorted(whole.items()):
        partial = ref.phrase(word) - holders
        if not partial or checked >= 150 or seed_index.builder.words_of(word) != [word]:
            continue
        checked += 1
        hits = seed_index.search(SearchRequest(query=word, limit=1000)).hits
        scores = {h.quote.id: h.score for h in hits}
        assert min(scores[i] for i in holders) > max(scores[i] for i in partial), word
    assert checked >= 50


def test_phrases_with_digits_and_across_punctuation(seed_index, ref, seed):
    """Every substring of up to 8 characters that starts at a digit or a punctuation mark."""
    import re

    phrases = set()
    for q in seed.quotes:
        for m in re.finditer(r"[0-9，。、“”：；（）]", q.text):
            for length in range(1, 9):
                phrases.add(q.text[m.start() : m.start() + length].replace("\n", " "))
    phrases = sorted(p for p in phrases if normalize(p) and '"' not in p)
    assert len(phrases) > 3000
    assert [p for p in phrases if ids(seed_index, f'"{p}"') != ref.phrase(p)] == []
