"""The index: the Whoosh schema built from the field declaration, full and incremental
builds, the store of generations with its manifest, and opening an index for search.

Submodules are imported on first use (``from indexer.index import build_index``), so
that reading the declaration does not load Whoosh."""

from __future__ import annotations

from ..lazy import lazy_names

_LAZY = {
    "BuildReport": "build",
    "build_index": "build",
    "IndexHandle": "access",
    "open_index": "access",
}
__all__ = sorted(_LAZY)


__getattr__ = lazy_names(__name__, _LAZY)
