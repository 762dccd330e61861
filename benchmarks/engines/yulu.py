"""yulu through its library: built from the documents (parsing included), each needle a
quoted phrase of its query language (every phrase must occur), filters as filters."""

from __future__ import annotations

from pathlib import Path

from benchmarks.engines import Query


def query_text(query: Query) -> str:
    """The needles as yulu's query language writes them: ``"疫情" "防控"``."""
    return " ".join(f'"{needle}"' for needle in query.needles)


def build(records: Path, corpus: Path, target: Path) -> None:
    from indexer import build_index

    build_index(target, [corpus], rebuild=True)


class YuluSearcher:
    def __init__(self, target: Path) -> None:
        from indexer import QuoteIndex

        self.ix = QuoteIndex.open(target)
        self.ids: dict[int, str] = {}

    def search(self, query: Query, limit: int | None) -> tuple[int, list[str]]:
        from indexer import SearchRequest

        request = SearchRequest(
            query_text(query),
            filters={k: list(v) for k, v in query.filters.items()},
            since=query.since,
            until=query.until,
            limit=limit,
        )
        if limit is not None:  # a results page: the hits with their snippets, the total
            results = self.ix.search(request)
            return results.total, [hit.quote.id for hit in results.hits]
        # Every match (the exactness check, after the timings): document numbers, each
        # quote's record read once, not a snippet for each of 100,000 hits.
        docs = [docnum for docnum, _ in self.ix.matches(request)[0]]
        for docnum in docs:
            if docnum not in self.ids:
                self.ids[docnum] = self.ix.quote_at(docnum).id
        return len(docs), [self.ids[d] for d in docs]


def open(target: Path, records: Path) -> YuluSearcher:
    return YuluSearcher(target)
