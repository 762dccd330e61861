"""Where yulu finds its bundled data and keeps its per-user files."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """A folder shipped inside the package (``indexer/bundled/NAME``), or the
    repository's own ``NAME/`` in a source checkout or an editable install."""
    inside = _PACKAGE / "bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def data_dir() -> Path:
    """The bundled gazetteer and dictionary files."""
    return _PACKAGE / "data"


def bundled_corpus() -> Path:
    """The corpus that ships with yulu."""
    return _bundled("corpus")


def schema_file() -> Path:
    """The declaration of the index fields."""
    return _bundled("schema") / "quotes.toml"


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value and Path(value).is_absolute() else Path.home() / fallback


def default_index_dir() -> Path:
    """The per-user index location (``$XDG_DATA_HOME/yulu/index``)."""
    return _xdg("XDG_DATA_HOME", ".local/share") / "yulu" / "index"


def cache_dir() -> Path:
    """The per-user cache (``$XDG_CACHE_HOME/yulu``), created private to the user."""
    path = _xdg("XDG_CACHE_HOME", ".cache") / "yulu"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
