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
