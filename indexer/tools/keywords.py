"""Keywords (keyness): the words that set the quotes a search matches apart from the
rest of the corpus.

Words are the index's own: the jieba words of the word field, counted from its
postings, so a word here is a word a search ranks by. For each word the set's count
``a`` (in ``c`` words) is compared with its count in the rest of the corpus ``b`` (in
``d`` words) by the log-likelihood G² of Rayson and Garside (2000),

    E1 = c (a + b) / (c + d),  E2 = d (a + b) / (c + d),
    G² = 2 (a ln(a / E1) + b ln(b / E2))        (a term with a zero count is 0)

with Hardie's (2014) log ratio as the effect size: log2((a / c) / (b / d)), a zero
count taken as 0.5; +1 means twice as frequent in the set as in the rest. Only words
more frequent in the set than in the rest are listed, largest G² first. Stop words
(``stopwords.txt`` in the bundled data, extended by a corpus's ``gazetteer/``
folder) and words without a letter (numbers, symbols) are left out of the list, but
every word counts towards the sizes ``c`` and ``d``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.normalize import normalize
from ..errors import QuerySyntaxError
from ..paths import data_dir
from ..search.request import SearchRequest

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex

TOP = 30
MIN_COUNT = 2
STOPWORDS = "stopwords.txt"


def g2(a: float, b: float, c: float, d: float) -> float:
    """Log-likelihood G² of a word counted ``a`` times in ``c`` words and ``b`` times in
    ``d`` words (Rayson and Garside 2000)."""
    if c <= 0 or d <= 0 or a + b <= 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    total = (a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0)
    return 2 * total


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Hardie's log ratio: the binary log of the ratio of relative frequencies
    (a / c) / (b / d), a zero count taken as 0.5."""
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


@dataclass(frozen=True)
class Keyword:
    word: str
    count: int
    corpus_count: int
    g2: float
    effect: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "count": self.count,
            "corpus_count": self.corpus_count,
            "g2": round(self.g2, 4),
            "effect": round(self.effect, 4),
        }


COLUMNS = ["word", "count", "corpus_count", "g2", "effect"]


@dataclass
class Keywords:
    query: str
    keywords: list[Keyword] = field(default_factory=list)
    set_words: int = 0
    corpus_words: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "keywords": [k.to_dict() for k in self.keywords]}

    def table(self) -> tuple[list[str], list[dict[str, Any]]]:
        return COLUMNS, [k.to_dict() for k in self.keywords]


def has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def keyness(
    counts: Mapping[str, int],
    corpus_counts: Mapping[str, int],
    stopwords: Iterable[str] = (),
    min_count: int = MIN_COUNT,
    top: int | None = TOP,
) -> list[Keyword]:
    """The keywords of a set whose word counts are ``counts`` within a corpus whose
    counts are ``corpus_counts`` (the set included): compared with the rest of the
    corpus, most distinctive first."""
    c = sum(counts.values())
    d = sum(corpus_counts.values()) - c
    if c <= 0 or d <= 0:
        return []
    skip = set(stopwords)
    found = []
    for word, a in counts.items():
        if a < min_count or word in skip or not has_letter(word):
            continue
        b = corpus_counts[word] - a
        if a / c <= b / d:
            continue
        found.append(Keyword(word, a, corpus_counts[word], g2(a, b, c, d), log_ratio(a, b, c, d)))
    found.sort(key=lambda k: (-k.g2, k.word))
    return found[:top] if top is not None else found


def read_stopwords(folders: Iterable[Path]) -> set[str]:
    """Stop words from ``stopwords.txt`` in the bundled data and in each folder's
    ``gazetteer/`` subfolder: one word a line, ``#`` starts a comment; normalised
    as the index normalises words."""
    words = set()
    for path in [data_dir() / STOPWORDS, *(Path(f) / "gazetteer" / STOPWORDS for f in folders)]:
        if path.is_file():
            for line in path.read_text(encoding="utf-8-sig").splitlines():
                word = normalize(line.split("#", 1)[0])
                if word:
                    words.add(word)
    return words


def word_counts(ix: QuoteIndex, docnums: Iterable[int]) -> tuple[dict[str, int], dict[str, int]]:
    """How often each word of the word field occurs in ``docnums`` and in the whole
    index, read from the field's postings (deleted quotes left out)."""
    counts: dict[str, int] = {}
    corpus: dict[str, int] = {}
    fieldname = ix.spec.words
    with ix.handle.whoosh.reader() as reader:
        wanted = bytearray(reader.doc_count_all())
        for docnum in docnums:
            wanted[docnum] = 1
        for term in reader.field_terms(fieldname):
            postings = reader.postings(fieldname, term)
            inside = total = 0
            while postings.is_active():
                weight = int(postings.weight())
                total += weight
                if wanted[postings.id()]:
                    inside += weight
                postings.next()
            if total:
                corpus[term] = total
            if inside:
                counts[term] = inside
    return counts, corpus


def keywords(
    ix: QuoteIndex, request: SearchRequest, top: int = TOP, min_count: int = MIN_COUNT
) -> Keywords:
    """The ``top`` keywords of the quotes ``request`` matches against the rest of the
    corpus (see the module); none when the request matches every quote."""
    from ..index.freshness import gazetteer_dirs

    if min_count < 1:
        raise QuerySyntaxError("min-count must be at least 1")
    ranked, _ = ix.matches(replace(request, sort="date-asc"))
    counts, corpus = word_counts(ix, (docnum for docnum, _ in ranked))
    stopwords = read_stopwords(gazetteer_dirs(ix.handle.manifest.corpus))
    found = keyness(counts, corpus, stopwords, min_count, top)
    return Keywords(request.query, found, sum(counts.values()), sum(corpus.values()))
