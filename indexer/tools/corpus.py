"""The quotes a request matches as a corpus: each quote's words as the index cuts them
(jieba over the full dictionary, folded, punctuation out, offsets into the quote's own
text), its runs of words unbroken by punctuation, and its character n-grams.

A *run* is a stretch of words with nothing between them; punctuation (or a space)
ends one. Word lists, collocate windows and n-grams are read from these, so a word
here is always a word that a search for it finds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..analysis.normalize import matchable_offsets
from ..errors import QuerySyntaxError
from ..records.quotes import Quote
from ..search.request import SearchRequest

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex


@dataclass(frozen=True)
class Word:
    """One word: its normalised text, and ``text[start:end]`` of the quote it is in."""

    text: str
    start: int
    end: int


Cutter = Callable[[str], list[Word]]


def cutter(ix: QuoteIndex) -> Cutter:
    """The words of a text as the index's word field cuts them."""
    analyzer = ix.schema[ix.spec.words].analyzer

    def cut(text: str) -> list[Word]:
        return [Word(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]

    return cut


def matching_quotes(ix: QuoteIndex, request: SearchRequest) -> list[Quote]:
    """Every quote ``request`` matches (paging ignored), oldest first."""
    ranked, _ = ix.matches(replace(request, sort="date-asc", limit=0, offset=0))
    return [ix.quote_at(docnum) for docnum, _ in ranked]


def node_words(cut: Cutter, node: str) -> list[str]:
    """The words of a node (``yulu collocates WORD``): the text cut as quotes are cut."""
    words = [w.text for w in cut(node)]
    if not words:
        raise QuerySyntaxError(
            f"{node!r} has no word to look for (letters, digits or Han characters)"
        )
    return words


def runs(text: str, words: list[Word]) -> list[list[Word]]:
    """``words`` (of ``text``) split where anything stands between two of them."""
    found: list[list[Word]] = []
    for word in words:
        if found and found[-1][-1].end == word.start:
            found[-1].append(word)
        else:
            found.append([word])
    return found


def char_runs(text: str) -> list[str]:
    """The normalised text in runs of matchable characters: whatever is folded away
    (punctuation, spaces) ends a run."""
    import numpy

    normal, offsets = matchable_offsets(text)
    if not normal:
        return []
    cuts = [0, *(numpy.flatnonzero(numpy.diff(numpy.asarray(offsets)) > 1) + 1).tolist()]
    return [normal[a:b] for a, b in zip(cuts, [*cuts[1:], len(normal)], strict=True)]


def char_ngrams(text: str, n: int) -> list[str]:
    """Every run of ``n`` characters of the normalised text, no run crossing punctuation."""
    return [run[i : i + n] for run in char_runs(text) for i in range(len(run) - n + 1)]


def find_node(words: list[str], node: list[str]) -> Iterator[int]:
    """Where the word sequence ``node`` starts in ``words``."""
    size = len(node)
    for i in range(len(words) - size + 1):
        if words[i : i + size] == node:
            yield i
