"""Shared fixtures: the bundled corpus parsed once."""

from __future__ import annotations

import pytest

from indexer.parser import parse_paths
from indexer.paths import bundled_corpus


@pytest.fixture(scope="session")
def seed():
    """The bundled corpus, parsed."""
    return parse_paths([bundled_corpus()])


@pytest.fixture(scope="session")
def seed_path():
    return next(bundled_corpus().glob("*.txt"))
