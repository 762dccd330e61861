"""Keywords (keyness): the words that set the quotes a search matches apart from the
rest of the corpus.

Words are the index's own: the jieba words of the word field, counted from its
postings, so a word here is a word a search ranks by. For each word the set's count
``a`` (in ``c`` words) is compared with its count in the rest of the corpus ``b`` (in
``d`` words) by the log-likelihood G² of Rayson and Garside (2000),

    E1 = c (a + b) / (c + d),  E2 = d (a + b) / (c + d),
    G² = 2 (a ln(a / E1) + b ln(b / E2))        (a term with a zero count is 0)

with Hardie's (2014) log ratio as the effect size: log2((a / c) / (b / d)), a zero
count taken as 0.5; +1 means twice as frequent in the set as in the rest. Beside them,
Gabrielatos and Marchi's (2012) %DIFF, 100 (a / c − b / d) / (b / d) (a zero ``b``
taken as 0.5), and the p-value of G² (χ² with one degree of freedom). A *reference*
(another request: ``yulu keywords --reference``) replaces the rest of the corpus by the
quotes it matches. ``alpha`` keeps the words whose p is below alpha / m (Bonferroni),
m being the number of words compared (those counted at least ``min_count`` times,
neither stop words nor without a letter). Only words more frequent in the set than in
the rest are listed, largest G² first. Stop words
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


def p_value(g2_value: float) -> float:
    """The probability of a G² at least this large by chance (χ², one degree of freedom)."""
    return math.erfc(math.sqrt(max(g2_value, 0.0) / 2))


def pct_diff(a: float, b: float, c: float, d: float) -> float:
    """Gabrielatos and Marchi's %DIFF: 100 (a / c − b / d) / (b / d), a zero ``b`` as 0.5."""
    reference = (b or 0.5) / d
    return 100 * (a / c - reference) / reference


@dataclass(frozen=True)
class Keyword:
    """A keyword: ``count`` in the set, ``corpus_count`` in the set and the reference
    (the rest of the corpus, or the reference request's quotes) together."""

    word: str
    count: int
    corpus_count: int
    g2: float
    effect: float
    pct_diff: float = 0.0

    @property
    def ref_freq(self) -> int:
        return self.corpus_count - self.count

    def to_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "count": self.count,
            "corpus_count": self.corpus_count,
            "g2": round(self.g2, 4),
            "effect": round(self.effect, 4),
            "freq": self.count,
            "ref_freq": self.ref_freq,
            "log_ratio": round(self.effect, 4),
            "pct_diff": round(self.pct_diff, 2),
            "p": float(f"{p_value(self.g2):.4g}"),
        }


COLUMNS = [
    "word", "count", "corpus_count", "g2", "effect", "freq", "ref_freq", "log_ratio",
    "pct_diff", "p",
]  # fmt: skip


@dataclass
class Keywords:
    query: str
    keywords: list[Keyword] = field(default_factory=list)
    set_words: int = 0
    corpus_words: int = 0
    #: the reference request (None: the rest of the corpus)
    reference: SearchRequest | None = None
    #: the number of words compared, the significance level and its Bonferroni cut-off
    tests: int = 0
    alpha: float | None = None

    @property
    def ref_words(self) -> int:
        return self.corpus_words - self.set_words

    @property
    def cutoff(self) -> float | None:
        return self.alpha / self.tests if self.alpha is not None and self.tests else None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "query": self.query,
            "keywords": [k.to_dict() for k in self.keywords],
        }
        if self.reference is not None or self.alpha is not None:
            reference = self.reference
            data["reference"] = (
                {key: reference.to_dict()[key] for key in ("query", "filters", "since", "until")}
                if reference is not None
                else "rest"
            )
            data.update(set_words=self.set_words, ref_words=self.ref_words, tests=self.tests)
            data.update(alpha=self.alpha, cutoff=self.cutoff)
        return data

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
    rest = {word: total - counts.get(word, 0) for word, total in corpus_counts.items()}
    return compare(counts, rest, stopwords, min_count, top)[0]


