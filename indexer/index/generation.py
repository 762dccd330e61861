"""Writing a new generation of the index from records: starting it (empty, or linked to
the generation it extends), deleting the changed documents' quotes and adding the new
ones (in worker processes for large batches), the vocabulary its segments add, and the
count check before it is published. The records come from the pipeline
(:mod:`indexer.pipeline.build`), which reads and parses the documents."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from ..analysis.segment import Segmenter
from ..errors import BuildFailed
from ..records.quotes import Quote
from .declaration import SchemaSpec
from .manifest import Manifest
from .planning import Plan
from .remarktable import REMARKS
from .schema import document
from .sidecar import SegmentSide
from .sidefile import SidecarError, sidecar_name
from .stopping import check as check_stop
from .store import SEGDICT
from .workers import ParallelWriter
from .writer import SideConfig, SideWriter, tiered_merge

#: Batches of documents of at least this many bytes (about 1,000 quotes of the seed) are
#: indexed by several processes.
PARALLEL_FROM_BYTES = 500_000
#: Whoosh's posting pool limit (the array pool that replaces it never spills).
LIMIT_MB = 128
#: Called with (documents read so far, documents to read).
Progress = Callable[[int, int], None]


def start(generation: Path, work: Plan, schema) -> tuple[Any, dict[str, int]]:
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


def write(
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


def new_vocabulary(generation: Path, ix: Any, linked: set[str]) -> dict[str, int]:
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


def check_count(ix: Any, manifest: Manifest) -> None:
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
