"""The engines of the peers benchmark (:mod:`benchmarks.peers`), each a small module with
``build(records, corpus, target)``, ``open(target, records)`` and a ``CLI`` script.

Every engine answers the same :class:`Query`: every needle a substring of the quote's
normalised text (``indexer.analysis.normalize``), and the quote within the filters. The
peers index the records that yulu parsed (written once as JSON lines by
:func:`write_records`); yulu builds from the documents, parsing included.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

#: Engine name -> module under ``benchmarks.engines``; the order of the table.
ENGINES = {
    "yulu": "yulu",
    "tantivy-chars": "tantivy_chars",
    "fts5-trigram": "fts5",
    "scan": "scan",
    "tantivy-jieba": "tantivy_jieba",
}
#: Engines that must answer exactly what the scan answers.
EXACT = ("yulu", "tantivy-chars", "fts5-trigram")
#: Engines that need tantivy.
NEEDS_TANTIVY = ("tantivy-chars", "tantivy-jieba")
#: Filter fields every engine supports (values OR-ed within a field, fields AND-ed).
FILTERS = ("counterpart", "country", "leader", "affairs")


@dataclass(frozen=True)
class Query:
    """Needles (normalised; all must occur) and filters; ``since``/``until`` keep the
    quotes whose dates overlap the period, as yulu's filters do."""

    kind: str
    needles: tuple[str, ...] = ()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    since: str | None = None
    until: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "needles": list(self.needles),
            "filters": {k: list(v) for k, v in self.filters.items()},
            "since": self.since,
            "until": self.until,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Query:
        filters = {k: tuple(v) for k, v in data["filters"].items()}
        return cls(data["kind"], tuple(data["needles"]), filters, data["since"], data["until"])


class Searcher(Protocol):
    def search(self, query: Query, limit: int | None) -> tuple[int, list[str]]:
        """The number of matches and the ids of the first ``limit`` by the engine's own
        ranking (every match when ``limit`` is None)."""
        ...


class Engine(Protocol):
    def build(self, records: Path, corpus: Path, target: Path) -> None: ...

    def open(self, target: Path, records: Path) -> Searcher: ...


def engine(name: str) -> Engine:
    """The engine module called ``name``."""
    return importlib.import_module(f"benchmarks.engines.{ENGINES[name]}")  # type: ignore[return-value]


def tantivy_available() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def write_records(quotes: Iterable[Any], path: Path) -> int:
    """Write the parsed quotes as JSON lines: id, original and normalised text, filter
    values (countries with the larger organisations, as yulu indexes them) and dates."""
    import sys

    from indexer.analysis.normalize import normalize

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
    from brute import countries

    count = 0
    with path.open("w", encoding="utf-8") as out:
        for q in quotes:
            row = {
                "id": q.id,
                "text": q.text,
                "norm": normalize(q.text),
                "counterpart": sorted({c.name for c in q.counterparts if c.name}),
                "country": countries(q),
                "leader": [q.leader] if q.leader else [],
                "affairs": [q.affairs] if q.affairs else [],
                "date": q.date,
                "date_end": q.date_end,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def digest(ids: Iterable[str]) -> str:
    """A short fingerprint of a set of ids, to compare answers across processes."""
    return hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()[:16]


def day_number(date: str | None) -> int | None:
    """``YYYY-MM-DD`` as the integer YYYYMMDD (None stays None)."""
    return int(date.replace("-", "")) if date else None
