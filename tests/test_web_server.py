"""A running ``yulu serve`` over loopback: many requests at once, a rebuild while it
serves, a clean stop on Ctrl-C, and one clear line when it cannot listen."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import threading
from urllib.parse import urlencode

import pytest
from web_kit import START_SECONDS, STOP_SECONDS, YULU, Server, hammer

from indexer.paths import bundled_corpus
from indexer.pipeline.build import build_index
from indexer.search.request import SearchRequest
from indexer.tools.remarks import remark


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
    for record in seed.quotes[::10]:  # the record with its remark and also_in
        expected[f"/api/quotes/{record.id}"] = remark(seed_index, record.id).to_dict()
    pages = {"/?q=合作": seed_index.search(SearchRequest("合作", limit=0)).total,
             "/?counterpart=普京": seed_index.search(SearchRequest(filters={"counterpart": ["普京"]})).total}  # fmt: skip
    bad = {api({"q": '"未闭合'}): 400, "/api/quotes/0000": 404}
    hammer(server, expected, pages, bad)


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
