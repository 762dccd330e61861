"""Documents in, quote and document records out: decoding, the line classifier, the
document's layout, the parser, attributions and dates, metadata (the record types and the
gazetteer live one layer down, in :mod:`indexer.records`).

Nothing here imports Whoosh or jieba (``tests/test_layout.py`` checks the import graph),
so reading a corpus stays light."""

from ..lazy import lazy_names

#: Imported on first use: the search side needs only the record types, not the parser.
_LAZY = {
    "Metadata": "metadata",
    "Parser": "parser",
    "parse_paths": "parser",
    "Counterpart": ".records.quotes",
    "Diagnostic": ".records.quotes",
    "DocumentRecord": ".records.quotes",
    "ParseResult": ".records.quotes",
    "Quote": ".records.quotes",
}

__all__ = [
    "Counterpart",
    "Diagnostic",
    "DocumentRecord",
    "Metadata",
    "ParseResult",
    "Parser",
    "Quote",
    "parse_paths",
]


__getattr__ = lazy_names(__name__, _LAZY)
