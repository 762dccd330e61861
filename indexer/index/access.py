"""Opening an index, in one place: finding the live generation, building it on first
use, refusing index directories others can write to, checking that this version of
yulu can read it, that its files are as they were written (every file's size, the
small files' checksums: see :mod:`indexer.index.integrity`) and that it is fresh, and
loading what every search needs (gazetteer, schema, the Whoosh index and its segments'
sidecars, mapped into memory) once.

A generation may vanish between reading ``CURRENT`` and opening it (two builds
published meanwhile); the reader then starts over once from the new ``CURRENT``."""

from __future__ import annotations

import errno
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from ..analysis.segment import Segmenter
from ..errors import (
    IndexDamaged,
    IndexNotFound,
    IndexOutdated,
    StorageError,
    YuluError,
)
from ..paths import default_index_dir, default_sources
from ..records.gazetteer import Gazetteer, load_gazetteer
from .declaration import SchemaSpec, load_spec
from .docvalues import IndexColumns
from .freshness import BUNDLED, corpus_changes, gazetteer_dirs
from .integrity import (
    MANIFEST,
    SEGDICT,
    Damaged,
    Incompatible,
    data_files,
    load_manifest,
    opened,
    verify,
)
from .manifest import Manifest, expected_manifest
from .refresh import Refresh, outdated, refresh, stale_notice
from .safepickle import check_tables_of_contents
from .schema import build_schema, decode_record
from .sidecar import SidecarError
from .store import CURRENT, IndexStore
from .trust import check_trusted, entries
from .watch import FileWatch


class OpenedIndex:
    """A generation's Whoosh index whose first reader is the one :func:`open_index`
    opened (and so checked): a search that starts right after sees the files it
    checked even if the generation is removed meanwhile (open files stay readable)."""

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
                raise _damaged(problems, self.root)

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


def _damaged(problems: list[str], root: Path) -> IndexDamaged:
    return IndexDamaged(problems, str(root), fix_command(root, rebuild=True))


def open_index(
    root: Path | None = None,
    *,
    auto_build: bool = True,
    check_fresh: bool = True,
    notify: Callable[[str], None] | None = None,
    trust: bool | None = None,
    fresh: bool = False,
    build_bundled: bool = True,
) -> IndexHandle:
    """Open the index at ``root`` (default: :func:`~indexer.paths.default_index_dir`). A
    missing index is built from its corpus (the bundled one, or the one ``yulu index
    PATHS`` last named) when ``auto_build`` is set (unless the directory records other
    sources: then its missing ``CURRENT`` is reported). An index of the bundled corpus
    that is stale or from another version of yulu is brought up to date first. A stale
    index of another corpus answers from what it holds, saying so in one line through
    ``notify`` (else as a :class:`~indexer.errors.StaleIndexWarning`), unless ``fresh``
    asks to refuse it. One from another version, a damaged one or one that others can
    write to raises a :class:`~indexer.errors.YuluError` whose message names the command
    that fixes it. ``trust`` skips the ownership and permission checks (see
    :mod:`indexer.index.trust`). Without ``build_bundled``, a directory other than the
    default one that records no sources (empty, or left by a build that failed) is
    never given the bundled corpus: :class:`~indexer.errors.IndexNotFound` says how to
    build it (what the command line does with a directory the user named)."""
    root = root or default_index_dir()
    try:
        if root.exists() and not root.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(root))
        store = IndexStore(root)
        moved = refreshed = False
        while True:
            if root.exists():
                check_trusted(root, entries(root), trust)
            generation = _live(
                store, auto_build and (build_bundled or _records(store)), notify, trust
            )
            try:
                handle = _open_generation(store, generation, check_fresh, trust, fresh, notify)
            except FileNotFoundError as exc:
                if not moved and _current_moved(store, generation):
                    moved = True
                    continue  # removed by builds that published meanwhile: start over
                raise _damaged(_missing(store, generation, exc), root) from None
            except Refresh as why:
                if refreshed or not auto_build:
                    raise why.error from None
                refreshed = True
                refresh(root, why, notify, trust)
                continue
            opened[:] = [*opened[-3:], (root, generation)]
            return handle
    except OSError as exc:
        doing = f"cannot open the index at {root}"
        raise StorageError.from_os_error(exc, doing, subject=root) from None


