"""Opening an index, in one place: finding the live generation, building it on first
use, checking that this version of yulu can read it and that it is fresh, and loading
what every search needs (gazetteer, schema, segmenter, the Whoosh index) once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from ..analysis.segment import Segmenter
from ..documents.gazetteer import Gazetteer, load_gazetteer
from ..errors import IndexNotFound, IndexOutdated
from ..paths import default_index_dir
from .declaration import SchemaSpec, load_spec
from .freshness import corpus_changes, gazetteer_dirs
from .manifest import Manifest, expected_manifest
from .schema import build_schema
from .store import MANIFEST, SEGDICT, IndexStore


@dataclass
class IndexHandle:
    """An open generation of an index and everything needed to search it."""

    root: Path
    generation: Path
    manifest: Manifest
    gazetteer: Gazetteer
    spec: SchemaSpec
    schema: Any
    segmenter: Segmenter
    whoosh: Any


def _fix_command(root: Path) -> str:
    return "yulu index" + ("" if root == default_index_dir() else f" --index-dir {root}")


def open_index(
    root: Path | None = None,
    *,
    auto_build: bool = True,
    check_fresh: bool = True,
    notify: Callable[[str], None] | None = None,
) -> IndexHandle:
    """Open the index at ``root`` (default: the per-user one). A missing index is built
    from the bundled corpus when ``auto_build`` is set; a stale one, or one from another
    version of yulu, raises :class:`IndexOutdated` naming the command that fixes it."""
    root = root or default_index_dir()
    store = IndexStore(root)
    generation = store.current()
    if generation is None:
        if not auto_build:
            raise IndexNotFound(str(root))
        if notify:
            notify(f"no index at {root} yet; building one from the bundled corpus")
        from .build import build_index

        build_index(root)
        generation = store.current()
    if generation is None or not (generation / MANIFEST).is_file():
        raise IndexOutdated("is damaged (no manifest)", str(root))
    try:
        manifest = store.manifest(generation)
    except (ValueError, TypeError, KeyError):
        raise IndexOutdated("is damaged (unreadable manifest)", str(root)) from None
    gazetteer = load_gazetteer(gazetteer_dirs(manifest.corpus))
    if check_fresh:
        key = manifest.differs_from(expected_manifest(manifest.corpus, gazetteer.fingerprint))
        if key:
            raise IndexOutdated(
                f"was built by another version of yulu or its data ({key} differs)", str(root)
            )
        changes = corpus_changes(manifest)
        if changes:
            raise IndexOutdated(f"is stale: {changes.describe()}", str(root), _fix_command(root))
    spec = load_spec()
    schema = build_schema(gazetteer, spec=spec)
    try:
        segmenter = Segmenter.load(generation / SEGDICT)
        ix = whoosh_index.open_dir(str(generation), schema=schema)
    except Exception as exc:
        raise IndexOutdated(f"is damaged ({type(exc).__name__})", str(root)) from None
    return IndexHandle(root, generation, manifest, gazetteer, spec, schema, segmenter, ix)
