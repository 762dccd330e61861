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
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.indexcut import IndexSegmenter
from ..documents.metadata import Metadata
from ..documents.parser import Parser
from ..errors import CorpusFormatError, StorageError
from ..index import generation as writing
from ..index.declaration import load_spec
from ..index.durable import seal
from ..index.freshness import BUNDLED, Changes, corpus_names, gazetteer_dirs
from ..index.generation import Progress
from ..index.integrity import checksums, verify
from ..index.locking import WriterLock
from ..index.manifest import Manifest, expected_manifest
from ..index.planning import Plan, base_generation
from ..index.remarktable import REMARKS, write_remarks
from ..index.schema import build_schema
from ..index.sidebuilder import SideSpec
from ..index.stopping import check as check_stop
from ..index.store import SEGDICT, IndexStore
from ..index.trust import check_trusted, entries
from ..index.writer import SideConfig
from ..records.gazetteer import load_gazetteer
from ..records.quotes import Diagnostic
from .corpus import corpus_changes, corpus_documents
from .parsing import Parsed, parsed_quotes


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


def plan(store: IndexStore, names: list[str], rebuild: bool = False, trust: bool = False) -> Plan:
    """Compare the corpus ``names`` (as :func:`corpus_names` records them) with the live
    index: incremental when its generation is sound and was built by this version from
    the same corpus and gazetteer, else a full build."""
    fresh = expected_manifest(names, load_gazetteer(gazetteer_dirs(names)).fingerprint)
    base, old, damage = base_generation(store, fresh, trust)
    if base is not None and not rebuild:
        return Plan(fresh, base, old, corpus_changes(old), damage)
    return Plan(fresh, None, None, Changes(added=corpus_documents(names)), damage)


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
    trust: bool = False,
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
            same = names == store.sources()  # the defaults go with the sources
            wanted = _defaults(defaults, store.defaults() if same else None)
            work = _settled_plan(store, names, rebuild, trust, wanted)
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


def _settled_plan(
    store: IndexStore, names: list[str], rebuild: bool, trust: bool, wanted: dict
) -> Plan:
    """The plan, made again for a full build when the document defaults ``wanted``
    differ from those of the live index (every record changes) or when a live index
    with nothing to update fails its full checksums (then with that damage)."""
    work = plan(store, names, rebuild, trust)
    if work.old is not None and wanted != work.old.defaults:
        work = plan(store, names, True, trust)
    if work.base is not None and work.old is not None and not work.changes:
        # before calling it up to date, every file against its full checksum
        damage = verify(work.base, work.old, thorough=True)
        if damage:
            work = plan(store, names, True, trust)
            work.damage = damage
    return work


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
        ix, vocabulary = writing.start(generation, work, build_schema(gaz, segmenter, spec))
        side = SideConfig(SideSpec.of(spec), spec.of_kind("normalized"), segmenter)
        names = changes.added + changes.changed
        documents = parsed_quotes(names, Parser(gaz), parsed, defaults)
        writing.write(ix, work, documents, spec, procs, progress, side)
        write_remarks(generation, ix, spec)
        linked = set(work.old.checksums) if work.old else set()
        vocabulary.update(writing.new_vocabulary(generation, ix, linked))
        segmenter.save(generation / SEGDICT, vocabulary)
        manifest = _manifest(work, parsed, segmenter)
        writing.check_count(ix, manifest)
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
