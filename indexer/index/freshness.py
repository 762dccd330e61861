"""What an index was built from, and how the corpus on disk differs from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..documents.sources import document_states, file_state, fingerprint
from ..paths import bundled_corpus
from .manifest import FileEntry, Manifest

BUNDLED = "<bundled>"


def resolve_corpus(corpus: list[str]) -> list[Path]:
    """Corpus paths as stored in a manifest, with the bundled corpus resolved."""
    return [bundled_corpus() if p == BUNDLED else Path(p) for p in corpus]


def gazetteer_dirs(corpus: list[str]) -> list[Path]:
    """The corpus folders whose ``gazetteer/`` subfolders extend the bundled tables."""
    return [p if p.is_dir() else p.parent for p in resolve_corpus(corpus)]


def corpus_names(paths: list[Path] | None) -> list[str]:
    """How corpus paths are recorded: absolute, the bundled corpus by name."""
    if not paths:
        return [BUNDLED]
    bundled = bundled_corpus().resolve()
    return [BUNDLED if p.resolve() == bundled else str(p.resolve()) for p in paths]


def file_entry(path: Path, previous: FileEntry | None = None) -> FileEntry:
    """The entry for ``path``; the hash is reused when size and mtime are unchanged."""
    size, mtime = file_state(path)
    if previous and previous.size == size and previous.mtime_ns == mtime:
        return previous
    return FileEntry(fingerprint(path), size, mtime)


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
        return "corpus files " + "; ".join(parts) if parts else "no corpus files changed"


def corpus_changes(manifest: Manifest) -> Changes:
    """How the corpus on disk differs from what the index was built from: a document
    whose size and modification time are as recorded is unchanged (one stat each, no
    read), another is compared by its content hash."""
    changes = Changes()
    current = document_states(resolve_corpus(manifest.corpus))
    for name in sorted(current):
        old = manifest.files.get(name)
        if old is None:
            changes.added.append(name)
        elif current[name] != (old.size, old.mtime_ns) and fingerprint(Path(name)) != old.sha256:
            changes.changed.append(name)
    changes.removed = sorted(set(manifest.files) - current.keys())
    return changes
