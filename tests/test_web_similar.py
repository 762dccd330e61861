"""Quotes related to a quote (``indexer.search.similar``) against the parsed records:
neighbours in document order, and the rarest shared words counted by brute force."""

from __future__ import annotations

from collections import Counter

import pytest
from brute import Reference

from indexer.errors import UnknownQuote
from indexer.search.similar import (
    MIN_WORD_CHARS,
    more_like_this,
    neighbours,
    rare_words,
    section_quotes,
)


def test_neighbours_are_the_quotes_before_and_after_in_the_section(seed_index, seed):
    by_place: dict[tuple, list] = {}
    for quote in seed.quotes:
        by_place.setdefault((quote.source, quote.part_no, quote.section_no), []).append(quote)
    for quote in seed.quotes:
        section = sorted(
            by_place[(quote.source, quote.part_no, quote.section_no)], key=lambda q: q.line
        )
        at = section.index(quote)
        assert section_quotes(seed_index, quote) == section
        before, after = neighbours(seed_index, quote, count=2)
        assert before == section[max(0, at - 2) : at]
        assert after == section[at + 1 : at + 3]


def test_neighbours_after_an_update_are_the_live_quotes_only(tmp_path, seed):
    """An incremental update deletes a document's old quotes and adds them again: the
    section lists each live quote once, as the re-parsed document has them."""
    import shutil

    from indexer.documents.parser import parse_paths
    from indexer.paths import bundled_corpus
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), corpus)
    index = tmp_path / "index"
    build_index(index, [corpus])
    document = next(corpus.glob("*.txt"))
    document.write_text(
        document.read_text(encoding="utf-8")
        + "\n中方愿同各方一道，加强测试合作。\n——3月31日，习近平考察\n",
        encoding="utf-8",
    )
    build_index(index, [corpus])
    records = parse_paths([corpus]).quotes
    assert len(records) == len(seed.quotes) + 1
    with QuoteIndex.open(index) as ix:
        for quote in records[::7] + records[-1:]:
            place = (quote.source, quote.part_no, quote.section_no)
            section = sorted(
                (q for q in records if (q.source, q.part_no, q.section_no) == place),
                key=lambda q: q.line,
            )
            assert section_quotes(ix, quote) == section
            before, after = neighbours(ix, quote)
            at = section.index(quote)
            assert before == section[max(0, at - 1) : at] and after == section[at + 1 : at + 2]


def test_a_section_title_used_in_two_parts_keeps_its_parts_apart(seed_index, seed):
    titles = Counter((q.section, q.part_no) for q in seed.quotes)
    shared = {s for s, _ in titles if sum(1 for t, _ in titles if t == s) > 1}
    assert shared  # 关于维护全球经济金融稳定 is a section of parts 二 and 三
    for quote in (q for q in seed.quotes if q.section in shared):
        assert {q.part_no for q in section_quotes(seed_index, quote)} == {quote.part_no}


def test_unknown_quotes_are_an_error(seed_index, seed):
    from dataclasses import replace

    with pytest.raises(UnknownQuote):
        neighbours(seed_index, replace(seed.quotes[0], id="0000"))


@pytest.fixture(scope="module")
def word_sets(seed_index, seed):
    """The words every quote holds in the index, read back from the word field's
    postings (term by term, not by cutting the text again)."""
    reader = seed_index.reader
    words: dict[str, set[str]] = {q.id: set() for q in seed.quotes}
    for term in reader.field_terms(seed_index.spec.words):
        for docnum in reader.postings(seed_index.spec.words, term).all_ids():
            words[seed_index.quote_at(docnum).id].add(term)
    return words


def test_rare_words_are_the_quotes_words_held_by_fewest_other_quotes(seed_index, seed, word_sets):
    frequency = Counter(w for words in word_sets.values() for w in words)
    for quote in seed.quotes[::7]:
        words = rare_words(seed_index, quote, count=6)
        eligible = sorted(
            (w for w in word_sets[quote.id]
             if len(w) >= MIN_WORD_CHARS and w.isalnum() and frequency[w] > 1),
            key=lambda w: (frequency[w], -len(w), w),
        )  # fmt: skip
        assert words == eligible[:6], quote.id


def test_more_like_this_finds_other_quotes_holding_those_words(seed_index, seed):
    texts = Reference(seed.quotes).texts
    for quote in seed.quotes[::9]:
        related = more_like_this(seed_index, quote, limit=4)
        ids = [hit.quote.id for hit in related.hits]
        assert quote.id not in ids and len(ids) == len(set(ids)) <= 4
        holders = {
            i for i, t in texts.items() if i != quote.id and any(w in t for w in related.words)
        }
        assert set(ids) <= holders
        assert len(ids) == min(4, len(holders)), quote.id
        for hit in related.hits:
            assert hit.highlights, "the shared words are marked"
