"""Concurrent use: first searches racing on an empty index directory, writers racing
on one index (threads and processes), searches during rebuilds, the writer lock with
and without ``--no-wait``, and readers that find their generation gone."""

from __future__ import annotations

import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from brute import Reference
from reliability_kit import EXTRA, add_document, error_lines, run, small_corpus, spawn

from indexer.documents.parser import parse_paths
from indexer.errors import IndexBusy, IndexDamaged
from indexer.index.locking import WriterLock
from indexer.index.store import IndexStore
from indexer.pipeline.build import build_index
from indexer.pipeline.opening import check_index, open_index
from indexer.search import QuoteIndex, SearchRequest

PHRASE = "疫情防控"


@pytest.fixture
def corpus(tmp_path):
    return small_corpus(tmp_path / "corpus")


def hits(root, phrase=PHRASE, **options):
    with QuoteIndex.open(root, **options) as ix:
        return {h.quote.id for h in ix.search(SearchRequest(f'"{phrase}"', limit=1000)).hits}


def test_six_first_searches_in_threads(tmp_path, seed):
    """Six threads search an empty index directory at once: one builds, the others
    wait for it and read it; all six answer exactly."""
    root = tmp_path / "ix"
    barrier = threading.Barrier(6)

    def first_search(_):
        barrier.wait()
        return hits(root, "人类命运共同体")

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(first_search, range(6)))
    assert results == [Reference(seed.quotes).phrase("人类命运共同体")] * 6
    assert len(list(root.glob("g*"))) == 1


def test_six_first_searches_as_processes(tmp_path):
    data = tmp_path / "data"
    env = {"XDG_DATA_HOME": str(data)}
    procs = [spawn("search", "人类命运共同体", "--json", "--limit", "3", env=env) for _ in range(6)]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 6, [err for _, err in outputs]
    totals = {json.loads(out)["total"] for out, _ in outputs}
    assert totals == {16}
    assert all("Traceback" not in err for _, err in outputs)
    assert sum("waiting for the build running on" in err for _, err in outputs) >= 1
    [home] = (data / "yulu" / "indexes").iterdir()  # the bundled corpus's index
    assert len(list(home.glob("g*"))) == 1


def test_writers_in_threads_take_turns(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    add_document(corpus)
    with ThreadPoolExecutor(4) as pool:
        reports = list(pool.map(lambda _: build_index(root, [corpus], rebuild=True), range(4)))
    assert [r.quotes for r in reports] == [7] * 4
    assert check_index(root).quotes == 7
    assert len(list(root.glob("g*"))) == 2  # the live one and the one before


def test_incremental_writers_in_processes_do_not_share_a_lock(tmp_path, corpus):
    """Two incremental builds at once (the issue's raw LockError): they take turns, and
    the index ends with exactly the current quotes; each generation has its own
    Whoosh lock file, while segments are shared by hard links."""
    root = tmp_path / "ix"
    build_index(root, [corpus])
    base = IndexStore(root).current()
    for n in range(2):
        add_document(corpus, f"extra{n}", EXTRA.replace("测试用例", f"样例{n}"))
    procs = [spawn("index", corpus, "--index-dir", root) for _ in range(2)]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    assert not any("LockError" in err or "Traceback" in err for _, err in outputs)
    assert check_index(root).quotes == 8
    new = IndexStore(root).current()
    lock, base_lock = (g / "MAIN_WRITELOCK" for g in (new, base))
    if base_lock.exists():
        assert lock.stat().st_ino != base_lock.stat().st_ino
    shared = [p.name for p in base.glob("*.pst") if (new / p.name).exists()]
    assert shared and all((new / n).stat().st_ino == (base / n).stat().st_ino for n in shared)


def test_no_wait_names_the_running_build(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    with WriterLock(root):
        result = run("index", "--no-wait", "--index-dir", root)
        assert result.exit_code == 1
        [line] = error_lines(result.stderr)
        assert line.startswith(f"Error: another build is running on the index at {root} (pid ")
        assert f"pid {os.getpid()}, started 20" in line
        assert "without --no-wait to wait for it" in line
        with pytest.raises(IndexBusy):
            build_index(root, wait=False)


def test_a_second_writer_waits_and_says_so(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    add_document(corpus)
    held = threading.Event()

    def hold():
        with WriterLock(root):
            held.set()
            time.sleep(1.0)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    started = time.monotonic()
    result = run("index", "--index-dir", root)
    holder.join()
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 0.5
    assert f"yulu: waiting for the build running on {root} (pid {os.getpid()}" in result.stderr
    assert hits(root, "测试用例")


def test_searches_during_rebuilds_always_see_a_whole_index(tmp_path, corpus):
    """Searches opened while builds publish and collect generations: each one succeeds
    (retrying once if its generation vanished) and answers exactly."""
    root = tmp_path / "ix"
    build_index(root, [corpus])
    expected = Reference(parse_paths([corpus]).quotes).phrase(PHRASE)
    stop = threading.Event()
    answers = []

    def search_loop():
        while not stop.is_set():
            answers.append(hits(root))

    searchers = [threading.Thread(target=search_loop) for _ in range(2)]
    for thread in searchers:
        thread.start()
    try:
        for _ in range(6):
            build_index(root, [corpus], rebuild=True)
    finally:
        stop.set()
        for thread in searchers:
            thread.join()
    assert len(answers) >= 6 and all(a == expected for a in answers)


def test_a_reader_retries_once_when_its_generation_vanishes(tmp_path, corpus, monkeypatch):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    gone = IndexStore(root).current()
    build_index(root, [corpus], rebuild=True)
    build_index(root, [corpus], rebuild=True)
    assert not gone.exists()  # two publishes later, collected
    real = IndexStore.current
    calls = []

    def stale_then_real(self):
        calls.append(1)
        return gone if len(calls) == 1 else real(self)

    monkeypatch.setattr(IndexStore, "current", stale_then_real)
    handle = open_index(root)
    assert handle.generation == real(IndexStore(root)) and len(calls) == 2
    handle.close()

    monkeypatch.setattr(IndexStore, "current", lambda self: gone)  # CURRENT really is wrong
    with pytest.raises(IndexDamaged, match=f"CURRENT names {gone.name}, which is missing"):
        open_index(root)
