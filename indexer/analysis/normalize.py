"""Text normalisation shared by indexing, querying and the brute-force reference.

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
from collections.abc import Iterator
from functools import cache

_FOLD: dict[str, str] = {}


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _convert(piece: str) -> str:
    if piece.isascii():
        return piece
    return "".join(_t2s().convert(ch) if ord(ch) > 0x2E7F else ch for ch in piece)


def fold_char(ch: str) -> str:
    """The folded form of one character (possibly empty or several characters)."""
    try:
        return _FOLD[ch]
    except KeyError:
        if "\ud800" <= ch <= "\udfff":  # a lone surrogate (undecodable input): as it is
            return ch
        folded = _convert(unicodedata.normalize("NFKC", ch).lower())
        _FOLD[ch] = folded
        return folded


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


#: ``str.translate`` tables built as characters are first seen: each character to its
#: folded form, and each folded character to itself or (unmatchable) to nothing. They
#: give what folding one character at a time gives, in one C-level pass over the text.
_FOLD_TABLE: dict[int, str] = {}
_FOLD_KNOWN: set[str] = set()
_MATCH_TABLE: dict[int, str | None] = {}
_MATCH_KNOWN: set[str] = set()


def fold(text: str) -> str:
    """The text folded character by character, punctuation kept."""
    if not _FOLD_KNOWN.issuperset(text):
        for ch in set(text) - _FOLD_KNOWN:
            _FOLD_TABLE[ord(ch)] = fold_char(ch)
            _FOLD_KNOWN.add(ch)
    return text.translate(_FOLD_TABLE)


def normalize(text: str) -> str:
    """The matchable characters of the folded text: what phrases are matched against."""
    return matchable(fold(text))


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
