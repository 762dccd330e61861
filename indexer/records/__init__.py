"""What the layers above share about a quote, below the parser: the record types
(:mod:`.quotes`: quotes, documents, diagnostics) and the reference tables read from
``indexer/data`` (:mod:`.gazetteer`, with the layout cues of :mod:`.cues`).

The index stores and decodes these records and is keyed to the gazetteer's fingerprint,
so they live here rather than in :mod:`indexer.documents`: the index never imports the
parser. Nothing here imports Whoosh or jieba."""

from ..lazy import lazy_names

_LAZY = {
    "Counterpart": "quotes",
    "Diagnostic": "quotes",
    "DocumentRecord": "quotes",
    "ParseResult": "quotes",
    "Quote": "quotes",
    "Gazetteer": "gazetteer",
    "load_gazetteer": "gazetteer",
}
__all__ = sorted(_LAZY)


__getattr__ = lazy_names(__name__, _LAZY)
