"""A live index is never changed in place (issue 22, failure 8 and item 7): a published
generation's files are read-only, and an open index that finds one of its files cut
short or written to (a ``stat`` before each search, before any mapped page is touched)
stops with one line naming the file and the fix: a 503 from ``yulu serve``, which keeps
running (it used to die of SIGBUS, exit 135, or answer ``"total": 0``), and
:class:`IndexDamaged` from the library."""

from __future__ import annotations

import json
import os
import stat

import pytest
from reliability_kit import run, small_corpus
from web_kit import Server

from indexer.errors import IndexDamaged
from indexer.index.store import IndexStore
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest

QUERY = "/api/search?q=合作&limit=1"


def largest_sidecar(root):
    return max(IndexStore(root).current().glob("*.side"), key=lambda p: p.stat().st_size)


def shift_in_place(path, by: int = 64) -> None:
    """Move the bytes after the header along by ``by`` (same size, same file)."""
    size = path.stat().st_size
    start = 4096 if size > 8192 else size // 2
    path.chmod(0o600)  # read-only as published: as its owner would, on purpose
    with path.open("r+b") as handle:
        handle.seek(start)
        body = handle.read()
        handle.seek(start)
        handle.write(body[-by:] + body[:-by])


def test_a_published_generation_is_read_only(tmp_path):
    root = tmp_path / "ix"
    build_index(root, [small_corpus(tmp_path / "c")])
    generation = IndexStore(root).current()
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in generation.iterdir()}
    assert set(modes.values()) == {0o400}, modes
    assert stat.S_IMODE(generation.stat().st_mode) == 0o700


@pytest.mark.parametrize("how", ["shifted", "cut"])
def test_the_library_stops_at_a_file_changed_under_an_open_index(tmp_path, how):
    root = tmp_path / "ix"
    build_index(root, [small_corpus(tmp_path / "c")])
    with QuoteIndex.open(root) as ix:
        total = ix.search(SearchRequest("疫情")).total
        assert total > 0
        side = largest_sidecar(root)
        if how == "cut":
            side.chmod(0o600)
            os.truncate(side, 200)
        else:
            shift_in_place(side)
        with pytest.raises(IndexDamaged) as caught:
            ix.search(SearchRequest("疫情"))
        message = str(caught.value)
        assert side.name in message and "yulu index --rebuild" in message
        assert "\n" not in message


def test_a_file_touched_but_not_changed_is_searched_on(tmp_path):
    root = tmp_path / "ix"
    build_index(root, [small_corpus(tmp_path / "c")])
    with QuoteIndex.open(root) as ix:
        total = ix.search(SearchRequest("疫情")).total
        os.utime(largest_sidecar(root))  # a new time, the same bytes: checked, then used
        assert ix.search(SearchRequest("疫情")).total == total


def test_the_server_answers_503_and_keeps_running_when_a_mapped_file_changes(tmp_path):
    root = tmp_path / "ix"
    build_index(root)
    server = Server(root)
    try:
        status, body = server.get(QUERY)
        assert status == 200
        total = json.loads(body)["total"]
        side = largest_sidecar(root)
        shift_in_place(side)  # same size: used to answer 200 with "total": 0
        status, body = server.get(QUERY)
        assert status == 503, body
        message = json.loads(body)["error"]
        assert side.name in message and "yulu index --rebuild" in message
        os.truncate(side, 4096)  # used to kill the server with SIGBUS (unlocked above)
        for _ in range(3):
            status, body = server.get(QUERY)
            assert status == 503, body
            assert f"{side.name}: cut short" in json.loads(body)["error"]
        status, _ = server.get("/")
        assert status == 503
        assert server.process.poll() is None
        assert run("index", "--rebuild", "--index-dir", root).exit_code == 0
        status, body = server.get(QUERY)
        assert status == 200 and json.loads(body)["total"] == total
    finally:
        code, _, err = server.stop()
    assert code == 0, err
    assert "Traceback" not in err
