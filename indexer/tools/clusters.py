"""Clusters: the word n-grams (2–6 words) of the quotes a search matches that contain a
node word, as AntConc's Clusters/N-Grams tool lists them.

Words are the index's jieba words (:mod:`indexer.tools.corpus`). A cluster is a run of
``n`` consecutive words holding the node (a node of several words whole), never
crossing punctuation. ``freq`` counts its occurrences (each place once, even where it
holds the node twice), ``quotes`` the matching quotes holding it. Largest ``freq``
first, then in pinyin order."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import QuerySyntaxError
from ..search.request import SearchRequest
from .collation import pinyin_key
from .corpus import cutter, find_node, matching_quotes, node_words, runs

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex

SIZES = (2, 4)
#: The longest cluster the tool builds.
LONGEST = 6
MIN_FREQ = 2
TOP = 50


@dataclass(frozen=True)
class Cluster:
    words: tuple[str, ...]
    freq: int
    quotes: int

    @property
    def text(self) -> str:
        return "".join(self.words)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "words": list(self.words),
            "size": len(self.words),
            "freq": self.freq,
            "quotes": self.quotes,
        }


COLUMNS = ["text", "words", "size", "freq", "quotes"]


@dataclass
class Clusters:
    node: str
    sizes: tuple[int, int]
    query: str = ""
    clusters: list[Cluster] = field(default_factory=list)
    node_freq: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "sizes": list(self.sizes),
            "query": self.query,
            "node_freq": self.node_freq,
            "clusters": [c.to_dict() for c in self.clusters],
        }

    def table(self) -> tuple[list[str], list[dict[str, Any]]]:
        rows = [{**c.to_dict(), "words": " ".join(c.words)} for c in self.clusters]
        return COLUMNS, rows


def cluster_counts(
    quotes: Iterable[Sequence[Sequence[str]]], node: Sequence[str], low: int, high: int
) -> tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]], int]:
    """Over quotes given as runs of words: each cluster's frequency, the number of
    quotes holding it, and the node's frequency."""
    freq: Counter[tuple[str, ...]] = Counter()
    held: Counter[tuple[str, ...]] = Counter()
    hits = 0
    size = len(node)
    for quote in quotes:
        seen: dict[tuple[str, ...], set[tuple[int, int]]] = defaultdict(set)
        for r, words in enumerate(quote):
            words = list(words)
            for at in find_node(words, list(node)):
                hits += 1
                for n in range(max(low, size), high + 1):
                    for start in range(max(0, at + size - n), min(at, len(words) - n) + 1):
                        seen[tuple(words[start : start + n])].add((r, start))
        for gram, places in seen.items():
            freq[gram] += len(places)
            held[gram] += 1
    return freq, held, hits


def clusters(
    ix: QuoteIndex,
    request: SearchRequest,
    node: str,
    sizes: tuple[int, int] = SIZES,
    min_freq: int = MIN_FREQ,
    top: int | None = TOP,
) -> Clusters:
    """The clusters of ``sizes`` (fewest, most words) holding ``node`` in the quotes
    ``request`` matches (every quote when it selects none)."""
    low, high = sizes
    if not 2 <= low <= high <= LONGEST:
        raise QuerySyntaxError(f"cluster sizes must be from 2 to {LONGEST} words, fewest first")
    if min_freq < 1:
        raise QuerySyntaxError("min-freq must be at least 1")
    cut = cutter(ix)
    wanted = node_words(cut, node)
    quotes = []
    for quote in matching_quotes(ix, request):
        quotes.append([[w.text for w in run] for run in runs(quote.text, cut(quote.text))])
    freq, held, hits = cluster_counts(quotes, wanted, low, high)
    found = [Cluster(gram, f, held[gram]) for gram, f in freq.items() if f >= min_freq]
    found.sort(key=lambda c: (-c.freq, pinyin_key(c.text), len(c.words)))
    shown = found[:top] if top is not None else found
    return Clusters("".join(wanted), (low, high), request.query, shown, hits)