def _live(
    store: IndexStore,
    auto_build: bool,
    notify: Callable[[str], None] | None,
    trust: bool | None,
) -> Path:
    """The live generation, built first when there is none and that is allowed."""
    root = store.root
    try:
        generation = store.current()
    except Damaged as exc:
        raise _damaged(exc.problems, root) from None
    if generation is not None:
        return generation
    recorded = store.sources()
    if recorded is not None and (recorded != [BUNDLED] or not auto_build):
        raise _damaged([f"{CURRENT}: missing"], root)  # never the bundled corpus in its place
    if not auto_build:
        raise IndexNotFound(str(root), fix_command(root))
    corpus = default_sources() if root == default_index_dir() else None
    if notify and recorded is None:  # (a lost CURRENT: the build says what it repairs)
        named = ", ".join(str(p) for p in corpus) if corpus else "the bundled corpus"
        notify(f"no index at {root} yet; building one from {named}")
    from .build import build_index

    build_index(root, corpus, missing_only=True, notify=notify, trust=trust)
    try:
        generation = store.current()
    except Damaged as exc:
        raise _damaged(exc.problems, root) from None
    if generation is None:
        raise IndexNotFound(str(root), fix_command(root))
    return generation


def _records(store: IndexStore) -> bool:
    """Whether the index directory is the default one or records what it is built from
    (so that a missing index there may be built without being asked)."""
    return store.root == default_index_dir() or store.sources() is not None


def _current_moved(store: IndexStore, generation: Path) -> bool:
    try:
        return store.published()[:1] != [generation.name]
    except Damaged:
        return False


def _missing(store: IndexStore, generation: Path, exc: FileNotFoundError) -> list[str]:
    """What is missing from a generation, as precisely as can be told."""
    if not generation.is_dir():
        return [f"{CURRENT} names {generation.name}, which is missing"]
    try:
        problems = verify(generation, load_manifest(generation), thorough=False)
    except FileNotFoundError:
        return [f"{generation.name}/manifest.json: missing"]
    except (Damaged, Incompatible, OSError):
        problems = []
    return problems or [f"{Path(str(exc.filename)).name}: missing"]


def _open_generation(
    store: IndexStore,
    generation: Path,
    check_fresh: bool,
    trust: bool | None,
    fresh: bool = False,
    notify: Callable[[str], None] | None = None,
) -> IndexHandle:
    root = store.root
    check_trusted(root, [generation, *generation.iterdir()], trust)
    watch = FileWatch(generation, [MANIFEST, *(p.name for p in data_files(generation))])
    try:
        manifest = load_manifest(generation)
    except Damaged as exc:
        raise _damaged(exc.problems, root) from None
    except Incompatible as exc:
        raise outdated(_other_version(exc.key, root), store.sources(), exc.key) from None
    bundled = manifest.corpus == [BUNDLED]
    gazetteer = load_gazetteer(gazetteer_dirs(manifest.corpus))
    if check_fresh:
        key = manifest.differs_from(expected_manifest(manifest.corpus, gazetteer.fingerprint))
        if key:
            error = _other_version(key, root)
            if bundled:
                raise Refresh(error, f"was built by another version ({key} differs)")
            raise error
    problems = verify(generation, manifest, thorough=False)
    if problems:
        raise _damaged(problems, root)
    if check_fresh:
        changes = corpus_changes(manifest)
        if changes and bundled:
            error = IndexOutdated(f"is stale: {changes.describe()}", str(root), fix_command(root))
            raise Refresh(error, f"is stale ({changes.describe()})")
        if changes:
            stale_notice(root, changes.describe(), fix_command(root), fresh, notify)
    spec = load_spec()
    schema = build_schema(gazetteer, spec=spec)
    check_tables_of_contents(root, generation, fix_command(root, rebuild=True))
    try:
        ix = whoosh_index.open_dir(str(generation), schema=schema)
        reader = ix.reader()
    except (FileNotFoundError, PermissionError):  # the environment's, said as such
        raise
    except Exception as exc:  # sizes agree, yet Whoosh cannot read it
        raise _tripped(generation, manifest, root, exc) from None
    try:
        columns = IndexColumns.open(generation, leaves(reader), spec)
    except (FileNotFoundError, PermissionError):
        reader.close()
        raise
    except (SidecarError, ValueError) as exc:
        reader.close()
        raise _tripped(generation, manifest, root, exc) from None
    whoosh = OpenedIndex(ix, reader)
    return IndexHandle(root, generation, manifest, gazetteer, spec, schema, whoosh, columns, watch)


