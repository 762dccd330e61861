"""Metadata files: what a ``.toml`` beside a document says about it (title, year, leader)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusFormatError

REQUIRED_META = ("title", "year", "leader")


@dataclass(frozen=True)
class Metadata:
    """What a document's metadata file says about it."""

    title: str
    year: int
    leader: str
    source: str = ""
    language: str = "zh-Hans"


def read_metadata(path: Path) -> Metadata:
    """Read and check ``path`` (a TOML file with title, year, leader, source, language)."""
    if not path.is_file():
        raise CorpusFormatError(
            f"{path}: metadata file missing; write one with title, year and leader, "
            'e.g. title = "…"\\nyear = 2020\\nleader = "习近平"'
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusFormatError(f"{path}: not valid UTF-8 TOML: {exc}") from None
    missing = [key for key in REQUIRED_META if key not in data]
    if missing:
        raise CorpusFormatError(f"{path}: metadata lacks {', '.join(missing)}")
    if not isinstance(data["year"], int) or not 1 <= data["year"] <= 9999:
        raise CorpusFormatError(f"{path}: year must be a whole number, e.g. year = 2020")
    return Metadata(
        title=str(data["title"]),
        year=data["year"],
        leader=str(data["leader"]),
        source=str(data.get("source", "")),
        language=str(data.get("language", "zh-Hans")),
    )
