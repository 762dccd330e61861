"""Building the index: full builds, incremental updates, repairs and no-ops.

A build holds the index's writer lock from planning to publishing. It checks the live
generation first (every file there with its size, the small ones against their
checksums): a sound one is extended with the changed documents only, a damaged one is
rebuilt from the recorded sources. Documents are parsed one at a time and handed to
the writer as they come, so that on a large build the writer processes index while
the next documents are read. Before it publishes, the new generation must hold exactly
as many quotes as its manifest says, each segment with its sidecar, and every file is
made private and flushed to the disk. An operating-system error, Ctrl-C or SIGTERM on
the way removes the unfinished generation and leaves the live index as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from ..analysis.segment import IndexSegmenter, Segmenter
from ..documents.metadata import Metadata
from ..documents.parser import Parser
from ..documents.sources import document_paths
from ..errors import BuildFailed, CorpusFormatError, StorageError
from ..records.gazetteer import load_gazetteer
from ..records.quotes import Diagnostic, Quote
from . import snapshot
from .declaration import SchemaSpec, load_spec
from .durable import seal
from .freshness import (
    BUNDLED,
    Changes,
    corpus_changes,
    corpus_names,
    gazetteer_dirs,
    resolve_corpus,
)
from .integrity import Damaged, Incompatible, checksums, load_manifest, verify
from .locking import WriterLock
from .manifest import FileEntry, Manifest, expected_manifest
from .remarktable import REMARKS, write_remarks
from .safepickle import unsafe_tables_of_contents
from .schema import build_schema, document
from .sidecar import SegmentSide, SidecarError, SideSpec, sidecar_name
from .stopping import check as check_stop
from .store import CURRENT, MANIFEST, SEGDICT, IndexStore
from .trust import check_trusted, entries
from .workers import ParallelWriter
from .writer import SideConfig, SideWriter, tiered_merge

#: Batches of documents of at least this many bytes (about 1,000 quotes of the seed) are
#: indexed by several processes.
PARALLEL_FROM_BYTES = 500_000
#: Whoosh's posting pool limit (the array pool that replaces it never spills).
LIMIT_MB = 128
#: Called with (documents read so far, documents to read).
Progress = Callable[[int, int], None]


@dataclass
class BuildReport:
    """What a build did."""

    index_dir: Path
    quotes: int
    documents: int
    changes: Changes
    diagnostics: list[Diagnostic] = field(default_factory=list)
    up_to_date: bool = False
    incremental: bool = False
    seconds: float = 0.0
    #: What was wrong with the live index that this build repaired (by rebuilding it).
    repaired: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    #: Documents that changed while this build read them (the next build reads them again).
    changed_while_read: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(d.skipped for d in self.diagnostics)


@dataclass
class Plan:
    """What a build will do: the manifest it writes, the live generation it extends
    (None for a full build) with that generation's manifest, the corpus changes, and
    what was found damaged in the live generation (then rebuilt in full)."""

    fresh: Manifest
    base: Path | None
    old: Manifest | None
    changes: Changes
    damage: list[str] = field(default_factory=list)


def _extensible(
    store: IndexStore, generation: Path, fresh: Manifest, trust: bool | None
) -> tuple[Manifest | None, list[str]]:
    """A generation's manifest when a build may extend it (sound, by this version, from
    the same corpus), else None with what is damaged in it (empty when it is merely
    from another version or from other sources)."""
    if not generation.is_dir():
        return None, [f"CURRENT names {generation.name}, which is missing"]
    check_trusted(store.root, [generation, *generation.iterdir()], trust)
    try:
        old = load_manifest(generation)
    except FileNotFoundError:
        return None, [f"{MANIFEST}: missing"]
    except Damaged as exc:
        return None, exc.problems
    except Incompatible:
        return None, []
    if old.differs_from(fresh) is not None or old.corpus != fresh.corpus:
        return None, []
    problems = verify(generation, old, thorough=False) or unsafe_tables_of_contents(generation)
    return (None, problems) if problems else (old, [])


def _base(store: IndexStore, fresh: Manifest, trust: bool | None) -> tuple:
    """The generation a build may extend and its manifest (or None, None), and what is
    damaged. A live generation that is damaged is not extended; when ``CURRENT`` itself
    is lost or unreadable, the newest sound generation is (the pointer is what is
    repaired)."""
    try:
        live = store.current()
    except Damaged as exc:
        live, damage = None, exc.problems
    else:
        damage = [] if live is not None or store.sources() is None else [f"{CURRENT}: missing"]
    if live is not None:
        old, damage = _extensible(store, live, fresh, trust)
        return (live, old, damage) if old else (None, None, damage)
    if damage:
        for generation in reversed(store.generations()):
            if (generation / MANIFEST).is_file():
                old, _ = _extensible(store, generation, fresh, trust)
                if old:
                    return generation, old, damage
    return None, None, damage


def plan(
    store: IndexStore, names: list[str], rebuild: bool = False, trust: bool | None = None
) -> Plan:
    """Compare the corpus ``names`` (as :func:`corpus_names` records them) with the live
    index: incremental when its generation is sound and was built by this version from
    the same corpus and gazetteer, else a full build."""
    fresh = expected_manifest(names, load_gazetteer(gazetteer_dirs(names)).fingerprint)
    base, old, damage = _base(store, fresh, trust)
    if base is not None and not rebuild:
        return Plan(fresh, base, old, corpus_changes(old), damage)
    docs = [str(p.resolve()) for p in document_paths(resolve_corpus(names))]
    return Plan(fresh, None, None, Changes(added=docs), damage)


def _sources(store: IndexStore, corpus: list[Path] | None) -> list[str]:
    """What to build from: the paths given, else the sources the index records (the
    bundled corpus for a new index)."""
    if corpus:
        return corpus_names(corpus)
    recorded = store.sources()
    if recorded is None:
        if store.has_pointer():
            raise CorpusFormatError(
                f"cannot tell which files the index at {store.root} was built from; "
                f"name them: yulu index PATH… --index-dir {store.root}"
            )
        return [BUNDLED]
    for name in recorded:
        if name != BUNDLED and not Path(name).exists():
            raise CorpusFormatError(
                f"{name}: no such file or folder (a source of the index at {store.root}); "
                f"name the sources: yulu index PATH… --index-dir {store.root}"
            )
    return recorded


@dataclass
class Parsed:
    """What parsing the changed documents gave: quotes per document, what the manifest
    records of each (fingerprinted from the bytes parsed), diagnostics, and the
    documents that changed while they were read."""

    quotes: dict[str, int] = field(default_factory=dict)
    entries: dict[str, FileEntry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def _documents(
    names: list[str], parser: Parser, parsed: Parsed, defaults: Metadata | None = None
) -> Iterator[tuple[str, Quote]]:
    """Each quote of the documents ``names`` with its document, parsed one document at a
    time, each read once (see :mod:`indexer.index.snapshot`; counts, fingerprints and
    diagnostics go to ``parsed``); ``defaults`` for what a document does not say."""
    for name in names:
        check_stop()
        shot = snapshot.take(Path(name))
        result = parser.parse_document(shot.document, shot.metadata, defaults)
        parsed.quotes[name] = len(result.quotes)
        parsed.entries[name], changed = shot.settle()
        if changed:
            parsed.changed.append(name)
        parsed.diagnostics += result.diagnostics
        for quote in result.quotes:
            yield name, quote


def _start(generation: Path, work: Plan, schema) -> tuple[Any, dict[str, int]]:
    """The Whoosh index in a new generation, and the corpus dictionary so far. An
    incremental build hard-links the base generation's data files (those its manifest
    lists, checked against their checksums), which Whoosh never rewrites: deletions
    live in the new table of contents. Whoosh's own lock file is not shared."""
    if work.base is None or work.old is None:
        return whoosh_index.create_in(str(generation), schema), {}
    for name in work.old.checksums:
        if name not in (SEGDICT, REMARKS):  # both rewritten for the whole corpus
            os.link(work.base / name, generation / name)
    ix = whoosh_index.open_dir(str(generation), schema=schema)
    return ix, Segmenter.read_words(work.base / SEGDICT)


