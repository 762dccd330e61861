"""Helpers of the web tests: ``yulu serve`` in a child process, and many requests at once
from several threads, each answer checked against the same request answered alone."""

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
from urllib.parse import quote

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


def hammer(server: Server, expected: dict, pages: dict, bad: dict, count: int = 170) -> None:
    """GET ``count`` answers of ``expected`` (path → JSON), each page of ``pages`` (path →
    the count it must show) ten times and each of ``bad`` (path → status) five times,
    from 8 threads, and check every answer."""
    paths = list(expected)
    work = [paths[i % len(paths)] for i in range(count)] + [*pages] * 10 + [*bad] * 5

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
            shown = int(re.search(rb'<strong class="count">(\d+)</strong>', body).group(1))
            assert shown == pages[path], path
        else:
            assert status == bad[path] and "error" in json.loads(body)
