"""The ``yulu`` command: thin click doors over the :mod:`indexer` library.

Each command module registers its commands on the group :data:`main` when it is
imported; the options shared by several commands live in :mod:`indexer.cli.options`.
``indexer.cli.main`` is the group with every command declared; the console script
(:func:`indexer.cli.entry.console`) declares only the command it runs (see
:data:`indexer.cli.app.COMMANDS`), and a broken schema declaration, read when a command
declares its options, is one line there too."""

from __future__ import annotations

from typing import Any

__all__ = ["EXIT_SKIPPED", "main"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import (  # noqa: F401  (they register their commands)
        corpus,
        exporting,
        indexing,
        parsing,
        research,
        searching,
        serving,
    )
    from .app import EXIT_SKIPPED, main

    return {"EXIT_SKIPPED": EXIT_SKIPPED, "main": main}[name]
