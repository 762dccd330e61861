"""The index directory: generations, the live-generation pointer, atomic publication.

``<index dir>/CURRENT`` names the live generation folder. A build writes a new
generation beside it and then replaces ``CURRENT`` atomically, so a search sees the
old index or the new one, never a half-written one. The previous generation is kept
until the next build, for searches that opened it just before the swap.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .manifest import Manifest

MANIFEST = "manifest.json"
SEGDICT = "segdict.txt"


class IndexStore:
    """The generations of one index directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def _pointer(self) -> Path:
        return self.root / "CURRENT"

    def current(self) -> Path | None:
        """The live generation, or None when nothing was published."""
        try:
            name = self._pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return self.root / name

    def manifest(self, generation: Path) -> Manifest:
        return Manifest.from_json((generation / MANIFEST).read_text(encoding="utf-8"))

    def new_generation(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"g{time.time_ns():x}-{os.getpid()}"
        path.mkdir()
        return path

    def publish(self, generation: Path, manifest: Manifest) -> None:
        """Write the manifest, then make ``generation`` live in one atomic rename."""
        (generation / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        previous = self.current()
        tmp = self.root / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(generation.name + "\n", encoding="utf-8")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self._pointer)
        oldest_kept = min(generation.name, previous.name if previous else generation.name)
        for old in self.root.glob("g*"):
            if old.is_dir() and old.name < oldest_kept:  # builds still running are newer
                shutil.rmtree(old, ignore_errors=True)

    def discard(self, generation: Path) -> None:
        shutil.rmtree(generation, ignore_errors=True)
