"""The 70 queries of the peers benchmark: 25 phrases, 15 word sets, 15 of one or two
characters, 15 filtered. The hand-written ones are those of :mod:`benchmarks.run`; the
rest are drawn (with a fixed seed) from the bundled seed's quotes, so that every scale
asks the same questions. About one generated phrase in five has a character changed, so
that some find nothing."""

from __future__ import annotations

import random
from typing import Any

from benchmarks.engines import Query

PHRASES = ["人类命运共同体", "疫情防控", "全球公共卫生安全", "同舟共济", "中方愿同"]
WORD_SETS = [("国际合作", "支持"), ("疫情", "防控"), ("经济", "社会", "发展")]
SHORT = ["疫", "防", "中", "世卫", "两国"]
FILTERED = [
    Query("filtered", ("合作",), {"counterpart": ("普京",)}),
    Query("filtered", ("疫情防控",), {"affairs": ("domestic",)}, since="2020-03-10"),
    Query("filtered", ("支持",), {"country": ("美国", "德国")}),
    Query("filtered", (), {"leader": ("特朗普",)}),
]
COUNTS = {"phrase": 25, "words": 15, "short": 15, "filtered": 15}


def _piece(rng: random.Random, texts: list[str], low: int, high: int) -> str:
    text = rng.choice([t for t in texts if len(t) >= low])
    length = rng.randint(low, min(high, len(text)))
    start = rng.randrange(len(text) - length + 1)
    return text[start : start + length]


def _filters(rng: random.Random, records: list[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    pool = {
        name: sorted({v for r in records for v in r[name]})
        for name in ("counterpart", "country", "leader", "affairs")
    }
    filters = {}
    for name in rng.sample(sorted(pool), rng.randint(1, 2)):
        filters[name] = tuple(rng.sample(pool[name], min(len(pool[name]), rng.randint(1, 2))))
    return filters


def make_queries(records: list[dict[str, Any]], seed: int = 19) -> list[Query]:
    """The query set, from the seed's records (as :func:`write_records` writes them)."""
    from indexer.analysis.normalize import normalize

    rng = random.Random(seed)
    texts = [r["norm"] for r in records]
    queries = [Query("phrase", (normalize(p),)) for p in PHRASES]
    while len(queries) < COUNTS["phrase"]:
        phrase = _piece(rng, texts, 3, 12)
        if rng.random() < 0.2:
            i = rng.randrange(len(phrase))
            phrase = phrase[:i] + rng.choice("的国疫情人民合作一") + phrase[i + 1 :]
        queries.append(Query("phrase", (phrase,)))
    words = [Query("words", tuple(normalize(w) for w in ws)) for ws in WORD_SETS]
    while len(words) < COUNTS["words"]:
        same = rng.choice(texts)
        pieces = tuple(
            _piece(rng, [same] if rng.random() < 0.6 else texts, 2, 4)
            for _ in range(rng.randint(2, 3))
        )
        words.append(Query("words", pieces))
    short = [Query("short", (normalize(s),)) for s in SHORT]
    while len(short) < COUNTS["short"]:
        short.append(Query("short", (_piece(rng, texts, 1, 1 if len(short) < 10 else 2),)))
    filtered = list(FILTERED)
    days = sorted({r["date"] for r in records if r["date"]})
    while len(filtered) < COUNTS["filtered"]:
        needles = rng.choice([*queries, *words, *short]).needles
        since = until = None
        if rng.random() < 0.4:
            since, until = sorted(rng.sample(days, 2))
        filtered.append(Query("filtered", needles, _filters(rng, records), since, until))
    return queries + words + short + filtered