def leaves(reader: Any) -> list[tuple[str, int, list[int]]]:
    """The segments of a Whoosh reader: segment id, first document number, deleted
    documents."""
    found = []
    for leaf, offset in reader.leaf_readers():
        segment = leaf.segment()
        if segment is not None:
            found.append((segment.segment_id(), offset, sorted(segment.deleted_docs())))
    return found


def _tripped(generation: Path, manifest: Manifest, root: Path, exc: Exception) -> IndexDamaged:
    """Damage found by reading a file whose size is right: every file is checked against
    its checksum, to name the damaged one."""
    problems = verify(generation, manifest)
    return _damaged(problems or [f"unreadable ({type(exc).__name__}: {exc})"], root)


def _other_version(key: str, root: Path) -> IndexOutdated:
    return IndexOutdated(
        f"was built by another version of yulu or its data ({key} differs)",
        str(root),
        fix_command(root, rebuild=True),
    )


def diagnose() -> IndexDamaged | None:
    """For an unexpected error: whether an index opened since the command started
    (:func:`~indexer.index.integrity.forget_opened`) is damaged now (what any search
    that trips over damage reports instead of a traceback)."""
    for root, generation in reversed(opened):
        try:
            problems = verify(generation, load_manifest(generation))
        except FileNotFoundError as exc:
            problems = [f"{Path(str(exc.filename)).name}: missing"]
        except Damaged as exc:
            problems = exc.problems
        except (Incompatible, OSError):
            continue
        if problems:
            return _damaged(problems, root)
    return None


@dataclass
class CheckReport:
    """What ``yulu index --check`` found in a sound index."""

    root: Path
    generation: str
    quotes: int
    documents: int
    files: int
    stale: str = ""


def check_index(root: Path | None = None, *, trust: bool | None = None) -> CheckReport:
    """Check the index at ``root`` through and through: ``CURRENT``, the manifest, every
    file against its checksum, then every stored quote read back and counted against
    the manifest. Damage raises :class:`~indexer.errors.IndexDamaged` naming each bad
    file; a sound index gives a report (which says whether it is stale)."""
    root = root or default_index_dir()
    handle = open_index(root, auto_build=False, check_fresh=False, trust=trust)
    try:
        manifest = handle.manifest
        problems = verify(handle.generation, manifest)
        if problems:
            raise _damaged(problems, root)
        try:
            reader = handle.whoosh.reader()
            try:
                count = reader.doc_count()
                field = handle.spec.record
                for fields in reader.all_stored_fields():
                    decode_record(fields[field])
            finally:
                reader.close()
        except Exception as exc:
            raise _damaged([f"unreadable by Whoosh ({type(exc).__name__}: {exc})"], root) from None
        if count != manifest.quotes:
            raise _damaged(
                [f"holds {count} quotes where its manifest counts {manifest.quotes}"], root
            )
        rows = _sidecar_rows(handle)
        if rows:
            raise _damaged(rows, root)
        gazetteer = handle.gazetteer
        key = manifest.differs_from(expected_manifest(manifest.corpus, gazetteer.fingerprint))
        if key:
            raise _other_version(key, root)
        try:
            changes = corpus_changes(manifest)
        except (YuluError, OSError) as exc:  # e.g. a corpus folder that is gone
            stale = str(exc)
        else:
            stale = changes.describe() if changes else ""
        return CheckReport(
            root, handle.generation.name, count, len(manifest.files), len(manifest.checksums), stale
        )
    finally:
        handle.close()


def _sidecar_rows(handle: IndexHandle) -> list[str]:
    """Sidecars whose rows do not match their segment's documents."""
    from .sidecar import sidecar_name

    toc = whoosh_index.TOC.read(handle.whoosh.storage, handle.whoosh.indexname)
    sizes = {seg.segment_id(): seg.doc_count_all() for seg in toc.segments}
    return [
        f"{sidecar_name(s.segment_id)}: {s.docs} rows for {sizes.get(s.segment_id)} documents"
        for s in handle.columns.segments
        if sizes.get(s.segment_id) != s.docs
    ]
