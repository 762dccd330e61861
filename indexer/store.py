"""The index directory: generations, the manifest, atomic publication, freshness.

``<index dir>/CURRENT`` names the live generation folder. A build writes a new
generation beside it and then replaces ``CURRENT`` atomically, so a search sees the
old index or the new one, never a half-written one. The previous generation is kept
until the next build, for searches that opened it just before the swap.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .corpus import document_paths, fingerprint
from .paths import bundled_corpus

INDEX_FORMAT = 1
BUNDLED = "<bundled>"
MANIFEST = "manifest.json"
SEGDICT = "segdict.txt"


def yulu_version() -> str:
    try:
        return version("yulu")
    except PackageNotFoundError:  # a source checkout that is not installed
        return "0+unknown"


@dataclass
class FileEntry:
    sha256: str
    size: int
    mtime_ns: int
    quotes: int = 0


@dataclass
class Manifest:
    """What an index generation was built from."""

    format: int
    yulu: str
    schema: str
    analyzer: int
    gazetteer: str
    corpus: list[str]
    files: dict[str, FileEntry] = field(default_factory=dict)
    quotes: int = 0
    segmenter_total: int = 0
    built: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["files"] = {k: FileEntry(**v) for k, v in data["files"].items()}
        return cls(**data)


def expected_manifest(corpus: list[str], gazetteer_fingerprint: str) -> Manifest:
    """The manifest this version of yulu writes for ``corpus`` (before any files)."""
    from .analysis import ANALYZER_VERSION
    from .schema_spec import load_spec

    return Manifest(
        format=INDEX_FORMAT,
        yulu=yulu_version(),
        schema=load_spec().fingerprint,
        analyzer=ANALYZER_VERSION,
        gazetteer=gazetteer_fingerprint,
        corpus=corpus,
    )


def gazetteer_dirs(corpus: list[str]) -> list[Path]:
    """The corpus folders whose ``gazetteer/`` subfolders extend the bundled tables."""
    return [p if p.is_dir() else p.parent for p in resolve_corpus(corpus)]


def resolve_corpus(corpus: list[str]) -> list[Path]:
    """Corpus paths as stored in a manifest, with the bundled corpus resolved."""
    return [bundled_corpus() if p == BUNDLED else Path(p) for p in corpus]


def corpus_names(paths: list[Path] | None) -> list[str]:
    """How corpus paths are recorded: absolute, the bundled corpus by name."""
    if not paths:
        return [BUNDLED]
    bundled = bundled_corpus().resolve()
    return [BUNDLED if p.resolve() == bundled else str(p.resolve()) for p in paths]


def file_entry(path: Path, previous: FileEntry | None = None) -> FileEntry:
    """The entry for ``path``; the hash is reused when size and mtime are unchanged."""
    stat = path.stat()
    meta = path.with_suffix(".toml")
    mtime = max(stat.st_mtime_ns, meta.stat().st_mtime_ns if meta.is_file() else 0)
    if previous and previous.size == stat.st_size and previous.mtime_ns == mtime:
        return previous
    return FileEntry(fingerprint(path), stat.st_size, mtime)


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def describe(self) -> str:
        parts = [
            f"{len(names)} {what} ({', '.join(Path(n).name for n in names[:3])}"
            f"{', …' if len(names) > 3 else ''})"
            for what, names in (
                ("added", self.added),
                ("changed", self.changed),
                ("removed", self.removed),
            )
            if names
        ]
        return "corpus files " + "; ".join(parts)


def corpus_changes(manifest: Manifest) -> Changes:
    """How the corpus on disk differs from what the index was built from."""
    changes = Changes()
    current = {str(p.resolve()) for p in document_paths(resolve_corpus(manifest.corpus))}
    for name in sorted(current):
        old = manifest.files.get(name)
        if old is None:
            changes.added.append(name)
        elif file_entry(Path(name), old).sha256 != old.sha256:
            changes.changed.append(name)
    changes.removed = sorted(set(manifest.files) - current)
    return changes


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
