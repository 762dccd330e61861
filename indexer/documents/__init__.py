"""Documents in, quote records out: decoding, the gazetteer, attributions, the parser.

Nothing here imports Whoosh or jieba (``tests/test_layout.py`` checks the import graph),
so reading a corpus stays light."""

from .parser import Parser, parse_paths
from .records import Counterpart, Diagnostic, ParseResult, Quote

__all__ = ["Counterpart", "Diagnostic", "ParseResult", "Parser", "Quote", "parse_paths"]
