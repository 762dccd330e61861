"""Documents in, quote and document records out: decoding, the line classifier, the
document's layout, the parser, attributions and dates, metadata, the gazetteer.

Nothing here imports Whoosh or jieba (``tests/test_layout.py`` checks the import graph),
so reading a corpus stays light."""

from ..lazy import lazy_names

#: Imported on first use: the search side needs only the record types, not the parser.
_LAZY = {
    "Metadata": "metadata",
    "Parser": "parser",
    "parse_paths": "parser",
    "Counterpart": "records",
    "Diagnostic": "records",
    "DocumentRecord": "records",
    "ParseResult": "records",
    "Quote": "records",
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
