"""Shared fixtures: the bundled corpus parsed once; hypothesis's profiles."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from indexer.documents.parser import parse_paths
from indexer.paths import bundled_corpus

#: The default run draws the same examples every time (a gate that fails only when the
#: code changes); ``HYPOTHESIS_PROFILE=explore`` draws new ones on each run.
settings.register_profile("gate", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))


@pytest.fixture(scope="session")
def seed():
    """The bundled corpus, parsed."""
    return parse_paths([bundled_corpus()])


@pytest.fixture(scope="session")
def seed_path():
    return next(bundled_corpus().glob("*.txt"))


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory):
    """An index of the bundled corpus, built once for the session."""
    from indexer.pipeline.build import build_index

    root = tmp_path_factory.mktemp("index")
    build_index(root)
    return root


@pytest.fixture(scope="session")
def seed_index(seed_index_dir):
    from indexer.search import QuoteIndex

    with QuoteIndex.open(seed_index_dir) as ix:
        yield ix


@pytest.fixture(scope="module")
def app(seed_index_dir):
    """The web app over the seed's index (the web tests' ``client`` asks it)."""
    from indexer.web.app import create_app

    app = create_app(seed_index_dir)
    yield app
    app.extensions["yulu"].close()


@pytest.fixture(scope="module")
def client(app):
    """Flask's test client of :func:`app`."""
    return app.test_client()


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real per-user data and cache directories."""
    home = tmp_path_factory.getbasetemp() / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("YULU_INDEX", raising=False)
