"""An open generation of an index (:class:`IndexHandle`: the Whoosh index, its sidecars,
its gazetteer and declaration) and what to tell the user when an index is damaged: the
command that fixes it (:func:`fix_command`)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.index import FileIndex

from ..analysis.segment import Segmenter
from ..errors import IndexDamaged
from ..paths import default_index_dir
from ..records.gazetteer import Gazetteer
from .declaration import SchemaSpec
from .docvalues import IndexColumns
from .integrity import SEGDICT
from .manifest import Manifest
from .store import IndexStore
from .watch import FileWatch


class OpenedIndex:
    """A generation's Whoosh index whose first reader is the one opening opened (and so
    checked: :func:`~indexer.index.access.open_generation`): a search that starts right
    after sees the files it checked even if the generation is removed meanwhile (open
    files stay readable)."""

    def __init__(self, ix: FileIndex, reader: Any) -> None:
        self.ix, self.first = ix, reader
        self.storage, self.indexname, self.schema = ix.storage, ix.indexname, ix.schema

    def reader(self) -> Any:
        """The reader opened and checked, the first time; a new one after."""
        first, self.first = self.first, None
        return first if first is not None else self.ix.reader()

    def searcher(self, **kwargs: Any) -> Any:
        from whoosh.searching import Searcher

        return Searcher(self.reader(), fromindex=self.ix, **kwargs)

    def close(self) -> None:
        if self.first is not None:
            self.first.close()
            self.first = None


@dataclass
class IndexHandle:
    """An open generation of an index and everything needed to search it: the Whoosh
    index (whose first reader is the one opened here) and the sidecars of that
    reader's segments (``columns``)."""

    root: Path
    generation: Path
    manifest: Manifest
    gazetteer: Gazetteer
    spec: SchemaSpec
    schema: Any
    whoosh: Any
    columns: IndexColumns
    #: the files as they were when opened: see :meth:`check_unchanged`
    watch: FileWatch | None = field(default=None, repr=False)
    _segmenter: Segmenter | None = field(default=None, repr=False)

    @property
    def segmenter(self) -> Segmenter:
        """The corpus dictionary the index was cut with (read when first asked for)."""
        if self._segmenter is None:
            self._segmenter = Segmenter.load(self.generation / SEGDICT)
        return self._segmenter

    def check_unchanged(self) -> None:
        """Raise :class:`~indexer.errors.IndexDamaged` if a file of the generation was
        truncated, replaced or written to since it was opened and no longer holds what
        was written: before a search touches the memory-mapped files (a truncated map
        kills the process with SIGBUS). A ``stat`` of each file when nothing changed."""
        if self.watch is not None:
            problems = self.watch.problems(self.manifest)
            if problems:
                raise damaged(problems, self.root)

    def close(self) -> None:
        """Release the reader opened for the first search, if no search took it."""
        self.whoosh.close()


def fix_command(root: Path, rebuild: bool = False) -> str:
    """The command that brings the index at ``root`` up to date (or, with ``rebuild``,
    rebuilds it): it builds from the sources the index records, so the paths are named
    only when nothing records them."""
    store = IndexStore(root)
    named = root != default_index_dir()  # (a new index there: of the user's documents)
    paths = " PATH…" if (store.has_pointer() or named) and store.sources() is None else ""
    where = "" if root == default_index_dir() else f" --index-dir {shlex.quote(str(root))}"
    return f"yulu index{' --rebuild' if rebuild else ''}{paths}{where}"


def damaged(problems: list[str], root: Path) -> IndexDamaged:
    return IndexDamaged(problems, str(root), fix_command(root, rebuild=True))


def leaves(reader: Any) -> list[tuple[str, int, list[int]]]:
    """The segments of a Whoosh reader: segment id, first document number, deleted
    documents."""
    found = []
    for leaf, offset in reader.leaf_readers():
        segment = leaf.segment()
        if segment is not None:
            found.append((segment.segment_id(), offset, sorted(segment.deleted_docs())))
    return found
