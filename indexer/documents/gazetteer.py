"""Alias and gazetteer tables: places, titles, people, event cues, part cues, debris.

The tables are plain text files in ``indexer/data``; a corpus folder may extend them
with files of the same names in its ``gazetteer/`` subfolder.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import CorpusFormatError
from ..paths import data_dir
from .cues import LAYOUT_FILE, LayoutCues, load_layout_file  # layout cues (documents)

FILES = (
    "places.tsv",
    "titles.txt",
    "people.tsv",
    "event_types.tsv",
    "events.tsv",
    "forums.tsv",
    "parts.tsv",
    "speech_verbs.txt",
    "name_ends.txt",
    "debris.txt",
    "userdict.txt",
)


_WORD_LISTS = {
    "titles.txt": "titles",
    "forums.tsv": "forum_cues",
    "speech_verbs.txt": "speech_verbs",
    "name_ends.txt": "name_ends",
}


@dataclass(frozen=True)
class PartCue:
    cue: str
    affairs: str
    speaker: str


@dataclass
class Gazetteer:
    """Everything the parser and analyzers look up, loaded from the data files."""

    places: dict[str, str] = field(default_factory=dict)  # alias or name -> canonical
    place_kinds: dict[str, str] = field(default_factory=dict)  # canonical -> kind
    titles: list[str] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # alias or name -> canonical
    event_types: list[tuple[str, str]] = field(default_factory=list)  # (type, cue)
    event_variants: list[tuple[str, str]] = field(default_factory=list)  # (variant, canonical)
    forum_cues: list[str] = field(default_factory=list)
    part_cues: list[PartCue] = field(default_factory=list)
    speech_verbs: list[str] = field(default_factory=list)
    name_ends: list[str] = field(default_factory=list)
    debris: list[re.Pattern[str]] = field(default_factory=list)
    userdict: list[Path] = field(default_factory=list)
    fingerprint: str = ""
    layout: LayoutCues = field(default_factory=LayoutCues)  # layout.tsv (documents)

    def place(self, name: str) -> str:
        return self.places.get(name, name)

    def person(self, name: str) -> str:
        return self.people.get(name, name)


def _rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < columns:
            if columns == 1:
                cells = [line.strip()]
            else:
                raise CorpusFormatError(
                    f"{path}:{number}: expected {columns} tab-separated columns, got {len(cells)}"
                )
        yield number, cells + [""] * (3 - len(cells))


def _aliases(cell: str) -> list[str]:
    return [alias.strip() for alias in cell.split("|") if alias.strip()]


def _load_file(gaz: Gazetteer, path: Path) -> None:
    name = path.name
    if name == LAYOUT_FILE:  # layout cues (documents)
        load_layout_file(gaz.layout, path)
    elif name == "places.tsv":
        for number, (canonical, kind, aliases, *_) in _rows(path, 2):
            if kind not in ("country", "organisation"):
                raise CorpusFormatError(f"{path}:{number}: kind must be country or organisation")
            gaz.place_kinds[canonical] = kind
            for alias in [canonical, *_aliases(aliases)]:
                gaz.places[alias] = canonical
    elif name == "people.tsv":
        for _, (canonical, aliases, *_) in _rows(path, 1):
            for alias in [canonical, *_aliases(aliases)]:
                gaz.people[alias] = canonical
    elif name == "event_types.tsv":
        gaz.event_types += [(kind, cue) for _, (kind, cue, *_) in _rows(path, 2)]
    elif name == "events.tsv":
        gaz.event_variants += [(var, canon) for _, (var, canon, *_) in _rows(path, 2)]
    elif name == "parts.tsv":
        for number, (cue, affairs, speaker, *_) in _rows(path, 3):
            if affairs not in ("domestic", "foreign") or speaker not in ("leader", "counterpart"):
                raise CorpusFormatError(
                    f"{path}:{number}: affairs must be domestic|foreign, speaker leader|counterpart"
                )
            gaz.part_cues.append(PartCue(cue, affairs, speaker))
    elif name == "debris.txt":
        gaz.debris += [re.compile(cells[0]) for _, cells in _rows(path, 1)]
    elif name == "userdict.txt":
        gaz.userdict.append(path)
    else:
        getattr(gaz, _WORD_LISTS[name]).extend(cells[0] for _, cells in _rows(path, 1))


def _table_files(extra_dirs: Iterable[Path]) -> tuple[tuple[Path, int, int], ...]:
    """The table files to read, in order, each with its modification time and size."""
    found = []
    for folder in [data_dir(), *(Path(d) / "gazetteer" for d in extra_dirs)]:
        for name in (*FILES, LAYOUT_FILE):  # layout cues (documents)
            path = folder / name
            if path.is_file():
                stat = path.stat()
                found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def load_gazetteer(extra_dirs: Iterable[Path] = ()) -> Gazetteer:
    """The bundled tables, extended by the ``gazetteer/`` folders of ``extra_dirs``.
    Read once per process while the files stay unchanged; treat the result as
    read-only."""
    return _load(_table_files(extra_dirs))


@lru_cache(maxsize=8)
def _load(files: tuple[tuple[Path, int, int], ...]) -> Gazetteer:
    gaz = Gazetteer()
    digest = hashlib.sha256()
    for path, _, _ in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        _load_file(gaz, path)
    gaz.titles.sort(key=len, reverse=True)
    gaz.fingerprint = digest.hexdigest()
    return gaz
