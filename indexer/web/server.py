"""Serving the app: waitress, a production WSGI server in pure Python, with a fixed pool
of worker threads (each request checks its own index out of the :class:`IndexPool`).

Slow clients hold no worker thread: waitress reads requests and writes answers in its
own loop, and downloads are handed to it as files (:func:`indexer.web.exports.spooled`),
so a client that never reads holds a socket and a file, not a thread."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import re
import signal
import socket
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from waitress import create_server
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer

from ..errors import YuluError
from ..search.request import SearchRequest
from .app import create_app
from .pool import IndexPool, ServedIndex
from .views import overview

#: Worker threads. Requests are answered in Python, so a few keep the cores busy; more
#: keep answering while some wait (on a lock, the disk, a build being published).
THREADS = 16
#: Open indexes prepared before the server listens (more are opened as needed).
WARM = 4
#: Connections held at once (each costs the server's loop a socket, not a thread);
#: beyond, a new one is answered 503 at once and closed (:func:`refuse`). Polled, so
#: not bounded by select()'s 1,024.
CONNECTIONS = 1000
#: Seconds a refused client is asked to wait before it tries again.
RETRY_AFTER = 5
#: Seconds a connection may sit idle before it is closed.
IDLE_SECONDS = 60


def prepare(ix: ServedIndex) -> None:
    """Read what the pages read once per open index (see :meth:`IndexPool.warm`)."""
    ix.search(SearchRequest(facets=ix.spec.facets))
    ix.quote_days, ix.titles  # noqa: B018
    overview(ix)


#: A host name as RFC 1123 writes one: dot-separated labels of letters, digits, hyphens.
_HOST_NAME = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?")


def check_host(host: str) -> str:
    """``host`` if it is an IP address or a host name, else :class:`ValueError` saying
    why. A name of digits and dots only (``256.1.1.1``) must be an IPv4 address."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    last = host.rstrip(".").rsplit(".", 1)[-1]
    if len(host) > 253 or not _HOST_NAME.fullmatch(host) or last.isdigit():
        raise ValueError(
            f"{host!r} is not an IP address or a host name "
            "(e.g. 127.0.0.1, 0.0.0.0, ::1 or localhost)"
        )
    return host


def url_of(host: str, port: int) -> str:
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/"


def serve(
    index_dir: Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    open_browser: bool = False,
    threads: int = THREADS,
    say: Callable[[str], None] = print,
    notify: Callable[[str], None] | None = None,
    trust: bool = False,
) -> None:
    """Serve the index at ``index_dir`` until Ctrl-C (or SIGTERM). The index is opened,
    and built first if there is none, before the server listens; ``say`` gets the URL
    (port 0 takes a free port, and the URL names it). ``trust`` skips the ownership and
    permission checks of every index the server opens (``--trust-index``)."""
    try:
        host = check_host(host)
    except ValueError as exc:
        raise YuluError(f"cannot listen on {host}: {exc}") from None
    pool = IndexPool(
        index_dir, size=threads, notify=notify, build_bundled=index_dir is None, trust=trust
    )
    cut = 0
    try:
        pool.warm(min(threads, WARM), prepare)
        server = _listen(create_app(pool=pool), host, port, threads)
        cut = _run(server, pool, say, open_browser)
    finally:
        pool.close()
    say(f"yulu: stopped ({cut} request(s) in progress cut short)" if cut else "yulu: stopped")


def _listen(app: Any, host: str, port: int, threads: int) -> Any:
    """The waitress server of ``app`` on ``host:port``; a one-line error if it cannot
    listen there."""
    try:
        server = create_server(
            app,
            host=host,
            port=port,
            threads=threads,
            ident="yulu",
            connection_limit=2 * CONNECTIONS + 16,  # (never reached: see _Refusing)
            asyncore_use_poll=True,
            channel_timeout=IDLE_SECONDS,
        )
    except OSError as exc:  # the port is taken, the address is not this machine's, …
        why = exc.strerror or str(exc)
        raise YuluError(f"cannot listen on {host}:{port}: {why}; try another --port") from None
    except ValueError:  # waitress: a name that does not resolve
        raise YuluError(
            f"cannot listen on {host}:{port}: no such address here; give --host an "
            "address of this machine (127.0.0.1: this machine only, 0.0.0.0: every one)"
        ) from None
    _Refusing.install(server, CONNECTIONS)
    return server


