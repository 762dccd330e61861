"""The ``yulu`` command: thin click doors over the :mod:`indexer` library.

Each command module registers its commands on :data:`main`; the options shared by
several commands live in :mod:`indexer.cli.options`."""

from __future__ import annotations

from . import (  # noqa: F401  (they register their commands)
    indexing,
    parsing,
    research,
    searching,
    serving,
)
from .app import EXIT_SKIPPED, main

__all__ = ["EXIT_SKIPPED", "main"]
