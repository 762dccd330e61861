"""Whoosh analysis for Chinese: a jieba word tokenizer and character tokenizers.

All of them fold text with :mod:`indexer.normalize`, honour ``positions`` (consecutive
token numbers) and ``chars`` (offsets into the original text), and drop punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer

from ..folding import fold_many
from .indexcut import IndexSegmenter
from .normalize import fold, fold_with_offsets, folded_chars, matchable
from .segment import Segmenter

#: Bump when tokenization changes, so that old indexes are rebuilt.
ANALYZER_VERSION = 1


class _FoldingTokenizer(Tokenizer):
    """Turns the (text, start, end) pieces of :meth:`pieces` into Whoosh tokens with
    consecutive positions and offsets into the original value."""

    def pieces(self, value: str) -> Iterator[tuple[str, int, int]]:
        raise NotImplementedError

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (text, first, last) in enumerate(self.pieces(value), start_pos):
            t.text, t.boost, t.stopped = text, 1.0, False
            if keeporiginal:
                t.original = value[first:last]
            if positions:
                t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char + first, start_char + last
            yield t


class WordTokenizer(_FoldingTokenizer):
    """jieba words of the folded text (accurate mode), for ranking.

    Cuts with an :class:`IndexSegmenter` (rjieba where it cuts as jieba does). Pickled
    (in the index's schema, or to Whoosh's writer processes) it keeps only the user
    dictionaries and makes its segmenter again when first used."""

    def __init__(
        self, segmenter: Segmenter | IndexSegmenter | None = None, userdicts: tuple[str, ...] = ()
    ) -> None:
        self.segmenter = segmenter
        self.userdicts = userdicts

    def __getstate__(self) -> dict[str, Any]:
        return {"userdicts": self.userdicts}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.segmenter = None
        self.userdicts = tuple(state.get("userdicts", ()))

    def _segmenter(self) -> Segmenter | IndexSegmenter:
        if self.segmenter is None:
            self.segmenter = IndexSegmenter(Path(p) for p in self.userdicts)
        return self.segmenter

    def __call__(
        self, value: str, positions: bool = False, chars: bool = False, **kwargs: Any
    ) -> Iterator[Token]:
        if chars or kwargs.get("keeporiginal"):
            yield from super().__call__(value, positions=positions, chars=chars, **kwargs)
            return
        # Indexing asks for neither offsets nor originals: cut the folded text at once.
        start_pos = kwargs.pop("start_pos", 0)
        kwargs.pop("start_char", None)
        t = Token(positions, chars, **kwargs)
        pos = start_pos
        for word, _, _ in self._segmenter().tokenize(fold(value)):
            text = matchable(word)
            if text:
                t.text, t.boost, t.stopped = text, 1.0, False
                if positions:
                    t.pos = pos
                pos += 1
                yield t

    def pieces(self, value: str) -> Iterator[tuple[str, int, int]]:
        folded, offsets = fold_with_offsets(value)
        for word, start, end in self._segmenter().tokenize(folded):
            text = matchable(word)
            if text:
                yield text, offsets[start], offsets[end - 1] + 1


class CharTokenizer(_FoldingTokenizer):
    """Each matchable folded character, for exact matching."""

    def pieces(self, value: str) -> Iterator[tuple[str, int, int]]:
        for ch, index in folded_chars(value):
            yield ch, index, index + 1


class BigramFilter(Filter):
    """Joins each character token with the next: 疫情防控 -> 疫情 情防 防控.
    A bigram keeps the position and start of its first character."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        prev: tuple[str, int, int] | None = None
        for t in tokens:
            current = (t.text, getattr(t, "pos", 0), getattr(t, "startchar", 0))
            if prev is not None:
                t.text = prev[0] + current[0]
                if hasattr(t, "pos"):
                    t.pos = prev[1]
                if hasattr(t, "startchar"):
                    t.startchar = prev[2]
                yield t
            prev = current


class FoldFilter(Filter):
    """Folds exact values (names, titles) the way text is folded, punctuation kept."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text).strip()
            yield t


class MemberFilter(Filter):
    """When indexing, adds the larger organisations a place belongs to (欧洲理事会 is
    indexed as 欧洲联盟 too), so that a filter or facet on the larger one finds it.
    Queries pass unchanged: a filter on 欧洲理事会 finds only 欧洲理事会."""

    def __init__(self, members: Mapping[str, tuple[str, ...]]) -> None:
        self.members = {fold(k): tuple(fold(v) for v in vs) for k, vs in members.items()}

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            yield t
            if t.mode == "index":
                for larger in self.members.get(t.text, ()):
                    t.text = larger  # consumers read each token's text as it is yielded
                    yield t


class AliasFilter(Filter):
    """Replaces a name variant by its canonical name (谭德赛 -> 谭德塞)."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        folded = fold_many([*aliases, *aliases.values()])  # one OpenCC call
        self.aliases = dict(zip(folded[: len(aliases)], folded[len(aliases) :], strict=True))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = self.aliases.get(t.text, t.text)
            yield t
