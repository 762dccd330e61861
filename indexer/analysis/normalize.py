"""Text normalisation shared by indexing, querying and the brute-force reference.

The character folding itself is :mod:`indexer.folding` (the base layer, which reading
documents uses too); this module adds what matching needs on top of it.

Folding is character by character, so it commutes with taking substrings: a phrase
occurs in a text exactly when its folded, matchable characters occur in the text's.
Each character goes through Unicode NFKC (full-width ASCII, digits and spaces become
half-width), Latin case folding, and traditional-to-simplified conversion (OpenCC's
character table). Punctuation, whitespace and control characters are not matchable.

Queries go through the same functions. Before a query is parsed, :func:`query_syntax`
only turns characters whose NFKC form is ASCII (full-width colons, brackets, quotes,
letters and digits, the ideographic space) into that ASCII, one character at a time, so
that ``counterpart：普京`` is a field; it never composes characters (a combining accent,
a half-width voiced mark, a Hangul jamo stay as the text has them), and folding the
result gives what folding the original gives.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache

from ..folding import fold, fold_char

__all__ = [
    "fold",
    "fold_char",
    "fold_with_offsets",
    "folded_chars",
    "is_matchable",
    "matchable_offsets",
    "normalize",
    "query_syntax",
]


@cache
def is_matchable(ch: str) -> bool:
    """Letters, digits, marks and symbols take part in matching; punctuation,
    separators and control characters do not."""
    return unicodedata.category(ch)[0] not in "PZC"


_CONTROL = {*range(0x00, 0x20), *range(0x7F, 0xA0)}


@cache
def _syntax_char(ch: str) -> str:
    if ord(ch) in _CONTROL:
        return " "
    if ch.isascii():
        return ch
    form = unicodedata.normalize("NFKC", ch)
    return form if (form.isascii() and form.isprintable()) or form == " " else ch


def query_syntax(text: str) -> str:
    """The query with full-width syntax characters (and any other character whose NFKC
    form is ASCII) in ASCII and control characters as spaces, one character at a time."""
    return "".join(_syntax_char(ch) for ch in text)


def normalize(text: str) -> str:
    """The matchable characters of the folded text: what phrases are matched against."""
    return matchable(fold(text))


#: ``str.translate`` table built as characters are first seen: each folded character to
#: itself or (unmatchable) to nothing, in one C-level pass over the text.
_MATCH_TABLE: dict[int, str | None] = {}
_MATCH_KNOWN: set[str] = set()


def matchable(folded: str) -> str:
    """The matchable characters of text that is already folded."""
    if not _MATCH_KNOWN.issuperset(folded):
        for ch in set(folded) - _MATCH_KNOWN:
            _MATCH_TABLE[ord(ch)] = ch if is_matchable(ch) else None
            _MATCH_KNOWN.add(ch)
    return folded.translate(_MATCH_TABLE)


def folded_chars(text: str) -> Iterator[tuple[str, int]]:
    """Each matchable folded character with the offset of the original character."""
    for index, ch in enumerate(text):
        for out in fold_char(ch):
            if is_matchable(out):
                yield out, index


#: For :func:`matchable_offsets`: each Basic Multilingual Plane character's fold, learnt
#: as characters are first seen (a table of 65,536 code points, 256 KiB): the one
#: matchable character it folds to, :data:`_DROPPED` when it folds to one unmatchable
#: character, :data:`_UNEVEN` when it folds to several or none, :data:`_UNSEEN` before.
_BMP = 0x10000
_DROPPED, _UNEVEN, _UNSEEN = 0, 0xFFFFFFFE, 0xFFFFFFFF
_FOLDS: list = []  # the table, made on first use (numpy is imported only then)


def _folds(codes):  # numpy arrays (numpy is imported lazily)
    """The table's entries for ``codes`` (all in the BMP), learning the unseen ones."""
    import numpy

    if not _FOLDS:
        _FOLDS.append(numpy.full(_BMP, _UNSEEN, dtype=numpy.uint32))
    table = _FOLDS[0]
    found = table[codes]
    unseen = numpy.unique(codes[found == _UNSEEN])
    if len(unseen):
        for code in unseen.tolist():
            out = fold_char(chr(code))
            if len(out) != 1 or ord(out) >= _BMP:
                table[code] = _UNEVEN
            else:
                table[code] = ord(out) if is_matchable(out) else _DROPPED
        found = table[codes]
    return found


def matchable_offsets(text: str) -> tuple[str, Sequence[int]]:
    """The matchable folded characters of ``text`` (what :func:`normalize` gives) and,
    for each, the offset in ``text`` of the character it came from: what
    :func:`folded_chars` yields, computed with numpy (a table lookup per character, no
    Python step) when every character is in the BMP and folds to exactly one; character
    by character otherwise."""
    import numpy

    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    if len(codes) and int(codes.max()) < _BMP:
        found = _folds(codes)
        if not (found == _UNEVEN).any():
            kept = numpy.flatnonzero(found)
            return found[kept].tobytes().decode("utf-32-le"), kept
    pairs = list(folded_chars(text))
    return "".join(ch for ch, _ in pairs), [at for _, at in pairs]


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text (punctuation kept) and, for each of its characters and one past
    the end, the offset of the original character it came from."""
    pieces: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        out = fold_char(ch)
        pieces.append(out)
        offsets.extend([index] * len(out))
    offsets.append(len(text))
    return "".join(pieces), offsets
