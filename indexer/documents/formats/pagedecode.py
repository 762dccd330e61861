"""A saved web page's bytes as text: a byte-order mark, the charset its ``<meta>``
declares, or UTF-8, GB18030 when UTF-8 fails; what was chosen is said in a note."""

from __future__ import annotations

import codecs
import re

from ...errors import CorpusFormatError
from ...records.quotes import Diagnostic

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _declared_charset(raw: bytes) -> tuple[str, str | None]:
    """The charset a ``<meta>`` declares, and the codec to read it with (or None)."""
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return "", None
    name = match.group(1).decode("ascii").lower()
    if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"):
        return name, "gb18030"  # the superset the others are read as
    try:
        return name, codecs.lookup(name).name
    except LookupError:
        return name, None


def decode(raw: bytes, name: str) -> tuple[str, str, list[Diagnostic]]:
    """A page's text: its byte-order mark's encoding, else the charset its ``<meta>``
    declares, else UTF-8, else GB18030 (with a warning)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec, []
            except UnicodeDecodeError:
                break
    notes: list[Diagnostic] = []
    said, declared = _declared_charset(raw)
    tried = [c for c in (declared, "utf-8", "gb18030") if c]
    for codec in dict.fromkeys(tried):
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec != tried[0] or (declared is None and codec == "gb18030"):
            why = f"declares {said} but is not" if declared else "is not UTF-8"
            notes.append(Diagnostic(name, 1, f"the page {why}; decoded it as {codec}"))
        return text, codec, notes
    raise CorpusFormatError(f"{name}: neither UTF-8 nor GB18030; save the page as UTF-8")
