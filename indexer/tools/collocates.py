"""Collocates: the words that stand within a window of a node word in the quotes a
search matches, with the association measures of Evert (2008), as AntConc and Sketch
Engine list them.

Words are the index's jieba words (:mod:`indexer.tools.corpus`); punctuation is no
word, so a window of ``L`` words to the left and ``R`` to the right reaches across it,
but never beyond the quote. A node of several words (人类命运共同体 cut in three) is
found as that sequence of words. For each word ``w``, ``freq`` (O) counts its
occurrences in the windows (the node occurrence itself left out, so one node within
another's window counts). With ``R1`` the number of words in all the windows, ``C1``
the frequency of ``w`` in the matching quotes and ``N`` their number of words:

    expected E = R1 · C1 / N
    MI = log2(O / E)                      (Church and Hanks 1990)
    t = (O − E) / √O                      (Church et al. 1991)
    G² = 2 Σ Oᵢⱼ ln(Oᵢⱼ / Eᵢⱼ)            (Dunning 1993), over the 2×2 table
         O11 = O, O12 = R1 − O, O21 = C1 − O, O22 = N − R1 − C1 + O
         (each Eᵢⱼ = row total · column total / N; a zero cell adds 0)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import QuerySyntaxError
from ..search.request import SearchRequest
from .corpus import cutter, find_node, matching_quotes, node_words

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex

WINDOW = (5, 5)
MIN_FREQ = 2
TOP = 50
#: What the list is ordered by, largest first.
SORTS = ("g2", "mi", "t", "freq")


def expected(r1: float, c1: float, n: float) -> float:
    return r1 * c1 / n if n > 0 else 0.0


def mi(o: float, e: float) -> float:
    """Pointwise mutual information log2(O / E)."""
    return math.log2(o / e) if o > 0 and e > 0 else 0.0


def t_score(o: float, e: float) -> float:
    return (o - e) / math.sqrt(o) if o > 0 else 0.0


def g2_table(o11: float, r1: float, c1: float, n: float) -> float:
    """Log-likelihood G² of the 2×2 table with O11 = ``o11``, row total ``r1``, column
    total ``c1`` and sample size ``n``."""
    cells = [
        (o11, r1, c1),
        (max(r1 - o11, 0), r1, n - c1),
        (max(c1 - o11, 0), n - r1, c1),
        (max(n - r1 - c1 + o11, 0), n - r1, n - c1),
    ]
    total = 0.0
    for o, row, col in cells:
        e = row * col / n if n > 0 else 0
        if o > 0 and e > 0:
            total += o * math.log(o / e)
    return 2 * total


@dataclass(frozen=True)
class Collocate:
    word: str
    freq: int
    expected: float
    mi: float
    g2: float
    t: float
    corpus_freq: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "freq": self.freq,
            "expected": round(self.expected, 4),
            "mi": round(self.mi, 4),
            "g2": round(self.g2, 4),
            "t": round(self.t, 4),
            "corpus_freq": self.corpus_freq,
        }


COLUMNS = ["word", "freq", "expected", "mi", "g2", "t", "corpus_freq"]


@dataclass
class Collocates:
    node: str
    window: tuple[int, int]
    query: str = ""
    collocates: list[Collocate] = field(default_factory=list)
    node_freq: int = 0
    window_words: int = 0
    tokens: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "window": list(self.window),
            "query": self.query,
            "node_freq": self.node_freq,
            "window_words": self.window_words,
            "tokens": self.tokens,
            "collocates": [c.to_dict() for c in self.collocates],
        }

    def table(self) -> tuple[list[str], list[dict[str, Any]]]:
        return COLUMNS, [c.to_dict() for c in self.collocates]


def window_counts(
    texts: Iterable[Sequence[str]], node: Sequence[str], left: int, right: int
) -> tuple[Counter[str], Counter[str], int, int]:
    """Over word sequences ``texts``: the counts of the words in the windows around
    each occurrence of ``node``, every word's count, the node's frequency and the
    number of words in the windows."""
    near: Counter[str] = Counter()
    every: Counter[str] = Counter()
    hits = span = 0
    for words in texts:
        words = list(words)
        every.update(words)
        for at in find_node(words, list(node)):
            hits += 1
            window = words[max(0, at - left) : at] + words[at + len(node) : at + len(node) + right]
            near.update(window)
            span += len(window)
    return near, every, hits, span


def rank(
    near: Counter[str], every: Counter[str], span: int, *, min_freq: int = MIN_FREQ,
    sort: str = "g2", stopwords: Iterable[str] = (), top: int | None = TOP,
) -> list[Collocate]:  # fmt: skip
    """The collocates of counts from :func:`window_counts`, ordered by ``sort``."""
    n = sum(every.values())
    skip = set(stopwords)
    found = []
    for word, o in near.items():
        if o < min_freq or word in skip:
            continue
        c1 = every[word]
        e = expected(span, c1, n)
        found.append(Collocate(word, o, e, mi(o, e), g2_table(o, span, c1, n), t_score(o, e), c1))
    found.sort(key=lambda c: (-getattr(c, sort), c.word))
    return found[:top] if top is not None else found


def collocates(
    ix: QuoteIndex,
    request: SearchRequest,
    node: str,
    window: tuple[int, int] = WINDOW,
    min_freq: int = MIN_FREQ,
    sort: str = "g2",
    top: int | None = TOP,
    drop_stopwords: bool = False,
) -> Collocates:
    """The collocates of ``node`` in the quotes ``request`` matches (every quote when it
    selects none), ``window`` words (left, right) around each occurrence."""
    from ..index.freshness import gazetteer_dirs
    from .keywords import read_stopwords

    left, right = window
    if left < 0 or right < 0 or left + right == 0:
        raise QuerySyntaxError("the window needs at least one word on one side")
    if min_freq < 1:
        raise QuerySyntaxError("min-freq must be at least 1")
    if sort not in SORTS:
        raise QuerySyntaxError(f"sort must be one of {', '.join(SORTS)}")
    cut = cutter(ix)
    wanted = node_words(cut, node)
    texts = [[w.text for w in cut(q.text)] for q in matching_quotes(ix, request)]
    near, every, hits, span = window_counts(texts, wanted, left, right)
    stop = read_stopwords(gazetteer_dirs(ix.handle.manifest.corpus)) if drop_stopwords else ()
    found = rank(near, every, span, min_freq=min_freq, sort=sort, stopwords=stop, top=top)
    return Collocates(
        "".join(wanted), (left, right), request.query, found, hits, span, sum(every.values())
    )
