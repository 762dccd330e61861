"""Nothing of ours or jieba's goes to the shared temporary directory."""

from __future__ import annotations

import tempfile

from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest


def test_build_and_search_leave_the_temp_dir_alone(tmp_path, monkeypatch):
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    monkeypatch.setenv("TMPDIR", str(shared))
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    from indexer.analysis import segment

    segment._full_segmenter.cache_clear()  # load jieba's dictionary afresh
    segment._query_segmenter.cache_clear()  # and write its mapped copy for queries
    root = tmp_path / "ix"
    build_index(root, procs=2)
    with QuoteIndex.open(root) as ix:
        assert ix.search(SearchRequest(query="合作", facets=["counterpart"])).total > 0
    assert list(shared.iterdir()) == []
    jieba_cache, query_dictionary = sorted(p.name for p in (cache / "yulu").iterdir())
    assert jieba_cache.startswith("jieba-") and jieba_cache.endswith(".cache")
    assert query_dictionary.startswith("querydict-") and query_dictionary.endswith(".bin")
    assert (cache / "yulu").stat().st_mode & 0o077 == 0  # private to the user
