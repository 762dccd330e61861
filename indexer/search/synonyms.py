"""The synonym table: forms of one name or term that find each other in free text.

``synonyms.tsv`` (bundled in ``indexer/data``, extended by a corpus folder's
``gazetteer/synonyms.tsv``) holds one group per line: a term, a tab, and its other
forms separated by ``|``::

    世界卫生组织	世卫组织
    新型冠状病毒肺炎	新冠肺炎

A form found in an unquoted query word matches any form of its group; quoted phrases
stay literal."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..analysis.normalize import normalize
from ..errors import CorpusFormatError
from ..paths import data_dir

FILE = "synonyms.tsv"

#: A piece of free text: (folded text, the group of forms it stands for or None).
Piece = tuple[str, tuple[str, ...] | None]


class Synonyms:
    """Groups of equivalent forms, looked up in folded free text."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        parent: dict[str, str] = {}  # groups that share a form are one group

        def root(form: str) -> str:
            while parent[form] != form:
                form = parent[form]
            return form

        for group in groups:
            forms = [normalize(form) for form in group if normalize(form)]
            for form in forms:
                parent.setdefault(form, form)
            for form in forms[1:]:
                parent[root(form)] = root(forms[0])
        members: dict[str, list[str]] = {}
        for form in parent:
            members.setdefault(root(form), []).append(form)
        self._group = {form: tuple(members[root(form)]) for form in parent}
        self._lengths = sorted({len(form) for form in self._group}, reverse=True)

    def __bool__(self) -> bool:
        return bool(self._group)

    def group(self, form: str) -> tuple[str, ...] | None:
        """Every form of the group ``form`` (normalised) belongs to, itself first."""
        group = self._group.get(normalize(form))
        if group is None:
            return None
        first = normalize(form)
        return (first, *(f for f in group if f != first))

    def split(self, text: str) -> list[Piece]:
        """``text`` (folded) cut around the forms it contains, leftmost and longest
        first: the forms with their groups, the text between them with None."""
        pieces: list[Piece] = []
        start = plain = 0
        while start < len(text):
            for length in self._lengths:
                candidate = text[start : start + length]
                if len(candidate) == length and candidate in self._group:
                    if plain < start:
                        pieces.append((text[plain:start], None))
                    pieces.append((candidate, self.group(candidate)))
                    start = plain = start + length
                    break
            else:
                start += 1
        if plain < len(text):
            pieces.append((text[plain:], None))
        return pieces


def _read(path: Path) -> list[list[str]]:
    groups = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if len(cells) < 2:
            raise CorpusFormatError(f"{path}:{number}: expected a term, a tab and its synonyms")
        group = [cells[0], *(form for cell in cells[1:] for form in cell.split("|"))]
        groups.append([form.strip() for form in group if form.strip()])
    return groups


def load_synonyms(corpus_dirs: Iterable[Path] = ()) -> Synonyms:
    """The bundled synonym table, extended by the ``gazetteer/`` folders of
    ``corpus_dirs``."""
    files = [data_dir() / FILE, *(Path(d) / "gazetteer" / FILE for d in corpus_dirs)]
    return _load(tuple((p, p.stat().st_mtime_ns) for p in files if p.is_file()))


@lru_cache(maxsize=8)
def _load(files: tuple[tuple[Path, int], ...]) -> Synonyms:
    return Synonyms(group for path, _ in files for group in _read(path))
