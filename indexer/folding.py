"""Character folding, the one definition every layer shares.

Each character goes through Unicode NFKC (full-width ASCII, digits and spaces become
half-width), Latin case folding and traditional-to-simplified conversion (OpenCC's
character table), one character at a time, so folding commutes with taking substrings.

This is the base of the data path: reading documents folds attribution text and the
gazetteer's words with it (a traditional ``習近平同俄羅斯總統普京通電話`` finds the
simplified cues and names), and :mod:`indexer.analysis.normalize` builds the index's
and the queries' normalisation on it. Nothing here imports Whoosh or jieba.
"""

from __future__ import annotations

import unicodedata
from functools import cache

__all__ = ["fold", "fold_char"]

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


#: ``str.translate`` table built as characters are first seen: each character to its
#: folded form. It gives what folding one character at a time gives, in one C-level pass.
_FOLD_TABLE: dict[int, str] = {}
_FOLD_KNOWN: set[str] = set()


def fold(text: str) -> str:
    """The text folded character by character, punctuation kept."""
    if not _FOLD_KNOWN.issuperset(text):
        for ch in set(text) - _FOLD_KNOWN:
            _FOLD_TABLE[ord(ch)] = fold_char(ch)
            _FOLD_KNOWN.add(ch)
    return text.translate(_FOLD_TABLE)
