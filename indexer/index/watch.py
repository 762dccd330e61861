"""Noticing that the files of an open generation were changed under it.

A published generation is never changed in place: its files are read-only (0400, see
:func:`indexer.index.durable.seal`) and a build writes a new generation. Someone can
still truncate or overwrite one (as its owner, or as root), and a search reads the
segments and sidecars through memory maps: touching a mapped page past the end of a
truncated file kills the process with SIGBUS, and bytes changed in place give wrong
answers. So an open index records each file's size, inode and modification time when it opens
(:class:`FileWatch`), and before each search compares them with ``os.stat`` of the
files (a few microseconds each), before any map is touched. A file that differs is
checked against its full checksum (once for each new state of the files): if it still
holds what was written (touched, or its mode changed) the search goes on; if not, the
search stops with one line naming the file and the fix, and no map is read."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from .integrity import Damaged, load_manifest, verify
from .manifest import Manifest


class Stamp(NamedTuple):
    """What ``os.stat`` says of a file: changed by a write, a truncation or a
    replacement. Not the change time, which hard links change too: every incremental
    build links the live generation's files into the next one."""

    size: int
    inode: int
    device: int
    mtime_ns: int


Stamps = dict[str, Stamp | None]


def stamp(path: str | Path) -> Stamp | None:
    """The file's stamp, or None when it is gone."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return Stamp(info.st_size, info.st_ino, info.st_dev, info.st_mtime_ns)


def describe(name: str, was: Stamp | None, now: Stamp | None) -> str:
    """One line for a file whose stamp changed."""
    if was is None:
        return f"{name}: appeared since the index was opened"
    if now is None:
        return f"{name}: removed since the index was opened"
    if now.size < was.size:
        return f"{name}: cut short since the index was opened ({now.size:,} of {was.size:,} bytes)"
    if now.size > was.size:
        return f"{name}: grew since the index was opened ({now.size:,} of {was.size:,} bytes)"
    if (now.inode, now.device) != (was.inode, was.device):
        return f"{name}: replaced since the index was opened"
    return f"{name}: written to since the index was opened"


class FileWatch:
    """The files of one open generation as they were when it was opened and checked;
    shared by every open index of the generation (the server's pool shares one), and
    safe to use from several threads."""

    def __init__(self, generation: Path, names: Iterable[str]) -> None:
        self.generation = generation
        self.names = tuple(sorted(names))
        self._paths = tuple(os.path.join(generation, name) for name in self.names)
        self._stamps = self.now()
        self._lock = threading.Lock()
        self._verdict: tuple[Stamps, list[str]] | None = None

    def now(self) -> Stamps:
        return dict(zip(self.names, map(stamp, self._paths), strict=True))

    def problems(self, manifest: Manifest) -> list[str]:
        """What is wrong with the files now (empty: nothing). When a stamp changed, the
        files are checked through against the manifest's checksums, once for each new
        state; files that still hold what was written become the new baseline."""
        now = self.now()
        if not self._differs(now):
            return []
        with self._lock:
            if not self._differs(now):
                return []
            if self._verdict is not None and self._verdict[0] == now:
                return self._verdict[1]
            changed = [
                describe(n, self._stamps[n], now[n])
                for n in self.names
                if now[n] != self._stamps[n]
            ]
            try:
                found = verify(self.generation, manifest, thorough=True)
                if load_manifest(self.generation).digest != manifest.digest:
                    found.append("manifest.json: replaced since the index was opened")
            except FileNotFoundError:  # the generation removed while a file changed
                found = [f"{self.generation.name}: removed since the index was opened"]
            except (Damaged, OSError) as exc:
                found = [str(exc) or type(exc).__name__]
            if not found:
                self._stamps, self._verdict = now, None
                return []
            problems = _merge(changed, found)
            self._verdict = (now, problems)
            return problems

    def known_problems(self) -> list[str]:
        """What :meth:`problems` last found wrong, if the files are still in that state
        (nothing is hashed): an index opened now would read them."""
        verdict = self._verdict
        return verdict[1] if verdict is not None and verdict[0] == self.now() else []

    def _differs(self, now: Stamps) -> bool:
        """Whether a file is not as it was. One that is gone does not count: a build
        removes generations that are no longer live, and what is open or mapped of a
        removed file stays readable."""
        return any(now[n] is not None and now[n] != self._stamps[n] for n in self.names)


def _merge(changed: list[str], found: list[str]) -> list[str]:
    """The checksum verdict first; a changed file it does not name after it."""
    named = {line.split(":", 1)[0] for line in found}
    return found + [line for line in changed if line.split(":", 1)[0] not in named]
