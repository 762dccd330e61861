"""``yulu index --check`` on an open index: every file against its checksum, every
stored quote read back and counted against the manifest, every sidecar's rows against
its segment. Whether the corpus changed since is the pipeline's to add
(:func:`indexer.pipeline.opening.check_index`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from .access import other_version
from .handle import IndexHandle, damaged
from .integrity import verify
from .manifest import expected_manifest
from .schema import decode_record, record_column
from .sidefile import sidecar_name


@dataclass
class CheckReport:
    """What ``yulu index --check`` found in a sound index."""

    root: Path
    generation: str
    quotes: int
    documents: int
    files: int
    stale: str = ""


def inspect(handle: IndexHandle) -> CheckReport:
    """Check the open index through and through (see the module): damage raises
    :class:`~indexer.errors.IndexDamaged` naming each bad file, an index of another
    version :class:`~indexer.errors.IndexOutdated`; a sound one gives a report."""
    root, manifest = handle.root, handle.manifest
    problems = verify(handle.generation, manifest)
    if problems:
        raise damaged(problems, root)
    count = _read_every_record(handle)
    if count != manifest.quotes:
        raise damaged([f"holds {count} quotes where its manifest counts {manifest.quotes}"], root)
    rows = _sidecar_rows(handle)
    if rows:
        raise damaged(rows, root)
    key = manifest.differs_from(expected_manifest(manifest.corpus, handle.gazetteer.fingerprint))
    if key:
        raise other_version(key, root)
    return CheckReport(
        root, handle.generation.name, count, len(manifest.files), len(manifest.checksums)
    )


def _read_every_record(handle: IndexHandle) -> int:
    """How many quotes the index holds, each stored record decoded on the way."""
    try:
        reader = handle.whoosh.reader()
        try:
            count = reader.doc_count()
            records = record_column(reader, handle.spec)
            for docnum in reader.all_doc_ids():
                decode_record(records[docnum])
        finally:
            reader.close()
    except Exception as exc:
        problem = f"unreadable by Whoosh ({type(exc).__name__}: {exc})"
        raise damaged([problem], handle.root) from None
    return count


def _sidecar_rows(handle: IndexHandle) -> list[str]:
    """Sidecars whose rows do not match their segment's documents."""
    toc = whoosh_index.TOC.read(handle.whoosh.storage, handle.whoosh.indexname)
    sizes = {seg.segment_id(): seg.doc_count_all() for seg in toc.segments}
    return [
        f"{sidecar_name(s.segment_id)}: {s.docs} rows for {sizes.get(s.segment_id)} documents"
        for s in handle.columns.segments
        if sizes.get(s.segment_id) != s.docs
    ]
