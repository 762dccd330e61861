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
    """The FROM and WHERE clauses over ``fts`` (joined to ``quote`` only for a filter on
    its columns), their parameters, and whether there is a MATCH. With a MATCH, the row
    id lists of the filters are tested row by row (``+fts.rowid``): used as an index,
    each row id would run the MATCH again."""
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
    rowid = "+fts.rowid" if long else "fts.rowid"
    for name in FILTERS:
        values = list(query.filters.get(name, ()))
        if values:
            marks = ", ".join("?" * len(values))
            if name in SINGLE:
                where.append(f"quote.{name} IN ({marks})")
            else:
                where.append(f"{rowid} IN (SELECT rid FROM {name} WHERE value IN ({marks}))")
            params += values
    if query.since:
        where.append("quote.date_end >= ?")
        params.append(query.since)
    if query.until:
        where.append("quote.date <= ?")
        params.append(query.until)
    joined = any("quote." in w for w in where)
    tables = "fts JOIN quote ON quote.rowid = fts.rowid" if joined else "fts"
    return f"FROM {tables} WHERE {' AND '.join(where) or '1'}", params, bool(long)


class Fts5Searcher:
    def __init__(self, target: Path) -> None:
        self.db = sqlite3.connect(target / "quotes.sqlite")

    def search(self, query: Query, limit: int | None) -> tuple[int, list[str]]:
        base, params, ranked = to_sql(query)
        if limit is None:
            rows = f"SELECT id FROM quote WHERE rowid IN (SELECT fts.rowid {base})"
            ids = [r[0] for r in self.db.execute(rows, params)]
            return len(ids), ids
        # The count and the page, as a results page asks them (bm25() cannot be used
        # beside a window function, so they are two statements); the page's ids last.
        (total,) = self.db.execute(f"SELECT count(*) {base}", params).fetchone()
        order = "bm25(fts)" if ranked else "fts.rowid"
        top = f"SELECT fts.rowid AS r, {order} AS o {base} ORDER BY o LIMIT ?"
        page = f"SELECT quote.id FROM ({top}) JOIN quote ON quote.rowid = r ORDER BY o"
        return total, [r[0] for r in self.db.execute(page, [*params, limit])]


def open(target: Path, records: Path) -> Fts5Searcher:
    return Fts5Searcher(target)


#: ``python -c CLI TARGET NEEDLE COUNTERPART``: the first ten hits (the needle normalised).
CLI = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1] + "/quotes.sqlite")
rows = db.execute(
    "SELECT quote.id, quote.text FROM (SELECT rowid AS r, bm25(fts) AS o FROM fts "
    "WHERE fts MATCH ? AND +rowid IN (SELECT rid FROM counterpart WHERE value = ?) "
    "ORDER BY o LIMIT 10) JOIN quote ON quote.rowid = r ORDER BY o",
    ('"' + sys.argv[2] + '"', sys.argv[3]))
for id, text in rows:
    print(id, text[:60])
"""
