"""The sidecars beside Whoosh's segments, checked against Whoosh's own segments (its
postings, lengths, columns and stored records) on indexes with several segments,
deleted documents and merged segments; the suffix arrays against a scan; the array
posting pool against Whoosh's order; and the merge policy."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis.normalize import normalize
from indexer.index import writer as writer_module
from indexer.index.docvalues import quantised_lengths
from indexer.index.schema import decode_record, record_column
from indexer.index.sidebuilder import SideSpec
from indexer.index.substrings import encode, encode_needle, find, suffix_array
from indexer.index.writer import ArrayPostingPool
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest


@pytest.fixture(scope="module")
def updated(tmp_path_factory, seed_path):
    """An index updated after its build: a changed document (its old quotes deleted), a
    removed one, and single documents added one at a time with a merge factor of 3, so
    that small segments merge (deleted documents left out), and one of those changed."""
    base = tmp_path_factory.mktemp("updated")
    folder = base / "corpus"
    folder.mkdir()
    text = seed_path.read_text(encoding="utf-8")
    meta = seed_path.with_suffix(".toml").read_text(encoding="utf-8")

    def write(name, body=text):
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
        (folder / f"{name}.toml").write_text(meta, encoding="utf-8")

    for name in ("a", "b", "c"):
        write(name)
    root = base / "ix"
    build_index(root, [folder], procs=1)
    write("b", text.replace("合作", "协作"))
    (folder / "c.txt").unlink()
    (folder / "c.toml").unlink()
    assert build_index(root, [folder]).incremental
    factor = writer_module.MERGE_FACTOR
    writer_module.MERGE_FACTOR = 3
    try:
        for n in range(4):
            write(f"extra{n}", text.replace("疫情", f"疫情{n}"))
            assert build_index(root, [folder]).incremental
        write("extra1", text.replace("人民", "群众"))  # a document of a merged segment
        assert build_index(root, [folder]).incremental
    finally:
        writer_module.MERGE_FACTOR = factor
    return root, folder


@pytest.fixture(scope="module")
def updated_index(updated):
    with QuoteIndex.open(updated[0]) as ix:
        yield ix


def test_the_updated_index_has_merged_segments_and_deletions(updated_index):
    segments = updated_index.columns.segments
    assert len(segments) >= 2
    assert any(len(s.deleted) for s in segments)
    assert max(s.docs for s in segments) > 3 * 125  # more than any one build wrote
    assert updated_index.columns.live_count == 6 * 125


def leaves(ix):
    reader = ix.reader
    pairs = list(reader.leaf_readers())
    sides = {s.segment_id: s for s in ix.columns.segments}
    return [(leaf, offset, sides[leaf.segment().segment_id()]) for leaf, offset in pairs]


def test_each_sidecar_holds_what_whoosh_holds(updated_index):
    ix = updated_index
    spec = SideSpec.of(ix.spec)
    for leaf, offset, segment in leaves(ix):
        side = segment.side
        count = leaf.doc_count_all()
        assert side.docs == count and segment.offset == offset
        assert sorted(segment.deleted) == sorted(leaf.segment().deleted_docs())
        gone = set(segment.deleted)
        # the word field: every term's postings (Whoosh's matchers leave the deleted
        # documents out; its statistics count them, and so does the sidecar), the
        # lengths, the total length
        terms = list(leaf.field_terms(spec.words))
        assert len(side._words) == len(terms)
        for term in terms:
            m = leaf.postings(spec.words, term)
            ids, weights = [], []
            while m.is_active():
                ids.append(m.id())
                weights.append(m.weight())
                m.next()
            found = side.postings(term)
            assert found is not None and len(found.docs) == leaf.doc_frequency(spec.words, term)
            live = [i for i, d in enumerate(found.docs.tolist()) if d not in gone]
            assert found.docs[live].tolist() == ids, term
            assert found.weights[live].tolist() == pytest.approx(weights), term
        whoosh_lengths = [leaf.doc_field_length(d, spec.words) for d in range(count)]
        assert quantised_lengths(side.lengths.astype(np.int64)).tolist() == whoosh_lengths
        assert side.field_length == leaf.field_length(spec.words)
        # the exact and keyword fields: who holds each term
        for field in spec.term_fields:
            strings = side.terms(field)
            starts, ids = side.term_rows(field)
            holders: dict[str, set[int]] = {}
            for doc in sorted(set(range(count)) - gone):
                for i in ids[starts[doc] : starts[doc + 1]].tolist():
                    holders.setdefault(strings[i], set()).add(doc)
            expected = {t: set(leaf.postings(field, t).all_ids()) for t in leaf.field_terms(field)}
            assert holders == {t: d for t, d in expected.items() if d}, field
        # the single-valued facet fields as their columns, the date columns
        for field in spec.stored_fields:
            column = leaf.column_reader(field, translate=True)
            strings, ids = side.stored_values(field)
            got = [strings[i] if i >= 0 else "" for i in ids.tolist()]
            assert got == [column[d] or "" for d in range(count)], field
        for field in spec.date_fields:
            column = leaf.column_reader(field, translate=False)
            assert side.dates(field).tolist() == [column[d] for d in range(count)], field
        # the texts: each document's normalised record text, deleted ones included
        records = record_column(leaf, ix.spec)
        for doc in range(count):
            record = decode_record(records[doc])
            assert side.text(doc) == normalize(record["text"])


def test_the_suffix_arrays_find_what_a_scan_finds(updated_index):
    ix = updated_index
    rng = random.Random(4)
    texts = [ix.columns.text(n) for n in range(ix.columns.size)]
    for _ in range(300):
        text = rng.choice(texts)
        start = rng.randrange(max(1, len(text)))
        needle = text[start : start + rng.randint(1, 6)] or "中"
        if rng.random() < 0.2:
            needle += rng.choice("的国疫情人民合作")
        got = np.flatnonzero(ix.columns.containing(needle)).tolist()
        assert got == [n for n, t in enumerate(texts) if needle in t], needle


def test_field_values_match_whooshs_postings_and_columns(updated_index):
    """What facets count (a keyword field's terms, a single-valued field's column)
    against Whoosh's postings and columns read the way yulu read them before."""
    ix = updated_index
    reader = ix.reader
    size = reader.doc_count_all()
    for field in ix.spec.facets:
        if ix.spec[field].multivalued:
            expected: list[tuple[str, ...]] = [()] * size
            for term in reader.field_terms(field):
                for doc in reader.postings(field, term).all_ids():
                    expected[doc] = (*expected[doc], term)
        else:
            column = reader.column_reader(field, translate=True)
            expected = [(column[n],) if column[n] else () for n in range(size)]
        deleted = [reader.is_deleted(n) for n in range(size)]
        expected = [() if gone else values for values, gone in zip(expected, deleted, strict=True)]
        assert ix.values(field) == expected, field


