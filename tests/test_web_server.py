"""A running ``yulu serve`` over loopback: many requests at once, a rebuild while it
serves, a clean stop on Ctrl-C, and one clear line when it cannot listen."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from indexer.index.build import build_index
from indexer.paths import bundled_corpus
from indexer.search.request import SearchRequest

#: The installed ``yulu`` beside this Python (a ``-c`` script would import the package
#: from the current directory instead: the source tree, not the installed wheel).
YULU = [shutil.which("yulu", path=str(Path(sys.executable).parent)) or "yulu"]
#: Generous bounds: the machine is shared, but nothing here may hang.
START_SECONDS, STOP_SECONDS, REQUEST_SECONDS = 120, 30, 60


class Server:
    """``yulu serve --port 0`` in a child process, and the URL it printed."""

    def __init__(self, index_dir, *extra: str) -> None:
        self.process = subprocess.Popen(
            [*YULU, "serve", "--index-dir", str(index_dir), "--port", "0", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=os.environ.copy(),
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        found: list[str] = []

        def read() -> None:
            found.append(self.process.stdout.readline())

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(START_SECONDS)
        line = found[0] if found else ""
        match = re.search(r"at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)", line)
        if not match:
            self.process.kill()
            _, err = self.process.communicate(timeout=STOP_SECONDS)
            raise AssertionError(f"no URL from yulu serve: {line!r} {err}")
        return match.group(1)

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            url = self.url + quote(path.lstrip("/"), safe="/?&=%:+")
            with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def stop(self) -> tuple[int, str, str]:
        """Ctrl-C, as a user would press it; the exit status and what it printed."""
        self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode, out, err


@pytest.fixture(scope="module")
def server(seed_index_dir):
    running = Server(seed_index_dir)
    yield running
    code, out, err = running.stop()
    assert code == 0, err
    assert out.strip().endswith("yulu: stopped")
    assert "Traceback" not in err


def api(params: dict) -> str:
    return "/api/search?" + urlencode(params, doseq=True)


def test_200_requests_from_8_threads_are_all_answered_right(server, seed_index, seed):
    """Each answer is compared with the same search run alone, in this process."""
    searches = [
        ({"q": "合作"}, SearchRequest("合作")),
        ({"q": "人类命运共同体", "facet": "country"}, SearchRequest("人类命运共同体", facets=["country"])),
        ({"q": '"疫情防控"', "limit": "50"}, SearchRequest('"疫情防控"', limit=50)),
        ({"counterpart": "普京", "sort": "date"}, SearchRequest(filters={"counterpart": ["普京"]}, sort="date")),
        ({"q": "支持", "country": ["美国", "德国"], "facet": ["leader", "event_type"]},
         SearchRequest("支持", filters={"country": ["美国", "德国"]}, facets=["leader", "event_type"])),
        ({"q": "中", "offset": "10", "limit": "20"}, SearchRequest("中", offset=10, limit=20)),
        ({"affairs": "domestic", "since": "2020-03-10"},
         SearchRequest(filters={"affairs": ["domestic"]}, since="2020-03-10")),
        ({"q": "合作 OR 支持", "sort": "date-asc", "limit": "30"},
         SearchRequest("合作 OR 支持", sort="date-asc", limit=30)),
    ]  # fmt: skip
    expected = {api(params): seed_index.search(request).to_dict() for params, request in searches}
    for record in seed.quotes[::10]:
        expected[f"/api/quotes/{record.id}"] = record.to_dict()
    paths = list(expected)
    pages = {"/?q=合作": seed_index.search(SearchRequest("合作", limit=0)).total,
             "/?counterpart=普京": seed_index.search(SearchRequest(filters={"counterpart": ["普京"]})).total}  # fmt: skip
    bad = {api({"q": '"未闭合'}): 400, "/api/quotes/0000": 404}
    work = [paths[i % len(paths)] for i in range(170)] + [*pages] * 10 + [*bad] * 5

    def answer(path: str):
        status, body = server.get(path)
        return path, status, body

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(answer, work))
    assert time.monotonic() - started < 300
    assert len(answers) == len(work) >= 200
    for path, status, body in answers:
        if path in expected:
            assert status == 200, path
            assert json.loads(body) == expected[path], path
        elif path in pages:
            assert status == 200
            total = int(re.search(rb'<strong class="count">(\d+)</strong>', body).group(1))
            assert total == pages[path], path
        else:
            assert status == bad[path] and "error" in json.loads(body)


def test_a_rebuild_while_serving_is_picked_up_and_never_half_served(tmp_path, seed):
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), corpus)
    index = tmp_path / "index"
    build_index(index, [corpus])
    running = Server(index)
    try:
        seed_total = len(seed.quotes)
        assert json.loads(running.get("/api/search?limit=0")[1])["total"] == seed_total
        source = next(corpus.glob("*.txt"))
        shutil.copyfile(source, corpus / "second.txt")
        shutil.copyfile(source.with_suffix(".toml"), corpus / "second.toml")
        builder = threading.Thread(
            target=build_index, args=(index, [corpus]), kwargs={"rebuild": True}
        )
        builder.start()
        seen = []
        while builder.is_alive():
            status, body = running.get("/api/search?q=合作&limit=0")
            assert status == 200, body
            seen.append(json.loads(body)["total"])
        builder.join()
        after = json.loads(running.get("/api/search?q=合作&limit=0")[1])["total"]
        assert after == 2 * seen[0]
        assert set(seen) <= {seen[0], after}  # the old index or the new one, nothing between
        assert json.loads(running.get("/api/search?limit=0")[1])["total"] == 2 * seed_total
    finally:
        code, _, err = running.stop()
    assert code == 0, err


def test_a_taken_port_is_one_line_and_exit_1(server, seed_index_dir):
    port = server.url.rsplit(":", 1)[1].strip("/")
    process = subprocess.run(
        [*YULU, "serve", "--index-dir", str(seed_index_dir), "--port", port],
        capture_output=True,
        text=True,
        timeout=START_SECONDS,
    )
    assert process.returncode == 1
    assert process.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert process.stderr.count("\n") == 1 and "try another --port" in process.stderr


def test_sigterm_stops_it_cleanly_too(seed_index_dir):
    running = Server(seed_index_dir)
    assert running.get("/api/search?q=合作&limit=0")[0] == 200
    running.process.send_signal(signal.SIGTERM)
    out, err = running.process.communicate(timeout=STOP_SECONDS)
    assert running.process.returncode == 0, err
    assert out.strip().endswith("yulu: stopped") and "Traceback" not in err
