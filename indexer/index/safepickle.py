"""No pickle from disk is loaded unchecked: Whoosh's table of contents.

Whoosh keeps an index's table of contents (``_MAIN_<n>.toc``) as two pickles: the
schema, which Whoosh skips unread when it is given one (yulu always gives its own), and
the list of segments, which it loads. Loading a pickle calls whatever it names, so
whoever can write one runs code as whoever opens the index; the manifest's checksums do
not stop them (they can be recomputed: there is no secret). Before Whoosh opens an
index, yulu reads each table of contents and walks its segments' pickle with
:func:`pickletools.genops`, which decodes and runs nothing, and accepts only references
to Whoosh's own field, format, column, analysis and codec classes, yulu's analysis and
schema classes, and a few builtins (:data:`EXTRA`); anything else (``os.system``,
``builtins.eval``, a reference it cannot resolve without running the pickle, an
extension code, a persistent id) is refused in one line. (yulu keeps no Whoosh stored
field, which Whoosh would pickle: records are columns of bytes. Whoosh's posting
blocks are pickles of numbers inside its segments, guarded by the ownership and
permission checks of :mod:`indexer.index.trust` alone.)"""

from __future__ import annotations

import importlib
import io
import pickletools
import struct
from pathlib import Path

from ..errors import IndexUntrusted

