"""SQLite FTS5 with the ``trigram`` tokenizer over the normalised text (case-sensitive:
the text is folded already). A needle of three characters or more is an FTS5 phrase
(a substring match through the trigram index); a shorter one has no trigram, so it is
``instr()`` over the stored text of the rows the other conditions leave, a scan of the
table when nothing else narrows it. Filters are indexed tables joined by row id; BM25
(``bm25()``) ranks when there is a MATCH, row order otherwise."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from benchmarks.engines import FILTERS, Query, read_records

SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(norm, tokenize = 'trigram case_sensitive 1');
CREATE TABLE quote (rowid INTEGER PRIMARY KEY, id TEXT, text TEXT, leader TEXT,
                    affairs TEXT, date TEXT, date_end TEXT);
CREATE TABLE counterpart (rid INTEGER, value TEXT);
CREATE TABLE country (rid INTEGER, value TEXT);
"""
INDEXES = """
CREATE INDEX counterpart_value ON counterpart (value, rid);
CREATE INDEX country_value ON country (value, rid);
CREATE INDEX quote_leader ON quote (leader);
CREATE INDEX quote_affairs ON quote (affairs);
CREATE INDEX quote_date ON quote (date);
CREATE INDEX quote_date_end ON quote (date_end);
"""
#: Filter fields with one value per quote (columns of ``quote``); the others are tables.
SINGLE = ("leader", "affairs")


def trigram_supported() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34 and later)."""
    try:
        sqlite3.connect(":memory:").execute(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize=trigram)"
        )
    except sqlite3.OperationalError:
        return False
    return True


def build(records: Path, corpus: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    path = target / "quotes.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
    with db:
        for rowid, row in enumerate(read_records(records), 1):
            db.execute("INSERT INTO fts (rowid, norm) VALUES (?, ?)", (rowid, row["norm"]))
            leader = row["leader"][0] if row["leader"] else None
            affairs = row["affairs"][0] if row["affairs"] else None
            db.execute(
                "INSERT INTO quote VALUES (?, ?, ?, ?, ?, ?, ?)",
                (rowid, row["id"], row["text"], leader, affairs, row["date"], row["date_end"]),
            )
            for name in ("counterpart", "country"):
                db.executemany(f"INSERT INTO {name} VALUES (?, ?)", [(rowid, v) for v in row[name]])
    db.executescript(INDEXES + "INSERT INTO fts (fts) VALUES ('optimize'); ANALYZE;")
    db.close()


def to_sql(query: Query) -> tuple[str, list[Any], bool]:
    """The WHERE clause, its parameters, and whether it has a MATCH."""
    where: list[str] = []
    params: list[Any] = []
    long = [n for n in query.needles if len(n) >= 3]
    if long:
        where.append("fts MATCH ?")
        params.append(" AND ".join('"' + n.replace('"', '""') + '"' for n in long))
    for needle in query.needles:
        if len(needle) < 3:
            where.append("instr(fts.norm, ?) > 0")
            params.append(needle)
    for name in FILTERS:
        values = list(query.filters.get(name, ()))
        if not values:
            continue
        marks = ", ".join("?" * len(values))
        if name in SINGLE:
            where.append(f"quote.{name} IN ({marks})")
        else:
            where.append(f"fts.rowid IN (SELECT rid FROM {name} WHERE value IN ({marks}))")
        params += values
    if query.since:
        where.append("quote.date_end >= ?")
        params.append(query.since)
    if query.until:
        where.append("quote.date <= ?")
        params.append(query.until)
    return " AND ".join(where) or "1", params, bool(long)


class Fts5Searcher:
    def __init__(self, target: Path) -> None:
        self.db = sqlite3.connect(target / "quotes.sqlite")

    def search(self, query: Query, limit: int | None) -> tuple[int, list[str]]:
        where, params, ranked = to_sql(query)
        base = f"FROM fts JOIN quote ON quote.rowid = fts.rowid WHERE {where}"
        if limit is None:
            ids = [r[0] for r in self.db.execute(f"SELECT quote.id {base}", params)]
            return len(ids), ids
        # The count and the page, as a results page asks them (bm25() cannot be used
        # beside a window function, so they are two statements).
        (total,) = self.db.execute(f"SELECT count(*) {base}", params).fetchone()
        order = "bm25(fts)" if ranked else "fts.rowid"
        page = self.db.execute(f"SELECT quote.id {base} ORDER BY {order} LIMIT ?", [*params, limit])
        return total, [r[0] for r in page]


def open(target: Path, records: Path) -> Fts5Searcher:
    return Fts5Searcher(target)


#: ``python -c CLI TARGET NEEDLE COUNTERPART``: the first ten hits (the needle normalised).
CLI = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1] + "/quotes.sqlite")
rows = db.execute(
    "SELECT quote.id, quote.text FROM fts JOIN quote ON quote.rowid = fts.rowid "
    "WHERE fts MATCH ? AND fts.rowid IN (SELECT rid FROM counterpart WHERE value = ?) "
    "ORDER BY bm25(fts) LIMIT 10", ('"' + sys.argv[2] + '"', sys.argv[3]))
for id, text in rows:
    print(id, text[:60])
"""
