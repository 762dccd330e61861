"""Word documents (``.docx``), read with python-docx: the body's paragraphs in document
order, one ``Line`` each, numbered from 1 (empty paragraphs count, so the numbers are
the lines of Word's own "Save as plain text").

A paragraph's text is what Word shows: its runs and hyperlinks, tracked insertions but
not deletions, no hidden text, line breaks (Shift+Enter) as separate lines with the
paragraph's number, and automatic list numbering rendered as Word renders it
(``一、``, ``（一）``, ``1.``, bullets) in front of the text. Headings are known by
style (``Heading 1``…, ``标题 1``…, or an outline level) and get ``style="heading1"``…;
the ``Title`` style gives ``style="title"``. Tables are not read (a warning names
them); a table of contents is skipped (a warning says so); text boxes, headers,
footers, footnotes and comments are not part of the body and are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from ...errors import CorpusFormatError
from ...numerals import counting, spelled
from ...records.quotes import Diagnostic, Line
from . import Reading

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Largest uncompressed size of the parts of a .docx we read (a guard against zip bombs).
MAX_PART_BYTES = 256 * 1024 * 1024
#: Largest uncompressed size of its XML, which is parsed into trees many times its size
#: (a long book's document.xml is some tens of MB; 250 MB took minutes and gigabytes).
MAX_XML_BYTES = 64 * 1024 * 1024

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_NAME = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^(?:toc\s*\d|toc heading|目录\s*\d?|目录标题)$", re.IGNORECASE)
#: Subtrees whose text is not the paragraph's own: deletions, text boxes, fallbacks.
_SKIP = {W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback", W + "rPr", W + "pPr"}
_TEXT = {W + "t": None, W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}
#: Bullets Word draws from symbol fonts (private-use code points), as Unicode.
_SYMBOL_BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf06c": "●",
    "\uf06e": "■",
    "\uf075": "◆",
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
}


def _bullet(char: str) -> str:
    """A bullet character as Unicode (symbol-font bullets are private-use code points)."""
    if "\ue000" <= char <= "\uf8ff":
        return _SYMBOL_BULLETS.get(char, "•")
    return char


def _val(element, name: str) -> str | None:
    """The ``w:val`` of the child ``w:NAME`` of ``element``, if both exist."""
    if element is None:
        return None
    child = element.find(W + name)
    return None if child is None else child.get(W + "val")


# -- numbering -----------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%([1-9])")
_FORMATS_WITH_TABLES = {
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸",
    "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
    "decimalEnclosedCircle": "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳",
}


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """Word's letter numbering: a…z, then aa…zz, aaa…"""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Counter ``n`` in Word's number format ``fmt`` (``w:numFmt``)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return counting(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return counting(n, legal=True)
    if fmt == "ideographDigital":
        return spelled(n)
    if fmt in _FORMATS_WITH_TABLES:
        table = _FORMATS_WITH_TABLES[fmt]
        return table[n - 1] if 0 < n <= len(table) else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("decimalEnclosedParen", "decimalEnclosedFullstop"):
        return f"({n})" if fmt == "decimalEnclosedParen" else f"{n}."
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str | None = None
    start: int = 1
    legal: bool = False
    suffix: str = "tab"


@dataclass
class _List:
    """One list (an abstract numbering) with its counters, shared by its instances."""

    levels: dict[int, _Level] = field(default_factory=dict)
    counters: dict[int, int] = field(default_factory=dict)


class Numbering:
    """Renders Word's automatic numbering (``numbering.xml``) the way Word shows it:
    counters per list, deeper levels restarting when a higher one moves on."""

    def __init__(self, root) -> None:
        self._lists: dict[str, _List] = {}
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}
        self._started: set[tuple[str, int]] = set()
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                levels[_int(lvl.get(W + "ilvl"), 0)] = _Level(
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText"),
                    start=_int(_val(lvl, "start"), 1),
                    legal=lvl.find(W + "isLgl") is not None,
                    suffix=_val(lvl, "suff") or "tab",
                )
            self._lists[abstract.get(W + "abstractNumId", "")] = _List(levels)
        for num in root.iter(W + "num"):
            overrides = {
                _int(o.get(W + "ilvl"), 0): _int(_val(o, "startOverride"), 1)
                for o in num.iter(W + "lvlOverride")
                if o.find(W + "startOverride") is not None
            }
            abstract_id = _val(num, "abstractNumId") or ""
            self._instances[num.get(W + "numId", "")] = (abstract_id, overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list instance ``num_id`` at level ``ilvl`` (``""`` if none)."""
        if num_id not in self._instances:
            return ""
        abstract_id, overrides = self._instances[num_id]
        lst = self._lists.get(abstract_id)
        if lst is None or ilvl not in lst.levels:
            return ""
        level = lst.levels[ilvl]
        if ilvl in overrides and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            lst.counters[ilvl] = overrides[ilvl]
        else:
            lst.counters[ilvl] = lst.counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in lst.counters if k > ilvl]:
            del lst.counters[deeper]
        if level.text is None:
            return ""
        if level.fmt == "bullet":
            text = "".join(_bullet(c) for c in level.text)
        else:
            text = _PLACEHOLDER.sub(lambda m: self._number(lst, int(m[1]) - 1, level), level.text)
        if not text or level.suffix == "nothing" or not text[-1].isascii():
            return text
        return text + " "

    @staticmethod
    def _number(lst: _List, ilvl: int, current: _Level) -> str:
        level = lst.levels.get(ilvl, _Level())
        n = lst.counters.get(ilvl, level.start)
        return format_number(n, "decimal" if current.legal else level.fmt)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


# -- styles --------------------------------------------------------------------------


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int | None = None


class Styles:
    """Paragraph styles: which are headings (by name or outline level), the title, the
    table of contents, and the list numbering a style carries."""

    def __init__(self, root) -> None:
        self._styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iter(W + "style"):
            if style.get(W + "type") != "paragraph":
                continue
            sid = style.get(W + "styleId", "")
            ppr = style.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            self._styles[sid] = _Style(
                name=(_val(style, "name") or sid).strip(),
                based_on=_val(style, "basedOn"),
                outline=_opt_int(_val(ppr, "outlineLvl")),
                num_id=_val(numpr, "numId"),
                ilvl=_opt_int(_val(numpr, "ilvl")),
            )
            if style.get(W + "default") in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None) -> list[_Style]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        found: list[_Style] = []
        seen: set[str] = set()
        sid = sid or self.default
        while sid and sid in self._styles and sid not in seen and len(found) < 32:
            seen.add(sid)
            found.append(self._styles[sid])
            sid = found[-1].based_on
        return found

    def role(self, sid: str | None, outline: int | None) -> str:
        """``headingN``, ``title``, ``toc`` or ``""`` for a paragraph of style ``sid``
        with outline level ``outline`` (its own, if it has one)."""
        chain = self.chain(sid)
        for style in chain:
            if _TOC_NAME.match(style.name):
                return "toc"
            if _TITLE_NAME.match(style.name):
                return "title"
            heading = _HEADING_NAME.match(style.name)
            if heading:
                return f"heading{min(max(int(heading[1]), 1), 6)}"
        if outline is None:
            outline = next((s.outline for s in chain if s.outline is not None), None)
        if outline is not None and 0 <= outline < 9:  # 9 is body text
            return f"heading{min(outline + 1, 6)}"
        return ""

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        for style in self.chain(sid):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None


def _opt_int(text: str | None) -> int | None:
    return _int(text, -1) if text is not None else None


# -- paragraphs ----------------------------------------------------------------------


def _hidden(run) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    vanish = rpr.find(W + "vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off")


def _on(element) -> bool:
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


def _all_bold(p) -> bool:
    """Whether every run of paragraph ``p`` that shows text is bold."""
    shown = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
    return (
        bool(shown) and all(_on(r.find(f"{W}rPr/{W}b")) for r in shown[:200]) and len(shown) <= 200
    )


def paragraph_text(p) -> str:
    """What Word shows of paragraph ``p``: text, tabs, line breaks (``\\n``)."""
    out: list[str] = []
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "r" and _hidden(el):
            continue
        if tag in _TEXT:
            fixed = _TEXT[tag]
            out.append((el.text or "") if fixed is None else fixed)
        elif tag == W + "br":
            out.append("\n" if el.get(W + "type", "textWrapping") == "textWrapping" else "")
        else:
            stack.extend(reversed(el))
    return "".join(out)


@dataclass
class _Body:
    """What reading the body found, besides lines."""

    lines: list[Line] = field(default_factory=list)
    number: int = 0
    tables: int = 0
    table_paragraphs: int = 0
    first_table: int = 0
    toc: list[int] = field(default_factory=list)


def _is_toc_block(sdt) -> bool:
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(W + "val") or "").lower()


def _read_body(body, styles: Styles, numbering: Numbering) -> _Body:
    found = _Body()
    stack: list[tuple[object, bool]] = [(child, False) for child in reversed(body)]
    while stack:
        el, in_toc = stack.pop()
        tag = getattr(el, "tag", None)
        if tag == W + "p":
            found.number += 1
            ppr = el.find(W + "pPr")
            sid = _val(ppr, "pStyle")
            role = styles.role(sid, _opt_int(_val(ppr, "outlineLvl")))
            if in_toc or role == "toc":
                found.toc.append(found.number)
                continue
            text = paragraph_text(el)
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            num_id, ilvl = _val(numpr, "numId"), _opt_int(_val(numpr, "ilvl"))
            if num_id is None:
                num_id, style_ilvl = styles.numbering(sid)
                ilvl = ilvl if ilvl is not None else style_ilvl
            if num_id not in (None, "0"):
                label = numbering.label(num_id, ilvl or 0)  # counts even when empty
                text = label + text if text.strip() else text
            if not role and _all_bold(el):
                role = "bold"  # a paragraph set in bold: a heading or a title, maybe
            for piece in text.split("\n"):
                found.lines.append(Line(found.number, piece, role if piece.strip() else ""))
        elif tag == W + "tbl":
            found.tables += 1
            found.first_table = found.first_table or found.number + 1
            found.table_paragraphs += sum(1 for p in el.iter(W + "p") if paragraph_text(p).strip())
        elif tag in (W + "sdt", W + "customXml", W + "sdtContent"):
            toc = in_toc or (tag == W + "sdt" and _is_toc_block(el))
            inner = el.find(W + "sdtContent") if tag == W + "sdt" else el
            if inner is not None:
                stack.extend((child, toc) for child in reversed(inner))
    return found


def _check_size(raw: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            xml = sum(
                info.file_size
                for info in archive.infolist()
                if info.filename.lower().endswith((".xml", ".rels"))
            )
    except zipfile.BadZipFile:
        hint = " (a Word 97–2003 .doc?)" if raw.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise CorpusFormatError(
            f"{name}: not a .docx file{hint}; open it in Word and save it as .docx"
        ) from None
    if total > MAX_PART_BYTES:
        raise CorpusFormatError(
            f"{name}: unpacks to {total // 2**20} MB, more than the "
            f"{MAX_PART_BYTES // 2**20} MB yulu reads from a .docx"
        )
    if xml > MAX_XML_BYTES:
        raise CorpusFormatError(
            f"{name}: unpacks to {xml // 2**20} MB of XML, more than the "
            f"{MAX_XML_BYTES // 2**20} MB yulu reads from a .docx; split the document"
        )


def _part(document, reltype: str):
    try:
        return document.part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


def read(raw: bytes, name: str) -> Reading:
    """A Word document's paragraphs as lines."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    _check_size(raw, name)
    try:
        document = docx.Document(io.BytesIO(raw))
        root = getattr(document.element, "body", None)
        if root is None:  # e.g. "Strict Open XML", whose namespaces python-docx does not read
            raise ValueError("no document body in the Word namespace")
        styles = Styles(_part(document, RT.STYLES))
        numbering = Numbering(_part(document, RT.NUMBERING))
        body = _read_body(root, styles, numbering)
    except (PackageNotFoundError, LxmlError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorpusFormatError(
            f"{name}: cannot read this .docx ({why}); open it in Word and save it again "
            "as a Word Document (.docx)"
        ) from None
    notes: list[Diagnostic] = []
    if body.tables:
        tables = f"{body.tables} table{'s' if body.tables != 1 else ''}"
        notes.append(
            Diagnostic(
                name,
                body.first_table,
                f"{tables} not read (tables' text is ignored; the first is before "
                f"paragraph {body.first_table}); move quotes out of tables to read them",
                body.table_paragraphs,
            )
        )
    if body.toc:
        first, last = body.toc[0], body.toc[-1]
        notes.append(
            Diagnostic(
                name,
                first,
                f"table of contents skipped (paragraphs {first}–{last}); the headings it "
                "lists are read where they stand",
            )
        )
    return Reading(tuple(body.lines), "utf-8", notes)
