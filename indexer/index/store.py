"""The index directory: generations, the live-generation pointer, the recorded sources,
atomic publication and garbage collection.

::

    <index dir>/CURRENT         the live generation's name, then the one published before
    <index dir>/sources.json    the files and folders the index is built from
    <index dir>/LOCK            the writer lock (see :mod:`indexer.index.locking`)
    <index dir>/g<time>-<pid>/  a generation: Whoosh's files, segdict.txt, manifest.json

A build writes a new generation beside the live one and publishes it by replacing
``CURRENT`` in one rename, so a search sees the old index or the new one, never a
half-written one. ``CURRENT`` also names the generation published before, which is kept
for searches that opened it just before the swap; everything else (older generations,
generations of builds that crashed, temporary files of dead processes) is removed by
the next build, under the writer lock, so it never touches a running build.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..paths import private_dir
from .durable import SEALED_MODE, TEMPORARY, write_atomically
from .integrity import MANIFEST, SEGDICT, Damaged
from .manifest import Manifest
from .stopping import check as check_stop

__all__ = ["CURRENT", "MANIFEST", "SEGDICT", "SOURCES", "IndexStore"]

CURRENT = "CURRENT"
SOURCES = "sources.json"
GENERATION = re.compile(r"^g[0-9a-f]+-[0-9]+$")


def _alive(pid: int) -> bool:
    """Whether ``pid`` is another live process (under the writer lock this process
    builds nothing else)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _is_sources(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(s, str) for s in value)


def _is_defaults(value: object) -> bool:
    kinds = {"title": str, "leader": str, "year": int}
    return isinstance(value, dict) and all(
        k in kinds and isinstance(v, kinds[k]) for k, v in value.items()
    )


class IndexStore:
    """The generations of one index directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def _pointer(self) -> Path:
        return self.root / CURRENT

    def published(self) -> list[str]:
        """The names in ``CURRENT``: the live generation first, then the one published
        before it (empty when nothing was published). :class:`Damaged` when ``CURRENT``
        is unreadable."""
        try:
            raw = self._pointer.read_bytes()
        except FileNotFoundError:
            return []
        try:
            names = raw.decode("utf-8").split()
        except UnicodeDecodeError:
            names = []
        if not names or not all(GENERATION.match(name) for name in names):
            raise Damaged([f"{CURRENT}: unreadable"])
        return names

    def current(self) -> Path | None:
        """The live generation, or None when nothing was published. :class:`Damaged`
        when ``CURRENT`` is unreadable."""
        names = self.published()
        return self.root / names[0] if names else None

    def has_pointer(self) -> bool:
        """Whether something was published (``CURRENT`` exists, readable or not)."""
        return self._pointer.exists()

    def manifest(self, generation: Path) -> Manifest:
        return Manifest.from_json((generation / MANIFEST).read_text(encoding="utf-8"))

    def generations(self) -> list[Path]:
        """Every generation folder, oldest first."""
        try:
            entries = list(self.root.iterdir())
        except FileNotFoundError:
            return []
        return sorted(p for p in entries if GENERATION.match(p.name) and p.is_dir())

    def sources(self) -> list[str] | None:
        """The sources recorded by the last published build (paths as manifests record
        them), or failing that those in the live or the newest readable manifest; None
        when nothing tells."""
        return self._recorded("sources", "corpus", _is_sources)

    def defaults(self) -> dict[str, str | int] | None:
        """The document defaults (``--title``, ``--year``, ``--leader``) the last
        published build used, recorded as its sources are; None when nothing tells."""
        return self._recorded("defaults", "defaults", _is_defaults)

    def _recorded(self, key: str, manifest_key: str, valid: Callable[[Any], bool]) -> Any:
        try:
            record = json.loads((self.root / SOURCES).read_text(encoding="utf-8"))[key]
            if valid(record):
                return record
        except (OSError, ValueError, KeyError, TypeError):
            pass
        try:
            live = self.published()[:1]
        except Damaged:
            live = []
        for name in live + [p.name for p in reversed(self.generations())]:
            try:
                text = (self.root / name / MANIFEST).read_text(encoding="utf-8")
                value = json.loads(text)[manifest_key]
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if valid(value):
                return value
        return None

    # Writing (only under the writer lock)

    def create(self) -> None:
        """Create the index directory, private to the user, if it does not exist."""
        private_dir(self.root)

    def new_generation(self) -> Path:
        path = self.root / f"g{time.time_ns():x}-{os.getpid()}"
        path.mkdir(mode=0o700)
        os.chmod(path, 0o700)
        return path

    def publish(self, generation: Path, manifest: Manifest) -> None:
        """Write the manifest and the sources record, then make ``generation`` live in
        one atomic rename of ``CURRENT``; each step is flushed to the disk first."""
        write_atomically(generation / MANIFEST, manifest.to_json().encode("utf-8"))
        os.chmod(generation / MANIFEST, SEALED_MODE)
        record = {"sources": manifest.corpus, "defaults": manifest.defaults}
        text = json.dumps(record, ensure_ascii=False, indent=1)
        write_atomically(self.root / SOURCES, text.encode("utf-8") + b"\n")
        try:
            live = self.published()[:1]
        except Damaged:
            live = []
        live = [name for name in live if (self.root / name).is_dir() and name != generation.name]
        check_stop()  # the last moment a request to stop may keep the old index
        names = "".join(f"{name}\n" for name in [generation.name, *live])
        write_atomically(self._pointer, names.encode("utf-8"))

    def collect_garbage(self) -> list[str]:
        """Remove generations other than the two named in ``CURRENT`` (while ``CURRENT``
        is lost, only those never published; never one whose builder is alive), and
        temporary files of dead processes. Returns what was removed. Call it
        only under the writer lock: no other build is running then."""
        try:
            keep = set(self.published())
        except Damaged:
            keep = set()
        removed = []
        for path in self.generations():
            if path.name in keep:
                continue
            if (path / MANIFEST).exists():
                if not keep:
                    continue  # CURRENT is lost: it may be the generation to point to again
            elif _alive(int(path.name.rpartition("-")[2])):
                continue  # unpublished, its builder alive: never touch a running build
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
        for path in self.root.iterdir():
            match = TEMPORARY.match(path.name)
            if match and not _alive(int(match["pid"])):
                with contextlib.suppress(OSError):
                    path.unlink()
                removed.append(path.name)
        return removed

    def discard(self, generation: Path) -> None:
        """Remove an unfinished generation, unless it was published after all (a signal
        that arrived just after ``CURRENT`` was replaced)."""
        try:
            if generation.name in self.published()[:1]:
                return
        except Damaged:
            pass
        shutil.rmtree(generation, ignore_errors=True)
        with contextlib.suppress(OSError):
            (self.root / f"{CURRENT}.{os.getpid()}.tmp").unlink()
