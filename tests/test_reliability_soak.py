"""The long soak (``pytest -m soak``; ``YULU_SOAK_ROUNDS``, default 30): builds of ten
copies of the seed killed (SIGKILL), terminated (SIGTERM) or interrupted (Ctrl-C to the
process group) at random moments, sometimes two at once, while searches run; random
bytes of the index flipped. After every round: no writer process is left, searches never
saw anything but a whole index (the old or the new answer), the next ``yulu index``
proceeds by itself and leaves nothing behind, and the index answers exactly."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from brute import Reference
from reliability_kit import (
    EXTRA,
    add_document,
    children,
    leftovers,
    run,
    running,
    spawn,
    wait_for,
)

from indexer.documents.parser import parse_paths
from indexer.errors import IndexDamaged, IndexOutdated
from indexer.pipeline.build import build_index
from indexer.pipeline.opening import check_index
from indexer.search import QuoteIndex, SearchRequest

sys.path.append(str(Path(__file__).resolve().parent.parent))  # the installed indexer first
from benchmarks.synth import make_corpus

pytestmark = pytest.mark.soak
PHRASE = "人类命运共同体"
ROUNDS = int(os.environ.get("YULU_SOAK_ROUNDS", "30"))


@pytest.fixture(autouse=True)
def only_when_asked(request):
    if "soak" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the soak runs with: pytest -m soak")


def answer(root):
    with QuoteIndex.open(root, check_fresh=False) as ix:
        found = ix.search(SearchRequest(f'"{PHRASE}"', limit=10_000)).hits
        extra = ix.search(SearchRequest('"测试用例"', limit=100)).total
    return frozenset(h.quote.id for h in found), extra


def test_soak_kills_signals_and_damage(tmp_path):
    rng = random.Random(int(os.environ.get("YULU_SOAK_SEED", "2020")))
    folder = make_corpus(tmp_path / "Corpus", 10)
    root = tmp_path / "ix"
    started = time.monotonic()
    build_index(root, [folder])
    full_build = time.monotonic() - started
    reference = frozenset(Reference(parse_paths([folder]).quotes).phrase(PHRASE))
    seen, failures = [], []
    stop = threading.Event()

    def searcher():
        while not stop.is_set():
            try:
                seen.append(answer(root))
            except (IndexDamaged, IndexOutdated) as exc:  # only when bytes were flipped
                seen.append(("damaged", str(exc)))
            except Exception as exc:
                failures.append(repr(exc))

    for round_no in range(ROUNDS):
        extras = round_no  # documents added before this round
        possible = {(reference, extras), (reference, extras + 1)}
        add_document(folder, f"extra{round_no}", EXTRA.replace("测试用例", "测试用例"))
        stop.clear()
        seen.clear()
        threads = [threading.Thread(target=searcher, daemon=True) for _ in range(2)]
        for thread in threads:
            thread.start()
        try:
            builds = [spawn("index", "--rebuild", "--index-dir", root)]
            if rng.random() < 0.3:
                builds.append(spawn("index", "--index-dir", root))
            # (a signal before Python has imported yulu gets Python's own traceback)
            first = builds[0]
            assert wait_for(
                lambda p=first: str(p.pid) in (root / "LOCK").read_text() or p.poll() is not None,
                120,
            )
            time.sleep(rng.uniform(0, full_build * 1.5))
            workers = [pid for proc in builds for pid in children(proc.pid)]
            how = rng.choice(["kill", "term", "int"])
            for proc in builds:
                if proc.poll() is None:
                    if how == "kill":
                        proc.kill()
                    elif how == "term":
                        proc.terminate()
                    else:
                        os.killpg(proc.pid, signal.SIGINT)
            for proc in builds:
                _, stderr = proc.communicate(timeout=600)
                assert "Traceback" not in stderr, stderr
                assert proc.returncode in (0, -9, 130, 143), (proc.returncode, stderr)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        assert not failures, failures
        assert wait_for(lambda ws=workers: not any(running(p) for p in ws), 15), workers
        assert set(seen) <= possible, (round_no, set(seen) - possible)

        result = run("index", "--index-dir", root)
        assert result.exit_code == 0, result.output
        assert leftovers(root) == []
        assert answer(root) == (reference, extras + 1)
        assert check_index(root).quotes == len(parse_paths([folder]).quotes)

        if round_no % 5 == 4:  # a random byte of a random file flipped, in a copy
            damaged = tmp_path / f"damaged{round_no}"
            shutil.copytree(root, damaged)
            generation = damaged / (damaged / "CURRENT").read_text().split()[0]
            victim = rng.choice(sorted(p for p in generation.iterdir() if p.stat().st_size))
            data = bytearray(victim.read_bytes())
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            victim.chmod(0o600)  # published files are read-only
            victim.write_bytes(bytes(data))
            searched = run("search", PHRASE, "--index-dir", damaged)
            assert searched.exit_code == 1 and searched.stderr.count("\n") == 1, searched.output
            assert f"{victim.name}: " in searched.stderr, searched.stderr
            assert run("index", "--rebuild", "--index-dir", damaged).exit_code == 0
            assert answer(damaged) == (reference, extras + 1)
            shutil.rmtree(damaged)
    assert os.listdir(root)
