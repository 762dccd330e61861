"""Where yulu finds its bundled data and keeps its per-user files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import StorageError

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


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents readable and writable by the user alone
    (0700), whatever the umask; an existing directory is left as it is."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(folder)) from None
            continue
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
    return path


def cache_dir() -> Path:
    """The per-user cache (``$XDG_CACHE_HOME/yulu``), created private to the user. An
    unusable cache directory is one line naming it and the way out."""
    path = _xdg("XDG_CACHE_HOME", ".cache") / "yulu"
    hint = "make it writable or set XDG_CACHE_HOME to a writable folder"
    try:
        private_dir(path)
        if not os.access(path, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
    except OSError as exc:
        raise StorageError.from_os_error(exc, "cannot use the cache directory", hint) from None
    return path