def _run(server: Any, pool: IndexPool, say: Callable[[str], None], open_browser: bool) -> int:
    """Serve until Ctrl-C or SIGTERM; how many requests in progress were cut short."""
    listening = getattr(server, "effective_listen", None) or [
        (server.effective_host, server.effective_port)
    ]
    urls = [url_of(h, p) for h, p in listening]
    say(f"yulu: serving {pool.root} at {' and '.join(urls)} (Ctrl-C to stop)")
    # Ctrl-C and SIGTERM stop it, even where the shell that started it ignores
    # SIGINT (as non-interactive shells do for jobs started with &).
    stopping = _Stopping(server)
    previous = {sig: signal.signal(sig, stopping) for sig in (signal.SIGINT, signal.SIGTERM)}
    if open_browser:
        webbrowser.open(urls[0])
    try:
        server.run()  # on the signal, waits a few seconds for the worker threads
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        stopping.done()
        server.close()
    return stopping.cut


class _Stopping:
    """The handler of Ctrl-C and SIGTERM: it quiets waitress, which would log each
    worker thread still running when it stops and each connection it cuts (said in
    one line by :func:`serve` instead), then stops the server's loop."""

    def __init__(self, server) -> None:
        self.server = server
        self.cut = 0
        self._logger = logging.getLogger("waitress")
        self._level: int | None = None

    def __call__(self, signum: int, frame: object) -> None:
        if self._level is None:
            self._level = self._logger.level
            self._logger.setLevel(logging.CRITICAL)
        raise KeyboardInterrupt  # waitress stops its loop cleanly on it

    def done(self) -> None:
        """Once the loop stopped (waitress waited a few seconds for its worker
        threads): count the requests cut short (threads still answering one, answers
        still being sent, such as downloads a client was reading), then give waitress
        its voice back."""
        dispatcher = self.server.task_dispatcher
        sockets = getattr(self.server, "_map", None) or getattr(self.server, "map", {})
        channels = list(sockets.values())
        sending = sum(1 for ch in channels if getattr(ch, "total_outbufs_len", 0))
        self.cut = len(dispatcher.threads) + sending
        if self._level is not None:
            self._logger.setLevel(self._level)


def refusal(limit: int) -> bytes:
    """The answer to a connection past the limit: a 503 that says when to try again."""
    body = (
        f"yulu: the server is answering as many connections as it takes ({limit}); "
        f"try again in {RETRY_AFTER} seconds\n"
    ).encode()
    head = (
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Retry-After: {RETRY_AFTER}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


def refuse(conn: socket.socket, answer: bytes) -> None:
    """Answer ``conn`` without reading its request and close it: the answer fits in the
    socket's send buffer, so this never waits on the client."""
    try:
        conn.setblocking(False)
        conn.send(answer)
        conn.shutdown(socket.SHUT_WR)
        with contextlib.suppress(OSError):
            conn.recv(65536)  # what the client sent already (closing on unread data resets)
    except OSError:
        pass
    finally:
        conn.close()


class _Refusing:
    """Waitress's ``channel_class`` (what its loop calls with each accepted connection),
    which refuses connections past the limit at once, where waitress stops accepting
    and leaves them waiting in the listen queue until one closes or they time out."""

    def __init__(self, channel_class: Any, limit: int) -> None:
        self.channel_class, self.limit = channel_class, limit
        self.answer = refusal(limit)

    @classmethod
    def install(cls, server: Any, limit: int) -> None:
        """Refuse past ``limit`` on every listening socket of ``server`` (one, or a
        waitress ``MultiSocketServer`` of several)."""
        listeners = [server, *getattr(server, "map", {}).values()]
        for each in listeners:
            if isinstance(each, BaseWSGIServer) and not isinstance(each.channel_class, cls):
                each.channel_class = cls(each.channel_class, limit)

    def __call__(self, server: Any, conn: socket.socket, addr: Any, adj: Any, map: dict):
        channels = sum(1 for each in list(map.values()) if isinstance(each, HTTPChannel))
        if channels >= self.limit:
            refuse(conn, self.answer)
            return None
        return self.channel_class(server, conn, addr, adj, map=map)
