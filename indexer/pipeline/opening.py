"""Opening an index for search, in one place: finding the live generation, building it
on first use (from the bundled corpus, or the corpus ``yulu index PATHS`` last named),
bringing an index of the bundled corpus up to date when it is stale or from another
version, and telling a stale index of another corpus by the documents' states. The
checks and the loading of a generation are the index's
(:func:`indexer.index.access.open_generation`); what needs the documents is here.

A generation may vanish between reading ``CURRENT`` and opening it (two builds
published meanwhile); the reader then starts over once from the new ``CURRENT``."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from ..errors import IndexNotFound, StorageError, YuluError
from ..index.access import current_moved, live_generation, missing, open_generation
from ..index.checking import CheckReport, inspect
from ..index.freshness import BUNDLED
from ..index.handle import IndexHandle, damaged, fix_command
from ..index.refresh import Refresh
from ..index.store import CURRENT, IndexStore
from ..index.trust import check_trusted, entries
from ..paths import default_index_dir, default_sources
from .corpus import corpus_changes


def open_index(
    root: Path | None = None,
    *,
    auto_build: bool = True,
    check_fresh: bool = True,
    notify: Callable[[str], None] | None = None,
    trust: bool = False,
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
                return open_generation(store, generation, check_fresh=check_fresh,
                                       trust=trust, fresh=fresh, notify=notify,
                                       changes=corpus_changes)  # fmt: skip
            except FileNotFoundError as exc:
                if not moved and current_moved(store, generation):
                    moved = True
                    continue  # removed by builds that published meanwhile: start over
                raise damaged(missing(store, generation, exc), root) from None
            except Refresh as why:
                if refreshed or not auto_build:
                    raise why.error from None
                refreshed = True
                _refresh(root, why, notify, trust)
                continue
    except OSError as exc:
        doing = f"cannot open the index at {root}"
        raise StorageError.from_os_error(exc, doing, subject=root) from None


def _live(
    store: IndexStore,
    auto_build: bool,
    notify: Callable[[str], None] | None,
    trust: bool,
) -> Path:
    """The live generation, built first when there is none and that is allowed."""
    root = store.root
    generation = live_generation(store)
    if generation is not None:
        return generation
    recorded = store.sources()
    if recorded is not None and (recorded != [BUNDLED] or not auto_build):
        raise damaged([f"{CURRENT}: missing"], root)  # never the bundled corpus in its place
    if not auto_build:
        raise IndexNotFound(str(root), fix_command(root))
    corpus = default_sources() if root == default_index_dir() else None
    if notify and recorded is None:  # (a lost CURRENT: the build says what it repairs)
        named = ", ".join(str(p) for p in corpus) if corpus else "the bundled corpus"
        notify(f"no index at {root} yet; building one from {named}")
    from .build import build_index  # (the parser is loaded only when a build runs)

    build_index(root, corpus, missing_only=True, notify=notify, trust=trust)
    generation = live_generation(store)
    if generation is None:
        raise IndexNotFound(str(root), fix_command(root))
    return generation


def _records(store: IndexStore) -> bool:
    """Whether the index directory is the default one or records what it is built from
    (so that a missing index there may be built without being asked)."""
    return store.root == default_index_dir() or store.sources() is not None


def _refresh(root: Path, why: Refresh, notify: Callable[[str], None] | None, trust: bool) -> None:
    """Bring the index of the bundled corpus at ``root`` up to date, saying why."""
    from .build import build_index  # (the parser is loaded only when a build runs)

    if notify:
        notify(f"the index at {root} {why.why}; updating it from the bundled corpus")
    build_index(root, notify=notify, trust=trust)


def check_index(root: Path | None = None, *, trust: bool = False) -> CheckReport:
    """Check the index at ``root`` through and through: ``CURRENT``, the manifest, every
    file against its checksum, then every stored quote read back and counted against
    the manifest. Damage raises :class:`~indexer.errors.IndexDamaged` naming each bad
    file; a sound index gives a report (which says whether it is stale)."""
    root = root or default_index_dir()
    handle = open_index(root, auto_build=False, check_fresh=False, trust=trust)
    try:
        report = inspect(handle)
        try:
            changes = corpus_changes(handle.manifest)
        except (YuluError, OSError) as exc:  # e.g. a corpus folder that is gone
            report.stale = str(exc)
        else:
            report.stale = changes.describe() if changes else ""
        return report
    finally:
        handle.close()
