"""Building the index: full builds, incremental updates, and no-ops."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from ..analysis.normalize import fold
from ..analysis.segment import Segmenter
from ..documents.gazetteer import load_gazetteer
from ..documents.metadata import Metadata, read_metadata
from ..documents.parser import Parser
from ..documents.records import Diagnostic, Quote
from ..documents.sources import document_paths, load_document
from .declaration import SchemaSpec, load_spec
from .freshness import (
    Changes,
    corpus_changes,
    corpus_names,
    file_entry,
    gazetteer_dirs,
    resolve_corpus,
)
from .manifest import Manifest, expected_manifest
from .schema import build_schema, document
from .store import MANIFEST, SEGDICT, IndexStore

#: Batches of at least this many quotes are indexed by several processes.
PARALLEL_FROM = 1000
#: Memory for each writer's posting pool before it spills sorted runs to disk.
LIMIT_MB = 512
#: Called with (quotes indexed so far, quotes to index).
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

    @property
    def skipped(self) -> int:
        return sum(d.skipped for d in self.diagnostics)


@dataclass
class Plan:
    """What a build will do: the manifest it writes, the live generation it extends
    (None for a full build) with that generation's manifest, and the corpus changes."""

    fresh: Manifest
    base: Path | None
    old: Manifest | None
    changes: Changes


def plan(index_dir: Path, corpus: list[Path] | None = None, rebuild: bool = False) -> Plan:
    """Compare the corpus with the live index: incremental when the index was built by
    this version from the same corpus paths and gazetteer, else a full build."""
    names = corpus_names(corpus)
    fresh = expected_manifest(names, load_gazetteer(gazetteer_dirs(names)).fingerprint)
    store = IndexStore(index_dir)
    live = store.current()
    if live is not None and not rebuild and (live / MANIFEST).is_file():
        old = store.manifest(live)
        if old.differs_from(fresh) is None and old.corpus == fresh.corpus:
            return Plan(fresh, live, old, corpus_changes(old))
    docs = [str(p.resolve()) for p in document_paths(resolve_corpus(names))]
    return Plan(fresh, None, None, Changes(added=docs))


def _parse(
    names: list[str], parser: Parser, defaults: Metadata | None = None
) -> tuple[dict[str, list[Quote]], list[Diagnostic]]:
    quotes: dict[str, list[Quote]] = {}
    diagnostics: list[Diagnostic] = []
    for name in names:
        path = Path(name)
        result = parser.parse_document(
            load_document(path), read_metadata(path.with_suffix(".toml")), defaults
        )
        quotes[name] = result.quotes
        diagnostics += result.diagnostics
    return quotes, diagnostics


def _start(generation: Path, base: Path | None, schema) -> tuple[Any, dict[str, int]]:
    """The Whoosh index in a new generation, and the corpus dictionary so far. An
    incremental build hard-links the base generation's files, which Whoosh never
    rewrites (deletions live in the new table of contents)."""
    if base is None:
        return whoosh_index.create_in(str(generation), schema), {}
    for item in base.iterdir():
        if item.name not in (MANIFEST, SEGDICT) and item.is_file():
            os.link(item, generation / item.name)
    ix = whoosh_index.open_dir(str(generation), schema=schema)
    return ix, Segmenter.load(base / SEGDICT).words_with_counts()


def _write(
    ix: Any,
    plan: Plan,
    quotes: dict[str, list[Quote]],
    spec: SchemaSpec,
    procs: int | None,
    progress: Progress | None,
) -> None:
    total = sum(len(qs) for qs in quotes.values())
    if procs is None:  # worker processes pay off only on larger batches
        procs = min(os.cpu_count() or 1, 4) if total >= PARALLEL_FROM else 1
    writer = ix.writer(procs=procs, multisegment=procs > 1, limitmb=LIMIT_MB)
    for name in plan.changes.changed + plan.changes.removed:
        writer.delete_by_term(spec.path, name)
    done = 0
    for name, batch in quotes.items():
        for quote in batch:
            writer.add_document(**document(quote, name, spec))
            done += 1
            if progress and (done % 100 == 0 or done == total):
                progress(done, total)
    writer.commit()


def _manifest(plan: Plan, quotes: dict[str, list[Quote]], segmenter: Segmenter) -> Manifest:
    fresh = plan.fresh
    files = dict(plan.old.files) if plan.old else {}
    for name in plan.changes.removed:
        files.pop(name, None)
    for name, batch in quotes.items():
        entry = file_entry(Path(name))
        entry.quotes = len(batch)
        files[name] = entry
    fresh.files = files
    fresh.quotes = sum(e.quotes for e in files.values())
    fresh.segmenter_total = segmenter.total
    fresh.built = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return fresh


def build_index(
    index_dir: Path,
    corpus: list[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    procs: int | None = None,
    defaults: Metadata | None = None,
) -> BuildReport:
    """Bring the index at ``index_dir`` up to date with ``corpus`` (default: the bundled
    corpus). Only changed documents are re-indexed unless ``rebuild`` is set or the
    index was built by another version, schema or gazetteer. ``procs`` writer processes
    (default: one per core for large batches). ``defaults`` gives documents a title,
    year or leader they do not give themselves (``--title``, ``--year``, ``--leader``)."""
    started = time.perf_counter()
    work = plan(index_dir, corpus, rebuild)
    changes = work.changes
    if work.old is not None and not changes:
        return BuildReport(
            index_dir, work.old.quotes, len(work.old.files), changes, up_to_date=True
        )
    gaz = load_gazetteer(gazetteer_dirs(work.fresh.corpus))
    quotes, diagnostics = _parse(changes.added + changes.changed, Parser(gaz), defaults)
    segmenter = Segmenter.full(gaz.userdict)
    store = IndexStore(index_dir)
    generation = store.new_generation()
    try:
        spec = load_spec()
        ix, vocabulary = _start(generation, work.base, build_schema(gaz, segmenter, spec))
        _write(ix, work, quotes, spec, procs, progress)
        texts = (fold(q.text) for batch in quotes.values() for q in batch)
        vocabulary.update(segmenter.vocabulary(texts))
        segmenter.save(generation / SEGDICT, vocabulary)
        manifest = _manifest(work, quotes, segmenter)
        store.publish(generation, manifest)
    except BaseException:
        store.discard(generation)
        raise
    return BuildReport(
        index_dir,
        manifest.quotes,
        len(manifest.files),
        changes,
        diagnostics,
        incremental=work.base is not None,
        seconds=time.perf_counter() - started,
    )
