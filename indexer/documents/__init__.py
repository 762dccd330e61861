"""Documents in, quote and document records out: decoding, the line classifier, the
document's layout, the parser, attributions and dates, metadata, the gazetteer.

Nothing here imports Whoosh or jieba (``tests/test_layout.py`` checks the import graph),
so reading a corpus stays light."""

from .metadata import Metadata
from .parser import Parser, parse_paths
from .records import Counterpart, Diagnostic, DocumentRecord, ParseResult, Quote

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
