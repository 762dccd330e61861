"""The index: records in, a searchable index out. The Whoosh schema built from the field
declaration, writing a generation, the sidecars, the store of generations with its
manifest, and opening a generation checked.

The index never imports :mod:`indexer.documents` (``tests/test_layout.py`` checks):
reading and parsing documents, and building from them, is :mod:`indexer.pipeline`'s.
Submodules are imported on first use (``from indexer.index import IndexHandle``), so
that reading the declaration does not load Whoosh."""

from __future__ import annotations

from ..lazy import lazy_names

_LAZY = {
    "IndexHandle": "handle",
    "open_generation": "access",
}
__all__ = sorted(_LAZY)


__getattr__ = lazy_names(__name__, _LAZY)
