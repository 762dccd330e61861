"""Slow clients cannot stall ``yulu serve`` (issue 22, failure 6): 200 connections that
trickle their headers (slowloris) and downloads that are never read hold sockets, not
worker threads, and a normal request is answered meanwhile. Everything on 127.0.0.1,
every socket with a timeout; the bounds are generous (the target is a second; on the old
server the request waited for a connection slot or a thread for minutes)."""

from __future__ import annotations

import contextlib
import shutil
import socket
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from web_kit import Server

#: A normal request must be answered within this many seconds meanwhile.
BOUND = 10
#: Seconds five 40 MB exports may take to be written at once on a busy machine.
WRITING = 300
SLOWLORIS = 200


def _address(server: Server) -> tuple[str, int]:
    parts = urlsplit(server.url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def _timed_get(server: Server, path: str) -> tuple[int, float]:
    started = time.monotonic()
    with urllib.request.urlopen(server.url + path.lstrip("/"), timeout=BOUND * 3) as answer:
        answer.read()
        return answer.status, time.monotonic() - started


@contextlib.contextmanager
def _sockets(count: int, address: tuple[str, int], **options):
    opened: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            if options.get("tiny_buffer"):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.settimeout(BOUND * 3)
            sock.connect(address)
            opened.append(sock)
        yield opened
    finally:
        for sock in opened:
            sock.close()


@pytest.fixture(scope="module")
def server(seed_index_dir):
    served = Server(seed_index_dir)
    yield served
    served.stop()


def test_a_request_is_answered_during_a_slowloris_of_200_connections(server):
    query = "/api/search?q=%E5%90%88%E4%BD%9C"
    with _sockets(SLOWLORIS, _address(server)) as trickling:
        for sock in trickling:  # headers begun, never finished
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        time.sleep(0.2)
        for sock in trickling[::10]:
            sock.sendall(b"a")
        status, seconds = _timed_get(server, query)
    assert status == 200 and seconds < BOUND, seconds


@pytest.mark.soak
def test_downloads_that_are_never_read_hold_no_worker_thread(tmp_path, request):
    """Five clients ask for a 40 MB export and stop reading (the old server's four
    threads stayed blocked on them); a search is answered meanwhile (minutes: soak)."""
    if "soak" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the soak runs with: pytest -m soak")
    from indexer.paths import bundled_corpus
    from indexer.pipeline.build import build_index

    seed = next(bundled_corpus().glob("*.txt"))
    corpus = tmp_path / "c"
    corpus.mkdir()
    for copy in range(250):
        text = seed.read_text(encoding="utf-8").replace("习近平", f"习近平{copy}", 1)
        (corpus / f"copy-{copy}.txt").write_text(text, encoding="utf-8")
        shutil.copyfile(seed.with_suffix(".toml"), corpus / f"copy-{copy}.toml")
    build_index(tmp_path / "ix", [corpus])
    served = Server(tmp_path / "ix")
    try:
        request = b"GET /export.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        with _sockets(5, _address(served), tiny_buffer=True) as readers:
            for sock in readers:
                sock.sendall(request)
            for sock in readers:  # each export is written and being sent: then stop reading
                sock.settimeout(WRITING)
                assert sock.recv(1)
            status, seconds = _timed_get(served, "/api/search?q=%E5%90%88%E4%BD%9C")
            assert status == 200 and seconds < BOUND, seconds
    finally:
        served.stop()