#: Modules whose classes (defined there, not names they import) a pickle may name.
CLASS_MODULES = frozenset(
    {
        "whoosh.fields",
        "whoosh.formats",
        "whoosh.columns",
        "whoosh.codec.whoosh3",
        "whoosh.analysis.acore",
        "whoosh.analysis.analyzers",
        "whoosh.analysis.filters",
        "whoosh.analysis.intraword",
        "whoosh.analysis.morph",
        "whoosh.analysis.ngrams",
        "whoosh.analysis.tokenizers",
        "indexer.analysis.tokenizers",
        "indexer.index.schema",
    }
)
#: Other names a table of contents uses (found by scanning real ones): types, and the
#: regular expression compiler Whoosh's tokenizers pickle their patterns with.
EXTRA = frozenset(
    {
        ("builtins", "int"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
        ("builtins", "object"),
        ("__builtin__", "long"),
        ("__builtin__", "int"),
        ("__builtin__", "set"),
        ("__builtin__", "frozenset"),
        ("__builtin__", "object"),
        ("collections", "defaultdict"),
        ("collections", "OrderedDict"),
        ("copy_reg", "_reconstructor"),
        ("copyreg", "_reconstructor"),
        ("re", "_compile"),
    }
)
#: Opcodes that name something to call other than through GLOBAL/STACK_GLOBAL/INST.
_REFUSED = {"EXT1", "EXT2", "EXT4", "PERSID", "BINPERSID"}
_STRINGS = {"SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE", "STRING",
            "BINSTRING", "SHORT_BINSTRING"}  # fmt: skip
_MEMO_PUT = {"PUT", "BINPUT", "LONG_BINPUT"}
_MEMO_GET = {"GET", "BINGET", "LONG_BINGET"}
_QUIET = {"MEMOIZE", "FRAME", "PROTO", *_MEMO_PUT}  # neither push nor pop


class UnsafePickle(Exception):
    """A pickle that names something outside the allow-list (the message says what)."""


def allowed(module: str, name: str) -> bool:
    """Whether a pickle may name ``module.name``."""
    if (module, name) in EXTRA:
        return True
    if module not in CLASS_MODULES or not name.isidentifier():
        return False
    found = getattr(importlib.import_module(module), name, None)
    return isinstance(found, type) and found.__module__ == module


def check_pickle(data: bytes) -> None:
    """Raise :class:`UnsafePickle` unless every global the pickle names is allowed.
    ``STACK_GLOBAL`` must take its two names from the two pushes right before it
    (strings, or memo entries known to be strings), as the pickler writes them."""
    memo: dict[int, str | None] = {}
    pushed: list[tuple[str, object]] = []  # the ops since the last pop, memo ops aside
    try:
        for op, arg, _ in pickletools.genops(data):
            name = op.name
            if name in _REFUSED:
                raise UnsafePickle(f"uses the opcode {name}, which yulu never writes")
            if name in ("GLOBAL", "INST"):
                module, _, attr = str(arg).partition(" ")
                _check(module, attr)
            elif name == "STACK_GLOBAL":
                if len(pushed) < 2 or not all(isinstance(v, str) for _, v in pushed[-2:]):
                    raise UnsafePickle("names a global it computes only when run")
                _check(str(pushed[-2][1]), str(pushed[-1][1]))
            if name == "MEMOIZE":
                memo[len(memo)] = _top(pushed)
            elif name in _MEMO_PUT:
                memo[int(arg)] = _top(pushed)
            elif name in _MEMO_GET:
                pushed.append((name, memo.get(int(arg))))
            elif name in _STRINGS:
                pushed.append((name, arg if isinstance(arg, str) else None))
            elif name not in _QUIET:
                pushed.append((name, None))  # anything else: its value unknown here
    except ValueError as exc:  # genops: not a pickle
        raise UnsafePickle(f"is unreadable ({exc})") from None


def _top(pushed: list[tuple[str, object]]) -> str | None:
    value = pushed[-1][1] if pushed else None
    return value if isinstance(value, str) else None


def _check(module: str, name: str) -> None:
    if not allowed(module, name):
        raise UnsafePickle(f"names {module}.{name}, which is not one of Whoosh's or yulu's classes")


def segments_pickle(data: bytes) -> bytes:
    """The segments' pickle of a Whoosh table of contents (format -111): the rest of
    the file after the header, the schema and the generation. :class:`UnsafePickle`
    for another layout."""
    stream = io.BytesIO(data)
    try:
        for _ in range(3):
            _varint(stream)
        marker, version = struct.unpack(">ii", _exactly(stream, 8))
        if marker != -12345 or version != -111:
            raise UnsafePickle(f"is a table of contents of another format ({version})")
        for _ in range(3):
            _varint(stream)
        _exactly(stream, _varint(stream))  # the schema: never loaded (see above)
        _exactly(stream, 8)  # the generation, and an unused int
    except (struct.error, EOFError):
        raise UnsafePickle("is unreadable (cut short)") from None
    return stream.read()


def _exactly(stream: io.BytesIO, count: int) -> bytes:
    data = stream.read(count)
    if len(data) != count:
        raise EOFError
    return data


def _varint(stream: io.BytesIO) -> int:
    """Whoosh's variable-length integer (7 bits a byte, low first)."""
    value = shift = 0
    while True:
        byte = _exactly(stream, 1)[0]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value
        shift += 7
        if shift > 63:
            raise EOFError


def unsafe_tables_of_contents(generation: Path) -> list[str]:
    """The tables of contents of ``generation`` whose segments' pickle names anything
    outside the allow-list, one line each (empty: none)."""
    problems = []
    for path in sorted(generation.glob("*.toc")):
        try:
            check_pickle(segments_pickle(path.read_bytes()))
        except UnsafePickle as exc:
            problems.append(f"{path.name}: holds a pickle that {exc}")
    return problems


def check_tables_of_contents(root: Path, generation: Path, fix: str) -> None:
    """Raise :class:`~indexer.errors.IndexUntrusted` unless every table of contents of
    ``generation`` holds a segments' pickle that names only allowed classes: before
    Whoosh opens it. ``fix``: the command that rebuilds the index."""
    problems = unsafe_tables_of_contents(generation)
    if problems:
        raise IndexUntrusted(
            f"refusing to open the index at {root}: {'; '.join(problems)}; nothing was "
            f"loaded (loading it would run it); rebuild the index from sources you "
            f"trust: {fix}"
        )
