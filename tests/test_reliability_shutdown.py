"""Stopping ``yulu serve`` while downloads are being written is quiet (issue 22, failure
14): one line that says how many requests were cut short, where waitress used to log
each worker thread still running (and, before downloads were spooled, a traceback for
each one)."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import time

from reliability_kit import Forked, wait_for

from indexer.web import app as web_app

DOWNLOADS = 4


def text(path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_sigterm_during_downloads_says_one_line(tmp_path, seed_index_dir, monkeypatch):
    real = web_app.spooled

    def slow(chunks):  # a large export still being written when the signal comes
        time.sleep(30)
        return real(chunks)

    monkeypatch.setattr(web_app, "spooled", slow)
    # the served process logs as a real one does: no handlers (pytest's capture aside),
    # so that what waitress says reaches its stderr
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    served = Forked(tmp_path, "serve", "--index-dir", seed_index_dir, "--port", "0")
    clients = []
    try:
        assert wait_for(lambda: "Ctrl-C to stop" in text(served.out), 120)
        port = int(re.search(r":(\d+)/", text(served.out)).group(1))
        for _ in range(DOWNLOADS):
            client = socket.create_connection(("127.0.0.1", port), timeout=30)
            client.sendall(b"GET /export.csv?q=%E5%90%88%E4%BD%9C HTTP/1.1\r\nHost: x\r\n\r\n")
            clients.append(client)
        time.sleep(1)  # the worker threads are writing the downloads
        os.kill(served.pid, signal.SIGTERM)
        assert served.wait(60) == 0
    finally:
        for client in clients:
            client.close()
        if served.poll() is None:
            os.kill(served.pid, signal.SIGKILL)
    out, err = served.out.read_text(encoding="utf-8"), served.stderr
    assert err == "", err
    assert (
        out.strip().splitlines()[-1]
        == f"yulu: stopped ({DOWNLOADS} request(s) in progress cut short)"
    )
