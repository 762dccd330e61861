"""The brute-force scan, the ground truth: ``needle in text`` over every record's
normalised text, filters read from the record. No index: "build" copies the records."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from benchmarks.engines import FILTERS, Query, read_records


def matches(row: dict[str, Any], query: Query) -> bool:
    """Whether a record answers the query (the definition every engine is held to)."""
    if not all(needle in row["norm"] for needle in query.needles):
        return False
    for name in FILTERS:
        wanted = query.filters.get(name)
        if wanted and not set(wanted) & set(row[name]):
            return False
    if query.since and (row["date_end"] is None or row["date_end"] < query.since):
        return False
    return not (query.until and (row["date"] is None or row["date"] > query.until))


def build(records: Path, corpus: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(records, target / "records.jsonl")


class ScanSearcher:
    def __init__(self, target: Path) -> None:
        self.rows = list(read_records(target / "records.jsonl"))
        self.texts = [row["norm"] for row in self.rows]

    def search(self, query: Query, limit: int | None) -> tuple[int, list[str]]:
        """``needle in text`` over the list of texts (each further needle over the rows
        left), then :func:`matches` on the rows left, in record order."""
        texts = self.texts
        if query.needles:
            first, *rest = query.needles
            found = [i for i, text in enumerate(texts) if first in text]
            for needle in rest:
                found = [i for i in found if needle in texts[i]]
        else:
            found = list(range(len(texts)))
        if query.filters or query.since or query.until:
            found = [i for i in found if matches(self.rows[i], query)]
        page = found if limit is None else found[:limit]
        return len(found), [self.rows[i]["id"] for i in page]


def open(target: Path, records: Path) -> ScanSearcher:
    return ScanSearcher(target)


#: ``python -c CLI TARGET NEEDLE COUNTERPART``: the first ten matches, as a script would.
CLI = """
import json, sys
needle, name = sys.argv[2], sys.argv[3]
with open(sys.argv[1] + "/records.jsonl", encoding="utf-8") as f:
    rows = [json.loads(line) for line in f]
hits = [r for r in rows if needle in r["norm"] and name in r["counterpart"]]
for r in hits[:10]:
    print(r["id"], r["text"][:60])
"""
