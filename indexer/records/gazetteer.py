"""Alias and gazetteer tables: places, titles, people, event cues, part cues, debris.

The tables are plain text files in ``indexer/data``; a corpus folder may extend them
with files of the same names in its ``gazetteer/`` subfolder. A bad row is a one-line
error naming the file and line; regular expressions (``debris.txt``) are compiled by
RE2, whose matching time is linear in the line whatever the pattern, so no pattern and
no line can make reading a document hang.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import CorpusFormatError
from ..folding import fold, fold_many
from ..paths import data_dir
from .cues import LAYOUT_FILE, LayoutCues, load_layout_file  # layout cues (documents)
from .tables import Pattern, compile_pattern, read_bytes, split_aliases, table_lines, table_rows

FILES = (
    "places.tsv",
    "titles.txt",
    "people.tsv",
    "event_types.tsv",
    "events.tsv",
    "forums.tsv",
    "attending.txt",
    "circumstances.txt",
    "parts.tsv",
    "affairs.tsv",
    "speech_verbs.txt",
    "name_ends.txt",
    "debris.txt",
    "userdict.txt",
    "latin_aliases.tsv",
)


_WORD_LISTS = {
    "titles.txt": "titles",
    "forums.tsv": "forum_cues",
    "attending.txt": "attending",
    "circumstances.txt": "circumstances",
    "speech_verbs.txt": "speech_verbs",
    "name_ends.txt": "name_ends",
}
PLACE_KINDS = ("country", "organisation")
_EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]*$")


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
    #: canonical -> every larger organisation it belongs to (欧洲理事会 -> 欧洲联盟), nearest first
    member_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # alias or name -> canonical
    event_types: list[tuple[str, str]] = field(default_factory=list)  # (type, cue)
    event_variants: list[tuple[str, str]] = field(default_factory=list)  # (variant, canonical)
    forum_cues: list[str] = field(default_factory=list)
    attending: list[str] = field(default_factory=list)  # 出席: a clause about a counterpart
    circumstances: list[str] = field(default_factory=list)  # 期间: ends a clause of when
    part_cues: list[PartCue] = field(default_factory=list)
    affairs_cues: list[tuple[str, str]] = field(default_factory=list)  # (affairs, cue)
    speech_verbs: list[str] = field(default_factory=list)
    name_ends: list[str] = field(default_factory=list)
    debris: list[Pattern] = field(default_factory=list)
    userdict: list[Path] = field(default_factory=list)
    fingerprint: str = ""
    layout: LayoutCues = field(default_factory=LayoutCues)  # layout.tsv (documents)

    def place(self, name: str) -> str:
        return self.places.get(name, name)

    def person(self, name: str) -> str:
        """The canonical name of a person, looked up folded (``習近平`` and ``习主席`` are
        习近平); a name the table does not know comes back folded (simplified, half-width),
        unless it holds Latin letters, which keep their case."""
        found = self.people.get(name) or self._folded_people.get(fold(name))
        if found:
            return found
        return name if any(c.isascii() and c.isalpha() for c in name) else fold(name)

    @cached_property
    def canonical_people(self) -> frozenset[str]:
        """The canonical names of the people table (a set, for lookups line by line)."""
        return frozenset(self.people.values())

    @cached_property
    def _folded_people(self) -> dict[str, str]:
        return dict(zip(fold_many(self.people), self.people.values(), strict=True))

    @cached_property
    def folded_circumstances(self) -> tuple[str, ...]:
        return tuple(fold(w) for w in self.circumstances if w)

    def affairs_of(self, event: str) -> str | None:
        """Domestic or foreign affairs as the first cue of ``affairs.tsv`` found in the
        event text (folded) says, or None."""
        folded = fold(event)
        return next((affairs for affairs, cue in self._folded_affairs if cue in folded), None)

    @cached_property
    def _folded_affairs(self) -> list[tuple[str, str]]:
        return [(affairs, fold(cue)) for affairs, cue in self.affairs_cues if cue]

    @cached_property
    def folded_event_types(self) -> list[tuple[str, str]]:
        """``event_types`` with their cues folded, as event text is before matching."""
        return [(kind, fold(cue)) for kind, cue in self.event_types]

    def within(self, place: str) -> tuple[str, ...]:
        """The larger organisations ``place`` (any of its names) belongs to."""
        return self.member_of.get(self.place(place), ())


@dataclass
class _Pending:
    """``member_of`` cells, resolved once every table is read."""

    rows: list[tuple[Path, int, str, list[str]]] = field(default_factory=list)


def _load_file(gaz: Gazetteer, path: Path, pending: _Pending) -> None:
    name = path.name
    if name == LAYOUT_FILE:  # layout cues (documents)
        load_layout_file(gaz.layout, path)
    elif name == "places.tsv":
        for number, (canonical, kind, aliases, member_of, *_) in table_rows(path, 2):
            if kind not in PLACE_KINDS:
                raise CorpusFormatError(
                    f"{path}:{number}: kind must be country or organisation, not {kind!r}"
                )
            gaz.place_kinds[canonical] = kind
            for alias in [canonical, *split_aliases(aliases)]:
                gaz.places[alias] = canonical
            if member_of:
                pending.rows.append((path, number, canonical, split_aliases(member_of)))
    elif name == "people.tsv":
        for _, (canonical, aliases, *_) in table_rows(path, 1):
            for alias in [canonical, *split_aliases(aliases)]:
                gaz.people[alias] = canonical
    elif name == "event_types.tsv":
        for number, (kind, cue, *_) in table_rows(path, 2):
            if not _EVENT_TYPE.match(kind):
                raise CorpusFormatError(
                    f"{path}:{number}: event type {kind!r} must be lower-case letters, "
                    "digits and _ (e.g. phone_call)"
                )
            gaz.event_types.append((kind, cue))
    elif name == "events.tsv":
        gaz.event_variants += [(var, canon) for _, (var, canon, *_) in table_rows(path, 2)]
    elif name == "parts.tsv":
        for number, (cue, affairs, speaker, *_) in table_rows(path, 3):
            if affairs not in ("domestic", "foreign") or speaker not in ("leader", "counterpart"):
                raise CorpusFormatError(
                    f"{path}:{number}: affairs must be domestic|foreign, speaker leader|counterpart"
                )
            gaz.part_cues.append(PartCue(cue, affairs, speaker))
    elif name == "affairs.tsv":
        for number, (affairs, cue, *_) in table_rows(path, 2):
            if affairs not in ("domestic", "foreign"):
                raise CorpusFormatError(f"{path}:{number}: affairs must be domestic|foreign")
            gaz.affairs_cues.append((affairs, cue))
    elif name == "debris.txt":
        gaz.debris += [
            compile_pattern(cells[0], f"{path}:{number}")
            for number, cells in table_rows(path, 1, whole=True)
        ]
    elif name == "userdict.txt":
        table_lines(path)  # jieba reads any UTF-8 line; anything else is an error here
        gaz.userdict.append(path)
    else:
        getattr(gaz, _WORD_LISTS[name]).extend(cells[0] for _, cells in table_rows(path, 1))


def _resolve_members(gaz: Gazetteer, pending: _Pending) -> None:
    """``member_of`` as canonical names, each place with every larger one, nearest first."""
    direct: dict[str, list[str]] = {}
    for path, number, canonical, names in pending.rows:
        for larger in names:
            if larger not in gaz.places:
                raise CorpusFormatError(
                    f"{path}:{number}: {canonical} is a member of {larger!r}, which is not "
                    "a place in places.tsv; add it there first"
                )
            target = gaz.places[larger]
            if target != canonical and target not in direct.setdefault(canonical, []):
                direct[canonical].append(target)
    for canonical in direct:
        found: list[str] = []
        queue = list(direct[canonical])
        while queue:
            larger = queue.pop(0)
            if larger != canonical and larger not in found:
                found.append(larger)
                queue += direct.get(larger, [])
        gaz.member_of[canonical] = tuple(found)


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
    pending = _Pending()
    digest = hashlib.sha256()
    for path, _, _ in files:
        digest.update(path.name.encode() + b"\0" + read_bytes(path) + b"\0")
        if path.name != LATIN_ALIASES:
            _load_file(gaz, path, pending)
    _resolve_members(gaz, pending)
    _add_latin_aliases(gaz, [path for path, _, _ in files if path.name == LATIN_ALIASES])
    gaz.titles.sort(key=len, reverse=True)
    gaz.fingerprint = digest.hexdigest()
    return gaz


# -- English and pinyin names (latin_aliases.tsv) -----------------------------------------
LATIN_ALIASES = "latin_aliases.tsv"


def _add_latin_aliases(gaz: Gazetteer, paths: list[Path]) -> None:
    """English and pinyin names as aliases: read after every other table (so that a
    corpus's own places and people count), each alias joins the places table when its
    canonical name is a place, else the people table. Aliases are kept in lower case
    (field values are folded, so case does not matter to them), which keeps capitalised
    names in a document's text from being taken for speakers or places."""
    for path in paths:
        for _, (name, aliases, *_) in table_rows(path, 2):
            place = gaz.places.get(name)
            table = gaz.places if place in gaz.place_kinds else gaz.people
            canonical = place if table is gaz.places else gaz.people.get(name, name)
            for alias in split_aliases(aliases):
                table.setdefault(alias.lower(), canonical)
