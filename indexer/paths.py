"""Where yulu finds its bundled data and keeps its per-user files."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
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


def data_home() -> Path:
    """The per-user data directory (``$XDG_DATA_HOME/yulu``)."""
    return _xdg("XDG_DATA_HOME", ".local/share") / "yulu"


#: Where ``yulu index PATHS`` (without ``--index-dir``) records the corpus it indexed,
#: which later commands then search by default.
DEFAULT_CORPUS = "default-corpus.json"


def index_dir_for(corpus: Sequence[Path] | None) -> Path:
    """The default index of a corpus (default: the bundled one) for this release of
    yulu: ``$XDG_DATA_HOME/yulu/indexes/NAME-VERSION-DIGEST``, the digest over the
    resolved paths and the release. Installations with their own bundled corpus, or
    another release, never share one."""
    from . import __version__

    bundled = str(bundled_corpus().resolve())
    paths = sorted(str(Path(p).resolve()) for p in corpus or [])
    paths = [] if paths == [bundled] else paths
    hashed = paths or [bundled]
    digest = hashlib.sha256("\n".join([__version__, *hashed]).encode()).hexdigest()[:12]
    name = re.sub(r"[^\w.-]+", "_", Path(paths[0]).name)[:40] if paths else "bundled"
    return data_home() / "indexes" / f"{name}-{__version__}-{digest}"


def default_sources() -> list[Path] | None:
    """The corpus the last ``yulu index PATHS`` without ``--index-dir`` named, while
    all of it is there; else None (the bundled corpus)."""
    try:
        data = json.loads((data_home() / DEFAULT_CORPUS).read_text(encoding="utf-8"))
        paths = [Path(p) for p in data["corpus"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return paths if paths and all(p.exists() for p in paths) else None


def remember_sources(corpus: Sequence[Path] | None) -> None:
    """Make ``corpus`` (None: the bundled one) what commands search by default."""
    home = private_dir(data_home())
    target = home / DEFAULT_CORPUS
    bundled = bundled_corpus().resolve()
    if not corpus or [Path(p).resolve() for p in corpus] == [bundled]:
        target.unlink(missing_ok=True)
        return
    text = json.dumps({"corpus": [str(Path(p).resolve()) for p in corpus]}, ensure_ascii=False)
    temporary = home / f".{DEFAULT_CORPUS}.{os.getpid()}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text + "\n")
    os.chmod(temporary, 0o600)  # the mode given to open is masked by the umask
    os.replace(temporary, target)


def default_index_dir() -> Path:
    """The index commands use without ``--index-dir``: that of the corpus ``yulu index
    PATHS`` last named, else the bundled corpus's (see :func:`index_dir_for`)."""
    return index_dir_for(default_sources())


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
    unusable cache directory is one line naming it and the way out. One that another
    user owns or could write to (a planted dictionary would change what searches find)
    is not used: a private temporary one is, for this process, with a warning."""
    path = _xdg("XDG_CACHE_HOME", ".cache") / "yulu"
    hint = "make it writable or set XDG_CACHE_HOME to a writable folder"
    try:
        private_dir(path)
        problem = _not_private(path)
        if problem:
            return _fallback_cache(path, problem)
        if not os.access(path, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
    except OSError as exc:
        raise StorageError.from_os_error(exc, "cannot use the cache directory", hint) from None
    return path


def _not_private(path: Path) -> str | None:
    """Why another user could put files in ``path`` (a directory), or None."""
    info = os.stat(path)
    if info.st_uid not in (os.geteuid(), 0):
        return f"it is owned by uid {info.st_uid}, not by you"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"it is writable by other users (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


#: Private cache directories used in place of untrusted ones, for this process.
_FALLBACKS: dict[Path, Path] = {}


def _fallback_cache(path: Path, problem: str) -> Path:
    """A private temporary directory (created 0700 under a fresh name, so no one can
    have prepared it; removed at exit) in place of ``path``, said once."""
    if path not in _FALLBACKS:
        import atexit
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="yulu-cache-"))
        atexit.register(shutil.rmtree, folder, True)
        _FALLBACKS[path] = folder
        sys.stderr.write(
            f"yulu: warning: not using the cache directory {path}: {problem}; using a "
            f"private one for this run (make it yours alone, or set XDG_CACHE_HOME to a "
            f"folder of your own)\n"
        )
    return _FALLBACKS[path]
