"""Open indexes for concurrent requests: a Whoosh searcher is not to be shared between
threads, so each request checks one :class:`ServedIndex` out of an :class:`IndexPool`
and returns it when done.

The pool follows the index's live-generation pointer (``CURRENT``): a checkout that
finds a pooled index of an older generation closes it and opens the live one, so a
rebuild while the server runs is picked up by the next request. A generation is only
ever made live once it is complete, so nothing half-built is served. Nothing here
writes to the index."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from ..documents.metadata import metadata_path, read_metadata
from ..errors import IndexDamaged, YuluError
from ..index.handle import fix_command
from ..index.store import IndexStore
from ..index.watch import FileWatch
from ..paths import default_index_dir
from ..pipeline.opening import check_index
from ..search.request import SearchRequest
from ..search.service import QuoteIndex

T = TypeVar("T")


class ServedIndex(QuoteIndex):
    """A :class:`QuoteIndex` with what the pages need besides searching, each read once:
    the day of every quote and the documents' titles. (The matches of its last search
    are the service's to keep: a page's timeline counts the search's own matches
    without searching again.)"""

    @property
    def generation(self) -> str:
        return self.handle.generation.name

    def matched(self, request: SearchRequest) -> list[tuple[int, float]]:
        """Every quote ``request`` matches, as (document number, score) in its order."""
        return self.matches(request)[0]

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, the first time ``key`` is asked of this open index (for what
        depends on the index alone, such as the counts over every quote)."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    @cached_property
    def _once(self) -> dict[str, Any]:
        return {}

    @cached_property
    def quote_days(self) -> list[dt.date | None]:
        """For each document number, the quote's first day (read once; not to be
        changed by its readers)."""
        return super().days()

    def days(self, field: str | None = None) -> list[dt.date | None]:
        """As :meth:`QuoteIndex.days`, the first days read once per open index (the
        timeline and the trends read them on every request)."""
        return self.quote_days if field is None else super().days(field)

    @cached_property
    def titles(self) -> dict[str, str]:
        """Document file name → title, from the metadata files of the indexed documents
        (a document without one, or whose file is gone or unreadable, has no title
        here)."""
        titles = {}
        for name in self.handle.manifest.files:
            path = Path(name)
            try:
                metadata = read_metadata(metadata_path(path))
            except (OSError, YuluError):
                continue
            if metadata is not None and metadata.title:  # most documents have no file
                titles[path.name] = metadata.title
        return titles


#: How often an unexpected error may check a sound generation through again.
DAMAGE_CHECK_SECONDS = 60.0


class IndexPool:
    """Open indexes over one index directory, one per concurrent request."""

    def __init__(
        self,
        root: Path | None = None,
        *,
        size: int = 8,
        notify: Callable[[str], None] | None = None,
        build_bundled: bool = True,
        trust: bool = False,
    ) -> None:
        """Open the index at ``root`` (default: the per-user one), building it from the
        bundled corpus when there is none yet, as ``yulu search`` does; a stale index or
        one from another version of yulu raises :class:`IndexOutdated` here. ``size``
        bounds how many open indexes are kept between requests; ``build_bundled=False``
        never builds the bundled corpus into a directory that records no sources;
        ``trust`` skips the ownership and permission checks (``--trust-index``)."""
        self.root = root or default_index_dir()
        self.size = size
        self._store = IndexStore(self.root)
        self._lock = threading.Lock()
        self._idle: list[ServedIndex] = []
        self._checked: set[str] = set()
        self._examined: dict[str | None, tuple[float, YuluError | None]] = {}
        self._watches: dict[str, FileWatch] = {}
        self._closed = False
        self._build_bundled = build_bundled
        self._trust = trust
        self._idle.append(self._open(auto_build=True, notify=notify))

    def _open(
        self, *, auto_build: bool = False, notify: Callable[[str], None] | None = None
    ) -> ServedIndex:
        live = self._store.current()
        check = live is None or live.name not in self._checked  # once per generation
        ix = ServedIndex.open(
            self.root,
            auto_build=auto_build,
            check_fresh=check,
            notify=notify,
            fresh=True,
            build_bundled=self._build_bundled,
            trust=self._trust,
        )
        with self._lock:
            self._checked.add(ix.generation)
        return ix

    def damage(self) -> YuluError | None:
        """After an unexpected error: what is wrong with the live generation, checked
        through (every checksum, every stored quote) at most once a minute, or None."""
        live = self.live_generation()
        with self._lock:
            when, found = self._examined.get(live, (float("-inf"), None))
        if found is None and time.monotonic() - when > DAMAGE_CHECK_SECONDS:
            try:
                check_index(self.root, trust=self._trust)
            except YuluError as exc:
                found = exc
            except OSError:
                found = None
            with self._lock:
                self._examined[live] = (time.monotonic(), found)
        return found

    @property
    def idle(self) -> int:
        """How many open indexes wait for a request."""
        return len(self._idle)

    def live_generation(self) -> str | None:
        """The name of the generation the pointer names now."""
        live = self._store.current()
        return live.name if live else None

    def warm(self, count: int, prepare: Callable[[ServedIndex], object] | None = None) -> None:
        """Open ``count`` indexes ahead of the first requests and ``prepare`` each, so
        that what pages read once per open index (facet values, dates, titles, the
        overview of the whole index) is read before anyone waits."""
        opened = []
        for _ in range(min(count, self.size)):
            ix = self.acquire()
            if prepare is not None:
                prepare(ix)
            opened.append(ix)
        for ix in opened:
            self.release(ix)

    def acquire(self) -> ServedIndex:
        """An open index of the live generation, for one request; :meth:`release` it."""
        live = self.live_generation()
        stale = []
        found = None
        with self._lock:
            while self._idle:
                ix = self._idle.pop()
                if ix.generation == live:
                    found = ix
                    break
                stale.append(ix)
        for ix in stale:  # a rebuild was published since these were opened
            ix.close()
        watch = self._watches.get(live) if found is None and live else None
        known = watch.known_problems() if watch is not None else []
        if known:  # found changed already: not opened (and hashed) again for each request
            raise IndexDamaged(known, str(self.root), fix_command(self.root, rebuild=True))
        return self._guard(found or self._open())

    def _guard(self, ix: ServedIndex) -> ServedIndex:
        """``ix``, unless a file of its generation was truncated or changed since the
        generation was first opened here: then :class:`~indexer.errors.IndexDamaged`
        (a 503 naming the file and the fix), before the request touches a mapped
        file. Every open index of a generation shares the files' first stamps, so an
        index opened after the change is checked against them too."""
        handle = ix.handle
        if handle.watch is not None:
            with self._lock:
                if ix.generation not in self._watches and len(self._watches) >= 4:
                    live = self.live_generation()  # forget generations rebuilds replaced
                    for name in [n for n in self._watches if n != live]:
                        del self._watches[name]
                handle.watch = self._watches.setdefault(ix.generation, handle.watch)
        try:
            handle.check_unchanged()
        except YuluError:
            ix.close()
            raise
        return ix

    def release(self, ix: ServedIndex) -> None:
        """Give back an index from :meth:`acquire`."""
        with self._lock:
            if not self._closed and len(self._idle) < self.size:
                self._idle.append(ix)
                return
        ix.close()

    @contextmanager
    def index(self) -> Iterator[ServedIndex]:
        """An open index of the live generation, for this request alone."""
        ix = self.acquire()
        try:
            yield ix
        finally:
            self.release(ix)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for ix in idle:
            ix.close()
