"""Past its connection limit ``yulu serve`` refuses at once (issue 22, failure 6): a
503 with ``Retry-After``, written as the connection is accepted, where waitress stopped
accepting and left new clients waiting in the listen queue until they timed out. On
127.0.0.1 with the limit lowered to 40 (it is 1,000): 60 connections that trickle their
headers, then new clients; every socket has a timeout, and the bound is generous."""

from __future__ import annotations

import os
import re
import signal
import socket
import urllib.request

from reliability_kit import Forked, wait_for

from indexer.web import server as web_server

LIMIT = 40
#: Seconds a refused client may wait for its answer (it waited for the idle timeout).
BOUND = 10


def text(path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def answer(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=BOUND) as client:
        client.sendall(b"GET /api/search?q=%E5%90%88%E4%BD%9C HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while chunk := client.recv(65536):
            received += chunk
            if b"\r\n\r\n" in received and b"Connection: close" not in received:
                break
        return received


def test_a_connection_past_the_limit_is_refused_at_once(tmp_path, seed_index_dir, monkeypatch):
    monkeypatch.setattr(web_server, "CONNECTIONS", LIMIT)
    served = Forked(tmp_path, "serve", "--index-dir", seed_index_dir, "--port", "0")
    trickling: list[socket.socket] = []
    try:
        assert wait_for(lambda: "Ctrl-C to stop" in text(served.out), 120)
        port = int(re.search(r":(\d+)/", text(served.out)).group(1))
        assert answer(port).startswith(b"HTTP/1.1 200 ")
        for _ in range(LIMIT + 20):  # a slowloris: headers begun, never finished
            sock = socket.create_connection(("127.0.0.1", port), timeout=BOUND)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            trickling.append(sock)
        refused = answer(port)  # would wait for a connection slot (a minute)
        assert refused.startswith(b"HTTP/1.1 503 Service Unavailable\r\n"), refused
        assert b"\r\nRetry-After: 5\r\n" in refused
        assert f"as many connections as it takes ({LIMIT})".encode() in refused
        assert served.poll() is None
        for sock in trickling:
            sock.close()
        trickling.clear()
        assert wait_for(lambda: answer(port).startswith(b"HTTP/1.1 200 "), 30)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=BOUND) as page:
            assert page.status == 200
    finally:
        for sock in trickling:
            sock.close()
        if served.poll() is None:
            os.kill(served.pid, signal.SIGTERM)
        served.wait(60)
    assert "Traceback" not in served.stderr