def test_deleted_and_merged_documents_answer_as_a_scan(updated, updated_index):
    from brute import Reference

    from indexer.documents.parser import parse_paths

    quotes = parse_paths([updated[1]]).quotes
    ref = Reference(quotes)
    for phrase in ["协作", "合作", "疫情3", "疫情1", "群众", "人民", "中", "疫情防控"]:
        ranked, _ = updated_index.matches(SearchRequest(f'"{phrase}"'))
        got = {updated_index.quote_at(n).id for n, _ in ranked}
        assert got == ref.phrase(phrase), phrase


TEXTS = st.lists(
    st.text(alphabet=st.sampled_from("中国人民ab1😀\ud800，"), max_size=12), max_size=8
)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_suffix_array_search_is_a_scan(texts, data):
    encoded, starts = encode(texts)
    sa, da = suffix_array(encoded, starts)
    assert len(sa) == sum(len(t.encode("utf-16-be", "surrogatepass")) // 2 for t in texts)
    for _ in range(10):
        needle = data.draw(
            st.text(alphabet=st.sampled_from("中国人民ab1😀，"), min_size=1, max_size=3)
        )
        lo, hi = find(encoded, sa, encode_needle(needle))
        assert set(da[lo:hi].tolist()) == {i for i, t in enumerate(texts) if needle in t}


POSTING = st.tuples(
    st.sampled_from(["a", "b", "text"]),
    st.binary(max_size=3),
    st.integers(0, 50),
    st.floats(0.5, 4, allow_nan=False),
    st.sampled_from([b"", b"\x00\x00\x00\x01", b"\x00\x00\x00\x02"]),
)


@given(st.lists(st.integers(0, 2**31 - 1) | st.integers(0, 300), max_size=50))
def test_quantised_lengths_are_whooshs_byte_lengths(lengths):
    """What BM25 sees of a document's length: Whoosh's byte-rounded length, for any
    length (the longest beyond Whoosh's largest byte value included)."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    got = quantised_lengths(np.array(lengths, dtype=np.int64)).tolist()
    assert got == [byte_to_length(length_to_byte(n)) for n in lengths]


@settings(max_examples=200, deadline=None)
@given(st.lists(POSTING, max_size=60, unique_by=lambda p: (p[0], p[1], p[2])))
def test_the_array_pool_gives_whooshs_order(items):
    """Whoosh's pool sorts its posting tuples; the array pool gives the same stream."""
    pool = ArrayPostingPool()
    for item in items:
        pool.add(item)
    assert list(pool.iter_postings()) == sorted(items)


def test_a_full_build_in_processes_and_alone_give_the_same_index(tmp_path, seed_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a", "b"):
        shutil.copy(seed_path, folder / f"{name}.txt")
        shutil.copy(seed_path.with_suffix(".toml"), folder / f"{name}.toml")
    build_index(tmp_path / "one", [folder], procs=1)
    build_index(tmp_path / "two", [folder], procs=2)
    queries = ["合作", '"人类命运共同体"', "疫情 防控", "中", "counterpart:普京 OR 两国"]
    with QuoteIndex.open(tmp_path / "one") as one, QuoteIndex.open(tmp_path / "two") as two:
        assert len(two.columns.segments) == 2 and len(one.columns.segments) == 1
        for q in queries:
            left = one.search(SearchRequest(q, limit=1000, facets=["country"]))
            right = two.search(SearchRequest(q, limit=1000, facets=["country"]))
            assert left.total == right.total and left.facets == right.facets
            assert sorted((h.quote.id, h.score) for h in left.hits) == sorted(
                (h.quote.id, h.score) for h in right.hits
            )
