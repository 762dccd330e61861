"""The corpus on disk against what an index records of it: which documents a corpus
holds, and which were added, changed or removed since the index was built. Both read
the documents' folders and states, so they live here and not in :mod:`indexer.index`."""

from __future__ import annotations

from pathlib import Path

from ..documents.sources import document_paths, document_states, fingerprint
from ..index.freshness import Changes, resolve_corpus
from ..index.manifest import Manifest


def corpus_documents(names: list[str]) -> list[str]:
    """Every document of the corpus ``names`` (as a manifest records them), absolute."""
    return [str(p.resolve()) for p in document_paths(resolve_corpus(names))]


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
