"""What a build starts from: the live generation it may extend (sound, by this version,
from the same corpus and gazetteer) or the damage that makes it rebuild in full. The
corpus side of the plan (which documents changed) is the pipeline's
(:mod:`indexer.pipeline.build`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .freshness import Changes
from .integrity import Damaged, Incompatible, load_manifest, verify
from .manifest import Manifest
from .safepickle import unsafe_tables_of_contents
from .store import CURRENT, MANIFEST, IndexStore
from .trust import check_trusted


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


def extensible(
    store: IndexStore, generation: Path, fresh: Manifest, trust: bool
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


def base_generation(store: IndexStore, fresh: Manifest, trust: bool) -> tuple:
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
        old, damage = extensible(store, live, fresh, trust)
        return (live, old, damage) if old else (None, None, damage)
    if damage:
        for generation in reversed(store.generations()):
            if (generation / MANIFEST).is_file():
                old, _ = extensible(store, generation, fresh, trust)
                if old:
                    return generation, old, damage
    return None, None, damage