def _write(
    ix: Any,
    plan: Plan,
    documents: Iterator[tuple[str, Quote]],
    spec: SchemaSpec,
    procs: int | None,
    progress: Progress | None,
    side: SideConfig,
) -> None:
    """Delete the changed and removed documents' quotes and add ``documents``'s."""
    names = plan.changes.added + plan.changes.changed
    if procs is None:  # worker processes pay off only on larger batches
        size = sum(_size(name) for name in names)
        procs = min(os.cpu_count() or 1, 4) if size >= PARALLEL_FROM_BYTES else 1
    if procs > 1:
        writer = ParallelWriter(ix, procs=procs, side=side, limitmb=LIMIT_MB)
    else:
        writer = SideWriter(ix, side=side, limitmb=LIMIT_MB)
    try:
        for name in plan.changes.changed + plan.changes.removed:
            writer.delete_by_term(spec.path, name)
        done, last = 0, None
        for name, quote in documents:
            if name != last:
                if last is not None:
                    done += 1
                    _report(progress, done, len(names))
                last = name
            writer.add_document(**document(quote, name, spec))
        _report(progress, len(names), len(names))
        writer.commit(mergetype=tiered_merge)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress and total:
        progress(done, total)
    check_stop()


def _size(name: str) -> int:
    try:
        return Path(name).stat().st_size
    except OSError:
        return 0


