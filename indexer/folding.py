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
from collections.abc import Iterable
from functools import cache

__all__ = ["fold", "fold_char", "fold_many"]

_FOLD: dict[str, str] = {}
#: OpenCC's conversion of each character converted so far.
_T2S: dict[str, str] = {}


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _converts(ch: str) -> bool:
    """Whether OpenCC is asked about ``ch`` (the ranges it converts start at U+2E80; a
    lone surrogate, from undecodable input, stays as it is)."""
    return ord(ch) > 0x2E7F and not "\ud800" <= ch <= "\udfff"


def _learn_t2s(chars: Iterable[str]) -> None:
    """OpenCC's conversion of each of ``chars``, asked in one call: one character a
    line (no phrase spans a line break, so each converts as it does alone), which a
    search's few hundred new characters need instead of a call each."""
    new = sorted({ch for ch in chars if ch not in _T2S and ch != "\n"})
    if not new:
        return
    converted = _t2s().convert("\n".join(new)).split("\n")
    if len(converted) != len(new):  # not one line a character: ask one at a time
        converted = [_t2s().convert(ch) for ch in new]
    _T2S.update(zip(new, converted, strict=True))


def _convert(piece: str) -> str:
    if piece.isascii():
        return piece
    asked = [ch for ch in piece if _converts(ch)]
    _learn_t2s(asked)
    return "".join(_T2S.get(ch, ch) if _converts(ch) else ch for ch in piece)


def _compatible(ch: str) -> str:
    """NFKC and lower case, or a lone surrogate (undecodable input) as it is."""
    if "\ud800" <= ch <= "\udfff":
        return ch
    return unicodedata.normalize("NFKC", ch).lower()


def fold_char(ch: str) -> str:
    """The folded form of one character (possibly empty or several characters)."""
    try:
        return _FOLD[ch]
    except KeyError:
        folded = _FOLD[ch] = _convert(_compatible(ch))
        return folded


#: ``str.translate`` table built as characters are first seen: each character to its
#: folded form. It gives what folding one character at a time gives, in one C-level pass.
_FOLD_TABLE: dict[int, str] = {}
_FOLD_KNOWN: set[str] = set()


def _learn(chars: set[str]) -> None:
    new = chars - _FOLD_KNOWN
    _learn_t2s(c for ch in new if ch not in _FOLD for c in _compatible(ch) if _converts(c))
    for ch in new:
        _FOLD_TABLE[ord(ch)] = fold_char(ch)
        _FOLD_KNOWN.add(ch)


def fold(text: str) -> str:
    """The text folded character by character, punctuation kept."""
    if not _FOLD_KNOWN.issuperset(text):
        _learn(set(text))
    return text.translate(_FOLD_TABLE)


def fold_many(texts: Iterable[str]) -> list[str]:
    """Each of ``texts`` folded, as :func:`fold` folds it (the new characters of them
    all learnt at once: a table of a thousand names is one OpenCC call, not hundreds)."""
    texts = list(texts)
    _learn(set().union(*texts))
    return [text.translate(_FOLD_TABLE) for text in texts]
