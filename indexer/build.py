"""Building the index: full builds, incremental updates, and no-ops."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from .corpus import document_paths, load_document
from .fields import build_schema, document
from .gazetteer import load_gazetteer
from .normalize import fold
from .parser import Parser
from .records import Diagnostic, Quote
from .segment import Segmenter
from .store import (
    MANIFEST,
    SEGDICT,
    Changes,
    IndexStore,
    Manifest,
    corpus_changes,
    corpus_names,
    expected_manifest,
    file_entry,
    gazetteer_dirs,
    resolve_corpus,
)

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


def _compatible(old: Manifest, new: Manifest) -> bool:
    keys = ("format", "schema", "analyzer", "gazetteer", "corpus")
    return all(getattr(old, k) == getattr(new, k) for k in keys)


def plan(
    index_dir: Path, corpus: list[Path] | None = None, rebuild: bool = False
) -> tuple[Manifest, Manifest | None, Changes]:
    """The manifest a build would write, the live one it can extend (if any), and the
    corpus changes between them."""
    names = corpus_names(corpus)
    fresh = expected_manifest(names, load_gazetteer(gazetteer_dirs(names)).fingerprint)
    store = IndexStore(index_dir)
    live = store.current()
    old = None
    if live is not None and not rebuild and (live / MANIFEST).is_file():
        candidate = store.manifest(live)
        if _compatible(candidate, fresh):
            old = candidate
    if old is None:
        docs = [str(p.resolve()) for p in document_paths(resolve_corpus(names))]
        return fresh, None, Changes(added=docs)
    return fresh, old, corpus_changes(old)


def build_index(
    index_dir: Path,
    corpus: list[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    procs: int | None = None,
) -> BuildReport:
    """Bring the index at ``index_dir`` up to date with ``corpus`` (default: the bundled
    corpus). Only changed documents are re-indexed unless ``rebuild`` is set or the
    index was built by another version, schema or gazetteer."""
    started = time.perf_counter()
    fresh, old, changes = plan(index_dir, corpus, rebuild)
    store = IndexStore(index_dir)
    if old is not None and not changes:
        return BuildReport(index_dir, old.quotes, len(old.files), changes, up_to_date=True)

    gaz = load_gazetteer(gazetteer_dirs(fresh.corpus))
    parser = Parser(gaz)
    todo = changes.added + changes.changed
    quotes: dict[str, list[Quote]] = {}
    diagnostics: list[Diagnostic] = []
    for name in todo:
        result = parser.parse_document(load_document(Path(name)))
        quotes[name] = result.quotes
        diagnostics += result.diagnostics

    segmenter = Segmenter.full(gaz.userdict)
    schema = build_schema(gaz, segmenter)
    generation = store.new_generation()
    try:
        if old is not None:
            live = store.current()
            assert live is not None
            for item in live.iterdir():
                if item.name not in (MANIFEST, SEGDICT) and item.is_file():
                    os.link(item, generation / item.name)
            ix = whoosh_index.open_dir(str(generation), schema=schema)
            vocabulary = Segmenter.load(live / SEGDICT).words_with_counts()
        else:
            ix = whoosh_index.create_in(str(generation), schema)
            vocabulary = {}
        total = sum(len(qs) for qs in quotes.values())
        if procs is None:  # worker processes pay off only on larger batches
            procs = min(os.cpu_count() or 1, 4) if total >= PARALLEL_FROM else 1
        writer = ix.writer(procs=procs, multisegment=procs > 1, limitmb=LIMIT_MB)
        for name in changes.changed + changes.removed:
            writer.delete_by_term("path", name)
        done = 0
        for name in todo:
            for quote in quotes[name]:
                writer.add_document(**document(quote, name))
                done += 1
                if progress and (done % 100 == 0 or done == total):
                    progress(done, total)
        writer.commit()
        texts = (fold(q.text) for qs in quotes.values() for q in qs)
        vocabulary.update(segmenter.vocabulary(texts))
        segmenter.save(generation / SEGDICT, vocabulary)

        files = dict(old.files) if old else {}
        for name in changes.removed:
            files.pop(name, None)
        for name in todo:
            entry = file_entry(Path(name))
            entry.quotes = len(quotes[name])
            files[name] = entry
        fresh.files = files
        fresh.quotes = sum(e.quotes for e in files.values())
        fresh.segmenter_total = segmenter.total
        fresh.built = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        store.publish(generation, fresh)
    except BaseException:
        store.discard(generation)
        raise
    return BuildReport(
        index_dir,
        fresh.quotes,
        len(fresh.files),
        changes,
        diagnostics,
        incremental=old is not None,
        seconds=time.perf_counter() - started,
    )
