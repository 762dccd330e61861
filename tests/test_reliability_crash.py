"""Crash safety: kill -9, SIGTERM and Ctrl-C during builds large enough to use writer
processes (ten copies of the seed), and a crash at each step of publishing (as SQLite's
crash tests do: stop the process dead between two writes). Afterwards no writer
process is left, the old or the new index answers correctly, and the next ``yulu
index`` proceeds by itself and leaves nothing behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from brute import Reference
from reliability_kit import (
    EXTRA,
    YULU,
    Forked,
    add_document,
    children,
    error_lines,
    leftovers,
    run,
    running,
    small_corpus,
    wait_for,
)

from indexer.documents.parser import parse_paths
from indexer.errors import BuildFailed, StorageError
from indexer.index import workers
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest

sys.path.append(str(Path(__file__).resolve().parent.parent))  # the installed indexer first
from benchmarks.synth import make_corpus

PHRASE = "人类命运共同体"


def phrase_hits(root, phrase):
    with QuoteIndex.open(root, check_fresh=False) as ix:
        return {h.quote.id for h in ix.search(SearchRequest(f'"{phrase}"', limit=1000)).hits}


def search_json(root, query):
    result = subprocess.run(
        [*YULU, "search", query, "--json", "--limit", "0", "--index-dir", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


# Writer processes that fail


@pytest.fixture
def small(tmp_path):
    folder = small_corpus(tmp_path / "corpus")
    root = tmp_path / "ix"
    build_index(root, [folder])
    return folder, root


def live_children():
    return [pid for pid in children(os.getpid()) if running(pid)]


def test_a_writer_process_that_fails_to_write_fails_the_build(small, monkeypatch):
    import errno

    folder, root = small
    before = (root / "CURRENT").read_text()

    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(workers._Worker, "write", full)
    with pytest.raises(StorageError, match="an index writer process failed: no space left"):
        build_index(root, [folder], rebuild=True, procs=2)
    assert wait_for(lambda: live_children() == [], timeout=10)
    assert (root / "CURRENT").read_text() == before and leftovers(root) == []


def test_a_writer_process_that_is_killed_fails_the_build(small, monkeypatch):
    folder, root = small
    before = (root / "CURRENT").read_text()

    def killed(self):
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(workers._Worker, "write", killed)
    with pytest.raises(BuildFailed, match=r"killed by signal 9 \(out of memory\?\); nothing was"):
        build_index(root, [folder], rebuild=True, procs=2)
    assert wait_for(lambda: live_children() == [], timeout=10)
    assert (root / "CURRENT").read_text() == before and leftovers(root) == []


# A crash at each step of publishing


@pytest.mark.parametrize("crash_at", range(4))
def test_a_crash_at_each_step_of_publishing(small, crash_at):
    """The child process builds and dies (no clean-up at all) before the manifest, the
    sources record, CURRENT, or right after CURRENT; the index is then the old one or
    the new one, whole, and the next build finishes the job and sweeps the rest."""
    from indexer.index import durable

    folder, root = small
    old = phrase_hits(root, "测试用例")
    add_document(folder)
    pid = os.fork()
    if pid == 0:  # the doomed build
        try:
            real, calls = durable.write_atomically, []

            def write_atomically(path, data):
                if len(calls) == crash_at:
                    os._exit(9)
                calls.append(path)
                real(path, data)
                if len(calls) == 3 == crash_at:
                    os._exit(9)

            durable.write_atomically = write_atomically
            from indexer.index import store

            store.write_atomically = write_atomically
            build_index(root, [folder], rebuild=True)
        finally:
            os._exit(9)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    published = phrase_hits(root, "测试用例")
    assert published in (old, set()) or len(published) == 1  # old (none) or new (one)
    assert (len(published) == 1) == (crash_at == 3)
    again = build_index(root)
    assert again.quotes == 7 and leftovers(root) == []
    assert len(phrase_hits(root, "测试用例")) == 1


def test_leftovers_of_dead_processes_are_swept_and_running_ones_kept(small):
    folder, root = small
    sleeper = subprocess.Popen(["sleep", "60"])
    dead = subprocess.run(["true"]).args and 2**22 + 7  # beyond pid_max on most systems
    try:
        planted = {
            f"g{time.time_ns():x}-{dead}": "dead",
            f"g{time.time_ns() + 1:x}-{sleeper.pid}": "alive",
        }
        for name in planted:
            (root / name).mkdir()
            (root / name / "MAIN_x.seg").write_bytes(b"partial")
        (root / f"CURRENT.{dead}.tmp").write_text("g0-1\n")
        (root / f"sources.json.{dead}.tmp").write_text("{")
        (root / f"CURRENT.{sleeper.pid}.tmp").write_text("g0-1\n")
        add_document(folder)
        assert run("index", "--index-dir", root).exit_code == 0
        names = {p.name for p in root.iterdir()}
        alive = next(n for n, what in planted.items() if what == "alive")
        assert alive in names and f"CURRENT.{sleeper.pid}.tmp" in names
        assert not {n for n, what in planted.items() if what == "dead"} & names
        assert f"CURRENT.{dead}.tmp" not in names and f"sources.json.{dead}.tmp" not in names
    finally:
        sleeper.kill()
        sleeper.wait()


def test_everything_published_is_flushed_to_disk(small, monkeypatch):
    """fsync of every file of the generation, of the manifest, the sources record and
    CURRENT, and of the directories holding them, before CURRENT names the generation."""
    folder, root = small
    flushed = []
    real = os.fsync

    def fsync(fd):
        flushed.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    add_document(folder)
    build_index(root, [folder])
    generation = (root / "CURRENT").read_text().split()[0]
    gen = str(root / generation)
    must = [f"{gen}/manifest.json", f"{gen}/segdict.txt", str(root / "sources.json"),
            str(root / "CURRENT"), gen, str(root)]  # fmt: skip
    must += [str(p) for p in (root / generation).glob("*.pst")]
    for path in must:
        assert any(f == path or f.startswith(f"{path}.") for f in flushed), path
    assert flushed.index(str(root)) > max(flushed.index(f) for f in flushed if f.startswith(gen))


# kill -9, SIGTERM and Ctrl-C during a build with writer processes


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """Ten copies of the seed (1,250 quotes: the build uses writer processes), indexed;
    the brute-force answer to a phrase."""
    base = tmp_path_factory.mktemp("big")
    folder = make_corpus(base / "Corpus", 10)
    root = base / "ix"
    build_index(root, [folder])
    expected = Reference(parse_paths([folder]).quotes).phrase(PHRASE)
    assert len(expected) > 100
    return folder, root, expected


def interrupt_when_writing(tmp_path, root, how):
    """Start ``yulu index --rebuild``, send ``how`` once its writer processes run, and
    return (the process, its writer processes)."""
    proc = Forked(tmp_path, "index", "--rebuild", "--index-dir", root)
    assert wait_for(lambda: len(children(proc.pid)) >= 2 or proc.poll() is not None, 120)
    workers = children(proc.pid)
    assert proc.poll() is None and len(workers) >= 2, proc.stderr
    time.sleep(0.2)
    how(proc.pid)
    proc.wait()
    return proc, workers


def no_orphans(workers):
    assert wait_for(lambda: not any(running(pid) for pid in workers), timeout=10), workers


def recovers(folder, root, expected, stamp):
    """The index still answers (the old corpus), and the next bare ``yulu index`` takes
    in a new document, sweeps every leftover and answers exactly."""
    assert phrase_hits(root, PHRASE) == expected
    add_document(folder, "extra" + stamp, EXTRA.replace("测试用例", "测试用例" + stamp))
    result = run("index", "--index-dir", root)
    assert result.exit_code == 0, result.output
    assert leftovers(root) == []
    assert len(phrase_hits(root, "测试用例" + stamp)) == 1
    assert phrase_hits(root, PHRASE) == expected


def test_kill_9_during_a_parallel_build(big, tmp_path):
    folder, root, expected = big
    before = (root / "CURRENT").read_text()
    proc, workers = interrupt_when_writing(tmp_path, root, lambda pid: os.kill(pid, 9))
    assert proc.returncode == -signal.SIGKILL
    no_orphans(workers)
    assert (root / "CURRENT").read_text() == before
    recovers(folder, root, expected, "甲")


@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_sigterm_and_ctrl_c_stop_a_parallel_build_cleanly(big, tmp_path, signum, code, word):
    """SIGTERM to the build, Ctrl-C to its whole process group (as a terminal sends it)."""
    folder, root, expected = big
    before = (root / "CURRENT").read_text()
    send = (lambda pid: os.kill(pid, signum)) if signum == signal.SIGTERM else (
        lambda pid: os.killpg(pid, signum))  # fmt: skip
    proc, workers = interrupt_when_writing(tmp_path, root, send)
    assert proc.returncode == code, proc.stderr
    assert error_lines(proc.stderr) == [
        f"yulu: {word}; the build was stopped; the index at {root} is as it was"
    ]
    assert "Traceback" not in proc.stderr
    no_orphans(workers)
    assert (root / "CURRENT").read_text() == before
    assert leftovers(root) == []  # its generation is gone at once
    recovers(folder, root, expected, "乙" if signum == signal.SIGTERM else "丙")