def _manifest(plan: Plan, parsed: Parsed, segmenter: IndexSegmenter) -> Manifest:
    fresh = plan.fresh
    files = dict(plan.old.files) if plan.old else {}
    for name in plan.changes.removed:
        files.pop(name, None)
    for name, count in parsed.quotes.items():
        entry = parsed.entries[name]
        entry.quotes = count
        files[name] = entry
    fresh.files = files
    fresh.quotes = sum(e.quotes for e in files.values())
    fresh.segmenter_total = segmenter.total
    fresh.built = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return fresh


def _new_vocabulary(generation: Path, ix: Any, linked: set[str]) -> dict[str, int]:
    """The dictionary words of the segments this build wrote (their sidecars say)."""
    found: dict[str, int] = {}
    for segment in whoosh_index.TOC.read(ix.storage, ix.indexname).segments:
        name = sidecar_name(segment.segment_id())
        if name in linked:
            continue
        side = SegmentSide(generation / name)
        try:
            found.update(side.vocabulary())
        finally:
            side.close()
    return found


def _check_count(ix: Any, manifest: Manifest) -> None:
    """The new generation holds exactly the quotes its manifest counts, and each of its
    segments has a sidecar of as many rows."""
    indexed = ix.doc_count()
    if indexed != manifest.quotes:
        raise BuildFailed(
            f"the new index holds {indexed} quotes where the corpus has {manifest.quotes}; "
            "nothing was published (please report this)"
        )
    folder = Path(ix.storage.folder)
    for segment in whoosh_index.TOC.read(ix.storage, ix.indexname).segments:
        name = sidecar_name(segment.segment_id())
        try:
            side = SegmentSide(folder / name)
        except (OSError, SidecarError) as exc:
            raise BuildFailed(f"{name} was not written ({exc}); nothing was published") from None
        try:
            if side.docs != segment.doc_count_all():
                raise BuildFailed(
                    f"{name} holds {side.docs} rows for {segment.doc_count_all()} documents; "
                    "nothing was published (please report this)"
                )
        finally:
            side.close()


def _storage_error(exc: OSError, root: Path) -> StorageError:
    """An operating-system error of a build as one line; the hint depends on whether the
    file is the index's or the corpus's."""
    inside = exc.filename is not None and Path(str(exc.filename)).is_relative_to(root)
    hint = "" if inside or exc.filename is None else "check the file's permissions"
    return StorageError.from_os_error(exc, f"cannot build the index at {root}", hint, root)


