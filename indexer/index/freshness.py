"""What an index was built from (its corpus as the manifest names it), and the changes
between that and the corpus on disk. Finding those changes reads the documents' states,
so it lives in the pipeline (:mod:`indexer.pipeline.corpus`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..paths import bundled_corpus

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
