"""The ``yulu`` command: thin click doors over the :mod:`indexer` library.

Each command module registers its commands on :data:`main`; the options shared by
several commands live in :mod:`indexer.cli.options`."""

from __future__ import annotations

from . import indexing, parsing, searching, serving  # noqa: F401  (they register their commands)
from .app import EXIT_SKIPPED, main

__all__ = ["EXIT_SKIPPED", "main"]
