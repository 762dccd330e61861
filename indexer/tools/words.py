"""Word list: every word (or character n-gram) of the quotes a search matches, with its
frequency, its range and how evenly it is spread.

Words are the index's jieba words (:mod:`indexer.tools.corpus`); with ``ngram`` N, a
word is a run of N characters of the normalised text, punctuation breaking runs. For
each word: ``freq`` (occurrences), ``quotes`` and ``documents`` (how many matching
quotes and source documents hold it) and ``dispersion``, Gries's (2008) deviation of
proportions over the matching quotes as the corpus parts,

    DP = ½ Σᵢ |vᵢ − sᵢ|,   vᵢ = freq in quote i / freq,  sᵢ = words of quote i / words,

0 for a word spread exactly as the words are, towards 1 for one packed in one small
part. ``tokens`` is the number of words (or n-grams) in the matching quotes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import QuerySyntaxError
from ..search.request import SearchRequest
from .corpus import char_ngrams, cutter, matching_quotes

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex

TOP = 100
MIN_FREQ = 1


def gries_dp(counts: Sequence[int], sizes: Sequence[int]) -> float:
    """Gries's DP of a word counted ``counts[i]`` times in part i of ``sizes[i]`` words."""
    freq, total = sum(counts), sum(sizes)
    if freq <= 0 or total <= 0:
        return 0.0
    return 0.5 * sum(abs(c / freq - s / total) for c, s in zip(counts, sizes, strict=True))


@dataclass(frozen=True)
class WordRow:
    word: str
    freq: int
    quotes: int
    documents: int
    dispersion: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "freq": self.freq,
            "quotes": self.quotes,
            "documents": self.documents,
            "dispersion": round(self.dispersion, 4),
        }


COLUMNS = ["word", "freq", "quotes", "documents", "dispersion"]


@dataclass
class WordList:
    query: str
    ngram: int | None = None
    words: list[WordRow] = field(default_factory=list)
    tokens: int = 0
    types: int = 0
    quotes: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "ngram": self.ngram,
            "tokens": self.tokens,
            "types": self.types,
            "quotes": self.quotes,
            "words": [w.to_dict() for w in self.words],
        }

    def table(self) -> tuple[list[str], list[dict[str, Any]]]:
        return COLUMNS, [w.to_dict() for w in self.words]


def word_list(
    parts: Sequence[tuple[str, list[str]]],
    stopwords: Iterable[str] = (),
    min_freq: int = MIN_FREQ,
    top: int | None = TOP,
) -> tuple[list[WordRow], int, int]:
    """The rows of a word list of ``parts``, each (document, its words): most frequent
    first, then by word; and the numbers of tokens and of types (stop words counted)."""
    sizes = [len(words) for _, words in parts]
    where: dict[str, dict[int, int]] = defaultdict(dict)
    documents: dict[str, set[str]] = defaultdict(set)
    for i, (source, words) in enumerate(parts):
        for word, count in Counter(words).items():
            where[word][i] = count
            documents[word].add(source)
    skip = set(stopwords)
    total = sum(sizes)
    rows = []
    for word, inside in where.items():
        freq = sum(inside.values())
        if freq < min_freq or word in skip:
            continue
        # DP over every part: the parts without the word add their share sᵢ
        held = sum(abs(c / freq - sizes[i] / total) for i, c in inside.items())
        absent = 1 - sum(sizes[i] for i in inside) / total
        rows.append(WordRow(word, freq, len(inside), len(documents[word]), 0.5 * (held + absent)))
    rows.sort(key=lambda r: (-r.freq, r.word))
    return (rows[:top] if top is not None else rows), total, len(where)


def words(
    ix: QuoteIndex,
    request: SearchRequest,
    ngram: int | None = None,
    top: int | None = TOP,
    min_freq: int = MIN_FREQ,
    drop_stopwords: bool = False,
) -> WordList:
    """The word list of the quotes ``request`` matches (every quote when it selects
    none): jieba words, or character n-grams of ``ngram`` characters."""
    from ..index.freshness import gazetteer_dirs
    from .keywords import read_stopwords

    if ngram is not None and ngram < 1:
        raise QuerySyntaxError("ngram must be at least 1")
    if min_freq < 1:
        raise QuerySyntaxError("min-freq must be at least 1")
    quotes = matching_quotes(ix, request)
    if ngram is None:
        cut = cutter(ix)
        parts = [(q.source, [w.text for w in cut(q.text)]) for q in quotes]
    else:
        parts = [(q.source, char_ngrams(q.text, ngram)) for q in quotes]
    stop = read_stopwords(gazetteer_dirs(ix.handle.manifest.corpus)) if drop_stopwords else ()
    rows, tokens, types = word_list(parts, stop, min_freq, top)
    return WordList(request.query, ngram, rows, tokens, types, len(quotes))
