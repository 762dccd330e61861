"""A folder the user named gets only what they build (issue 22, failure 14): after a
first build that failed, ``yulu search --index-dir X`` used to build the bundled corpus
into X quietly; now it says there is no index there and how to build one. The default
index (no ``--index-dir``) is still built on first use, and the library's
``QuoteIndex.open`` still builds a missing index unless told not to."""

from __future__ import annotations

import pytest
from reliability_kit import error_lines, run, small_corpus

from indexer.errors import IndexNotFound
from indexer.index.store import IndexStore
from indexer.pipeline import build
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex


def failed_first_build(root, corpus, monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(build, "_build", fail)
        result = run("index", corpus, "--index-dir", root)
    assert result.exit_code == 1
    assert sorted(p.name for p in root.iterdir()) == ["LOCK"]


@pytest.mark.parametrize(
    "command", [["search", "合作"], ["show", "0123456789ab"], ["facets", "leader"]]
)
def test_a_named_folder_left_by_a_failed_build_is_not_given_the_bundled_corpus(
    tmp_path, monkeypatch, command
):
    root = tmp_path / "X"
    corpus = small_corpus(tmp_path / "c")
    failed_first_build(root, corpus, monkeypatch)
    result = run(*command, "--index-dir", root)
    assert result.exit_code == 1, result.output
    [line] = error_lines(result.stderr)
    assert line == f"Error: no index at {root}; build one with: yulu index PATH… --index-dir {root}"
    assert sorted(p.name for p in root.iterdir()) == ["LOCK"]  # nothing built there
    assert run("index", corpus, "--index-dir", root).exit_code == 0  # what it says to do
    assert run("search", "疫情", "--index-dir", root).exit_code == 0


def test_an_empty_named_folder_is_not_given_the_bundled_corpus(tmp_path):
    root = tmp_path / "new"
    result = run("search", "合作", "--index-dir", root)
    assert result.exit_code == 1
    assert "no index at" in result.stderr and not root.exists()
    with pytest.raises(IndexNotFound):
        QuoteIndex.open(root, build_bundled=False)


def test_a_named_folder_whose_build_of_the_bundled_corpus_was_cut_short_is_built(tmp_path):
    root = tmp_path / "ix"
    build_index(root)  # asked for: yulu index --index-dir ix
    (root / "CURRENT").unlink()
    for generation in IndexStore(root).generations():
        (generation / "manifest.json").unlink()  # as if killed before publishing
    assert run("search", "合作", "--index-dir", root).exit_code == 0