def build_index(
    index_dir: Path | str,
    corpus: Sequence[Path | str] | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    procs: int | None = None,
    wait: bool = True,
    notify: Callable[[str], None] | None = None,
    trust: bool | None = None,
    missing_only: bool = False,
    defaults: Metadata | None = None,
) -> BuildReport:
    """Bring the index at ``index_dir`` up to date with ``corpus`` (default: the sources
    the index was built from; the bundled corpus for a new index), and record the
    sources. Only changed documents are re-indexed unless ``rebuild`` is set or the
    index was built by another version, schema or gazetteer, or is damaged.

    ``procs`` writer processes (default: one per core for large batches). When another
    build holds the index, wait for it (saying so through ``notify``) or, without
    ``wait``, raise :class:`IndexBusy`. ``trust`` skips the ownership and permission
    checks (see :mod:`indexer.index.trust`). ``missing_only``: build only if no index
    was published meanwhile (a first search). ``defaults`` gives documents a title,
    year or leader they do not give themselves (``--title``, ``--year``, ``--leader``)."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    corpus = None if corpus is None else [Path(p) for p in corpus]
    store = IndexStore(index_dir)
    try:
        if index_dir.exists() and not index_dir.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(index_dir))
        store.create()
        check_trusted(index_dir, entries(index_dir), trust)
        with WriterLock(index_dir, wait=wait, notify=notify):
            store.collect_garbage()
            if missing_only and store.has_pointer():
                return BuildReport(index_dir, 0, 0, Changes(), up_to_date=True)
            names = _sources(store, corpus)
            work = plan(store, names, rebuild, trust)
            same = names == store.sources()  # the defaults go with the sources
            wanted = _defaults(defaults, store.defaults() if same else None)
            if work.old is not None and wanted != work.old.defaults:  # every record changes
                work = plan(store, names, True, trust)
            if work.base is not None and work.old is not None and not work.changes:
                # before calling it up to date, every file against its full checksum
                damage = verify(work.base, work.old, thorough=True)
                if damage:
                    work = plan(store, names, True, trust)
                    work.damage = damage
            if work.damage and notify:
                how = "from its last sound generation" if work.base else "from its sources"
                damage = "; ".join(work.damage)
                notify(f"the index at {index_dir} is damaged ({damage}); repairing it {how}")
            if work.old is not None and not work.changes and not work.damage:
                return BuildReport(
                    index_dir, work.old.quotes, len(work.old.files), work.changes,
                    up_to_date=True, sources=names,
                )  # fmt: skip
            work.fresh.defaults = wanted
            report = _build(store, work, progress, procs)
    except OSError as exc:
        raise _storage_error(exc, index_dir) from None
    report.seconds = time.perf_counter() - started
    return report


def _defaults(given: Metadata | None, recorded: dict | None) -> dict[str, str | int]:
    """The document defaults a build uses: those given, else those the index was last
    built with (also by ``--rebuild`` and the repair of a damaged index)."""
    if given is None:
        return dict(recorded or {})
    return {k: v for k in ("title", "year", "leader") if (v := getattr(given, k)) is not None}


def _as_metadata(defaults: dict[str, str | int]) -> Metadata | None:
    return Metadata(**defaults) if defaults else None  # type: ignore[arg-type]


def _build(
    store: IndexStore, work: Plan, progress: Progress | None, procs: int | None
) -> BuildReport:
    changes = work.changes
    for name in changes.added + changes.changed:
        if _undecodable(name):
            raise CorpusFormatError(f"{name!r}: the file name is not valid UTF-8; rename it")
    gaz = load_gazetteer(gazetteer_dirs(work.fresh.corpus))
    defaults = _as_metadata(work.fresh.defaults)
    segmenter = IndexSegmenter(gaz.userdict)
    generation = store.new_generation()
    parsed = Parsed()
    try:
        spec = load_spec()
        ix, vocabulary = _start(generation, work, build_schema(gaz, segmenter, spec))
        side = SideConfig(SideSpec.of(spec), spec.of_kind("normalized"), segmenter)
        names = changes.added + changes.changed
        documents = _documents(names, Parser(gaz), parsed, defaults)
        _write(ix, work, documents, spec, procs, progress, side)
        write_remarks(generation, ix, spec)
        linked = set(work.old.checksums) if work.old else set()
        vocabulary.update(_new_vocabulary(generation, ix, linked))
        segmenter.save(generation / SEGDICT, vocabulary)
        manifest = _manifest(work, parsed, segmenter)
        _check_count(ix, manifest)
        seal(generation)
        linked_sums = {k: v for k, v in (work.old.checksums if work.old else {}).items()
                       if k != REMARKS}  # fmt: skip
        manifest.checksums = checksums(generation, linked_sums)
        check_stop()
        store.publish(generation, manifest)
    except BaseException:
        store.discard(generation)
        raise
    with contextlib.suppress(OSError):
        store.collect_garbage()
    return BuildReport(
        store.root,
        manifest.quotes,
        len(manifest.files),
        changes,
        parsed.diagnostics,
        incremental=work.base is not None,
        repaired=work.damage,
        sources=manifest.corpus,
        changed_while_read=parsed.changed,
    )


def _undecodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