def compare(
    counts: Mapping[str, int],
    ref_counts: Mapping[str, int],
    stopwords: Iterable[str] = (),
    min_count: int = MIN_COUNT,
    top: int | None = TOP,
    alpha: float | None = None,
    min_log_ratio: float | None = None,
) -> tuple[list[Keyword], int]:
    """The keywords of a set whose word counts are ``counts`` against a reference whose
    counts are ``ref_counts``, most distinctive first, and the number of words compared
    (the m of the Bonferroni cut-off ``alpha`` / m)."""
    c, d = sum(counts.values()), sum(ref_counts.values())
    if c <= 0 or d <= 0:
        return [], 0
    skip = set(stopwords)
    tested = [w for w, a in counts.items() if a >= min_count and w not in skip and has_letter(w)]
    cutoff = alpha / len(tested) if alpha is not None and tested else None
    found = []
    for word in tested:
        a, b = counts[word], ref_counts.get(word, 0)
        if a / c <= b / d:
            continue
        k = Keyword(word, a, a + b, g2(a, b, c, d), log_ratio(a, b, c, d), pct_diff(a, b, c, d))
        if cutoff is not None and not p_value(k.g2) < cutoff:
            continue
        if min_log_ratio is not None and k.effect < min_log_ratio:
            continue
        found.append(k)
    found.sort(key=lambda k: (-k.g2, k.word))
    return (found[:top] if top is not None else found), len(tested)


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
    ix: QuoteIndex,
    request: SearchRequest,
    top: int = TOP,
    min_count: int = MIN_COUNT,
    reference: SearchRequest | None = None,
    alpha: float | None = None,
    min_log_ratio: float | None = None,
) -> Keywords:
    """The ``top`` keywords of the quotes ``request`` matches against the rest of the
    corpus, or against the quotes ``reference`` matches (see the module); none when
    the request matches every quote and there is no reference."""
    from ..index.freshness import gazetteer_dirs

    if min_count < 1:
        raise QuerySyntaxError("min-count must be at least 1")
    if alpha is not None and not 0 < alpha <= 1:
        raise QuerySyntaxError("alpha must be above 0 and at most 1")
    ranked, _ = ix.matches(replace(request, sort="date-asc"))
    docnums = [docnum for docnum, _ in ranked]
    counts, corpus = word_counts(ix, docnums)
    distinct = request.distinct_remarks
    if reference is None and distinct:
        ref_counts, _ = word_counts(ix, _other_remarks(ix, docnums))
    elif reference is None:
        ref_counts = {word: total - counts.get(word, 0) for word, total in corpus.items()}
    else:
        ref_ranked, _ = ix.matches(replace(reference, sort="date-asc", distinct_remarks=distinct))
        ref_counts, _ = word_counts(ix, (docnum for docnum, _ in ref_ranked))
    stopwords = read_stopwords(gazetteer_dirs(ix.handle.manifest.corpus))
    found, tests = compare(counts, ref_counts, stopwords, min_count, top, alpha, min_log_ratio)
    c, d = sum(counts.values()), sum(ref_counts.values())
    return Keywords(request.query, found, c, c + d, reference, tests, alpha)


def _other_remarks(ix: QuoteIndex, docnums: list[int]) -> list[int]:
    """One quote (the earliest) of each remark none of whose quotes is in ``docnums``:
    the rest of the corpus when each remark counts once."""
    everything, _ = ix.matches(SearchRequest(distinct_remarks=True))
    table = ix.columns.remarks
    if table is None:
        taken = set(docnums)
        return [n for n, _ in everything if n not in taken]
    held = set(table.heads[docnums].tolist()) if docnums else set()
    return [n for n, _ in everything if int(table.heads[n]) not in held]
