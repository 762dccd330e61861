"""The library's public API, as the README shows it."""

from __future__ import annotations

import subprocess
import sys

import indexer


def test_public_api_round_trip(tmp_path, seed):
    from indexer import QuoteIndex, SearchRequest, build_index, parse_paths

    records = parse_paths([indexer.paths.bundled_corpus()]).quotes
    assert [q.id for q in records] == [q.id for q in seed.quotes]
    report = build_index(tmp_path / "ix")
    assert report.quotes == len(records) and not report.incremental
    with QuoteIndex.open(tmp_path / "ix") as ix:
        results = ix.search(
            SearchRequest('"人类命运共同体"', filters={"counterpart": ["普京"]}, facets=["country"])
        )
        assert [h.quote.line for h in results.hits] == [155]
        assert results.to_dict()["facets"] == {"country": {"俄罗斯": 1}}
    assert set(indexer.__all__) <= set(dir(indexer)) | set(indexer._LAZY)


def test_paths_may_be_strings_and_the_records_iterate(seed):
    from indexer import parse_paths

    folder = str(indexer.paths.bundled_corpus())
    assert [q.id for q in parse_paths(folder)] == [q.id for q in seed.quotes]
    assert [q.id for q in parse_paths([folder])] == [q.id for q in seed.quotes]


def test_parsing_does_not_load_the_search_stack():
    code = (
        "import sys, indexer.cli; indexer.cli.main; "  # the commands are set up on first use
        "print('whoosh' in sys.modules, 'jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_build_index_takes_strings(tmp_path, seed):
    from indexer import QuoteIndex, SearchRequest, build_index

    report = build_index(str(tmp_path / "ix"), [str(indexer.paths.bundled_corpus())])
    assert report.quotes == len(seed.quotes)
    with QuoteIndex.open(tmp_path / "ix") as ix:
        assert ix.search(SearchRequest(limit=0)).total == len(seed.quotes)


def test_open_takes_a_string_and_search_gives_every_hit(seed_index_dir):
    from indexer import QuoteIndex, SearchRequest

    with QuoteIndex.open(str(seed_index_dir)) as ix:
        whole = ix.search("合作", limit=None)
        assert whole.total > 10 and len(whole) == whole.total == len(whole.hits)
        assert [h.quote.id for h in whole] == [h.quote.id for h in whole.hits]
        assert ix.search(SearchRequest("合作", limit=None)).to_dicts() == whole.to_dicts()
        assert whole.to_dict()["request"]["limit"] is None
        assert len(ix.search("合作")) == 10  # the default page
        narrowed = ix.search("合作", counterpart="普京", limit=None)
        assert narrowed.total == len(narrowed) > 0
        assert all(any(c.name == "普京" for c in h.quote.counterparts) for h in narrowed)
        same = ix.search(SearchRequest("合作", filters={"counterpart": ["普京"]}, limit=None))
        assert same.to_dicts() == narrowed.to_dicts()


def test_hits_are_records_with_the_declared_fields(seed_index):
    import dataclasses

    from indexer import Hit, Quote

    hit = seed_index.search("合作", limit=1).hits[0]
    assert isinstance(hit, Hit) and isinstance(hit.quote, Quote)
    assert dataclasses.is_dataclass(hit) and dataclasses.is_dataclass(hit.quote)
    row = seed_index.search("合作", limit=1).to_dicts()[0]
    assert set(row) == {"score", "snippet", "highlights"} | {
        f.name for f in dataclasses.fields(Quote)
    }


def test_to_pandas_has_the_csv_columns_typed(seed_index):
    pd = __import__("pytest").importorskip("pandas")
    from indexer.tools.export import HIT_COLUMNS

    results = seed_index.search("合作", limit=None)
    frame = results.to_pandas()
    assert list(frame.columns) == HIT_COLUMNS and len(frame) == results.total
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["id"].tolist() == [h.quote.id for h in results]
    exploded = frame.explode("names")
    assert len(exploded) >= len(frame)
