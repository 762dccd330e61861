"""The trust boundary: what yulu creates is private to the user whatever the umask, and
an index directory (code, since Whoosh pickles its table of contents) that another user
can write to, or that belongs to someone else, is refused in one line unless
``--trust-index`` says otherwise."""

from __future__ import annotations

import os
import stat

import pytest
from reliability_kit import error_lines, run, small_corpus

from indexer.errors import IndexUntrusted
from indexer.index.store import IndexStore
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex
from indexer.search.request import SearchRequest


@pytest.fixture
def corpus(tmp_path):
    return small_corpus(tmp_path / "corpus")


@pytest.fixture
def umask_000():
    previous = os.umask(0)
    yield
    os.umask(previous)


def modes(root):
    return {
        str(p.relative_to(root.parent)): stat.S_IMODE(p.stat().st_mode)
        for p in [root, *root.rglob("*")]
    }


def test_everything_created_is_private_under_umask_000(tmp_path, corpus, umask_000, monkeypatch):
    from indexer.analysis import segment

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    segment._full_segmenter.cache_clear()  # the jieba cache is written afresh too
    segment._query_segmenter.cache_clear()  # and the mapped dictionary builds cut with
    from indexer.paths import index_dir_for

    root = index_dir_for([corpus])  # PATHS without --index-dir: the corpus's own index
    assert root.parent == tmp_path / "data" / "yulu" / "indexes"
    assert run("index", corpus).exit_code == 0
    for folder in (tmp_path / "data", tmp_path / "cache"):
        found = modes(folder)
        wrong = {p: oct(m) for p, m in found.items() if m not in (0o700, 0o600, 0o400)}
        assert not wrong, wrong
    assert modes(root)[f"{root.name}/{IndexStore(root).current().name}"] == 0o700
    live = IndexStore(root).current().name
    files = {p: oct(m) for p, m in modes(root).items() if (root.parent / p).is_file()}
    assert {m for p, m in files.items() if f"/{live}/" not in p} == {"0o600"}
    assert {m for p, m in files.items() if f"/{live}/" in p} == {"0o400"}  # read-only
    segment._full_segmenter.cache_clear()
    segment._query_segmenter.cache_clear()


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o757])
def test_an_index_others_can_write_to_is_refused(tmp_path, corpus, mode):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    os.chmod(root, mode)
    for command in (["search", "合作"], ["index"], ["index", "--check"], ["facets", "leader"]):
        result = run(*command, "--index-dir", root)
        assert result.exit_code == 1, result.output
        [line] = error_lines(result.stderr)
        assert line.startswith(f"Error: refusing to open the index at {root}: ")
        assert f"is writable by other users (mode {mode:04o})" in line
        assert f"chmod -R go-w {root}" in line and "--trust-index" in line
        trusted = run(*command, "--index-dir", root, "--trust-index")
        assert trusted.exit_code == 0, trusted.output
    with pytest.raises(IndexUntrusted):
        QuoteIndex.open(root)
    QuoteIndex.open(root, trust=True).close()


def test_a_writable_file_inside_the_index_is_refused(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    toc = next(IndexStore(root).current().glob("*.toc"))
    os.chmod(toc, 0o666)
    result = run("search", "合作", "--index-dir", root)
    assert result.exit_code == 1
    assert f"{toc} is writable by other users (mode 0666)" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a directory away needs root")
def test_an_index_owned_by_someone_else_is_refused(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    stranger = 54321
    os.chown(root, stranger, stranger)
    result = run("search", "合作", "--index-dir", root)
    assert result.exit_code == 1
    assert f"{root} is owned by uid {stranger}, not by you" in result.stderr
    assert "build your own index" in result.stderr
    assert run("search", "合作", "--index-dir", root, "--trust-index").exit_code == 0
    os.chown(root, 0, 0)
    planted = IndexStore(root).current()
    os.chown(planted, stranger, stranger)
    assert f"{planted} is owned by uid {stranger}" in run("index", "--index-dir", root).stderr


def test_trust_is_one_argument_from_the_server_door_to_the_index(tmp_path, corpus, monkeypatch):
    """``yulu serve --trust-index`` hands ``trust=True`` to the pool, which opens (and
    checks) every index with it; without it the pool refuses the index."""
    from indexer.web import server
    from indexer.web.pool import IndexPool

    root = tmp_path / "ix"
    build_index(root, [corpus])
    os.chmod(root, 0o777)
    with pytest.raises(IndexUntrusted):
        IndexPool(root, size=1)
    pool = IndexPool(root, size=1, trust=True)
    with pool.index() as ix:
        assert ix.search(SearchRequest()).total > 0
    pool.close()
    seen = {}
    monkeypatch.setattr(server, "serve", lambda *a, **k: seen.update(k))
    assert run("serve", "--index-dir", root, "--trust-index").exit_code == 0
    assert seen["trust"] is True
    assert run("serve", "--index-dir", root).exit_code == 0
    assert seen["trust"] is False
