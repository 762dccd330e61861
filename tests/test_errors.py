"""Errors that tell the truth: what happened, not a guess."""

from __future__ import annotations

import pytest

from indexer.errors import IndexOutdated, YuluError


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (PermissionError(13, "Permission denied", "/ix/g1/MAIN_x.seg"), "permission denied"),
        (EOFError("truncated"), "is damaged (EOFError)"),
    ],
)
def test_opening_a_searcher_says_what_went_wrong(seed_index_dir, monkeypatch, failure, message):
    from indexer.index.access import open_index
    from indexer.search.service import QuoteIndex

    handle = open_index(seed_index_dir)

    def fail():
        raise failure

    monkeypatch.setattr(handle.whoosh, "searcher", fail)
    with pytest.raises(YuluError) as info:
        QuoteIndex(handle)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert isinstance(info.value, IndexOutdated) == (message != "permission denied")
