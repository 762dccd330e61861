"""tantivy over normalised single characters: each character of the normalised text one
token (the text written with a space between characters, tantivy's ``whitespace``
tokenizer), a needle a phrase query of its characters (a term query for one character),
filters as ``raw`` fields, dates as integer fast fields; BM25 ranks.

:mod:`benchmarks.engines.tantivy_jieba` reuses it with jieba's words as the tokens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.engines import FILTERS, Query, day_number, read_records


def chars(text: str) -> list[str]:
    return list(text)


def build(
    records: Path, corpus: Path, target: Path, tokens: Callable[[str], list[str]] = chars
) -> None:
    import tantivy

    target.mkdir(parents=True, exist_ok=True)
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_bytes_field("text", stored=True)  # stored only, for showing the hits
    sb.add_integer_field("row", fast=True)
    for name in FILTERS:
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in ("date", "date_end"):
        sb.add_integer_field(name, indexed=True, fast=True)
    index = tantivy.Index(sb.build(), path=str(target))
    writer = index.writer(heap_size=128_000_000, num_threads=2)
    for row_number, row in enumerate(read_records(records)):
        doc: dict[str, Any] = {
            "body": " ".join(tokens(row["norm"])),
            "id": row["id"],
            "text": row["text"].encode(),
            "row": row_number,
        }
        for name in FILTERS:
            if row[name]:
                doc[name] = row[name]
        for name in ("date", "date_end"):
            if row[name]:
                doc[name] = day_number(row[name])
        writer.add_document(tantivy.Document(**doc))
    writer.commit()
    writer.wait_merging_threads()


def to_query(index: Any, query: Query, tokens: Callable[[str], list[str]] = chars) -> Any:
    """The query as tantivy's query objects: a phrase (or term) per needle, a term set
    per filter field, integer ranges for the period; all of them must match."""
    import tantivy

    schema = index.schema
    parts = []
    for needle in query.needles:
        words = tokens(needle)
        if len(words) == 1:
            parts.append(tantivy.Query.term_query(schema, "body", words[0]))
        else:
            parts.append(tantivy.Query.phrase_query(schema, "body", words))
    for name, values in query.filters.items():
        parts.append(tantivy.Query.term_set_query(schema, name, list(values)))
    integer = tantivy.FieldType.Integer
    if query.since:
        since = day_number(query.since)
        parts.append(tantivy.Query.range_query(schema, "date_end", integer, since, None))
    if query.until:
        until = day_number(query.until)
        parts.append(tantivy.Query.range_query(schema, "date", integer, None, until))
    if not parts:
        return tantivy.Query.all_query()
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, part) for part in parts])


class TantivySearcher:
    def __init__(self, target: Path, records: Path, tokens: Callable[[str], list[str]]) -> None:
        import tantivy

        self.index = tantivy.Index.open(str(target))
        self.searcher = self.index.searcher()
        self.tokens = tokens
        self.records = records
        self._ids: list[str] | None = None

    def search(self, query: Query, limit: int | None) -> tuple[int, list[str]]:
        q = to_query(self.index, query, self.tokens)
        if limit is not None:
            found = self.searcher.search(q, limit=limit)
            page = [self.searcher.doc(addr)["id"][0] for _, addr in found.hits]
            return found.count, page
        # Every hit (the exactness check, after the timings): row numbers from the fast
        # field, ids from the records, so that no stored document is read 100,000 times.
        if self._ids is None:
            self._ids = [row["id"] for row in read_records(self.records)]
        everything = max(1, self.searcher.num_docs)
        found = self.searcher.search(q, limit=everything, count=False)
        rows = self.searcher.fast_field_values("row", [addr for _, addr in found.hits])
        return len(rows), [self._ids[r] for r in rows]


def open(target: Path, records: Path) -> TantivySearcher:
    return TantivySearcher(target, records, chars)


#: ``python -c CLI TARGET NEEDLE COUNTERPART``: open, query, print the first ten hits.
#: The needle is given normalised (the script imports nothing of yulu).
CLI = """
import sys, tantivy
index = tantivy.Index.open(sys.argv[1])
schema, Q = index.schema, tantivy.Query
phrase = Q.phrase_query(schema, "body", list(sys.argv[2]))
name = Q.term_query(schema, "counterpart", sys.argv[3])
q = Q.boolean_query([(tantivy.Occur.Must, phrase), (tantivy.Occur.Must, name)])
searcher = index.searcher()
for score, addr in searcher.search(q, limit=10).hits:
    doc = searcher.doc(addr)
    print(doc["id"][0], bytes(doc["text"][0]).decode()[:60])
"""
