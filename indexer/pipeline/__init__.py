"""The pipeline: documents → parser → index, in one place. A build lists the corpus's
documents, reads each once (:mod:`.snapshot`), parses it and hands its quote records to
the index's writer (:mod:`.build`); the corpus's freshness is told from the documents'
states (:mod:`.corpus`); opening an index for search builds a missing one and brings an
index of the bundled corpus up to date (:mod:`.opening`).

This is the one part that imports both :mod:`indexer.documents` and
:mod:`indexer.index`. Submodules are imported on first use."""

from __future__ import annotations

from ..lazy import lazy_names

_LAZY = {
    "BuildReport": "build",
    "build_index": "build",
    "check_index": "opening",
    "open_index": "opening",
}
__all__ = sorted(_LAZY)


__getattr__ = lazy_names(__name__, _LAZY)
