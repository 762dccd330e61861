"""Metadata: what a ``.toml`` beside a document says about it (title, year, leader),
all optional. What a metadata file leaves out, the parser reads from the document
itself (:mod:`indexer.documents.inference`) or takes from the command line."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusFormatError

KEYS = ("title", "year", "leader", "source", "language")


@dataclass(frozen=True)
class Metadata:
    """What is known about a document from outside its text: its metadata file, or the
    ``--title``, ``--year`` and ``--leader`` options. None where nothing is said."""

    title: str | None = None
    year: int | None = None
    leader: str | None = None
    source: str = ""
    language: str = "zh-Hans"


def metadata_path(document: Path) -> Path:
    """Where a document's metadata file is: beside it, with the suffix ``.toml``."""
    return document.with_suffix(".toml")


def check_year(year: object, where: str) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise CorpusFormatError(f"{where}: year must be a whole number, e.g. year = 2020")
    return year


def read_metadata(path: Path) -> Metadata | None:
    """Read and check the metadata file ``path`` (TOML: title, year, leader, source,
    language; every key optional); None when there is no such file."""
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusFormatError(f"{path}: not valid UTF-8 TOML: {exc}") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise CorpusFormatError(
            f"{path}: unknown key(s) {', '.join(unknown)}; a metadata file may hold "
            f"{', '.join(KEYS)}"
        )
    for key in ("title", "leader", "source", "language"):
        if key in data and not isinstance(data[key], str):
            raise CorpusFormatError(f'{path}: {key} must be text, e.g. {key} = "…"')
    return Metadata(
        title=data.get("title") or None,
        year=check_year(data["year"], str(path)) if "year" in data else None,
        leader=data.get("leader") or None,
        source=data.get("source", ""),
        language=data.get("language", "zh-Hans"),
    )
