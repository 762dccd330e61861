"""Opening a generation of an index, in one place: refusing index directories others
can write to, checking that this version of yulu can read it, that its files are as
they were written (every file's size, the small files' checksums: see
:mod:`indexer.index.integrity`) and, given how to find the corpus's changes, that it is
fresh; then loading what every search needs (gazetteer, schema, the Whoosh index and
its segments' sidecars, mapped into memory) once.

Finding the live generation, building a missing index and bringing an index of the
bundled corpus up to date need the documents: that is the pipeline's
(:mod:`indexer.pipeline.opening`), which calls these."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from ..errors import IndexDamaged, IndexOutdated
from ..records.gazetteer import Gazetteer, load_gazetteer
from .declaration import SchemaSpec, load_spec
from .docvalues import IndexColumns
from .freshness import BUNDLED, Changes, gazetteer_dirs
from .handle import IndexHandle, OpenedIndex, damaged, fix_command, leaves
from .integrity import MANIFEST, Damaged, Incompatible, data_files, load_manifest, opened, verify
from .manifest import Manifest, expected_manifest
from .refresh import Refresh, outdated, stale_notice
from .safepickle import check_tables_of_contents
from .schema import build_schema
from .sidefile import SidecarError
from .store import CURRENT, IndexStore
from .trust import check_trusted
from .watch import FileWatch

#: How the corpus on disk differs from what a manifest records (the pipeline's
#: :func:`~indexer.pipeline.corpus.corpus_changes`).
CorpusChanges = Callable[[Manifest], Changes]


def live_generation(store: IndexStore) -> Path | None:
    """The generation ``CURRENT`` names, None if there is none; a damaged pointer raises
    :class:`~indexer.errors.IndexDamaged`."""
    try:
        return store.current()
    except Damaged as exc:
        raise damaged(exc.problems, store.root) from None


def current_moved(store: IndexStore, generation: Path) -> bool:
    """Whether ``CURRENT`` names another generation than ``generation`` by now."""
    try:
        return store.published()[:1] != [generation.name]
    except Damaged:
        return False


def missing(store: IndexStore, generation: Path, exc: FileNotFoundError) -> list[str]:
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


def open_generation(
    store: IndexStore,
    generation: Path,
    *,
    check_fresh: bool,
    trust: bool,
    fresh: bool = False,
    notify: Callable[[str], None] | None = None,
    changes: CorpusChanges | None = None,
) -> IndexHandle:
    """Open ``generation`` of the index ``store``, checked (see the module). With
    ``check_fresh``, an index from another version, or one whose corpus ``changes``
    finds changed, is refused (one of the bundled corpus raises :class:`Refresh`) or,
    stale, answered from with a notice (see :func:`~indexer.index.refresh.stale_notice`)."""
    root = store.root
    check_trusted(root, [generation, *generation.iterdir()], trust)
    watch = FileWatch(generation, [MANIFEST, *(p.name for p in data_files(generation))])
    manifest, gazetteer = _manifest(store, generation, check_fresh)
    problems = verify(generation, manifest, thorough=False)
    if problems:
        raise damaged(problems, root)
    if check_fresh and changes is not None:
        _check_corpus(root, manifest, changes(manifest), fresh, notify)
    spec = load_spec()
    schema = build_schema(gazetteer, spec=spec)
    check_tables_of_contents(root, generation, fix_command(root, rebuild=True))
    whoosh, columns = _open_whoosh(generation, manifest, root, schema, spec)
    opened[:] = [*opened[-3:], (root, generation)]
    return IndexHandle(root, generation, manifest, gazetteer, spec, schema, whoosh, columns, watch)


def _manifest(store: IndexStore, generation: Path, check_fresh: bool) -> tuple[Manifest, Gazetteer]:
    """The generation's manifest and the gazetteer of its corpus; with ``check_fresh``,
    an index built by another version or gazetteer is refused (or refreshed)."""
    root = store.root
    try:
        manifest = load_manifest(generation)
    except Damaged as exc:
        raise damaged(exc.problems, root) from None
    except Incompatible as exc:
        raise outdated(other_version(exc.key, root), store.sources(), exc.key) from None
    gazetteer = load_gazetteer(gazetteer_dirs(manifest.corpus))
    if check_fresh:
        key = manifest.differs_from(expected_manifest(manifest.corpus, gazetteer.fingerprint))
        if key:
            error = other_version(key, root)
            if manifest.corpus == [BUNDLED]:
                raise Refresh(error, f"was built by another version ({key} differs)")
            raise error
    return manifest, gazetteer


def _check_corpus(
    root: Path,
    manifest: Manifest,
    changes: Changes,
    fresh: bool,
    notify: Callable[[str], None] | None,
) -> None:
    """A stale index of the bundled corpus is refreshed; one of another corpus is
    answered from with a notice (refused with ``fresh``)."""
    if changes and manifest.corpus == [BUNDLED]:
        error = IndexOutdated(f"is stale: {changes.describe()}", str(root), fix_command(root))
        raise Refresh(error, f"is stale ({changes.describe()})")
    if changes:
        stale_notice(root, changes.describe(), fix_command(root), fresh, notify)


def _open_whoosh(
    generation: Path, manifest: Manifest, root: Path, schema: Any, spec: SchemaSpec
) -> tuple[OpenedIndex, IndexColumns]:
    """The generation's Whoosh index with its first reader open, and its sidecars."""
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
    return OpenedIndex(ix, reader), columns


def _tripped(generation: Path, manifest: Manifest, root: Path, exc: Exception) -> IndexDamaged:
    """Damage found by reading a file whose size is right: every file is checked against
    its checksum, to name the damaged one."""
    problems = verify(generation, manifest)
    return damaged(problems or [f"unreadable ({type(exc).__name__}: {exc})"], root)


def other_version(key: str, root: Path) -> IndexOutdated:
    """An index built by another version of yulu or its data (``key`` differs)."""
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
            return damaged(problems, root)
    return None
