"""yulu (语录): exact, ranked, faceted search over compilations of leaders' quotations.

The public API: parse documents into :class:`Quote` records, build an index, search it.
"""

from __future__ import annotations

from .errors import (
    CorpusFormatError,
    IndexNotFound,
    IndexOutdated,
    QuerySyntaxError,
    UnknownQuote,
    YuluError,
)
from .parser import Parser, parse_paths
from .records import Counterpart, Diagnostic, ParseResult, Quote

__all__ = [
    "CorpusFormatError",
    "Counterpart",
    "Diagnostic",
    "IndexNotFound",
    "IndexOutdated",
    "ParseResult",
    "Parser",
    "QuerySyntaxError",
    "Quote",
    "UnknownQuote",
    "YuluError",
    "parse_paths",
]
